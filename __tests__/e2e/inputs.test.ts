// The remaining compatible inputs, each through dist/: proxies, existing and stale credentials,
// credential outputs, audiences, the default chain, and the special-characters workaround.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
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

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

test('http-proxy: STS goes through a CONNECT tunnel with the proxy credentials, as @actions/http-client; no-proxy host:port and loopback bypass it', async () => {
  // A plain-HTTP endpoint with a name (loopback is never proxied, as in http-client), reached
  // through the recording proxy's tunnel for `.test` hosts; the proxy URL carries credentials.
  const proxyUrl = new URL(stack.proxy.url);
  proxyUrl.username = 'corp-user';
  proxyUrl.password = 'corp-pass';
  const inputs = {
    ...stsInputs(stack),
    'sts-endpoint': 'http://sts.proxied.test/',
    'http-proxy': proxyUrl.href,
    'role-to-assume': DEPLOY,
  };
  const proxied = await runStep({ entry: 'main', env: oidcEnv(stack), inputs });
  expect(proxied.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => [r.action, r.viaProxy])).toEqual([
    ['AssumeRoleWithWebIdentity', true],
  ]);
  expect(stack.proxy.connectTargets()).toEqual(['sts.proxied.test:80']);
  expect(stack.proxy.connectAuthorizations()).toEqual([
    `Basic ${Buffer.from('corp-user:corp-pass').toString('base64')}`,
  ]);
  // Masked first (`::add-mask::`), never printed otherwise.
  const printed = proxied.log.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  expect(printed.join('\n')).not.toContain('corp-pass');

  stack.proxy.clear();
  const bypassed = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...inputs, 'no-proxy': 'sts.proxied.test:80', 'disable-retry': 'true' },
  });
  // Bypassed, the name resolves nowhere: the step fails without touching the proxy, and says so.
  expect(bypassed.exitCode).toBe(1);
  expect(bypassed.log).toMatch(/::error::.*NetworkError: ENOTFOUND.*sts\.proxied\.test/);
  expect(stack.proxy.connectTargets()).toEqual([]);

  stack.proxy.clear();
  const loopback = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...inputs, 'sts-endpoint': stack.moto.url },
  });
  expect(loopback.exitCode).toBe(0);
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.proxy.connectTargets()).toEqual([]);
});

