// Several accounts in one job through named profiles: private files under RUNNER_TEMP that
// real clients (AWS CLI, boto3) read, earlier profiles kept, and a post step that removes
// exactly what main wrote.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { posixMode, promisedMode } from './harness/file-modes.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { runBoto3 } from './harness/aws-cli.js';
import { createJob, runStep } from './harness/runner.js';
import {
  STORED_KEYS,
  callerIdentity,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  stsInputs,
  useStack,
} from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const PROFILES = [
  'dev: arn:aws:iam::111111111111:role/deploy',
  'staging: arn:aws:iam::222222222222:role/deploy',
  'prod: arn:aws:iam::333333333333:role/gateway -> arn:aws:iam::444444444444:role/deploy',
].join('\n');

const stack = useStack();

const mode = posixMode;

test('three profiles, one chained: private files under RUNNER_TEMP that the CLI and boto3 use', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), profiles: PROFILES },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack);

  // prod's second hop is signed with its first hop's key.
  const records = stack.proxy.records();
  expect(records).toHaveLength(4);
  const prodHop2 = records.find(
    (r) => r.params['RoleArn'] === 'arn:aws:iam::444444444444:role/deploy',
  );
  const prodHop1 = records.find(
    (r) => r.params['RoleArn'] === 'arn:aws:iam::333333333333:role/gateway',
  );
  expect(prodHop2?.action).toBe('AssumeRole');
  expect(prodHop2?.accessKeyId).toBe(prodHop1?.issuedAccessKeyId);

  // Profiles only: no key in the env, no default profile picked for the user.
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(step.env['AWS_PROFILE']).toBeUndefined();
  const configFile = step.env['AWS_CONFIG_FILE'] ?? '';
  const credentialsFile = step.env['AWS_SHARED_CREDENTIALS_FILE'] ?? '';
  for (const file of [configFile, credentialsFile]) {
    expect(file.startsWith(job.runnerTemp + sep)).toBe(true);
    expect(file.startsWith(job.workspace)).toBe(false);
    expect(mode(file)).toBe(promisedMode(0o600));
  }
  expect(dirname(configFile)).toBe(dirname(credentialsFile));
  expect(mode(dirname(configFile))).toBe(promisedMode(0o700));
  expect(readdirSync(job.workspace)).toEqual([]);
  const config = readFileSync(configFile, 'utf8');
  for (const name of ['dev', 'staging', 'prod']) expect(config).toContain(`[profile ${name}]`);

  const env = laterStepEnv(job.env);
  const expected: Record<string, string> = {
    dev: '111111111111',
    staging: '222222222222',
    prod: '444444444444',
  };
  for (const [profile, account] of Object.entries(expected)) {
    const cli = await callerIdentity(stack, env, ['--profile', profile]);
    expect(cli.exitCode).toBe(0);
    expect(cli.json).toMatchObject({ Account: account });
  }
  const prod = await callerIdentity(stack, env, ['--profile', 'prod']);
  expect((prod.json as { Arn?: string }).Arn).toContain(':assumed-role/deploy/');

  const boto = await runBoto3(
    [
      'import boto3, json',
      'out = {}',
      "for name in ['dev', 'staging', 'prod']:",
      `    sts = boto3.Session(profile_name=name).client('sts', endpoint_url=${JSON.stringify(stack.moto.url)})`,
      "    out[name] = sts.get_caller_identity()['Account']",
      'print(json.dumps(out))',
    ].join('\n'),
    env,
  );
  expect(boto.stderr).toBe('');
  expect(boto.json).toEqual(expected);
  job.cleanup();
}, 60_000);

