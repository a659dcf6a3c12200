// The session summary a chain leaves in the job's step summary: what was assumed, where,
// for which run, and on failure which hop failed, never a secret and never an account ID
// when masking is on.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { createJob, runStep } from './harness/runner.js';
import { STORED_KEYS, expectNoLeaks, oidcEnv, stsInputs, useStack } from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const TOOLING = 'arn:aws:iam::222222222222:role/tooling';
const DEPLOY = 'arn:aws:iam::333333333333:role/deploy';
const AUDIT = 'arn:aws:iam::444444444444:role/audit';
const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444'];
const CHAIN_INPUTS = {
  'role-to-assume': GATEWAY,
  'role-chain': `${TOOLING} session-name=hop2\n${DEPLOY}`,
};

const stack = useStack();

const headings = (summary: string): string[] =>
  summary.split('\n').filter((line) => line.startsWith('### '));

test('success: a section per session with every hop, the final ARN, region, expiry, run and console link', async () => {
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), ...CHAIN_INPUTS, profiles: `audit: ${AUDIT}` },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack);
  const summary = step.summary;
  // One heading for the step's own session, one for the audit profile.
  expect(headings(summary)).toHaveLength(2);
  expect(headings(summary)[0]).toContain('deploy');
  expect(headings(summary)[0]).toContain('333333333333');
  expect(headings(summary)[1]).toContain('audit');
  expect(headings(summary)[1]).toContain('444444444444');
  // Each hop's row: number, role name, account, session name.
  expect(summary).toMatch(/\| 1 \| gateway \| 111111111111 \| GitHubActions \|/);
  expect(summary).toMatch(/\| 2 \| tooling \| 222222222222 \| hop2 \|/);
  expect(summary).toMatch(/\| 3 \| deploy \| 333333333333 \| GitHubActions \|/);
  expect(summary).toMatch(/\| 1 \| audit \| 444444444444 \| GitHubActions \|/);
  expect(summary).toContain('arn:aws:sts::333333333333:assumed-role/deploy/GitHubActions');
  expect(summary).toContain('us-east-1');
  expect(summary).toMatch(/valid for \d+ minutes/);
  for (const fact of ['octo-org/octo-repo', 'refs/heads/main', 'aaaaaaa', 'push', 'octocat'])
    expect(summary).toContain(fact);
  expect(summary).toContain('refs/heads/main \\(aaaaaaa\\)');
  expect(summary).toContain(
    'https://signin.aws.amazon.com/switchrole?roleName=deploy&account=333333333333',
  );
});

test('mask-aws-account-id: no account ID anywhere in the summary, no switch-role link', async () => {
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      ...CHAIN_INPUTS,
      profiles: `audit: ${AUDIT}`,
      'mask-aws-account-id': 'true',
    },
  });
  expect(step.exitCode).toBe(0);
  // Account IDs are masked in the log before they are first printed.
  expectNoLeaks(step, stack, ACCOUNTS);
  expect(headings(step.summary)).toHaveLength(2);
  for (const account of ACCOUNTS) expect(step.summary).not.toContain(account);
  expect(step.summary).not.toContain('switchrole');
  // Still useful: role names and session names are shown.
  expect(step.summary).toContain('tooling');
  expect(step.summary).toContain('hop2');
});

test('mask-aws-account-id: the account a bare role name resolves to is masked before it is printed', async () => {
  // Stored keys of moto's account; the bare role name resolves to the caller's account at run time.
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': 'deploy',
      'role-chain': 'audit',
      'mask-aws-account-id': 'true',
    },
  });
  expect(step.exitCode).toBe(0);
  expect(step.log).toContain('::add-mask::123456789012');
  expectNoLeaks(step, stack, ['123456789012', ...Object.values(STORED_KEYS)]);
  expect(step.summary).not.toContain('123456789012');
});

test('failure at hop 2 of 3: summary names the hop and the AWS error, no retry, nothing exported', async () => {
  stack.proxy.inject({
    action: 'AssumeRole',
    roleArn: TOOLING,
    fault: {
      kind: 'error',
      status: 403,
      code: 'AccessDenied',
      message: `User: arn:aws:sts::111111111111:assumed-role/gateway/GitHubActions is not authorized to perform: sts:AssumeRole on resource: ${TOOLING}`,
    },
  });
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), ...CHAIN_INPUTS },
  });
  expect(step.exitCode).not.toBe(0);
  expectNoLeaks(step, stack);
  const records = stack.proxy.records();
  expect(records.map((r) => [r.action, r.params['RoleArn']])).toEqual([
    ['AssumeRoleWithWebIdentity', GATEWAY],
    ['AssumeRole', TOOLING],
  ]);
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(job.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(step.outputs['aws-account-id']).toBeUndefined();
  expect(step.log).toContain('hop 2 of 3');
  expect(headings(step.summary)).toEqual(['### AWS session failed']);
  expect(step.summary).toContain('hop 2 of 3');
  expect(step.summary).toContain('tooling');
  expect(step.summary).toContain('`AccessDenied`');
  expect(step.summary).toContain('Nothing was exported');
  // The hop-1 credentials that were obtained are not mentioned anywhere.
  expect(step.summary).not.toContain(records[0]?.issuedAccessKeyId ?? '<none>');
  job.cleanup();
});

test('session-summary: false leaves the summary empty, on success and on failure', async () => {
  const ok = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), ...CHAIN_INPUTS, 'session-summary': 'false' },
  });
  expect(ok.exitCode).toBe(0);
  expect(ok.summary).toBe('');
  expectNoLeaks(ok, stack);

  stack.proxy.inject({
    action: 'AssumeRole',
    roleArn: TOOLING,
    fault: { kind: 'error', status: 403, code: 'AccessDenied', message: 'not authorized' },
  });
  const failed = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), ...CHAIN_INPUTS, 'session-summary': 'false' },
  });
  expect(failed.exitCode).not.toBe(0);
  expect(failed.summary).toBe('');
  expectNoLeaks(failed, stack);
});

test('two uses of the action in one job leave two summary sections', async () => {
  const job = createJob();
  const first = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': GATEWAY },
  });
  expect(first.exitCode).toBe(0);
  expectNoLeaks(first, stack);
  const second = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'role-chaining': 'true' },
  });
  expect(second.exitCode).toBe(0);
  expectNoLeaks(second, stack);
  expect(headings(first.summary)).toHaveLength(1);
  expect(headings(second.summary)).toHaveLength(1);
  const all = headings(job.summary());
  expect(all).toHaveLength(2);
  expect(all[0]).toContain('gateway');
  expect(all[1]).toContain('deploy');
  job.cleanup();
});
