// The refresh helper makes the main step's network choices (issue 24): a later step's
// AWS_ENDPOINT_URL, proxy, FIPS and dual-stack variables change nothing; a session of another
// role is refused, not cached; retries and failures are one stderr line each, with no secret.
import { jest } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { WEB_IDENTITY_RESPONSE } from '../../__fixtures__/sts-responses.js';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { baseEnv, runBounded } from './harness/proc.js';
import { createJob, runStep, type Job } from './harness/runner.js';
import { oidcEnv, runSecrets, stsInputs, useStack } from './harness/stack.js';
import { startStsProxy, type StsProxy } from './harness/sts-proxy.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const ROLE = 'arn:aws:iam::111111111111:role/deploy';
const stack = useStack();

/** A second recording server: what a later step's AWS_ENDPOINT_URL (LocalStack) points at. */
let other: StsProxy;
beforeAll(async () => {
  other = await startStsProxy(stack.moto.url);
}, 30_000);
afterAll(() => other?.stop());
beforeEach(() => other.clear());

/** Runs main with a refreshing profile; returns the helper's command words and its files. */
async function configure(job: Job, env: Record<string, string>, inputs: Record<string, string>) {
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...oidcEnv(stack), ...env },
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': ROLE,
      'aws-profile': 'live',
      'refresh-credentials': 'true',
      'role-duration-seconds': '900',
      'output-env-credentials': 'false',
      ...inputs,
    },
  });
  expect(step.exitCode).toBe(0);
  const config = readFileSync(step.env['AWS_CONFIG_FILE'] ?? '', 'utf8');
  const line = /^credential_process\s*=\s*(.*)$/m.exec(config)?.[1] ?? '';
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  const specFile = words.at(-1) ?? '';
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as Record<string, unknown>;
  const cacheFile = String(spec['cacheFile']);
  // The session is near expiry: the next client call refreshes.
  const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
  cached['Expiration'] = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(cacheFile, JSON.stringify(cached));
  return { words, specFile, spec, cacheFile };
}

/** What a later step that tests against LocalStack, behind its own proxy, has in its env. */
const overridingEnv = (): Record<string, string> => ({
  AWS_ENDPOINT_URL: other.url,
  AWS_ENDPOINT_URL_STS: other.url,
  HTTPS_PROXY: other.url,
  https_proxy: other.url,
  HTTP_PROXY: other.url,
  http_proxy: other.url,
  NO_PROXY: 'sts.proxied.test',
  no_proxy: 'sts.proxied.test',
});

/**
 * The helper's own stderr lines (under Node 20 the AWS SDK adds a multi-line notice that it
 * will need Node 22, which is not the helper's).
 */
const helperLines = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line.startsWith('aws-deploy-role'));

function runHelper(job: Job, words: readonly string[], env: Record<string, string> = {}) {
  const [cmd, ...args] = words;
  return runBounded(cmd ?? '', args, {
    env: { ...baseEnv(job.home), ...oidcEnv(stack), ...env },
    timeoutMs: 30_000,
  });
}

const webIdentityCalls = (proxy: StsProxy) =>
  proxy.records().filter((r) => r.action === 'AssumeRoleWithWebIdentity');

function expectNoSecretIn(text: string): void {
  for (const secret of runSecrets(stack)) expect(text).not.toContain(secret);
}

test("a later step's AWS_ENDPOINT_URL* and proxy variables: the helper uses main's endpoint and proxy; the other server gets nothing", async () => {
  const job = createJob();
  // Main saw AWS_ENDPOINT_URL_STS (a named endpoint, so the proxy applies) and HTTPS_PROXY.
  const { words } = await configure(
    job,
    { AWS_ENDPOINT_URL_STS: 'http://sts.proxied.test/', HTTPS_PROXY: stack.proxy.url },
    {},
  );
  expect(webIdentityCalls(stack.proxy).map((r) => r.viaProxy)).toEqual([true]);

  const helper = await runHelper(job, words, overridingEnv());
  expect(helperLines(helper.stderr)).toEqual([]);
  expect(helper.exitCode).toBe(0);
  // Not one request, CONNECT or token reached the other server.
  expect(other.records()).toEqual([]);
  expect(other.connectTargets()).toEqual([]);
  const calls = webIdentityCalls(stack.proxy);
  expect(calls.map((r) => r.viaProxy)).toEqual([true, true]);
  expect(calls[1]?.params['WebIdentityToken']).toBe(stack.oidc.issuedTokens().at(-1));
  expect(JSON.parse(helper.stdout)).toMatchObject({ AccessKeyId: calls[1]?.issuedAccessKeyId });
  expect(stack.proxy.connectTargets()).toEqual(['sts.proxied.test:80', 'sts.proxied.test:80']);
});