test('earlier profiles survive; post deletes exactly the files main wrote and restores AWS_CONFIG_FILE', async () => {
  const job = createJob();
  const earlierConfig = join(job.root, 'earlier-config');
  const earlierText = '[profile keepme]\nregion = eu-west-1\n# a comment\n';
  writeFileSync(earlierConfig, earlierText);
  const bystander = join(job.runnerTemp, 'someone-elses-file');
  writeFileSync(bystander, 'not ours');
  // An earlier step exported AWS_CONFIG_FILE.
  job.env['AWS_CONFIG_FILE'] = earlierConfig;

  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), profiles: PROFILES },
  });
  expect(main.exitCode).toBe(0);
  expectNoLeaks(main, stack);
  const configFile = main.env['AWS_CONFIG_FILE'] ?? '';
  expect(configFile).not.toBe(earlierConfig);
  const config = readFileSync(configFile, 'utf8');
  expect(config).toContain('[profile keepme]');
  expect(config).toContain('region = eu-west-1');
  expect(config).toContain('# a comment');
  expect(config).toContain('[profile prod]');
  expect(readFileSync(earlierConfig, 'utf8')).toBe(earlierText);

  const directory = dirname(configFile);
  const written = readdirSync(directory)
    .map((name) => join(directory, name))
    .sort();
  expect(written).toEqual([join(directory, 'config'), join(directory, 'credentials')]);

  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  expectNoLeaks(post, stack);
  const removed = [...post.log.matchAll(/^Removed (.+)$/gm)].map((m) => m[1]).sort();
  expect(removed).toEqual(written);
  expect(existsSync(directory)).toBe(false);
  expect(post.env['AWS_CONFIG_FILE']).toBe(earlierConfig);
  // Not '': an empty AWS_SHARED_CREDENTIALS_FILE makes the AWS tools read no file at all.
  expect(post.env['AWS_SHARED_CREDENTIALS_FILE']).toBe(join(job.home, '.aws', 'credentials'));
  expect(post.env['AWS_REGION']).toBe('');
  expect(readFileSync(earlierConfig, 'utf8')).toBe(earlierText);
  expect(readFileSync(bystander, 'utf8')).toBe('not ours');
  job.cleanup();
});

test('after the post step, a later step (e.g. another cleanup) still reads ~/.aws with the AWS CLI', async () => {
  const job = createJob();
  // The user's own profile in the default location; nothing pointed AWS_CONFIG_FILE elsewhere.
  mkdirSync(join(job.home, '.aws'), { recursive: true });
  writeFileSync(join(job.home, '.aws', 'config'), '[profile mine]\nregion = eu-west-1\n');
  writeFileSync(
    join(job.home, '.aws', 'credentials'),
    `[mine]\naws_access_key_id = ${STORED_KEYS['aws-access-key-id']}\naws_secret_access_key = ${STORED_KEYS['aws-secret-access-key']}\n`,
  );
  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), profiles: PROFILES },
  });
  expect(main.exitCode).toBe(0);
  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  expect(job.env['AWS_CONFIG_FILE']).toBe(join(job.home, '.aws', 'config'));
  expect(job.env['AWS_SHARED_CREDENTIALS_FILE']).toBe(join(job.home, '.aws', 'credentials'));
  const cli = await callerIdentity(stack, laterStepEnv(job.env), ['--profile', 'mine']);
  expect(cli.stderr).toBe('');
  expect(cli.json).toMatchObject({ Account: '123456789012' });
});

test('after an aws-profile step and its post step, AWS_PROFILE is still unset: the job’s own [default] keys work', async () => {
  const job = createJob();
  mkdirSync(join(job.home, '.aws'), { recursive: true });
  writeFileSync(
    join(job.home, '.aws', 'credentials'),
    `[default]\naws_access_key_id = ${STORED_KEYS['aws-access-key-id']}\naws_secret_access_key = ${STORED_KEYS['aws-secret-access-key']}\n`,
  );
  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
      'aws-profile': 'single',
      'output-env-credentials': 'false',
    },
  });
  expect(main.exitCode).toBe(0);
  expect(job.env['AWS_PROFILE']).toBeUndefined();
  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  expect(job.env['AWS_PROFILE']).toBeUndefined();
  const cli = await callerIdentity(stack, laterStepEnv(job.env));
  expect(cli.stderr).toBe('');
  expect(cli.json).toMatchObject({ Account: '123456789012' });
});

test('aws-profile without env credentials: no AWS_PROFILE exported; a CLI call naming the profile works', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
      'aws-profile': 'single',
      'output-env-credentials': 'false',
    },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack);
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
  ])
    expect(step.env[name]).toBeUndefined();
  const cli = await callerIdentity(stack, { ...laterStepEnv(job.env), AWS_PROFILE: 'single' });
  expect(cli.exitCode).toBe(0);
  expect(cli.json).toMatchObject({
    Account: '111111111111',
    Arn: 'arn:aws:sts::111111111111:assumed-role/deploy/GitHubActions',
  });
  job.cleanup();
});

test('a typo in a profiles line names the profile and the line; nothing is sent', async () => {
  const oidcBefore = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      profiles: [
        'dev: arn:aws:iam::111111111111:role/deploy',
        'staging: arn:aws:iam::222222222222:role/deploy externl-id=x',
      ].join('\n'),
    },
  });
  expect(step.exitCode).not.toBe(0);
  expect(step.log).toContain('`profiles`');
  expect(step.log).toContain('line 2 (profile staging');
  expect(step.log).toContain("unknown option 'externl-id'");
  expect(step.log).toContain('external-id');
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.oidc.requests()).toHaveLength(oidcBefore);
  expect(step.env).toEqual({});
  expectNoLeaks(step, stack);
});
