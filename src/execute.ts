import {
  accountOfArn,
  describeRole,
  parseAssumedRoleArn,
  resolveRoleArn,
  type Partition,
} from './model/arn.js';
import { HopError, StsCallError } from './model/errors.js';
import { checkAllowedAccount, checkEnvironmentClaim } from './plan/guards.js';
import { claimString } from './model/jwt-claims.js';
import type { HopPlan, Plan, SessionPlan } from './plan/plan-run.js';
import type { CredentialSource, MaskSecret, SourceCredentials } from './sources/types.js';
import type {
  AssumeRoleRequest,
  AwsCredentials,
  CallerIdentity,
  StsGateway,
} from './aws/sts-gateway.js';
import type { Retrier } from './aws/retry.js';
import { type MfaParams, mfaSender } from './plan/mfa-rules.js';

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

/** The final credentials of one session and how they were reached. */
export interface SessionResult {
  readonly session: SessionPlan;
  readonly credentials: AwsCredentials;
  readonly accountId: string;
  /** The assumed-role ARN, or the caller's ARN for stored keys used as they are. */
  readonly arn: string;
  readonly expiration: Date | undefined;
  readonly hops: readonly HopResult[];
}

/** Everything a successful run obtained. */
export interface RunResult {
  readonly sourceKind: Plan['source']['kind'];
  readonly sourceDescription: string;
  readonly sessions: readonly SessionResult[];
}

interface HopDeps extends ExecuteDeps {
  readonly maskAccount: (accountId: string | undefined) => void;
  /** The MFA parameters for a first hop, or undefined when an MFA session already signs it. */
  readonly sendMfa: (previousError: unknown) => MfaParams | undefined;
  /** Credentials that sign each session's first AssumeRole instead of the source's (MFA session). */
  readonly firstHopCaller: AwsCredentials | undefined;
}

/** Runs a call with the plan's retry policy; `label` names it in retry logs. */