test('an invalid sts-endpoint or proxy variable is echoed without its password, in the error, the debug log and the summary', async () => {
  const endpoint = await runStep({
    entry: 'main',
    env: { ...oidcEnv(stack), RUNNER_DEBUG: '1' },
    inputs: {
      ...stsInputs(stack),
      'sts-endpoint': 'ftp://user:endpointPass@sts.example.com/',
      'role-to-assume': DEPLOY,
    },
  });
  expect(endpoint.exitCode).toBe(1);
  expect(endpoint.log).toContain(
    "::error::Invalid input. `sts-endpoint`: 'ftp://***@sts.example.com/' is not an http(s) URL",
  );
  expect(endpoint.summary).toContain('\\*\\*\\*@sts.example.com/');
  const proxy = await runStep({
    entry: 'main',
    env: { ...oidcEnv(stack), RUNNER_DEBUG: '1', HTTPS_PROXY: 'ftp://user:proxyPass@proxy.corp' },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(proxy.exitCode).toBe(1);
  expect(proxy.log).toContain("HTTPS_PROXY in the environment is 'ftp://***@proxy.corp'");
  for (const step of [endpoint, proxy]) {
    // Outside the runner's own mask commands, no password at all: not even masked as ***.
    const printed = step.log.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(`${printed.join('\n')}\n${step.summary}`).not.toMatch(/[Pp]ass/);
    expect(stack.proxy.records()).toEqual([]);
  }
});

test('SOCKS proxy variables: an input error naming each variable, before any request', async () => {
  const step = await runStep({
    entry: 'main',
    env: {
      ...oidcEnv(stack),
      HTTPS_PROXY: 'socks5://user:socksPass@127.0.0.1:1080',
      http_proxy: 'socks4://127.0.0.1:1080',
    },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(step.exitCode).toBe(1);
  expect(step.log).toContain('2 inputs need fixing');
  expect(step.log).toMatch(
    /`http-proxy`: HTTPS_PROXY in the environment is 'socks5:\/\/\*\*\*@127\.0\.0\.1:1080', a socks5 proxy;.*Point HTTPS_PROXY at an http:\/\/ or https:\/\/ proxy/,
  );
  expect(step.log).toMatch(/`http-proxy`: http_proxy in the environment is .*a socks4 proxy/);
  expect(step.log).not.toMatch(/Invalid URL protocol|at .*node_modules/);
  expect(stack.proxy.records()).toEqual([]);
  expect(step.env).toEqual({});
});

test('job env: ROLE_TO_ASSUME adds no session to a profiles-only step; USE_EXISTING_CREDENTIALS cancels no role-to-assume', async () => {
  const JOB_ROLE = 'arn:aws:iam::333333333333:role/from-job-env';
  const profilesOnly = await runStep({
    entry: 'main',
    env: { ...oidcEnv(stack), ROLE_TO_ASSUME: JOB_ROLE },
    inputs: { ...stsInputs(stack), profiles: `dev: ${DEPLOY}` },
  });
  expect(profilesOnly.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => r.params['RoleArn'])).toEqual([DEPLOY]);
  expect(profilesOnly.log).toMatch(
    /::warning::ROLE_TO_ASSUME in the environment is ignored.*`profiles`/,
  );

  stack.proxy.clear();
  const withRole = await runStep({
    entry: 'main',
    env: {
      ...oidcEnv(stack),
      USE_EXISTING_CREDENTIALS: 'true',
      AWS_ACCESS_KEY_ID: 'AKIAEXISTINGEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'existing-secret-example',
    },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(withRole.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => r.action)).toContain('AssumeRoleWithWebIdentity');
  // The role's session is exported, not the job's existing keys.
  expect(withRole.env['AWS_ACCESS_KEY_ID']).toBe(
    stack.proxy.records().find((r) => r.action === 'AssumeRoleWithWebIdentity')?.issuedAccessKeyId,
  );
  expect(withRole.env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA/);
  expect(withRole.log).toMatch(
    /::warning::USE_EXISTING_CREDENTIALS in the environment is ignored.*`role-to-assume`/,
  );
});

test('job env: ROLE_TO_ASSUME beside stored keys in with: adds the AssumeRole, as the reference, with a warning naming it', async () => {
  const step = await runStep({
    entry: 'main',
    env: { ROLE_TO_ASSUME: DEPLOY },
    inputs: { ...stsInputs(stack), ...STORED_KEYS },
  });
  expect(step.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => [r.action, r.params['RoleArn']])).toContainEqual([
    'AssumeRole',
    DEPLOY,
  ]);
  expect(step.log).toMatch(
    /::warning::ROLE_TO_ASSUME in the environment changes the session this step's `with:` describes \(`aws-access-key-id`\): it adds an AssumeRole/,
  );
});

test('use-existing-credentials: working credentials in the job are kept; nothing is assumed or exported', async () => {
  const env = {
    AWS_ACCESS_KEY_ID: 'AKIAEXISTINGEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'existing-secret-example',
  };
  const step = await runStep({
    entry: 'main',
    env: { ...oidcEnv(stack), ...env },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'use-existing-credentials': 'true' },
  });
  expect(step.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => r.action)).toEqual(['GetCallerIdentity']);
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(step.log).toContain('use-existing-credentials');
});

test('use-existing-credentials: working credentials of an account allowed-account-ids excludes fail the step', async () => {
  const step = await runStep({
    entry: 'main',
    env: {
      ...oidcEnv(stack),
      AWS_ACCESS_KEY_ID: 'AKIAEXISTINGEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'existing-secret-example',
    },
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEPLOY,
      'use-existing-credentials': 'true',
      'allowed-account-ids': '222222222222',
    },
  });
  expect(step.exitCode).toBe(1);
  expect(step.log).toMatch(/::error::.*`allowed-account-ids`.*123456789012/);
  expect(step.log).not.toContain('nothing was changed');
  expect(step.env).toEqual({});
});

