import { checkEnvironmentClaim } from './plan/guards.js';
import { claimString } from './model/jwt-claims.js';
import type { Plan, SessionPlan } from './plan/plan-run.js';
import type { CredentialSource } from './sources/types.js';
import { mfaSender } from './plan/mfa-rules.js';
import type { PinnedNetwork } from './aws/network-pin.js';
import {
  callerIdentity,
  maskCredentials,
  mfaSession,
  type CallDeps,
} from './execute/assume-hop.js';
import {
  memoize,
  walkSession,
  type SessionRecipe,
  type WalkDeps,
  type WalkedSession,
} from './execute/walk-session.js';

export type { HopResult } from './execute/assume-hop.js';
export { SPECIAL_CHARACTER_REISSUES } from './execute/walk-session.js';

/** The final credentials of one session and how they were reached. */
export interface SessionResult extends WalkedSession {
  readonly session: SessionPlan;
}

/** Everything a successful run obtained. */
export interface RunResult {
  readonly sourceKind: Plan['source']['kind'];
  readonly sourceDescription: string;
  readonly sessions: readonly SessionResult[];
  /** The network choices the STS gateway made, for the refresh spec (obtain-credentials.ts). */
  readonly network?: PinnedNetwork | undefined;
}

export interface ExecuteDeps extends CallDeps {
  readonly source: CredentialSource;
}

/** The recipe of one of the plan's sessions: its hops under the plan's rules. */
export function sessionRecipe(plan: Plan, session: SessionPlan): SessionRecipe {
  return {
    name: session.name,
    partition: plan.partition,
    hops: session.hops,
    guards: plan.guards,
    specialCharactersWorkaround: plan.specialCharactersWorkaround,
  };
}

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
  let walkDeps: WalkDeps = { ...deps, maskAccount, sendMfa, caller, firstHopCaller: undefined };
  const mfaSessions = plan.sessions.filter((s) => s.hops[0]?.usesMfa).length;
  if (mfaSessions > 1 && source.kind === 'aws') {
    // Several sessions start with an MFA hop: one MFA session (GetSessionToken with the code)
    // signs each session's first AssumeRole, so the code is sent once, not once per session.
    const mfaCredentials = await mfaSession(source.credentials, deps, sendMfa);
    deps.info(
      `MFA: one GetSessionToken session signs the first role of ${mfaSessions} sessions; the code is sent once`,
    );
    walkDeps = { ...walkDeps, sendMfa: () => undefined, firstHopCaller: mfaCredentials };
  }
  const sessions = await Promise.all(
    plan.sessions.map(async (session) => ({
      session,
      ...(await walkSession(sessionRecipe(plan, session), source, walkDeps)),
    })),
  );
  return {
    sourceKind: plan.source.kind,
    sourceDescription: source.description,
    sessions,
  };
}
