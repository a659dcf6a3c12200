// Multi-hop role chains in one step: each hop signed with the previous hop's key, per-hop
// options from `role-chain` lines, transitive tags, session names, and the errors that must
// stop a chain before any request is made.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { createJob, runStep, type StepResult } from './harness/runner.js';
import type { StsRecord } from './harness/sts-proxy.js';
import {
  STORED_KEYS,
  callerIdentity,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  runSecrets,
  stsInputs,
  useStack,
} from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const TOOLING = 'arn:aws:iam::222222222222:role/tooling';
const DEPLOY = 'arn:aws:iam::333333333333:role/deploy';
const CHAIN = [
  `${TOOLING} external-id=ext-2 session-name=hop2`,
  `${DEPLOY} tag:Team=payments duration=1800`,
].join('\n');

const stack = useStack();

/** Session tags of one AssumeRole request, as key → value. */
function tagsOf(record: StsRecord | undefined): Record<string, string> {
  const params = record?.params ?? {};
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k]) => /^Tags\.member\.\d+\.Key$/.test(k))
      .map(([k, v]) => [v, params[k.replace(/Key$/, 'Value')] ?? '']),
  );
}

/** The OIDC server keeps its log across tests: count from before the step. */
function expectNothingSent(step: StepResult, oidcRequestsBefore: number): void {
  expect(step.exitCode).not.toBe(0);
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.oidc.requests()).toHaveLength(oidcRequestsBefore);
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(step.outputs).toEqual({});
}

test('3 hops across three accounts: each hop signed with the previous key, only the last exported', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': GATEWAY, 'role-chain': CHAIN },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack);

  const [hop1, hop2, hop3, ...extra] = stack.proxy.records();
  expect(extra).toHaveLength(0);
  expect(hop1?.action).toBe('AssumeRoleWithWebIdentity');
  expect(hop1?.params['RoleArn']).toBe(GATEWAY);
  expect(hop1?.issuedAccessKeyId).toBeDefined();

  expect(hop2?.action).toBe('AssumeRole');
  expect(hop2?.params['RoleArn']).toBe(TOOLING);
  expect(hop2?.accessKeyId).toBe(hop1?.issuedAccessKeyId);
  expect(hop2?.hasSessionToken).toBe(true);
  expect(hop2?.params['ExternalId']).toBe('ext-2');
  expect(hop2?.params['RoleSessionName']).toBe('hop2');

  expect(hop3?.action).toBe('AssumeRole');
  expect(hop3?.params['RoleArn']).toBe(DEPLOY);
  expect(hop3?.accessKeyId).toBe(hop2?.issuedAccessKeyId);
  expect(hop3?.params['DurationSeconds']).toBe('1800');
  expect(hop3?.params['ExternalId']).toBeUndefined();
  expect(tagsOf(hop3)).toMatchObject({ Team: 'payments' });
  // The Team tag belongs to hop 3's line only.
  expect(tagsOf(hop2)['Team']).toBeUndefined();

  // Only the final credentials reach later steps.
  expect(step.env['AWS_ACCESS_KEY_ID']).toBe(hop3?.issuedAccessKeyId);
  const earlier = [hop1, hop2].flatMap((r) => r?.issuedSecrets ?? []);
  for (const value of Object.values(step.env)) expect(earlier).not.toContain(value);

  const finalArn = 'arn:aws:sts::333333333333:assumed-role/deploy/GitHubActions';
  expect(step.outputs['aws-account-id']).toBe('333333333333');
  expect(step.outputs['aws-assumed-role-arn']).toBe(finalArn);
  const expiresAt = new Date(step.outputs['aws-expiration'] ?? '').getTime();
  expect(expiresAt).toBeGreaterThan(Date.now() + 25 * 60_000);
  expect(expiresAt).toBeLessThanOrEqual(Date.now() + 31 * 60_000);

  const chainText = step.outputs['aws-session-chain'] ?? '';
  for (const secret of runSecrets(stack)) expect(chainText.includes(secret)).toBe(false);
  const chain = JSON.parse(chainText) as Record<string, unknown>[];
  expect(chain).toHaveLength(3);
  expect(chain.map((h) => h['roleArn'])).toEqual([GATEWAY, TOOLING, DEPLOY]);
  expect(chain.map((h) => h['sessionName'])).toEqual(['GitHubActions', 'hop2', 'GitHubActions']);
  for (const hop of chain) {
    expect(hop['assumedRoleId']).toBe(
      `${String(hop['assumedRoleId']).split(':')[0]}:${String(hop['sessionName'])}`,
    );
    expect(hop['assumedRoleId']).toMatch(/^ARO\w+:/);
    expect(Number.isNaN(new Date(String(hop['expiration'])).getTime())).toBe(false);
  }

  const cli = await callerIdentity(stack, laterStepEnv(job.env));
  expect(cli.exitCode).toBe(0);
  expect(cli.json).toMatchObject({ Account: '333333333333', Arn: finalArn });
  job.cleanup();
});

test('a chained hop asking for 2 hours: input error naming its role-chain line, nothing sent', async () => {
  const before = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': GATEWAY,
      'role-chain': `${TOOLING}\n${DEPLOY} duration=7200`,
    },
  });
  expectNothingSent(step, before);
  expect(step.log).toContain('`role-chain`');
  expect(step.log).toContain('role-chain line 2');
  expect(step.log).toContain('7200');
  expect(step.log).toContain('1 hour');
  expectNoLeaks(step, stack);
});

