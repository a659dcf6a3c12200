import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import type { RawInputs } from '../../src/config/input-names.js';
import type { HopPlan } from '../../src/plan/plan-run.js';

const keys = {
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const chain = (...roles: string[]): Partial<RawInputs> => ({
  roleToAssume: roles[0] ?? '',
  roleChain: roles.slice(1).join('\n'),
});
const oidc = runContext({ isOidcAvailable: true });
const noOidc = runContext({ isOidcAvailable: false });

function hops(inputs: Partial<RawInputs>, ctx = oidc): HopPlan[] {
  return [...(planFor(inputs, ctx).sessions[0]?.hops ?? [])];
}
const tagKeys = (hop: HopPlan | undefined): string[] => hop?.tags.map((t) => t.key) ?? [];
const CONTEXT_TAG_KEYS = [
  'GitHub',
  'Repository',
  'Workflow',
  'Action',
  'Actor',
  'Commit',
  'Branch',
];

describe('operations and chaining', () => {
  test.each([
    {
      name: 'OIDC: web identity on the first hop only',
      inputs: chain(ROLE.deploy, ROLE.prod, ROLE.audit),
      ctx: oidc,
      ops: ['AssumeRoleWithWebIdentity', 'AssumeRole', 'AssumeRole'],
      chained: [false, true, true],
    },
    {
      name: 'token file: web identity first',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), webIdentityTokenFile: 't.jwt' },
      ctx: oidc,
      ops: ['AssumeRoleWithWebIdentity', 'AssumeRole'],
      chained: [false, true],
    },
    {
      name: 'stored keys: AssumeRole throughout',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), ...keys },
      ctx: oidc,
      ops: ['AssumeRole', 'AssumeRole'],
      chained: [false, true],
    },
    {
      name: 'default chain',
      inputs: chain(ROLE.deploy),
      ctx: noOidc,
      ops: ['AssumeRole'],
      chained: [false],
    },
    {
      name: 'role-chaining: every hop is chained',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), roleChaining: 'true' },
      ctx: oidc,
      ops: ['AssumeRole', 'AssumeRole'],
      chained: [true, true],
    },
  ])('$name', ({ inputs, ctx, ops, chained }) => {
    const planned = hops(inputs, ctx);
    expect(planned.map((h) => [h.number, h.count, h.operation, h.isChained])).toEqual(
      ops.map((op, i) => [i + 1, ops.length, op, chained[i]]),
    );
  });

  test('durations default to 3600; role-duration-seconds sets the first hop only', () => {
    const planned = hops({
      ...chain(ROLE.deploy, ROLE.prod, `${ROLE.audit} duration=900`),
      roleDurationSeconds: '1800',
    });
    expect(planned.map((h) => h.durationSeconds)).toEqual([1800, 3600, 900]);
    expect(hops(chain(ROLE.deploy)).map((h) => h.durationSeconds)).toEqual([3600]);
  });

  test('session names render per hop, with per-hop overrides', () => {
    const planned = hops({
      ...chain(ROLE.deploy, `${ROLE.prod} session-name=prod-{run_attempt}`),
      roleSessionName: '{repo}-{run_id}',
    });
    expect(planned.map((h) => h.sessionName)).toEqual(['deploy-app-1658821493', 'prod-1']);
  });

  test('first-hop policies and external id stay on the first hop', () => {
    const planned = hops({
      ...chain(ROLE.deploy, ROLE.prod),
      ...keys,
      roleExternalId: 'acme',
      inlineSessionPolicy: '{ "Version": "2012-10-17" }',
      managedSessionPolicies: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    expect(
      planned.map((h) => [h.externalId, h.inlineSessionPolicy, h.managedSessionPolicies]),
    ).toEqual([
      ['acme', '{"Version":"2012-10-17"}', ['arn:aws:iam::aws:policy/ReadOnlyAccess']],
      [undefined, undefined, []],
    ]);
  });
});

