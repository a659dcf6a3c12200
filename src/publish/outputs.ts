import { OUTPUT } from '../config/input-names.js';
import type { SessionResult } from '../execute.js';
import type { Runner } from './runner.js';

/** The value of each planned output for a session; undefined skips it (no expiry, no token). */
function outputValue(name: string, session: SessionResult): string | undefined {
  switch (name) {
    case OUTPUT.accountId:
      return session.accountId;
    case OUTPUT.assumedRoleArn:
      return session.arn;
    case OUTPUT.expiration:
      return session.expiration?.toISOString();
    case OUTPUT.sessionChain:
      return JSON.stringify(
        session.hops.map((hop) => ({
          roleArn: hop.roleArn,
          accountId: hop.accountId,
          sessionName: hop.hop.sessionName,
          assumedRoleArn: hop.assumedRoleArn,
          assumedRoleId: hop.assumedRoleId,
          sourceIdentity: hop.sourceIdentity,
          expiration: hop.expiration.toISOString(),
        })),
      );
    case OUTPUT.accessKeyId:
      return session.credentials.accessKeyId;
    case OUTPUT.secretAccessKey:
      return session.credentials.secretAccessKey;
    case OUTPUT.sessionToken:
      return session.credentials.sessionToken || undefined;
    default:
      return undefined;
  }
}

/** Sets the planned outputs from the session they describe. */
export function setOutputs(names: readonly string[], session: SessionResult, runner: Runner): void {
  for (const name of names) {
    const value = outputValue(name, session);
    if (value !== undefined) runner.setOutput(name, value);
  }
}
