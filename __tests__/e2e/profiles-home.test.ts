// Profile files in the user's ~/.aws (profile-files-location: home), and overwrite-aws-profile:
// other sections and comments survive, the post step removes exactly what main added, an
// existing profile is replaced only when asked (never in ~/.aws), and a linked ~/.aws is refused.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { posixMode, promisedMode } from './harness/file-modes.js';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createJob, runStep, type Job, type StepResult } from './harness/runner.js';
import { GO_BUILD_TIMEOUT_MS, goClient, runGoClient } from './harness/go-client.js';
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

const DEV = 'arn:aws:iam::111111111111:role/deploy';
const stack = useStack();

const mode = posixMode;
const awsFile = (job: Job, name: string): string => join(job.home, '.aws', name);
const USER_CONFIG = '# my settings\n[profile mine]\nregion = eu-west-1\n';
const USER_CREDENTIALS = `[mine]\naws_access_key_id = ${STORED_KEYS['aws-access-key-id']}\naws_secret_access_key = ${STORED_KEYS['aws-secret-access-key']}\n`;

function withUserFiles(job: Job): void {
  mkdirSync(join(job.home, '.aws'), { recursive: true });
  writeFileSync(awsFile(job, 'config'), USER_CONFIG, { mode: 0o644 });
  writeFileSync(awsFile(job, 'credentials'), USER_CREDENTIALS, { mode: 0o600 });
}

test(
  'home: the profile goes into ~/.aws next to the user’s own, and the post step takes out only it',
  async () => {
    const job = createJob();
    withUserFiles(job);
    const main = await runStep({
      entry: 'main',
      job,
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), profiles: `dev: ${DEV}`, 'profile-files-location': 'home' },
    });
    expect(main.exitCode).toBe(0);
    expectNoLeaks(main, stack, Object.values(STORED_KEYS));
    expect(main.env['AWS_CONFIG_FILE']).toBeUndefined();
    expect(main.env['AWS_SHARED_CREDENTIALS_FILE']).toBeUndefined();
    const config = readFileSync(awsFile(job, 'config'), 'utf8');
    expect(config.startsWith(USER_CONFIG)).toBe(true);
    expect(config).toContain('[profile dev]');
    for (const name of ['config', 'credentials'])
      expect(mode(awsFile(job, name))).toBe(promisedMode(0o600));

    // A later step (or a container mounting ~/.aws) reads both profiles from the default location.
    const env = { ...laterStepEnv(job.env), HOME: job.home };
    const dev = await callerIdentity(stack, env, ['--profile', 'dev']);
    expect(dev.json).toMatchObject({ Account: '111111111111' });
    const mine = await callerIdentity(stack, env, ['--profile', 'mine']);
    expect(mine.json).toMatchObject({ Account: '123456789012' });
    // The Go SDK v2 finds ~/.aws through HOME as well (required in CI: clients.test.ts).
    const go = await goClient();
    if (go !== undefined) {
      const viaGo = await runGoClient(go, stack.moto.url, { ...env, AWS_PROFILE: 'dev' });
      expect([viaGo.json, viaGo.stderr.trim()]).toEqual([
        expect.objectContaining({ Account: '111111111111' }),
        '',
      ]);
    }

    const post = await runStep({ entry: 'post', job });
    expect(post.exitCode).toBe(0);
    expect(post.log).not.toContain('::warning::');
    // ~/.aws was the user's before the step: it stays, with the user's files.
    expect(existsSync(join(job.home, '.aws'))).toBe(true);
    expect(readFileSync(awsFile(job, 'config'), 'utf8')).toBe(USER_CONFIG);
    expect(readFileSync(awsFile(job, 'credentials'), 'utf8')).toBe(USER_CREDENTIALS);
  },
  STEP_TEST_TIMEOUT_MS + GO_BUILD_TIMEOUT_MS,
); // the first Go client use may build it

/**
 * Runs main with a home profile (`dev`, env credentials off), then `between` (a later step),
 * then the post step; returns the post step's log.
 */
async function homeRunThenPost(
  job: Job,
  between: (main: StepResult) => Promise<void> | void = () => undefined,
): Promise<string> {
  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEV,
      'aws-profile': 'dev',
      'output-env-credentials': 'false',
      'profile-files-location': 'home',
    },
  });
  expect(main.exitCode).toBe(0);
  await between(main);
  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  return post.log;
}

test('home without ~/.aws: its files are created 0600, and the post step removes them and ~/.aws', async () => {
  const job = createJob();
  expect(existsSync(join(job.home, '.aws'))).toBe(false);
  const log = await homeRunThenPost(job, async (main) => {
    expect(main.env['AWS_PROFILE']).toBeUndefined();
    for (const name of ['config', 'credentials'])
      expect(mode(awsFile(job, name))).toBe(promisedMode(0o600));
    const cli = await callerIdentity(stack, {
      ...laterStepEnv(job.env),
      HOME: job.home,
      AWS_PROFILE: 'dev',
    });
    expect(cli.json).toMatchObject({ Account: '111111111111' });
  });
  for (const name of ['config', 'credentials']) expect(existsSync(awsFile(job, name))).toBe(false);
  expect(existsSync(join(job.home, '.aws'))).toBe(false);
  expect(log).toContain(`Removed ${join(job.home, '.aws')} (this action created it)`);
});

test('home: an empty ~/.aws that was there before the step stays after the post step', async () => {
  const job = createJob();
  const dir = join(job.home, '.aws');
  mkdirSync(dir, { mode: 0o700 });
  const log = await homeRunThenPost(job);
  expect(existsSync(dir)).toBe(true);
  expect(readdirSync(dir)).toEqual([]);
  expect(log).not.toContain(`Removed ${dir}`);
});