test.each([
  {
    name: 'a version-1 spec (no recorded choices) without sts-endpoint: the SDK default for the region',
    edit: (spec: Record<string, unknown>) => {
      const network = spec['network'] as Record<string, unknown>;
      delete network['stsEndpoint'];
      network['httpProxy'] = stack.proxy.url;
      delete spec['networkChoices'];
      spec['version'] = 1;
    },
    target: 'sts.us-east-1.amazonaws.com:443',
  },
  {
    name: 'a recorded SDK default with FIPS: the FIPS endpoint, whatever the step says',
    edit: (spec: Record<string, unknown>) => {
      spec['networkChoices'] = {
        endpoint: 'sdk-default',
        useFipsEndpoint: true,
        useDualstackEndpoint: false,
        proxyEnv: { https_proxy: stack.proxy.url },
      };
    },
    target: 'sts-fips.us-east-1.amazonaws.com:443',
  },
])('$name', async ({ edit, target }) => {
  const job = createJob();
  const { words, specFile, spec } = await configure(job, {}, stsInputs(stack));
  (spec['network'] as Record<string, unknown>)['maxAttempts'] = 1;
  edit(spec);
  writeFileSync(specFile, JSON.stringify(spec));
  const env = {
    ...overridingEnv(),
    AWS_USE_FIPS_ENDPOINT: String(!target.includes('fips')),
    AWS_USE_DUALSTACK_ENDPOINT: 'true',
  };

  const helper = await runHelper(job, words, env);
  // The recording proxy refuses every CONNECT to AWS: the request never leaves the machine.
  expect(helper.exitCode).not.toBe(0);
  expect(stack.proxy.connectTargets()).toEqual([target]);
  expect(other.records()).toEqual([]);
  expect(other.connectTargets()).toEqual([]);
  const lines = helperLines(helper.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^aws-deploy-role \(profile 'live'\): refresh failed: /);
});

test("an endpoint answering with another role's session: nothing cached, stderr says why", async () => {
  const job = createJob();
  const { words, cacheFile } = await configure(job, {}, stsInputs(stack));
  const before = readFileSync(cacheFile, 'utf8');
  const future = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}/, '');
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    times: 1,
    fault: {
      kind: 'status',
      status: 200,
      body: WEB_IDENTITY_RESPONSE.replace(/<Expiration>[^<]*</, `<Expiration>${future}<`),
    },
  });

  const helper = await runHelper(job, words);
  expect(helper.exitCode).not.toBe(0);
  expect(helper.stdout).toBe('');
  expect(readFileSync(cacheFile, 'utf8')).toBe(before);
  expect(helperLines(helper.stderr)).toEqual([
    `aws-deploy-role (profile 'live'): refresh failed: refused the credentials for ${ROLE} (hop 1 of 1): ` +
      `the STS at ${stack.proxy.url} (from sts-endpoint in the main step) answered with a session of ` +
      'arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1 (account 123456789012, not 111111111111); ' +
      'nothing was cached. Check that this endpoint is the STS the main step used.',
  ]);
  expect(helper.stderr).not.toContain('wJalrXUtnFEMI');
  expect(helper.stderr).not.toContain('ASgeIAIOSFODNN7EXAMPLE');
});

test('retries and a failure are one stderr line each, with no secret', async () => {
  const job = createJob();
  const { words, cacheFile } = await configure(
    job,
    {},
    {
      ...stsInputs(stack),
      'retry-max-attempts': '3',
    },
  );
  const retryLine = new RegExp(
    `^aws-deploy-role \\(profile 'live'\\): AssumeRoleWithWebIdentity ${ROLE}: InternalFailure \\(HTTP 500\\); retry [12] of 2 in \\d+ ms$`,
  );
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    times: 2,
    fault: { kind: 'status', status: 500 },
  });
  const recovered = await runHelper(job, words);
  expect(recovered.exitCode).toBe(0);
  const retries = helperLines(recovered.stderr);
  expect(retries).toHaveLength(2);
  retries.forEach((line) => expect(line).toMatch(retryLine));
  expectNoSecretIn(recovered.stderr);

  const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
  cached['Expiration'] = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(cacheFile, JSON.stringify(cached));
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    fault: { kind: 'status', status: 500 },
  });
  const failed = await runHelper(job, words);
  expect(failed.exitCode).not.toBe(0);
  expect(failed.stdout).toBe('');
  const lines = helperLines(failed.stderr);
  expect(lines).toHaveLength(3);
  lines.slice(0, 2).forEach((line) => expect(line).toMatch(retryLine));
  expect(lines[2]).toMatch(
    /^aws-deploy-role \(profile 'live'\): refresh failed: .*InternalFailure/,
  );
  expectNoSecretIn(failed.stderr);
});