test('a typo in a role-chain option names the line and lists the valid options', async () => {
  const before = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': GATEWAY,
      'role-chain': `${TOOLING}\n\n${DEPLOY} externl-id=x`,
    },
  });
  expectNothingSent(step, before);
  expect(step.log).toContain('`role-chain`: line 3');
  expect(step.log).toContain("unknown option 'externl-id'");
  for (const option of ['external-id', 'session-name', 'duration', 'tag:KEY=VALUE'])
    expect(step.log).toContain(option);
  expectNoLeaks(step, stack);
});

test('a malformed role-chain line never prints its option values (a forgotten external-id= key)', async () => {
  const before = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': GATEWAY,
      'role-chain': `${TOOLING} TopSecretExt99\n${DEPLOY} externl-id=OtherSecret42`,
      profiles: `audit: ${DEPLOY} -> ${TOOLING} external-id="Third Secret77`,
    },
  });
  expectNothingSent(step, before);
  expect(step.log).toContain('`role-chain`: line 1');
  for (const secret of ['TopSecretExt99', 'OtherSecret42', 'Secret77']) {
    expect(step.log).toContain(`::add-mask::${secret}`);
    expect(step.summary).not.toContain(secret);
  }
  expectNoLeaks(step, stack, ['TopSecretExt99', 'OtherSecret42', 'Secret77']);
});

test('transitive tag keys: hop 1 marks Repository transitive, hop 2 does not re-send it', async () => {
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': GATEWAY,
      'role-chain': TOOLING,
      'transitive-tag-keys': 'Repository',
    },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
  const [hop1, hop2] = stack.proxy.records();
  expect([hop1?.action, hop2?.action]).toEqual(['AssumeRole', 'AssumeRole']);
  expect(hop1?.accessKeyId).toBe(STORED_KEYS['aws-access-key-id']);
  expect(hop1?.params['TransitiveTagKeys.member.1']).toBe('Repository');
  expect(hop1?.params['TransitiveTagKeys.member.2']).toBeUndefined();
  expect(tagsOf(hop1)).toMatchObject({ Repository: 'octo-org/octo-repo' });

  expect(hop2?.accessKeyId).toBe(hop1?.issuedAccessKeyId);
  expect(Object.keys(tagsOf(hop2)).map((k) => k.toLowerCase())).not.toContain('repository');
  // The other context tags are still sent on hop 2; only the inherited key is left out.
  expect(tagsOf(hop2)).toMatchObject({ Actor: 'octocat' });
  expect(Object.keys(hop2?.params ?? {}).some((k) => k.startsWith('TransitiveTagKeys'))).toBe(
    false,
  );
});

describe('session names', () => {
  test('placeholders with a bot actor render a valid name holding the run id', async () => {
    const step = await runStep({
      entry: 'main',
      env: { ...oidcEnv(stack), GITHUB_ACTOR: 'dependabot[bot]' },
      inputs: {
        ...stsInputs(stack),
        'role-to-assume': GATEWAY,
        'role-session-name': 'gh-{repo}-{run_id}-{actor}',
      },
    });
    expect(step.exitCode).toBe(0);
    expectNoLeaks(step, stack);
    const name = stack.proxy.records()[0]?.params['RoleSessionName'] ?? '';
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(name).toContain('4242');
    expect(name).toContain('octo-repo');
    expect(name).toContain('dependabot');
    expect(step.outputs['aws-assumed-role-arn']).toBe(
      `arn:aws:sts::111111111111:assumed-role/gateway/${name}`,
    );
  });

  test('a 200-character repository name still gives a session name of at most 64 characters', async () => {
    const repository = `octo-org/${'r'.repeat(200)}`;
    const step = await runStep({
      entry: 'main',
      env: { ...oidcEnv(stack), GITHUB_REPOSITORY: repository },
      inputs: {
        ...stsInputs(stack),
        'role-to-assume': GATEWAY,
        'role-chain': TOOLING,
        'role-session-name': 'gh-{repo}-{run_id}',
      },
    });
    expect(step.exitCode).toBe(0);
    expectNoLeaks(step, stack);
    const names = stack.proxy.records().map((r) => r.params['RoleSessionName'] ?? '');
    expect(names).toHaveLength(2);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(64);
      expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
      expect(name.startsWith('gh-rrrr')).toBe(true);
    }
  });

  test('a literal invalid session name is an input error before any network call', async () => {
    const before = stack.oidc.requests().length;
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': GATEWAY, 'role-session-name': 'bad name!' },
    });
    expectNothingSent(step, before);
    expect(step.log).toContain('`role-session-name`');
    expect(step.log).toContain('bad name!');
    expectNoLeaks(step, stack);
  });
});

test('custom-tags, inline-session-policy and managed-session-policies reach the first AssumeRole', async () => {
  const policy =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
  const managed = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': DEPLOY,
      'custom-tags': '{"Team":"payments","CostCenter":"42"}',
      'inline-session-policy': policy,
      'managed-session-policies': `${managed}\narn:aws:iam::222222222222:policy/deploy-boundary`,
    },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
  const [call] = stack.proxy.records();
  expect(call?.action).toBe('AssumeRole');
  expect(tagsOf(call)).toMatchObject({ Team: 'payments', CostCenter: '42' });
  expect(JSON.parse(call?.params['Policy'] ?? '{}')).toEqual(JSON.parse(policy));
  expect([
    call?.params['PolicyArns.member.1.arn'],
    call?.params['PolicyArns.member.2.arn'],
  ]).toEqual([managed, 'arn:aws:iam::222222222222:policy/deploy-boundary']);
});
