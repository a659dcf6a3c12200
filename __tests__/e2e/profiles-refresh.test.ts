// refresh-credentials: a profile whose credential_process helper serves a seeded cache, and
// re-fetches the job's OIDC token and re-assumes the chain once the cache is about to expire.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { posixMode, promisedMode } from './harness/file-modes.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runAwsCli } from './harness/aws-cli.js';
import { baseEnv, runBounded } from './harness/proc.js';
import { createJob, runStep, type Job } from './harness/runner.js';
import {
  STORED_KEYS,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  stsInputs,
  useStack,
} from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const ROLE = 'arn:aws:iam::111111111111:role/deploy';

const stack = useStack();

const mode = posixMode;

/** The entries of `[profile NAME]` in a config file. */
function profileSection(config: string, name: string): Record<string, string> {
  const start = config.indexOf(`[profile ${name}]`);
  if (start < 0) throw new Error(`no [profile ${name}] section`);
  const body = config.slice(start).split('\n').slice(1);
  const end = body.findIndex((line) => line.startsWith('['));
  return Object.fromEntries(
    body
      .slice(0, end < 0 ? undefined : end)
      .map((line) => /^\s*([\w-]+)\s*=\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

/** Splits a credential_process line into its double-quoted words. */
function commandWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

function expireCache(cacheFile: string, inMs = -60_000): void {
  const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
  cached['Expiration'] = new Date(Date.now() + inMs).toISOString();
  writeFileSync(cacheFile, JSON.stringify(cached));
}

const webIdentityCalls = () =>
  stack.proxy.records().filter((r) => r.action === 'AssumeRoleWithWebIdentity');

/** A later step that names the profile in its env, as the docs say (the action never sets it). */
function liveIdentity(env: Record<string, string>) {
  return runAwsCli(['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url], {
    AWS_PROFILE: 'live',
    ...env,
  });
}

async function configureRefresh(job: Job, duration = '900', inputs: Record<string, string> = {}) {
  const step = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': ROLE,
      'aws-profile': 'live',
      'refresh-credentials': 'true',
      'role-duration-seconds': duration,
      'output-env-credentials': 'false',
      ...inputs,
    },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack);
  expect(step.env['AWS_PROFILE']).toBeUndefined();
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  const section = profileSection(readFileSync(step.env['AWS_CONFIG_FILE'] ?? '', 'utf8'), 'live');
  const command = section['credential_process'] ?? '';
  expect(command).not.toBe('');
  const words = commandWords(command);
  const specFile = words.at(-1) ?? '';
  expect(specFile.startsWith(job.runnerTemp)).toBe(true);
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { cacheFile: string };
  return { step, words, specFile, cacheFile: spec.cacheFile };
}

test('refresh: seeded cache first, then a new OIDC token and AssumeRoleWithWebIdentity once it expires', async () => {
  const job = createJob();
  const { cacheFile } = await configureRefresh(job);
  expect(mode(cacheFile)).toBe(promisedMode(0o600));
  const seeded = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
  expect(seeded['AccessKeyId']).toMatch(/^ASIA/);
  expect(seeded['AccessKeyId']).toBe(webIdentityCalls()[0]?.issuedAccessKeyId);

  // A later step: exported variables plus the runner's OIDC variables (id-token: write).
  const env = { ...laterStepEnv(job.env), ...oidcEnv(stack) };
  const tokensBefore = stack.oidc.issuedTokens().length;
  for (let call = 0; call < 2; call++) {
    const cli = await liveIdentity(env);
    expect(cli.exitCode).toBe(0);
    expect(cli.json).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:sts::111111111111:assumed-role/deploy/GitHubActions',
    });
  }
  expect(webIdentityCalls()).toHaveLength(1);
  expect(stack.oidc.issuedTokens()).toHaveLength(tokensBefore);

  expireCache(cacheFile);
  const refreshed = await liveIdentity(env);
  expect(refreshed.stderr).toBe('');
  expect(refreshed.exitCode).toBe(0);
  expect(refreshed.json).toMatchObject({ Account: '111111111111' });
  expect(stack.oidc.issuedTokens()).toHaveLength(tokensBefore + 1);
  const calls = webIdentityCalls();
  expect(calls).toHaveLength(2);
  expect(calls[1]?.params['WebIdentityToken']).toBe(stack.oidc.issuedTokens().at(-1));
  expect(calls[1]?.params['RoleArn']).toBe(ROLE);
  expect(calls[1]?.params['DurationSeconds']).toBe('900');
  // The cache now holds the new session, still private.
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
  expect(cache['AccessKeyId']).toMatch(/^ASIA/);
  expect(cache['AccessKeyId']).toBe(calls[1]?.issuedAccessKeyId);
  expect(new Date(cache['Expiration'] ?? '').getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
  expect(mode(cacheFile)).toBe(promisedMode(0o600));

  // Neither an OIDC token nor the runner's request token is ever written under RUNNER_TEMP.
  const tokens = [...stack.oidc.issuedTokens(), stack.oidc.requestToken];
  for (const file of filesUnder(job.runnerTemp)) {
    const text = readFileSync(file, 'utf8');
    for (const token of tokens) if (text.includes(token)) throw new Error(`token in ${file}`);
  }
  job.cleanup();
});

