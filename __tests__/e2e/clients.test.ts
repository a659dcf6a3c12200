// Real clients consume what the action produced: every AWS CLI on the machine (v1 from pip, v2
// from Debian) and boto3, for env credentials, profiles, and refreshing profiles.
import { jest } from '@jest/globals';
import { CLIENT_TEST_TIMEOUT_MS } from './harness/limits.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { findAwsClis, runAwsCli, runBoto3, type AwsCli } from './harness/aws-cli.js';
import { createJob, runStep } from './harness/runner.js';
import {
  laterStepEnv,
  oidcEnv,
  resetStack,
  startStack,
  stopStack,
  stsInputs,
  type Stack,
} from './harness/stack.js';

jest.setTimeout(CLIENT_TEST_TIMEOUT_MS);

const DEV = 'arn:aws:iam::111111111111:role/deploy';
const PROD = 'arn:aws:iam::333333333333:role/deploy';
let stack: Stack;
let clis: AwsCli[];

beforeAll(async () => {
  [stack, clis] = await Promise.all([startStack(), findAwsClis()]);
}, 30_000);
afterAll(() => stopStack(stack));
beforeEach(() => resetStack(stack));

test('the machine has the AWS CLIs this suite promises (v2 is required in CI)', () => {
  const versions = clis.map((cli) => cli.version);
  expect(versions).toContain(1);
  if (process.env['CI'] === 'true') expect(versions).toContain(2);
});

test('every CLI and boto3 use the exported env credentials and the written profiles', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEV, profiles: `prod: ${PROD}` },
  });
  expect(step.exitCode).toBe(0);
  const env = laterStepEnv(job.env);
  for (const cli of clis) {
    const viaEnv = await runAwsCli(
      ['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url],
      env,
      { cli: cli.path },
    );
    expect([cli.versionLine, viaEnv.json]).toEqual([
      cli.versionLine,
      expect.objectContaining({ Account: '111111111111' }),
    ]);
    const viaProfile = await runAwsCli(
      ['sts', 'get-caller-identity', '--profile', 'prod', '--endpoint-url', stack.moto.url],
      env,
      { cli: cli.path },
    );
    expect([cli.versionLine, viaProfile.json]).toEqual([
      cli.versionLine,
      expect.objectContaining({ Account: '333333333333' }),
    ]);
  }
  const boto = await runBoto3(
    `import boto3, json
print(json.dumps(boto3.Session(profile_name='prod').client('sts', endpoint_url='${stack.moto.url}').get_caller_identity()['Account']))`,
    env,
  );
  expect(boto.stdout.trim()).toBe('"333333333333"');
  job.cleanup();
});

test('every CLI refreshes a credential_process profile by itself once the cache expires', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEV,
      'aws-profile': 'live',
      'refresh-credentials': 'true',
      'output-env-credentials': 'false',
    },
  });
  expect(step.exitCode).toBe(0);
  const config = readFileSync(step.env['AWS_CONFIG_FILE'] ?? '', 'utf8');
  const specFile = /credential_process = .*"([^"]+\.json)"/.exec(config)?.[1] ?? '';
  const cacheFile = (JSON.parse(readFileSync(specFile, 'utf8')) as { cacheFile: string }).cacheFile;
  const env = { ...laterStepEnv(job.env), ...oidcEnv(stack) };
  for (const cli of clis) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    writeFileSync(
      cacheFile,
      JSON.stringify({ ...cached, Expiration: new Date(Date.now() - 1000).toISOString() }),
    );
    const before = stack.proxy.records().length;
    const result = await runAwsCli(
      ['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url],
      env,
      { cli: cli.path },
    );
    expect([cli.versionLine, result.json]).toEqual([
      cli.versionLine,
      expect.objectContaining({ Account: '111111111111' }),
    ]);
    const refreshes = stack.proxy
      .records()
      .slice(before)
      .filter((r) => r.action === 'AssumeRoleWithWebIdentity');
    expect([cli.versionLine, refreshes.length]).toEqual([cli.versionLine, 1]);
  }
  job.cleanup();
});
