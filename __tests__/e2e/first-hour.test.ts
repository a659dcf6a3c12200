// The first hour with the action (issue 25), each mistake through dist/: a misspelt region named
// before any request and never retried, `profiles` and input errors that point at the right
// part, step-summary lists that render as lists, the aws-cn audience in a diagnosis,
// `trust-policy generate` with several scopes, and an AWS_PROFILE that no later step trips on.
import { jest } from '@jest/globals';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_TEST_TIMEOUT_MS, STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { evaluateTrustPolicy, type PolicyDocument } from '../../src/trust-policy/generator.js';
import { findAwsClis, runAwsCli, runBoto3, runClient } from './harness/aws-cli.js';
import { goClient, runGoClient } from './harness/go-client.js';
import { runBounded } from './harness/proc.js';
import { REPO_ROOT, createJob, runStep } from './harness/runner.js';
import {
  STORED_KEYS,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  stsInputs,
  useStack,
} from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

describe('a misspelt aws-region', () => {
  test('without sts-endpoint: warned before any request, one try, and the error names aws-region, the host and us-east-1', async () => {
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { 'aws-region': 'us-esat-1', 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).not.toBe(0);
    const warning = step.log.indexOf("::warning::`aws-region`: 'us-esat-1' is not a region");
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(step.log).toContain('Did you mean us-east-1?');
    // Said before the first request, and the unresolvable host is final: no retry.
    expect(warning).toBeLessThan(step.log.indexOf('Credential source:'));
    expect(step.log).not.toMatch(/retry 1 of/);
    expect(step.log).toMatch(
      /::error::.*`aws-region`: 'us-esat-1' is not a region this action's AWS SDK knows, and its STS host sts\.us-esat-1\.amazonaws\.com does not resolve \(ENOTFOUND\); did you mean us-east-1\?/,
    );
    expect(step.durationMs).toBeLessThan(6_000);
    expect(step.env).toEqual({});
  });

  test('with sts-endpoint: the run works, and the warning still names the likely region', async () => {
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'aws-region': 'us-esat-1', 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    expect(step.log).toMatch(/::warning::`aws-region`: 'us-esat-1' .*Did you mean us-east-1\?/);
  });

  test('a known region gets no warning', async () => {
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'aws-region': 'eu-west-3', 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    expect(step.log).not.toContain('::warning::');
  });
});

describe('errors that point at the right thing', () => {
  test('a profiles entry with a bad name quotes the name and says what a name may hold', async () => {
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: {
        ...stsInputs(stack),
        profiles: `dev: ${DEPLOY}\nprod deploy: ${DEPLOY}`,
      },
    });
    expect(step.exitCode).not.toBe(0);
    expect(step.log).toContain(
      '`profiles`: line 2: the profile name "prod deploy" is not valid: a name holds 1-64 letters, digits and _ . - (no spaces), e.g. "prod-deploy"',
    );
    expect(stack.proxy.records()).toHaveLength(0);
  });

  test('a bare role name with OIDC names role-to-assume once', async () => {
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': 'deploy-prod' },
    });
    expect(step.exitCode).not.toBe(0);
    expect(step.log).toContain("`role-to-assume`: 'deploy-prod' is a bare role name");
    expect(step.log).not.toContain('role-to-assume: role-to-assume');
  });

  test('no id-token: write names no input the user never set', async () => {
    const step = await runStep({
      entry: 'main',
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
      inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).not.toBe(0);
    expect(step.log).toMatch(
      /::error::No source credentials were found: the job has no `id-token: write`/,
    );
    expect(step.log).not.toContain('`credential-source`');
    expect(step.summary).not.toContain('credential-source');
  });

  test('the step summary of a refused OIDC run renders its causes as one list', async () => {
    stack.proxy.inject({
      action: 'AssumeRoleWithWebIdentity',
      fault: { kind: 'error', status: 403, code: 'AccessDenied', message: 'Not authorized' },
    });
    const step = await runStep({
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).not.toBe(0);
    expect(step.summary).toContain('- sub differs by trigger');
    expect(step.summary).not.toMatch(/^\s*- - /m);
    expectNoLeaks(step, stack);
  });

  test('aws-cn: a missing OIDC provider is created with the aws-cn audience', async () => {
    const job = createJob();
    // A token file whose token carries no aud: the audience comes from the partition.
    writeFileSync(
      join(job.workspace, 'token.jwt'),
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJmaWxlLXRva2VuIn0.c2ln',
    );
    chmodSync(join(job.workspace, 'token.jwt'), 0o600);
    stack.proxy.inject({
      action: 'AssumeRoleWithWebIdentity',
      fault: {
        kind: 'error',
        status: 400,
        code: 'InvalidIdentityToken',
        message:
          'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
      },
    });
    const step = await runStep({
      entry: 'main',
      job,
      inputs: {
        ...stsInputs(stack),
        'aws-region': 'cn-north-1',
        'web-identity-token-file': 'token.jwt',
        'role-to-assume': 'arn:aws-cn:iam::222222222222:role/deploy',
      },
    });
    expect(step.exitCode).not.toBe(0);
    expect(step.log).toContain(
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com.cn',
    );
  });
});