test('unset-current-credentials: stale variables are cleared before the new session is exported', async () => {
  const job = createJob();
  const stale = {
    AWS_ACCESS_KEY_ID: 'AKIASTALEEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'stale-secret-example',
    AWS_SESSION_TOKEN: 'stale-token',
    AWS_PROFILE: 'old',
  };
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...oidcEnv(stack), ...stale },
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEPLOY,
      'unset-current-credentials': 'true',
      'aws-profile': 'deploy',
      'output-env-credentials': 'false',
    },
  });
  expect(step.exitCode).toBe(0);
  expect(job.env['AWS_ACCESS_KEY_ID']).toBe('');
  expect(job.env['AWS_SESSION_TOKEN']).toBe('');
  // AWS_PROFILE is never exported (no post step could take it back): a later step names it.
  expect(job.env['AWS_PROFILE']).toBeUndefined();
  const cli = await callerIdentity(stack, laterStepEnv(job.env), ['--profile', 'deploy']);
  expect(cli.json).toMatchObject({ Account: '222222222222' });
  job.cleanup();
});

test('unset-current-credentials with nothing set: no empty AWS_PROFILE, and a later CLI call works', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...oidcEnv(stack) },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'unset-current-credentials': 'true' },
  });
  expect(step.exitCode).toBe(0);
  expect(job.env['AWS_PROFILE']).toBeUndefined();
  const cli = await callerIdentity(stack, laterStepEnv(job.env));
  expect(cli.stderr).not.toContain('could not be found');
  expect(cli.json).toMatchObject({ Account: '222222222222' });
});

test('unset-current-credentials with a profile set: AWS_PROFILE is never exported empty', async () => {
  const job = createJob();
  job.env['AWS_PROFILE'] = 'old';
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...oidcEnv(stack), AWS_ACCESS_KEY_ID: 'AKIASTALEEXAMPLE' },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'unset-current-credentials': 'true' },
  });
  expect(step.exitCode).toBe(0);
  expect(step.env['AWS_PROFILE']).toBeUndefined();
  expect(job.env['AWS_PROFILE']).toBe('old');
  expect(step.log).toContain('AWS_PROFILE (old) is not cleared');
  expect(step.env['AWS_ACCESS_KEY_ID']).not.toBe('AKIASTALEEXAMPLE');
});

test('output-credentials: the credentials become step outputs, masked', async () => {
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'output-credentials': 'true' },
  });
  expect(step.exitCode).toBe(0);
  expect(step.outputs['aws-access-key-id']).toBe(step.env['AWS_ACCESS_KEY_ID']);
  expect(step.outputs['aws-secret-access-key']).toBe(step.env['AWS_SECRET_ACCESS_KEY']);
  expect(step.outputs['aws-session-token']).toBe(step.env['AWS_SESSION_TOKEN']);
  expect(step.masks).toEqual(
    expect.arrayContaining([
      step.outputs['aws-secret-access-key'],
      step.outputs['aws-session-token'],
    ]),
  );
  expectNoLeaks(step, stack);
});

test.each([
  ['us-east-1', '', 'sts.amazonaws.com'],
  ['cn-north-1', '', 'sts.amazonaws.com.cn'],
  ['us-east-1', 'my-audience', 'my-audience'],
])('OIDC audience in %s with audience=%j is %s', async (region, audience, expected) => {
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'aws-region': region,
      audience,
      'role-to-assume': DEPLOY.replace(
        'arn:aws:',
        region.startsWith('cn-') ? 'arn:aws-cn:' : 'arn:aws:',
      ),
    },
  });
  expect(step.exitCode).toBe(0);
  expect(stack.oidc.requests().at(-1)?.audience).toBe(expected);
});

test('force-skip-oidc: the default chain (here: job env keys) signs AssumeRole; no token is requested', async () => {
  const before = stack.oidc.requests().length;
  const env = {
    ...oidcEnv(stack),
    AWS_ACCESS_KEY_ID: 'AKIARUNNERROLEEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'runner-secret-example',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const step = await runStep({
    entry: 'main',
    env,
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'force-skip-oidc': 'true' },
  });
  expect(step.exitCode).toBe(0);
  expect(step.log).toContain('force-skip-oidc');
  expect(stack.oidc.requests()).toHaveLength(before);
  expect(stack.proxy.records()[0]?.accessKeyId).toBe('AKIARUNNERROLEEXAMPLE');
});