test('refresh: a one-hour session with 12 minutes left is renewed (botocore must refresh under 10)', async () => {
  const job = createJob();
  const { cacheFile } = await configureRefresh(job, '3600');
  const env = { ...laterStepEnv(job.env), ...oidcEnv(stack) };
  expireCache(cacheFile, 12 * 60_000);
  const cli = await liveIdentity(env);
  expect(cli.exitCode).toBe(0);
  expect(webIdentityCalls()).toHaveLength(2);
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
  expect(new Date(cache['Expiration'] ?? '').getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
});

test('post step: a temp file a killed helper left is removed with the folder, no warning', async () => {
  const job = createJob();
  const { cacheFile } = await configureRefresh(job);
  const leftover = `${cacheFile}.4242.tmp`;
  writeFileSync(leftover, readFileSync(cacheFile, 'utf8'), { mode: 0o600 });
  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  expect(post.log).not.toContain('::warning::');
  expect(post.log).toContain(`Removed ${leftover}`);
  expect(existsSync(dirname(cacheFile))).toBe(false);
});

test('refresh without the OIDC variables: the helper explains the token endpoint is gone, the CLI fails', async () => {
  const job = createJob();
  const { words, cacheFile } = await configureRefresh(job);
  expireCache(cacheFile);
  const callsBefore = stack.proxy.records().length;
  const tokensBefore = stack.oidc.issuedTokens().length;
  const env = laterStepEnv(job.env);
  expect(env['ACTIONS_ID_TOKEN_REQUEST_URL']).toBeUndefined();

  const [cmd, ...args] = words;
  const helper = await runBounded(cmd ?? '', args, { env: baseEnv(job.home), timeoutMs: 20_000 });
  expect(helper.exitCode).not.toBe(0);
  expect(helper.stdout).toBe('');
  expect(helper.stderr).toContain('token endpoint');
  expect(helper.stderr).toContain('ACTIONS_ID_TOKEN_REQUEST_URL');

  const cli = await liveIdentity(env);
  expect(cli.exitCode).not.toBe(0);
  expect(cli.stderr).toContain('token endpoint');
  expect(stack.proxy.records()).toHaveLength(callsBefore);
  expect(stack.oidc.issuedTokens()).toHaveLength(tokensBefore);
  job.cleanup();
});

/** Runs the profile's credential_process helper as an AWS client would, in a later step. */
async function runHelper(job: Job, words: readonly string[]) {
  const [cmd, ...args] = words;
  return runBounded(cmd ?? '', args, {
    env: { ...baseEnv(job.home), ...oidcEnv(stack) },
    timeoutMs: 30_000,
  });
}

test('refresh: a 500 from the token endpoint is retried, and stdout carries only the credentials', async () => {
  const job = createJob();
  const { words, cacheFile } = await configureRefresh(job);
  expireCache(cacheFile);
  const requestsBefore = stack.oidc.requests().length;
  stack.oidc.setFaults({ failFirst: 1 });

  const helper = await runHelper(job, words);
  expect(helper.exitCode).toBe(0);
  // stderr may hold the SDK's Node-version notice under Node 20; never a token or a failure.
  expect(helper.stderr).not.toMatch(/error|fail|refused/i);
  // The retry is said, in one line (clients show the helper's stderr).
  expect(helper.stderr).toMatch(
    /^aws-deploy-role \(profile 'live'\): OIDC token request: HTTP 500; retry 1 of 7 in \d+ ms$/m,
  );
  for (const token of [stack.oidc.requestToken, ...stack.oidc.issuedTokens()])
    expect(helper.stderr).not.toContain(token);
  const json = JSON.parse(helper.stdout) as Record<string, unknown>;
  expect(json).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
  // One refused attempt, then the token: the helper's own retry, not http-client's.
  expect(
    stack.oidc
      .requests()
      .slice(requestsBefore)
      .map((r) => r.status),
  ).toEqual([500, 200]);
  expect(webIdentityCalls().at(-1)?.params['WebIdentityToken']).toBe(
    stack.oidc.issuedTokens().at(-1),
  );
  job.cleanup();
});

test('refresh: a cache that cannot be replaced costs a warning on stderr, not the fresh credentials', async () => {
  // On Windows an AWS client or a virus scanner holding the cache open makes the rename fail;
  // here a directory in the cache's place makes it fail on every OS.
  const job = createJob();
  const { words, cacheFile } = await configureRefresh(job);
  rmSync(cacheFile);
  mkdirSync(join(cacheFile, 'blocker'), { recursive: true });

  const helper = await runHelper(job, words);
  expect(helper.exitCode).toBe(0);
  const json = JSON.parse(helper.stdout) as Record<string, string>;
  expect(json).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
  expect(json['AccessKeyId']).toBe(webIdentityCalls().at(-1)?.issuedAccessKeyId);
  expect(helper.stderr).toContain(`could not update the credentials cache ${cacheFile}`);
  for (const secret of [json['SecretAccessKey'] ?? '', json['SessionToken'] ?? ''])
    expect(helper.stderr).not.toContain(secret);
  expect(readdirSync(dirname(cacheFile)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  job.cleanup();
});

test('refresh: the helper is the only one to retry the token endpoint (retry-max-attempts 1, a 503)', async () => {
  // @actions/http-client would retry a 503 by itself if allowed; the helper's own retrier
  // decides, so with one attempt the 503 is the answer.
  const job = createJob();
  const { words, cacheFile } = await configureRefresh(job, '900', { 'retry-max-attempts': '1' });
  expireCache(cacheFile);
  const requestsBefore = stack.oidc.requests().length;
  stack.oidc.setFaults({ failFirst: 1, failFirstStatus: 503 });

  const helper = await runHelper(job, words);
  expect(helper.exitCode).not.toBe(0);
  expect(helper.stdout).toBe('');
  expect(helper.stderr).toContain('HTTP 503');
  expect(
    stack.oidc
      .requests()
      .slice(requestsBefore)
      .map((r) => r.status),
  ).toEqual([503]);
  job.cleanup();
});

test('refresh: a token endpoint that refuses the job (401) fails with what to fix, nothing on stdout', async () => {
  const job = createJob();
  const { words, cacheFile } = await configureRefresh(job);
  expireCache(cacheFile);
  const callsBefore = webIdentityCalls().length;
  stack.oidc.setFaults({ unauthorized: true });

  const helper = await runHelper(job, words);
  expect(helper.exitCode).not.toBe(0);
  expect(helper.stdout).toBe('');
  expect(helper.stderr).toContain('HTTP 401');
  expect(helper.stderr).toContain('id-token: write');
  expect(helper.stderr).not.toContain(stack.oidc.requestToken);
  expect(webIdentityCalls()).toHaveLength(callsBefore);
  job.cleanup();
});

test('refresh with stored keys is refused as an input error, before any request', async () => {
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': ROLE,
      'aws-profile': 'live',
      'refresh-credentials': 'true',
    },
  });
  expect(step.exitCode).not.toBe(0);
  expect(step.log).toContain('`refresh-credentials`');
  expect(step.log).toContain('long-lived keys');
  expect(stack.proxy.records()).toHaveLength(0);
  expect(step.env).toEqual({});
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
});