test('home: a ~/.aws the step created but a later step wrote into is kept, and the log says why', async () => {
  const job = createJob();
  const dir = join(job.home, '.aws');
  const log = await homeRunThenPost(job, () => {
    mkdirSync(join(dir, 'cli', 'cache'), { recursive: true });
    writeFileSync(join(dir, 'cli', 'cache', 'entry.json'), '{}');
  });
  expect(existsSync(join(dir, 'cli', 'cache', 'entry.json'))).toBe(true);
  for (const name of ['config', 'credentials']) expect(existsSync(awsFile(job, name))).toBe(false);
  expect(log).toContain(`Kept ${dir}: it is not empty`);
  expect(log).not.toContain('::warning::');
});

test.each([
  ['runner-temp', 'an earlier config file (AWS_CONFIG_FILE)'],
  ['home', '~/.aws/config'],
])(
  'overwrite-aws-profile (%s): an existing profile in %s is refused before any request, replaced when true (refused outright with home)',
  async (location) => {
    const job = createJob();
    withUserFiles(job);
    if (location === 'runner-temp') {
      const earlier = join(job.root, 'earlier-config');
      // A header with a trailing comment is the same section to the AWS CLI and the SDKs.
      writeFileSync(
        earlier,
        USER_CONFIG.replace('[profile mine]', '[profile mine] ; my own, see wiki'),
      );
      job.env['AWS_CONFIG_FILE'] = earlier;
    }
    const inputs = {
      ...stsInputs(stack),
      profiles: `mine: ${DEV}`,
      'profile-files-location': location,
    };
    const before = stack.oidc.requests().length;
    const refused = await runStep({ entry: 'main', job, env: oidcEnv(stack), inputs });
    expect(refused.exitCode).not.toBe(0);
    // In ~/.aws overwrite-aws-profile is refused outright, so the error must not suggest it.
    expect(refused.log).toMatch(
      location === 'home'
        ? /::error::`profile-files-location`: is home, and the profile already exists \(\[profile mine\].*choose another profile name/
        : /::error::.*`overwrite-aws-profile`.*\[profile mine\].*Set overwrite-aws-profile: true/,
    );
    if (location === 'home') expect(refused.log).not.toContain('Set overwrite-aws-profile');
    expect(stack.proxy.records()).toHaveLength(0);
    expect(stack.oidc.requests()).toHaveLength(before);
    expect(refused.env).toEqual({});

    const replaced = await runStep({
      entry: 'main',
      job,
      env: oidcEnv(stack),
      inputs: { ...inputs, 'overwrite-aws-profile': 'true' },
    });
    if (location === 'home') {
      // The post step could not put the user's own [profile mine] back: refused as an input error.
      expect(replaced.exitCode).not.toBe(0);
      expect(replaced.log).toMatch(
        /::error::.*`overwrite-aws-profile`: cannot be true with `profile-files-location: home`.*`profile-files-location: runner-temp`/,
      );
      expect(stack.proxy.records()).toHaveLength(0);
      expect(stack.oidc.requests()).toHaveLength(before);
      expect(replaced.env).toEqual({});
      expect(readFileSync(awsFile(job, 'config'), 'utf8')).toBe(USER_CONFIG);
      expect(readFileSync(awsFile(job, 'credentials'), 'utf8')).toBe(USER_CREDENTIALS);
      return;
    }
    expect(replaced.exitCode).toBe(0);
    const cli = await callerIdentity(stack, { ...laterStepEnv(job.env), HOME: job.home }, [
      '--profile',
      'mine',
    ]);
    expect(cli.json).toMatchObject({ Account: '111111111111' });
    // Replaced, not added beside: a second [profile mine] would make the AWS CLI refuse the file.
    const written = readFileSync(replaced.env['AWS_CONFIG_FILE'] ?? '', 'utf8');
    expect(written.match(/^\[profile mine\]/gm)).toHaveLength(1);
  },
);

test('home: a ~/.aws that is a symbolic link is refused, nothing is written through it or exported', async () => {
  const job = createJob();
  const elsewhere = join(job.root, 'elsewhere');
  mkdirSync(elsewhere);
  symlinkSync(elsewhere, join(job.home, '.aws'));
  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), profiles: `dev: ${DEV}`, 'profile-files-location': 'home' },
  });
  expect(main.exitCode).not.toBe(0);
  expect(main.log).toMatch(/::error::.*\.aws: it is a symbolic link/);
  expectNoLeaks(main, stack);
  expect(readdirSync(elsewhere)).toEqual([]);
  for (const value of Object.values({ ...main.env, ...main.outputs }))
    for (const secret of runSecrets(stack)) expect(value).not.toContain(secret);
  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  expect(readdirSync(elsewhere)).toEqual([]);
});

test('home: a ~/.aws swapped for a symbolic link between main and post is not followed by the post step', async () => {
  const job = createJob();
  withUserFiles(job);
  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), profiles: `dev: ${DEV}`, 'profile-files-location': 'home' },
  });
  expect(main.exitCode).toBe(0);
  // A later step moves the directory away and leaves a link to it in its place.
  const elsewhere = join(job.root, 'elsewhere');
  renameSync(join(job.home, '.aws'), elsewhere);
  symlinkSync(elsewhere, join(job.home, '.aws'));
  const before = readFileSync(join(elsewhere, 'config'), 'utf8');
  expect(before).toContain('[profile dev]');

  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  // The step's credentials stay behind the link: an error annotation, and the job still passes.
  expect(post.log).toMatch(
    /::error::.*credentials still holds credentials this step wrote \(refusing to edit profiles in .*\.aws: it is a symbolic link/,
  );
  expect(readFileSync(join(elsewhere, 'config'), 'utf8')).toBe(before);
  expect(existsSync(join(elsewhere, 'credentials'))).toBe(true);
});