test('trust-policy generate: several scopes and --job-workflow-ref admit exactly those runs', async () => {
  const workflow = 'octo-org/shared/.github/workflows/deploy.yml@refs/heads/main';
  const run = await runBounded(
    process.execPath,
    [
      join(REPO_ROOT, 'dist', 'cli', 'index.js'),
      'trust-policy',
      'generate',
      '--repo',
      'octo-org/octo-repo',
      '--environment',
      'prod',
      '--environment',
      'staging',
      '--branch',
      'main',
      '--job-workflow-ref',
      workflow,
      '--account-id',
      '123456789012',
    ],
    { env: { PATH: process.env['PATH'] ?? '' }, timeoutMs: 30_000 },
  );
  expect(run.exitCode).toBe(0);
  const policy = JSON.parse(run.stdout) as PolicyDocument;
  const claims = (sub: string, jobWorkflowRef = workflow) => ({
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'sts.amazonaws.com',
    sub,
    job_workflow_ref: jobWorkflowRef,
  });
  const admitted = (c: Record<string, string>) => evaluateTrustPolicy(policy, c).allowed;
  expect(admitted(claims('repo:octo-org/octo-repo:environment:prod'))).toBe(true);
  expect(admitted(claims('repo:octo-org/octo-repo:environment:staging'))).toBe(true);
  expect(admitted(claims('repo:octo-org/octo-repo:ref:refs/heads/main'))).toBe(true);
  expect(admitted(claims('repo:octo-org/octo-repo:environment:dev'))).toBe(false);
  expect(admitted(claims('repo:octo-org/octo-repo:pull_request'))).toBe(false);
  expect(
    admitted(
      claims(
        'repo:octo-org/octo-repo:environment:prod',
        'octo-org/other/.github/workflows/x.yml@refs/heads/main',
      ),
    ),
  ).toBe(false);
  expect(JSON.stringify(policy)).toContain(
    'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  );
});

test(
  'AWS_PROFILE: never exported, so after the post step CLI v1 and v2, boto3, the JS SDK and the Go SDK still use keys a later step sets',
  async () => {
    const job = createJob();
    const main = await runStep({
      entry: 'main',
      job,
      env: oidcEnv(stack),
      inputs: {
        ...stsInputs(stack),
        'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
        'aws-profile': 'deploy',
        'output-env-credentials': 'false',
      },
    });
    expect(main.exitCode).toBe(0);
    expect(main.env['AWS_PROFILE']).toBeUndefined();
    const [clis, go] = await Promise.all([findAwsClis(), goClient()]);
    const endpoint = stack.moto.url;
    const clients = (env: Record<string, string>) => [
      ...clis.map((cli) => ({
        name: cli.versionLine,
        run: () =>
          runAwsCli(['sts', 'get-caller-identity', '--endpoint-url', endpoint], env, {
            cli: cli.path,
          }),
      })),
      {
        name: 'boto3',
        run: () =>
          runBoto3(
            `import boto3, json\nprint(json.dumps(boto3.client('sts', region_name='us-east-1', endpoint_url='${endpoint}').get_caller_identity()))`,
            env,
          ),
      },
      {
        name: 'aws-sdk-js-v3',
        run: () =>
          runClient(
            process.execPath,
            [join(REPO_ROOT, '__tests__/e2e/harness/js-client.mjs'), endpoint],
            env,
            undefined,
            30_000,
          ),
      },
      ...(go === undefined
        ? []
        : [{ name: 'aws-sdk-go-v2', run: () => runGoClient(go, endpoint, env) }]),
    ];
    const accounts = async (env: Record<string, string>) =>
      Promise.all(
        clients(env).map(async (client) => {
          const result = await client.run();
          const json = (result.json ??
            JSON.parse(result.stdout.trim().split('\n').at(-1) || '{}')) as {
            Account?: string;
          };
          return [client.name, json.Account ?? result.stderr.trim()];
        }),
      );
    // The step that asks for the profile names it in its own env: every client uses it.
    const asked = await accounts({ ...laterStepEnv(job.env), AWS_PROFILE: 'deploy' });
    expect(asked).toEqual(asked.map(([name]) => [name, '111111111111']));

    const post = await runStep({ entry: 'post', job });
    expect(post.exitCode).toBe(0);
    expect(job.env['AWS_PROFILE']).toBeUndefined();
    // Another action's keys in a later step (its post step, say): no profile stands in the way.
    const keys = {
      AWS_ACCESS_KEY_ID: STORED_KEYS['aws-access-key-id'],
      AWS_SECRET_ACCESS_KEY: STORED_KEYS['aws-secret-access-key'],
    };
    const later = await accounts({ ...laterStepEnv(job.env), ...keys });
    expect(later).toEqual(later.map(([name]) => [name, '123456789012']));
    expect(later.map(([name]) => name)).toEqual(
      expect.arrayContaining(['boto3', 'aws-sdk-js-v3', expect.stringMatching(/^aws-cli\/1/)]),
    );
  },
  CLIENT_TEST_TIMEOUT_MS,
);
