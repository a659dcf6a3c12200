// The README's promises, run as a newcomer would follow them: the quick start's trust-policy
// command (the bundled CLI, from a checkout) prints a policy that admits the token the
// quick-start job gets, and the quick-start step, with exactly the README's inputs, gives a later
// step that role; after a profiles-only step the outputs describe the first profile and a plain
// CLI call finds no credentials; the post step empties AWS_REGION too.
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { evaluateTrustPolicy } from '../../src/trust-policy/generator.js';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { decodeJwt } from './harness/jwt.js';
import { runAwsCli } from './harness/aws-cli.js';
import { createJob, runStep } from './harness/runner.js';
import { callerIdentity, expectNoLeaks, laterStepEnv, oidcEnv, useStack } from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

type Step = { uses?: string; with?: Record<string, string> };
type Workflow = { jobs: Record<string, { environment?: string; steps: Step[] }> };

const readme = readFileSync('README.md', 'utf8');
const quickStart = readme.split('\n## Quick start (OIDC)\n')[1]?.split('\n## ')[0] ?? '';
const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '') as Workflow;
const job = Object.values(workflow.jobs)[0];
const step = job?.steps.find((s) => /aws-deploy-role@/.test(s.uses ?? ''));
const policyArgs = (/node dist\/cli\/index\.js (trust-policy [^>\n]*)/.exec(quickStart)?.[1] ?? '')
  .trim()
  .split(/\s+/);
const promisedArn = /prints the identity `([^`]+)`/.exec(quickStart)?.[1];

const stack = useStack();
let restoreClaims: (() => void) | undefined;
afterEach(() => {
  restoreClaims?.();
  restoreClaims = undefined;
});

test('README quick start: the printed trust policy admits the job, and the step works as written', async () => {
  expect(step?.with).toBeDefined();
  const policy = JSON.parse(
    execFileSync(process.execPath, ['dist/cli/index.js', ...policyArgs], {
      encoding: 'utf8',
      timeout: 30_000,
    }),
  ) as Parameters<typeof evaluateTrustPolicy>[0];
  const repository = policyArgs[policyArgs.indexOf('--repo') + 1] ?? '';
  // The token GitHub gives the quick-start job: its repository, in its environment.
  const environment = job?.environment;
  // Mutated in place (the stand-in reads this object), and restored for the next test.
  const saved = { ...stack.oidc.claims };
  Object.assign(stack.oidc.claims, {
    repository,
    repository_owner: repository.split('/')[0],
    sub: environment
      ? `repo:${repository}:environment:${environment}`
      : `repo:${repository}:ref:refs/heads/main`,
    ...(environment ? { environment } : {}),
  });
  restoreClaims = () => {
    for (const key of Object.keys(stack.oidc.claims)) delete stack.oidc.claims[key];
    Object.assign(stack.oidc.claims, saved);
  };

  const run = createJob();
  const result = await runStep({
    entry: 'main',
    job: run,
    env: oidcEnv(stack),
    inputs: { ...step?.with, 'sts-endpoint': stack.proxy.url },
  });
  expect(result.exitCode).toBe(0);
  expectNoLeaks(result, stack);

  const token = stack.oidc.issuedTokens().at(-1) ?? '';
  const claims = { ...decodeJwt(token).claims, iss: 'https://token.actions.githubusercontent.com' };
  expect(evaluateTrustPolicy(policy, claims)).toMatchObject({ allowed: true, reasons: [] });

  const cli = await callerIdentity(stack, laterStepEnv(run.env));
  expect(cli.json).toMatchObject({ Arn: promisedArn });
});

test('README: after a profiles-only step the outputs describe the first profile, and a plain CLI call finds no credentials', async () => {
  const run = createJob();
  const result = await runStep({
    entry: 'main',
    job: run,
    env: oidcEnv(stack),
    inputs: {
      'aws-region': 'us-east-1',
      'sts-endpoint': stack.proxy.url,
      profiles: [
        'dev: arn:aws:iam::444444444444:role/deploy',
        'staging: arn:aws:iam::333333333333:role/deploy',
      ].join('\n'),
    },
  });
  expect(result.exitCode).toBe(0);
  expect(result.outputs['aws-assumed-role-arn']).toBe(
    'arn:aws:sts::444444444444:assumed-role/deploy/GitHubActions',
  );
  const plain = await runAwsCli(['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url], {
    ...laterStepEnv(run.env),
  });
  expect(plain.exitCode).not.toBe(0);
  expect(plain.stderr).toContain('Unable to locate credentials');
  const named = await callerIdentity(stack, laterStepEnv(run.env), ['--profile', 'staging']);
  expect(named.json).toMatchObject({
    Arn: 'arn:aws:sts::333333333333:assumed-role/deploy/GitHubActions',
  });
});

test('README: the post step empties AWS_REGION and AWS_DEFAULT_REGION as well as the credentials', async () => {
  const run = createJob();
  const main = await runStep({
    entry: 'main',
    job: run,
    env: oidcEnv(stack),
    inputs: {
      'aws-region': 'eu-west-1',
      'sts-endpoint': stack.proxy.url,
      'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
    },
  });
  expect(main.exitCode).toBe(0);
  expect(run.env['AWS_REGION']).toBe('eu-west-1');
  const post = await runStep({ entry: 'post', job: run });
  expect(post.exitCode).toBe(0);
  for (const name of [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
  ])
    expect(post.env[name]).toBe('');
});