describe('session tags', () => {
  test.each([
    {
      name: 'OIDC: none on the web-identity hop',
      inputs: chain(ROLE.deploy, ROLE.prod),
      expected: [[], CONTEXT_TAG_KEYS],
    },
    {
      name: 'stored keys: on every hop',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), ...keys },
      expected: [CONTEXT_TAG_KEYS, CONTEXT_TAG_KEYS],
    },
    {
      name: 'custom-tags and hop tags merge after context tags',
      inputs: {
        ...chain(ROLE.deploy, `${ROLE.prod} tag:Stage=blue tag:actor=override`),
        customTags: '{"Team":"payments"}',
      },
      expected: [
        [],
        [
          'GitHub',
          'Repository',
          'Workflow',
          'Action',
          'actor',
          'Commit',
          'Branch',
          'Team',
          'Stage',
        ],
      ],
    },
    {
      name: 'role-skip-session-tagging',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), ...keys, roleSkipSessionTagging: 'true' },
      expected: [[], []],
    },
    {
      name: 'skip-session-tagging on one hop',
      inputs: { ...chain(ROLE.deploy, `${ROLE.prod} skip-session-tagging`, ROLE.audit), ...keys },
      expected: [CONTEXT_TAG_KEYS, [], CONTEXT_TAG_KEYS],
    },
    {
      name: 'skip-session-tagging=false on a hop overrides the step',
      inputs: {
        ...chain(ROLE.deploy, `${ROLE.prod} skip-session-tagging=false`),
        ...keys,
        roleSkipSessionTagging: 'true',
      },
      expected: [[], CONTEXT_TAG_KEYS],
    },
  ])('$name', ({ inputs, expected }) => {
    expect(hops(inputs).map(tagKeys)).toEqual(expected);
  });

  test('a hop tag overrides a context tag value, keeping the hop key spelling', () => {
    const second = hops(chain(ROLE.deploy, `${ROLE.prod} tag:actor=release-bot`))[1];
    expect(second?.tags.find((t) => t.key.toLowerCase() === 'actor')).toEqual({
      key: 'actor',
      value: 'release-bot',
    });
  });

  test.each([
    {
      name: 'transitive keys are filtered to the tags the hop sends',
      inputs: {
        ...chain(ROLE.deploy, ROLE.prod, ROLE.audit),
        ...keys,
        customTags: '{"Team":"payments"}',
        transitiveTagKeys: 'Team, Missing, repository',
      },
      transitive: [['Team', 'repository'], [], []],
      notSent: [[], ['Team', 'Repository'], ['Team', 'Repository']],
    },
    {
      name: 'OIDC: the first AssumeRole hop makes them transitive',
      inputs: {
        ...chain(ROLE.deploy, ROLE.prod, ROLE.audit),
        customTags: '{"Team":"payments"}',
        transitiveTagKeys: 'Team',
      },
      transitive: [[], ['Team'], []],
      notSent: [[], [], ['Team']],
    },
    {
      name: 'a hop names its own transitive keys',
      inputs: {
        ...chain(
          ROLE.deploy,
          `${ROLE.prod} tag:Stage=blue transitive-tag-keys=Stage,Nope`,
          ROLE.audit,
        ),
        ...keys,
        roleSkipSessionTagging: 'false',
      },
      transitive: [[], ['Stage'], []],
      notSent: [[], [], ['Stage']],
    },
    {
      name: 'keys of a skipped hop are not made transitive',
      inputs: {
        ...chain(ROLE.deploy, ROLE.prod),
        ...keys,
        customTags: '{"Team":"payments"}',
        transitiveTagKeys: 'Team',
        roleSkipSessionTagging: 'true',
      },
      transitive: [[], []],
      notSent: [['Team'], ['Team']],
    },
  ])('$name', ({ inputs, transitive, notSent }) => {
    const planned = hops(inputs);
    expect(planned.map((h) => h.transitiveTagKeys)).toEqual(transitive);
    planned.forEach((hop, i) =>
      (notSent[i] ?? []).forEach((key) => expect(tagKeys(hop)).not.toContain(key)),
    );
  });
});

