import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import { GuardRailError } from '../../src/model/errors.js';
import {
  checkAllowedAccount,
  checkEnvironmentClaim,
  checkGuardsBeforeNetwork,
  refGlobToRegExp,
} from '../../src/plan/guards.js';
import type { RunContext } from '../../src/model/run-context.js';
import type { RawInputs } from '../../src/config/input-names.js';

/** Runs a check and returns the rule that refused it, or 'allowed'. */
function outcome(check: () => void): string {
  try {
    check();
    return 'allowed';
  } catch (error) {
    if (error instanceof GuardRailError) return error.rule;
    throw error;
  }
}

describe('refGlobToRegExp', () => {
  test.each([
    { glob: 'refs/heads/main', ref: 'refs/heads/main', matches: true },
    { glob: 'refs/heads/main', ref: 'refs/heads/main2', matches: false },
    { glob: 'refs/heads/main', ref: 'refs/heads/feature/refs/heads/main', matches: false },
    { glob: 'refs/tags/v*', ref: 'refs/tags/v1.2.3', matches: true },
    { glob: 'refs/tags/v*', ref: 'refs/tags/v', matches: true },
    { glob: 'refs/tags/v*', ref: 'refs/tags/release-v1', matches: false },
    { glob: 'refs/tags/v*', ref: 'refs/tags/v1/evil', matches: false },
    { glob: 'refs/heads/release/**', ref: 'refs/heads/release/2024/06', matches: true },
    { glob: 'refs/heads/release/**', ref: 'refs/heads/release/x', matches: true },
    { glob: 'refs/heads/release/**', ref: 'refs/heads/releases/x', matches: false },
    { glob: 'refs/heads/release/*', ref: 'refs/heads/release/2024/06', matches: false },
    { glob: 'refs/tags/v1.0', ref: 'refs/tags/v1x0', matches: false },
    { glob: 'refs/heads/(main)', ref: 'refs/heads/(main)', matches: true },
    { glob: 'refs/heads/a+b', ref: 'refs/heads/aab', matches: false },
  ])('$glob vs $ref → $matches', ({ glob, ref, matches }) => {
    expect(refGlobToRegExp(glob).test(ref)).toBe(matches);
  });
});

describe('checkGuardsBeforeNetwork', () => {
  const chain = { roleToAssume: ROLE.deploy, roleChain: ROLE.prod };
  test.each<{ name: string; inputs: Partial<RawInputs>; ctx?: RunContext; rule: string }>([
    { name: 'no guards', inputs: chain, rule: 'allowed' },
    {
      name: 'event allowed',
      inputs: { ...chain, allowedEvents: 'push, workflow_dispatch' },
      rule: 'allowed',
    },
    {
      name: 'event refused',
      inputs: { ...chain, allowedEvents: 'workflow_dispatch' },
      ctx: runContext({ eventName: 'pull_request_target' }),
      rule: 'allowed-events',
    },
    {
      name: 'ref allowed by glob',
      inputs: { ...chain, allowedRefs: 'refs/heads/main\nrefs/tags/v*' },
      ctx: runContext({ ref: 'refs/tags/v2.0.0' }),
      rule: 'allowed',
    },
    {
      name: 'ref refused',
      inputs: { ...chain, allowedRefs: 'refs/heads/main' },
      ctx: runContext({ ref: 'refs/heads/feature' }),
      rule: 'allowed-refs',
    },
    {
      name: 'empty ref refused',
      inputs: { ...chain, allowedRefs: 'refs/heads/main' },
      ctx: runContext({ ref: '' }),
      rule: 'allowed-refs',
    },
    {
      name: 'every account allowed',
      inputs: { ...chain, allowedAccountIds: '111111111111,222222222222' },
      rule: 'allowed',
    },
    {
      name: 'second hop in another account',
      inputs: { ...chain, allowedAccountIds: '111111111111' },
      rule: 'allowed-account-ids',
    },
    {
      name: 'profile hop in another account',
      inputs: {
        roleToAssume: ROLE.deploy,
        profiles: `audit: ${ROLE.audit}`,
        allowedAccountIds: '111111111111',
      },
      rule: 'allowed-account-ids',
    },
    {
      name: 'bare names are checked later',
      inputs: {
        roleToAssume: ROLE.deploy,
        roleChain: 'other-role',
        allowedAccountIds: '111111111111',
      },
      rule: 'allowed',
    },
    {
      name: 'events are checked before refs',
      inputs: { ...chain, allowedEvents: 'push', allowedRefs: 'refs/heads/main' },
      ctx: runContext({ eventName: 'schedule', ref: 'refs/heads/x' }),
      rule: 'allowed-events',
    },
  ])('$name → $rule', ({ inputs, ctx, rule }) => {
    const context = ctx ?? runContext();
    expect(outcome(() => checkGuardsBeforeNetwork(planFor(inputs, context), context))).toBe(rule);
  });

  test('the refusal names the rule, the run and the list', () => {
    const ctx = runContext({ ref: 'refs/heads/feature' });
    expect(() =>
      checkGuardsBeforeNetwork(
        planFor({ ...chain, allowedRefs: 'refs/heads/main, refs/tags/v*' }, ctx),
        ctx,
      ),
    ).toThrow(
      "Refused by `allowed-refs`: this run is on 'refs/heads/feature', which matches none of refs/heads/main, refs/tags/v*.",
    );
  });

  test('an account refusal names the hop and the account', () => {
    const ctx = runContext();
    expect(() =>
      checkGuardsBeforeNetwork(planFor({ ...chain, allowedAccountIds: '111111111111' }, ctx), ctx),
    ).toThrow(/^Refused by `allowed-account-ids`: role-chain line 1 targets account 222222222222/);
  });
});

describe('checkAllowedAccount', () => {
  test.each([
    { name: 'no list', allowed: '', account: '999999999999', rule: 'allowed' },
    { name: 'listed', allowed: '111111111111', account: '111111111111', rule: 'allowed' },
    {
      name: 'not listed',
      allowed: '111111111111',
      account: '999999999999',
      rule: 'allowed-account-ids',
    },
  ])('$name', ({ allowed, account, rule }) => {
    const plan = planFor({ roleToAssume: ROLE.deploy, allowedAccountIds: allowed });
    expect(outcome(() => checkAllowedAccount(plan, account, 'The stored keys'))).toBe(rule);
  });
});

describe('checkEnvironmentClaim', () => {
  test.each([
    { name: 'no list, no claim', allowed: '', claim: undefined, rule: 'allowed', says: undefined },
    {
      name: 'listed environment',
      allowed: 'production, staging',
      claim: 'staging',
      rule: 'allowed',
      says: undefined,
    },
    {
      name: 'other environment',
      allowed: 'production',
      claim: 'dev',
      rule: 'allowed-environments',
      says: "environment 'dev'",
    },
    {
      name: 'case matters',
      allowed: 'production',
      claim: 'Production',
      rule: 'allowed-environments',
      says: "environment 'Production'",
    },
    {
      name: 'job without an environment',
      allowed: 'production',
      claim: undefined,
      rule: 'allowed-environments',
      says: 'environment: production',
    },
  ])('$name → $rule', ({ allowed, claim, rule, says }) => {
    const plan = planFor({ roleToAssume: ROLE.deploy, allowedEnvironments: allowed });
    expect(outcome(() => checkEnvironmentClaim(plan, claim))).toBe(rule);
    if (says !== undefined) expect(() => checkEnvironmentClaim(plan, claim)).toThrow(says);
  });
});
