// Real clients consume what the action produced: every AWS CLI on the machine (v1 from pip, v2
// from Debian), boto3 and the AWS SDK for Go v2, for env credentials, profiles, and refreshing
// profiles.
import { jest } from '@jest/globals';
import { CLIENT_TEST_TIMEOUT_MS } from './harness/limits.js';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  findAwsClis,
  runAwsCli,
  runBoto3,
  type AwsCli,
  type ClientResult,
} from './harness/aws-cli.js';
import { GO_BUILD_TIMEOUT_MS, goClient, runGoClient } from './harness/go-client.js';
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
let go: string | undefined;

beforeAll(async () => {
  // Settled, not Promise.all: when the Go build fails, the started stack must still be kept for
  // afterAll to stop.
  const [started, found, built] = await Promise.allSettled([
    startStack(),
    findAwsClis(),
    goClient(),
  ]);
  if (started.status === 'fulfilled') stack = started.value;
  for (const result of [started, found, built])
    if (result.status === 'rejected') throw result.reason;
  clis = (found as PromiseFulfilledResult<AwsCli[]>).value;
  go = (built as PromiseFulfilledResult<string | undefined>).value;
}, GO_BUILD_TIMEOUT_MS + 30_000);
afterAll(() => stopStack(stack));
beforeEach(() => resetStack(stack));

test('the machine has the AWS CLIs this suite promises (v2 is required in CI)', () => {
  const versions = clis.map((cli) => cli.version);
  expect(versions).toContain(1);
  if (process.env['CI'] === 'true') expect(versions).toContain(2);
});

test('the machine has the Go SDK v2 client (required in CI on Linux: apt-get install golang-go golang-github-aws-aws-sdk-go-v2-dev)', () => {
  // The client builds from Debian's packaged SDK (GOPATH mode), which only Linux runners have.
  if (process.env['CI'] === 'true' && process.platform === 'linux')
    expect(go).toEqual(expect.any(String));
});

/** The env credentials a step exported, taken out: a profile is then the only source left. */
function withoutEnvCredentials(env: Record<string, string>): Record<string, string> {
  const rest = { ...env };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
    delete rest[name];
  return rest;
}

test('every CLI, boto3 and the Go SDK use the exported env credentials and the written profiles', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEV,
      'aws-profile': 'dev',
      profiles: `prod: ${PROD}`,
    },
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
  if (go !== undefined) {
    const goAccounts = await Promise.all(
      [env, ...['dev', 'prod'].map((p) => ({ ...withoutEnvCredentials(env), AWS_PROFILE: p }))].map(
        async (goEnv) => {
          const run = await runGoClient(go ?? '', stack.moto.url, goEnv);
          return [(run.json as { Account?: string } | undefined)?.Account, run.stderr.trim()];
        },
      ),
    );
    expect(goAccounts).toEqual([
      ['111111111111', ''],
      ['111111111111', ''],
      ['333333333333', ''],
    ]);
  }
  job.cleanup();
});

test('every CLI and the Go SDK refresh a credential_process profile by themselves once the cache expires', async () => {
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
  // The spec file is the line's last word: its name needs no quotes (helper-command.ts).
  const specFile = /credential_process = .* "?([^"\s]+\.json)"?$/m.exec(config)?.[1] ?? '';
  const cacheFile = (JSON.parse(readFileSync(specFile, 'utf8')) as { cacheFile: string }).cacheFile;
  // The step that uses the profile names it (the action never exports AWS_PROFILE).
  const env = { ...laterStepEnv(job.env), ...oidcEnv(stack), AWS_PROFILE: 'live' };
  const goRun = (): Promise<ClientResult> =>
    runGoClient(go ?? '', stack.moto.url, env).then((run) => ({
      ...run,
      // The Go client prints no error JSON; its stderr carries the SDK's message.
      json: run.json ?? { error: run.stderr.trim() },
    }));
  const clients: { name: string; run: () => Promise<ClientResult> }[] = [
    ...clis.map((cli) => ({
      name: cli.versionLine,
      run: () =>
        runAwsCli(['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url], env, {
          cli: cli.path,
        }),
    })),
    ...(go === undefined ? [] : [{ name: 'aws-sdk-go-v2', run: goRun }]),
  ];
  for (const client of clients) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    writeFileSync(
      cacheFile,
      JSON.stringify({ ...cached, Expiration: new Date(Date.now() - 1000).toISOString() }),
    );
    const before = stack.proxy.records().length;
    const result = await client.run();
    expect([client.name, result.json]).toEqual([
      client.name,
      expect.objectContaining({ Account: '111111111111' }),
    ]);
    const refreshes = stack.proxy
      .records()
      .slice(before)
      .filter((r) => r.action === 'AssumeRoleWithWebIdentity');
    expect([client.name, refreshes.length]).toEqual([client.name, 1]);
  }
  job.cleanup();
});