test('no source at all: a clear error about id-token: write, nothing exported', async () => {
  const step = await runStep({
    entry: 'main',
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(step.exitCode).toBe(1);
  expect(step.log).toMatch(
    /::error::No source credentials were found: the job has no `id-token: write` permission.*Add `permissions: id-token: write` to the job/,
  );
  expect(step.env).toEqual({});
});

test('special-characters-workaround: re-issues while the secret has special characters, at most 42 times', async () => {
  // moto draws secret keys from letters, digits, + and /, so both outcomes occur; each is checked.
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': DEPLOY,
      'special-characters-workaround': 'true',
    },
  });
  const secrets = stack.proxy
    .records()
    .filter((r) => r.action === 'AssumeRole')
    .map((r) => r.issuedSecrets?.[1] ?? '');
  const isPlain = (secret: string): boolean => /^[A-Za-z0-9]+$/.test(secret);
  expect(secrets.length).toBeGreaterThanOrEqual(1);
  expect(secrets.length).toBeLessThanOrEqual(42);
  expect(secrets.slice(0, -1).every((secret) => !isPlain(secret))).toBe(true);
  if (isPlain(secrets.at(-1) ?? '')) {
    expect(step.exitCode).toBe(0);
    expect(step.env['AWS_SECRET_ACCESS_KEY']).toBe(secrets.at(-1));
  } else {
    expect(secrets).toHaveLength(42);
    expect(step.exitCode).toBe(1);
    expect(step.log).toMatch(/::error::.*special-characters-workaround/);
    expect(step.env['AWS_SECRET_ACCESS_KEY']).toBeUndefined();
  }
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
});

test('special-characters-workaround: ten sessions in a row with a slash still end in plain keys', async () => {
  // Ten canned sessions whose secret has a `/` (six ended the run before); then moto's own.
  const slashed = (n: number): string =>
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
    `<Credentials><AccessKeyId>ASIACANNED${n}EXAMPLE</AccessKeyId>` +
    `<SecretAccessKey>canned/secret+${n}/abcdefghijklmnopqrstuvwxyz0123</SecretAccessKey>` +
    `<SessionToken>FwoGZXIvYXdzEXAMPLECANNEDTOKEN${n}</SessionToken>` +
    `<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
    `<AssumedRoleUser><AssumedRoleId>AROACANNED:GitHubActions</AssumedRoleId>` +
    `<Arn>arn:aws:sts::222222222222:assumed-role/deploy/GitHubActions</Arn></AssumedRoleUser>` +
    `</AssumeRoleResult><ResponseMetadata><RequestId>c4nned</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  for (let n = 0; n < 10; n++)
    stack.proxy.inject({
      action: 'AssumeRole',
      times: 1,
      fault: { kind: 'status', status: 200, body: slashed(n) },
    });
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': DEPLOY,
      'special-characters-workaround': 'true',
    },
  });
  expect(step.log).not.toContain('sessions in a row had special characters');
  expect(step.exitCode).toBe(0);
  expect(step.env['AWS_SECRET_ACCESS_KEY']).toMatch(/^[A-Za-z0-9]{40}$/);
  expect(stack.proxy.records().filter((r) => r.action === 'AssumeRole').length).toBeGreaterThan(10);
  expectNoLeaks(step, stack, [
    ...Object.values(STORED_KEYS),
    'canned/secret+0/abcdefghijklmnopqrstuvwxyz0123',
  ]);
});

test('InvalidIdentityToken while STS cannot fetch the keys: retried with a fresh OIDC token', async () => {
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    times: 1,
    fault: {
      kind: 'error',
      status: 400,
      code: 'InvalidIdentityToken',
      message:
        "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
    },
  });
  const before = stack.oidc.issuedTokens().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(step.exitCode).toBe(0);
  const tokens = stack.proxy.records().map((r) => r.params['WebIdentityToken']);
  expect(tokens).toHaveLength(2);
  expect(tokens[1]).not.toBe(tokens[0]);
  expect(stack.oidc.issuedTokens()).toHaveLength(before + 2);
  expectNoLeaks(step, stack);
});
