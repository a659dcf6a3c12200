import { proxySecrets } from '../config/proxy-url.js';
import { assumedRoleMismatch } from '../model/assumed-role-check.js';
import { OidcTokenError, StsCallError, messageOf } from '../model/errors.js';
import { SecretRegistry } from '../model/secret-registry.js';
import { logSafeLine } from '../model/log-safe-line.js';
import { TransportError } from '../aws/http-transport.js';
import { describePinnedEndpoint, type PinnedNetwork } from '../aws/network-pin.js';
import type { WalkedSession } from '../execute/walk-session.js';
import type { RefreshSpec } from '../publish/refresh-spec.js';
import type { Env } from '../model/env.js';

/** A refreshed session that is not the spec's: nothing of it is cached or printed. */
export class RefreshRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefreshRefusedError';
  }
}

/**
 * Refuses a session whose hops are not the spec's roles in the spec's accounts (an endpoint
 * that is LocalStack or MinIO, or another account's STS, answering for another role). This
 * catches a mix-up, not a hostile endpoint, which can answer with any ARN: pinning the endpoint
 * (network-pin.ts) is what keeps the token from one.
 */
export function checkRefreshedSession(
  spec: RefreshSpec,
  pin: PinnedNetwork,
  session: WalkedSession,
): void {
  for (const hop of session.hops) {
    const mismatch = assumedRoleMismatch(hop.roleArn, hop.assumedRoleArn);
    if (mismatch === undefined) continue;
    throw new RefreshRefusedError(
      `refused the credentials for ${hop.roleArn} (hop ${hop.hop.number} of ${hop.hop.count}): ` +
        `the STS at ${describePinnedEndpoint(pin, spec.region)} answered with a session of ` +
        `${hop.assumedRoleArn} (${mismatch}); nothing was cached. ` +
        'Check that this endpoint is the STS the main step used.',
    );
  }
}

/**
 * Every secret the helper can meet, for scrubbing its stderr (which AWS clients copy into the
 * job log, where nothing masks the helper's own values): the runner's request token, external
 * IDs, proxy and endpoint passwords; tokens and credentials are added as they arrive.
 */
export function helperSecrets(spec: RefreshSpec, pin: PinnedNetwork, env: Env): SecretRegistry {
  const secrets = new SecretRegistry(() => undefined);
  secrets.add(env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']);
  spec.hops.forEach((hop) => secrets.add(hop.externalId));
  Object.values(pin.proxyEnv).forEach((value) => proxySecrets(value).forEach(secrets.add));
  if (pin.endpoint !== 'sdk-default') proxySecrets(pin.endpoint.url).forEach(secrets.add);
  return secrets;
}

/** What failed in an attempt, short: an STS code, an HTTP status, a transport fault. */
export function attemptFailure(error: unknown): string {
  if (error instanceof StsCallError)
    return error.status > 0 ? `${error.code} (HTTP ${error.status})` : error.code;
  if (error instanceof OidcTokenError)
    return error.status === undefined ? error.message : `HTTP ${error.status}`;
  if (error instanceof TransportError) return error.code;
  return messageOf(error);
}

/**
 * One stderr line of the helper, scrubbed of every known secret. AWS clients show the helper's
 * stderr (the AWS CLI and boto3 when it fails, the JS SDK in its error), so each line says who
 * speaks and for which profile.
 */
export function helperLine(secrets: SecretRegistry, profile: string, text: string): string {
  const line = `aws-deploy-role (profile '${profile}'): ${text}`;
  // Text from STS (error messages, an assumed-role ARN) must not become a workflow command when a
  // client shows this line in a step's log.
  return logSafeLine(secrets.redact(line.replace(/\s*[\r\n]+\s*/g, ' ').trim()));
}
