import { accountOfArn, parseAssumedRoleArn } from '../model/arn.js';
import { StsCallError } from '../model/errors.js';
import type { HopPlan } from '../plan/plan-run.js';
import type { MaskSecret, SourceCredentials } from '../sources/types.js';
import type {
  AssumeRoleRequest,
  AwsCredentials,
  CallerIdentity,
  StsGateway,
} from '../aws/sts-gateway.js';
import type { Retrier } from '../aws/retry.js';
import type { MfaParams } from '../plan/mfa-rules.js';

/** What one hop produced (never the credentials themselves, which stay on the session). */
export interface HopResult {
  readonly hop: HopPlan;
  readonly roleArn: string;
  readonly accountId: string;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  readonly expiration: Date;
  readonly sourceIdentity: string | undefined;
}

/** The ports every STS call goes through: the gateway, the retry policy, masking and logs. */
export interface CallDeps {
  readonly gateway: StsGateway;
  readonly mask: MaskSecret;
  /** Runs a call with the retry policy; `label` names it in retry logs. */
  readonly retry: Retrier;
  readonly info: (message: string) => void;
  readonly debug: (message: string) => void;
  readonly now: () => Date;
  readonly attemptTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** What a hop needs beyond the calls: account masking and the MFA code rules. */
export interface HopDeps extends CallDeps {
  readonly maskAccount: (accountId: string | undefined) => void;
  /** The MFA parameters for a first hop, or undefined when an MFA session already signs it. */
  readonly sendMfa: (previousError: unknown) => MfaParams | undefined;
}

/** Assumes one hop's role, retried; the credentials are masked before anything else runs. */
export async function assumeHop(
  hop: HopPlan,
  roleArn: string,
  source: SourceCredentials,
  caller: AwsCredentials | undefined,
  deps: HopDeps,
): Promise<{ credentials: AwsCredentials; result: HopResult }> {
  const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
  const common = {
    roleArn,
    sessionName: hop.sessionName,
    durationSeconds: hop.durationSeconds,
    inlineSessionPolicy: hop.inlineSessionPolicy,
    managedSessionPolicies: hop.managedSessionPolicies,
  };
  const assumed = await deps.retry(
    `${hop.operation} ${roleArn}`,
    async (attempt, previousError) => {
      if (hop.operation === 'AssumeRoleWithWebIdentity') {
        if (source.kind !== 'web-identity')
          throw new Error('AssumeRoleWithWebIdentity needs a web identity source');
        // A retry after a token complaint gets a fresh token: the first may have expired meanwhile.
        const fresh = previousError instanceof StsCallError && /Token/.test(previousError.code);
        const webIdentityToken = await source.token(fresh);
        deps.debug(
          `${hop.operation} ${roleArn} session=${hop.sessionName} duration=${hop.durationSeconds} attempt=${attempt}`,
        );
        return deps.gateway.assumeRoleWithWebIdentity({ ...common, webIdentityToken }, options);
      }
      const request: AssumeRoleRequest = {
        ...common,
        externalId: hop.externalId,
        tags: hop.tags,
        transitiveTagKeys: hop.transitiveTagKeys,
        sourceIdentity: hop.sourceIdentity,
        mfa: hop.usesMfa ? deps.sendMfa(previousError) : undefined,
      };
      deps.debug(
        `${hop.operation} ${roleArn} session=${hop.sessionName} duration=${hop.durationSeconds} tags=${hop.tags.length} attempt=${attempt}`,
      );
      if (caller === undefined) throw new Error('AssumeRole needs AWS credentials');
      return deps.gateway.assumeRole(request, caller, options);
    },
  );
  // Mask first: nothing below may run before the runner knows these values are secret.
  maskCredentials(assumed.credentials, deps.mask);
  const parsed = parseAssumedRoleArn(assumed.assumedRoleArn);
  deps.maskAccount(parsed?.accountId);
  deps.maskAccount(accountOfArn(roleArn));
  return {
    credentials: assumed.credentials,
    result: {
      hop,
      roleArn,
      accountId: parsed?.accountId ?? accountOfArn(roleArn) ?? '',
      assumedRoleArn: assumed.assumedRoleArn,
      assumedRoleId: assumed.assumedRoleId,
      expiration: assumed.credentials.expiration,
      sourceIdentity: assumed.sourceIdentity ?? hop.sourceIdentity,
    },
  };
}

/** The shortest session GetSessionToken issues; it only has to outlive the first hops. */
const MFA_SESSION_SECONDS = 900;

/** A GetSessionToken session with the MFA code (sent once), masked on arrival. */
export async function mfaSession(
  caller: AwsCredentials,
  deps: CallDeps,
  sendMfa: (previousError: unknown) => MfaParams | undefined,
): Promise<AwsCredentials> {
  const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
  const credentials = await deps.retry('GetSessionToken', async (_attempt, previousError) => {
    const mfa = sendMfa(previousError);
    if (mfa === undefined) throw new Error('GetSessionToken needs an MFA device');
    return deps.gateway.getSessionToken(
      { durationSeconds: MFA_SESSION_SECONDS, mfa },
      caller,
      options,
    );
  });
  maskCredentials(credentials, deps.mask);
  return credentials;
}

/** The identity of stored AWS credentials (GetCallerIdentity), retried. */
export async function callerIdentity(
  source: SourceCredentials,
  deps: CallDeps,
): Promise<CallerIdentity> {
  if (source.kind !== 'aws') throw new Error('a web identity has no caller identity');
  const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
  return deps.retry('GetCallerIdentity', () =>
    deps.gateway.getCallerIdentity(source.credentials, options),
  );
}

/** Registers every part of a credential set as secret. */
export function maskCredentials(credentials: AwsCredentials, mask: MaskSecret): void {
  mask(credentials.accessKeyId);
  mask(credentials.secretAccessKey);
  if (credentials.sessionToken) mask(credentials.sessionToken);
}