export interface ExecuteDeps {
  readonly gateway: StsGateway;
  readonly source: CredentialSource;
  readonly mask: MaskSecret;
  readonly retry: Retrier;
  readonly info: (message: string) => void;
  readonly debug: (message: string) => void;
  readonly now: () => Date;
  readonly attemptTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * How often special-characters-workaround may re-issue credentials before giving up (42
 * sessions in all). A secret key is 40 characters of base64 (64 symbols, 2 of them `+` and
 * `/`), so one session is plain with probability p = (62/64)^40 ≈ 0.2808; n sessions all fail
 * with (1 - p)^n, which is below one in a million from n = ceil(ln 1e-6 / ln(1 - p)) =
 * ceil(41.9) = 42 on ((1 - p)^42 ≈ 9.7e-7). Expected sessions: 1/p ≈ 3.6; the loop stays bounded.
 */
export const SPECIAL_CHARACTER_REISSUES = 41;

/** Obtains the source credentials, then walks every session's hops. Exports nothing. */
export async function executePlan(plan: Plan, deps: ExecuteDeps): Promise<RunResult> {
  const source = await deps.source.obtain();
  if (source.kind === 'aws') maskCredentials(source.credentials, deps.mask);
  if (source.kind === 'web-identity')
    checkEnvironmentClaim(plan, claimString(source.claims, 'environment'));
  deps.info(`Source credentials: ${source.description}`);
  // Accounts learnt at run time (the caller's, assumed roles') are masked on arrival, before
  // any line that could contain them, when mask-aws-account-id asks for it.
  const maskAccount = (accountId: string | undefined): void => {
    if (plan.output.maskAccountId && accountId) deps.mask(accountId);
  };
  const caller = memoize(async () => {
    const identity = await callerIdentity(source, deps);
    maskAccount(identity.account);
    return identity;
  });
  // AWS accepts an MFA code once: every use goes through sendMfa, which refuses a repeat.
  const sendMfa = mfaSender(plan.mfa, deps.now, deps.mask);
  let hopDeps: HopDeps = { ...deps, maskAccount, sendMfa, firstHopCaller: undefined };
  const mfaSessions = plan.sessions.filter((s) => s.hops[0]?.usesMfa).length;
  if (mfaSessions > 1 && source.kind === 'aws') {
    // Several sessions start with an MFA hop: one MFA session (GetSessionToken with the code)
    // signs each session's first AssumeRole, so the code is sent once, not once per session.
    const mfaCredentials = await mfaSession(source.credentials, deps, sendMfa);
    deps.info(
      `MFA: one GetSessionToken session signs the first role of ${mfaSessions} sessions; the code is sent once`,
    );
    hopDeps = { ...hopDeps, sendMfa: () => undefined, firstHopCaller: mfaCredentials };
  }
  const sessions = await Promise.all(
    plan.sessions.map((session) => runSession(plan, session, source, caller, hopDeps)),
  );
  return {
    sourceKind: plan.source.kind,
    sourceDescription: source.description,
    sessions,
  };
}

async function runSession(
  plan: Plan,
  session: SessionPlan,
  source: SourceCredentials,
  caller: () => Promise<CallerIdentity>,
  deps: HopDeps,
): Promise<SessionResult> {
  if (session.hops.length === 0) {
    if (source.kind !== 'aws') throw new Error('a web identity cannot be used without a role');
    const identity = await caller();
    checkAllowedAccount(plan, identity.account, 'The stored keys');
    deps.info(`Stored keys belong to ${identity.arn}`);
    return {
      session,
      credentials: source.credentials,
      accountId: identity.account,
      arn: identity.arn,
      expiration: source.credentials.expiration,
      hops: [],
    };
  }
  const hops: HopResult[] = [];
  let credentials: AwsCredentials | undefined =
    deps.firstHopCaller ?? (source.kind === 'aws' ? source.credentials : undefined);
  for (const hop of session.hops) {
    const previous = hops[hops.length - 1];
    const roleArn = await resolveHopRole(session.name, hop, previous, caller, plan.partition);
    try {
      checkAllowedAccount(plan, accountOfArn(roleArn) ?? '', `${hop.origin} (${roleArn})`);
      const isLast = hop.number === hop.count;
      const assumed = await assumeWithWorkaround(
        plan,
        hop,
        roleArn,
        source,
        credentials,
        deps,
        isLast,
      );
      credentials = assumed.credentials;
      hops.push(assumed.result);
      deps.info(
        `Assumed ${roleArn} as ${assumed.result.assumedRoleArn} (hop ${hop.number}/${hop.count}), valid until ${assumed.result.expiration.toISOString()}`,
      );
    } catch (error) {
      throw new HopError(session.name, hop.number, hop.count, roleArn, error);
    }
  }
  const last = hops[hops.length - 1] as HopResult;
  return {
    session,
    credentials: credentials as AwsCredentials,
    accountId: last.accountId,
    arn: last.assumedRoleArn,
    expiration: last.expiration,
    hops,
  };
}

async function resolveHopRole(
  sessionName: string,
  hop: HopPlan,
  previous: HopResult | undefined,
  caller: () => Promise<CallerIdentity>,
  partition: Partition,
): Promise<string> {
  if (hop.role.kind === 'arn') return hop.role.arn.arn;
  // A bare name lives in the account of whoever assumes it: the previous hop, else the caller.
  if (previous !== undefined) return resolveRoleArn(hop.role, partition, previous.accountId).arn;
  try {
    const identity = await caller();
    const callerPartition = (identity.arn.split(':')[1] as Partition | undefined) ?? partition;
    return resolveRoleArn(hop.role, callerPartition, identity.account).arn;
  } catch (error) {
    throw new HopError(sessionName, hop.number, hop.count, describeRole(hop.role), error);
  }
}

async function assumeWithWorkaround(
  plan: Plan,
  hop: HopPlan,
  roleArn: string,
  source: SourceCredentials,
  caller: AwsCredentials | undefined,
  deps: HopDeps,
  isLast: boolean,
): Promise<{ credentials: AwsCredentials; result: HopResult }> {
  const reissues = plan.specialCharactersWorkaround && isLast ? SPECIAL_CHARACTER_REISSUES : 0;
  for (let issue = 0; ; issue++) {
    const outcome = await assumeHop(hop, roleArn, source, caller, deps);
    if (reissues === 0 || /^[A-Za-z0-9]+$/.test(outcome.credentials.secretAccessKey))
      return outcome;
    if (issue >= reissues) {
      throw new StsCallError(
        hop.operation,
        'SpecialCharactersWorkaroundExhausted',
        `special-characters-workaround: ${reissues + 1} sessions in a row had special characters in the secret key; ` +
          'turn the workaround off, or quote the secret in the tool that mishandles it',
        200,
      );
    }
    deps.debug(
      `Secret key has special characters; re-issuing (special-characters-workaround, ${issue + 1}/${reissues})`,
    );
  }
}

async function assumeHop(
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

async function mfaSession(
  caller: AwsCredentials,
  deps: ExecuteDeps,
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

async function callerIdentity(
  source: SourceCredentials,
  deps: ExecuteDeps,
): Promise<CallerIdentity> {
  if (source.kind !== 'aws') throw new Error('a web identity has no caller identity');
  const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
  return deps.retry('GetCallerIdentity', () =>
    deps.gateway.getCallerIdentity(source.credentials, options),
  );
}

/** Registers every part of a credential set as secret. */
function maskCredentials(credentials: AwsCredentials, mask: MaskSecret): void {
  mask(credentials.accessKeyId);
  mask(credentials.secretAccessKey);
  if (credentials.sessionToken) mask(credentials.sessionToken);
}

function memoize<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}