describe('source identity and MFA', () => {
  test.each([
    {
      name: 'OIDC: second hop only',
      inputs: { ...chain(ROLE.deploy, ROLE.prod, ROLE.audit), sourceIdentity: '{actor}' },
      ctx: oidc,
      expected: [undefined, 'octocat', undefined],
    },
    {
      name: 'stored keys: first hop only',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), ...keys, sourceIdentity: 'release-{run_id}' },
      ctx: oidc,
      expected: ['release-1658821493', undefined],
    },
    {
      name: 'bot actor is sanitized',
      inputs: { ...chain(ROLE.deploy), ...keys, sourceIdentity: '{actor}' },
      ctx: runContext({ actor: 'dependabot[bot]' }),
      expected: ['dependabot-bot-'],
    },
    {
      name: 'unset',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), ...keys },
      ctx: oidc,
      expected: [undefined, undefined],
    },
  ])('$name', ({ inputs, ctx, expected }) => {
    expect(hops(inputs, ctx).map((h) => h.sourceIdentity)).toEqual(expected);
  });

  test.each([
    {
      name: 'stored keys: first hop only',
      inputs: {
        ...chain(ROLE.deploy, ROLE.prod),
        ...keys,
        mfaSerialNumber: 'arn:aws:iam::111111111111:mfa/alice',
        mfaTokenCode: '123456',
      },
      expected: [true, false],
    },
    {
      name: 'no MFA configured',
      inputs: { ...chain(ROLE.deploy, ROLE.prod), ...keys },
      expected: [false, false],
    },
  ])('MFA: $name', ({ inputs, expected }) => {
    expect(hops(inputs).map((h) => h.usesMfa)).toEqual(expected);
  });
});

describe('sessions', () => {
  const summary = (inputs: Partial<RawInputs>, ctx = oidc) =>
    planFor(inputs, ctx).sessions.map((s) => ({
      name: s.name,
      profileName: s.profileName,
      exportToEnv: s.exportToEnv,
      hops: s.hops.length,
    }));

  test.each([
    {
      name: 'role only',
      inputs: chain(ROLE.deploy),
      expected: [{ name: 'default', profileName: undefined, exportToEnv: true, hops: 1 }],
    },
    {
      name: 'aws-profile without env export',
      inputs: { ...chain(ROLE.deploy), awsProfile: 'dev', outputEnvCredentials: 'false' },
      expected: [{ name: 'default', profileName: 'dev', exportToEnv: false, hops: 1 }],
    },
    {
      name: 'profiles become sessions that never export to env',
      inputs: {
        ...chain(ROLE.deploy),
        profiles: `prod: ${ROLE.deploy} -> ${ROLE.prod}\naudit: ${ROLE.audit}`,
      },
      expected: [
        { name: 'default', profileName: undefined, exportToEnv: true, hops: 1 },
        { name: 'prod', profileName: 'prod', exportToEnv: false, hops: 2 },
        { name: 'audit', profileName: 'audit', exportToEnv: false, hops: 1 },
      ],
    },
    {
      name: 'profiles only',
      inputs: { profiles: `prod: ${ROLE.prod}` },
      expected: [{ name: 'prod', profileName: 'prod', exportToEnv: false, hops: 1 }],
    },
    {
      name: 'stored keys without a role: one session, zero hops',
      inputs: keys,
      expected: [{ name: 'default', profileName: undefined, exportToEnv: true, hops: 0 }],
    },
  ])('$name', ({ inputs, expected }) => {
    expect(summary(inputs)).toEqual(expected);
  });

  test('profile hops plan like the primary chain', () => {
    const plan = planFor({ profiles: `prod: ${ROLE.deploy} -> ${ROLE.prod} duration=900` });
    expect(plan.sessions[0]?.hops.map((h) => [h.operation, h.durationSeconds, h.origin])).toEqual([
      ['AssumeRoleWithWebIdentity', 3600, 'profiles line 1, profile prod, hop 1'],
      ['AssumeRole', 900, 'profiles line 1, profile prod, hop 2'],
    ]);
  });

  test('the plan carries config sections through', () => {
    const plan = planFor({
      ...chain(ROLE.deploy),
      awsRegion: 'eu-west-1',
      maskAwsAccountId: 'true',
      allowedEvents: 'push',
    });
    expect(plan).toMatchObject({
      region: 'eu-west-1',
      partition: 'aws',
      source: { kind: 'oidc' },
      output: { maskAccountId: true },
      guards: { allowedEvents: ['push'] },
    });
  });
});
