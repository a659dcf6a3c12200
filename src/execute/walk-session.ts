import { accountOfArn, describeRole, resolveRoleArn, type Partition } from '../model/arn.js';
import { HopError, StsCallError } from '../model/errors.js';
import { checkAllowedAccount } from '../plan/guards.js';
import type { HopPlan } from '../plan/plan-run.js';
import type { CredentialSource, SourceCredentials } from '../sources/types.js';
import type { AwsCredentials, CallerIdentity } from '../aws/sts-gateway.js';
import {
  assumeHop,
  callerIdentity,
  maskCredentials,
  type CallDeps,
  type HopDeps,
  type HopResult,
} from './assume-hop.js';

/**
 * One session to obtain, as the main step and the refresh helper both describe it: which hops
 * to walk and the rules that apply on the way. The helper builds one from its spec; it never
 * needs a whole Plan.
 */
export interface SessionRecipe {
  /** 'default' or the profile name; names the session in errors. */
  readonly name: string;
  /** The partition a bare role name resolves in when the caller's ARN does not say. */
  readonly partition: Partition;
  /** Empty when stored keys are used as they are (validated with GetCallerIdentity). */
  readonly hops: readonly HopPlan[];
  /** allowed-account-ids: every role reached must be in one of them (empty allows any). */
  readonly guards: { readonly allowedAccountIds: readonly string[] };
  readonly specialCharactersWorkaround: boolean;
}

/** The final credentials of one session and how they were reached. */
export interface WalkedSession {
  readonly credentials: AwsCredentials;
  readonly accountId: string;
  /** The assumed-role ARN, or the caller's ARN for stored keys used as they are. */
  readonly arn: string;
  readonly expiration: Date | undefined;
  readonly hops: readonly HopResult[];
}

/** What walking a session needs beyond the calls: the caller's identity and the MFA session. */
export interface WalkDeps extends HopDeps {
  /** The source credentials' identity, asked for once however many sessions need it. */
  readonly caller: () => Promise<CallerIdentity>;
  /** Credentials that sign each session's first AssumeRole instead of the source's (MFA session). */
  readonly firstHopCaller: AwsCredentials | undefined;
}

/**
 * How often special-characters-workaround may re-issue credentials before giving up (42
 * sessions in all). A secret key is 40 characters of base64 (64 symbols, 2 of them `+` and
 * `/`), so one session is plain with probability p = (62/64)^40 ≈ 0.2808; n sessions all fail
 * with (1 - p)^n, which is below one in a million from n = ceil(ln 1e-6 / ln(1 - p)) =
 * ceil(41.9) = 42 on ((1 - p)^42 ≈ 9.7e-7). Expected sessions: 1/p ≈ 3.6; the loop stays bounded.
 */
export const SPECIAL_CHARACTER_REISSUES = 41;

/** Walks one session's hops from the source credentials, each hop signed by the previous one. */
export async function walkSession(
  recipe: SessionRecipe,
  source: SourceCredentials,
  deps: WalkDeps,
): Promise<WalkedSession> {
  if (recipe.hops.length === 0) {
    if (source.kind !== 'aws') throw new Error('a web identity cannot be used without a role');
    const identity = await deps.caller();
    checkAllowedAccount(recipe, identity.account, 'The stored keys');
    deps.info(`Stored keys belong to ${identity.arn}`);
    return {
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
  for (const hop of recipe.hops) {
    const previous = hops[hops.length - 1];
    const roleArn = await resolveHopRole(recipe.name, hop, previous, deps.caller, recipe.partition);
    try {
      checkAllowedAccount(recipe, accountOfArn(roleArn) ?? '', `${hop.origin} (${roleArn})`);
      const isLast = hop.number === hop.count;
      const assumed = await assumeWithWorkaround(
        recipe,
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
      throw new HopError(recipe.name, hop.number, hop.count, roleArn, error);
    }
  }
  const last = hops[hops.length - 1] as HopResult;
  return {
    credentials: credentials as AwsCredentials,
    accountId: last.accountId,
    arn: last.assumedRoleArn,
    expiration: last.expiration,
    hops,
  };
}

/**
 * Obtains one recipe's session from a source of its own (the refresh helper's way in): no MFA,
 * nothing masked beyond what the calls mask themselves.
 */
export async function obtainSession(
  recipe: SessionRecipe,
  source: CredentialSource,
  deps: CallDeps,
): Promise<WalkedSession> {
  const obtained = await source.obtain();
  if (obtained.kind === 'aws') maskCredentials(obtained.credentials, deps.mask);
  return walkSession(recipe, obtained, {
    ...deps,
    caller: memoize(() => callerIdentity(obtained, deps)),
    maskAccount: () => undefined,
    sendMfa: () => undefined,
    firstHopCaller: undefined,
  });
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
  recipe: SessionRecipe,
  hop: HopPlan,
  roleArn: string,
  source: SourceCredentials,
  caller: AwsCredentials | undefined,
  deps: HopDeps,
  isLast: boolean,
): Promise<{ credentials: AwsCredentials; result: HopResult }> {
  const reissues = recipe.specialCharactersWorkaround && isLast ? SPECIAL_CHARACTER_REISSUES : 0;
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

/** Runs `make` once, on first use, and shares its promise. */
export function memoize<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}
