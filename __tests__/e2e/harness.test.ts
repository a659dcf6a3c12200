// Self-test of the e2e harness (no action needed: dist/ may not exist yet).
// Proves moto, the recording proxy, the OIDC server, the step runner, the leak
// checker and the real-client wrappers behave as the e2e suites rely on.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { fileURLToPath } from 'node:url';
import { findAwsClis, runAwsCli, runBoto3 } from './harness/aws-cli.js';
import { parseFileCommands, parseMasks } from './harness/file-commands.js';
import { decodeJwt, verifyJwt } from './harness/jwt.js';
import { assertNoLeaks } from './harness/leaks.js';
import { createRole, resetMoto, startMoto, type Moto } from './harness/moto.js';
import { startOidcServer, type OidcServer } from './harness/oidc-server.js';
import { createJob, runStep } from './harness/runner.js';
import { startStsProxy, type StsProxy } from './harness/sts-proxy.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '1',
};
const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const DENIED =
  'User: arn:aws:sts::111111111111:assumed-role/gw/s is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/deploy';

const FAKE_STEP = fileURLToPath(new URL('./harness/fake-step.mjs', import.meta.url));

let moto: Moto;
let proxy: StsProxy;
let oidc: OidcServer;

beforeAll(async () => {
  [moto, oidc] = await Promise.all([startMoto(), startOidcServer()]);
  proxy = await startStsProxy(moto.url);
}, 30_000);
afterAll(async () => {
  await Promise.all([proxy?.stop(), oidc?.stop(), moto?.stop()]);
});
beforeEach(async () => {
  proxy.clear();
  proxy.clearFaults();
  await resetMoto(moto.url);
});

const post = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
const webIdentity = (roleArn = ROLE) => ({
  Action: 'AssumeRoleWithWebIdentity',
  Version: '2011-06-15',
  RoleArn: roleArn,
  RoleSessionName: 'gha',
  WebIdentityToken: 'a.b.c',
});
const assumeRole = (extra: string[] = [], env = {}) =>
  runAwsCli(
    [
      'sts',
      'assume-role',
      '--endpoint-url',
      proxy.url,
      '--role-arn',
      ROLE,
      '--role-session-name',
      'ss',
      ...extra,
    ],
    { ...KEYS, ...env },
  );

describe('sts proxy', () => {
  test('records an unsigned AssumeRoleWithWebIdentity', async () => {
    const res = await post(proxy.url, webIdentity());
    expect(res.status).toBe(200);
    const [rec] = proxy.records();
    expect(rec).toMatchObject({
      action: 'AssumeRoleWithWebIdentity',
      status: 200,
      hasSessionToken: false,
      params: { RoleArn: ROLE, WebIdentityToken: 'a.b.c' },
    });
    expect(rec?.accessKeyId).toBeUndefined();
    expect(rec?.issuedAccessKeyId).toMatch(/^ASIA/);
  });

  test(
    'records a signed AssumeRole from the AWS CLI with its key id and tags',
    async () => {
      const res = await assumeRole([
        '--tags',
        'Key=Repo,Value=octo-org/octo-repo',
        '--transitive-tag-keys',
        'Repo',
      ]);
      expect(res.exitCode).toBe(0);
      expect(proxy.records()).toEqual([
        expect.objectContaining({
          action: 'AssumeRole',
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          region: 'us-east-1',
          status: 200,
          params: expect.objectContaining({
            'Tags.member.1.Key': 'Repo',
            'Tags.member.1.Value': 'octo-org/octo-repo',
            'TransitiveTagKeys.member.1': 'Repo',
          }),
        }),
      ]);
      expect(proxy.records()[0]?.viaProxy).toBeUndefined();
    },
    STEP_TEST_TIMEOUT_MS,
  );

  test(
    'works as an HTTP forward proxy',
    async () => {
      const res = await runAwsCli(['sts', 'get-caller-identity', '--endpoint-url', moto.url], {
        ...KEYS,
        HTTP_PROXY: proxy.url,
      });
      expect(res.exitCode).toBe(0);
      expect(proxy.records()).toEqual([
        expect.objectContaining({ action: 'GetCallerIdentity', viaProxy: true, status: 200 }),
      ]);
    },
    STEP_TEST_TIMEOUT_MS,
  );

  test(
    'throttle fault reaches the CLI, once',
    async () => {
      proxy.inject({ action: 'AssumeRole', times: 1, fault: { kind: 'throttle' } });
      const first = await assumeRole();
      expect(first.exitCode).not.toBe(0);
      expect(first.stderr).toMatch(/Throttling.*Rate exceeded/);
      expect((await assumeRole()).exitCode).toBe(0);
      expect(proxy.records().map((r) => [r.status, r.fault])).toEqual([
        [400, 'throttle'],
        [200, undefined],
      ]);
    },
    STEP_TEST_TIMEOUT_MS,
  );

  test('AccessDenied for one role only; status, reset and delay faults', async () => {
    proxy.inject({
      roleArn: ROLE,
      fault: { kind: 'error', status: 403, code: 'AccessDenied', message: DENIED },
    });
    const denied = await post(proxy.url, webIdentity());
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(
      /<Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>User: arn:aws:sts::111111111111/,
    );
    expect(
      (await post(proxy.url, webIdentity('arn:aws:iam::222222222222:role/other'))).status,
    ).toBe(200);
    proxy.clearFaults();
    proxy.inject({ times: 1, fault: { kind: 'status', status: 503 } });
    proxy.inject({ times: 1, fault: { kind: 'reset' } });
    proxy.inject({ times: 1, fault: { kind: 'delay', ms: 300 } });
    expect(await (await post(proxy.url, webIdentity())).text()).toMatch(/ServiceUnavailable/);
    await expect(post(proxy.url, webIdentity())).rejects.toThrow();
    const t0 = Date.now();
    expect((await post(proxy.url, webIdentity())).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(proxy.records().map((r) => [r.status, r.fault])).toEqual([
      [403, 'error'],
      [200, undefined],
      [503, 'status'],
      [0, 'reset'],
      [200, 'delay'],
    ]);
  });

  test('rate limit answers Throttling above perSecond', async () => {
    const limited = await startStsProxy(moto.url, { rateLimit: { perSecond: 2 } });
    try {
      const statuses = await Promise.all(
        [1, 2, 3, 4, 5].map(async () => (await post(limited.url, webIdentity())).status),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(limited.records().filter((r) => r.fault === 'rate-limit')).toHaveLength(3);
    } finally {
      await limited.stop();
    }
  });
});

describe('moto account handling', () => {
  test(
    'AssumeRole into another account: keys belong to that account; role need not exist',
    async () => {
      const assumed = await assumeRole();
      const creds = (assumed.json as { Credentials: Record<string, string> }).Credentials;
      const who = await runAwsCli(['sts', 'get-caller-identity', '--endpoint-url', moto.url], {
        AWS_ACCESS_KEY_ID: creds.AccessKeyId ?? '',
        AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey ?? '',
        AWS_SESSION_TOKEN: creds.SessionToken ?? '',
        AWS_DEFAULT_REGION: 'us-east-1',
      });
      expect(who.json).toMatchObject({
        Account: '222222222222',
        Arn: 'arn:aws:sts::222222222222:assumed-role/deploy/ss',
      });
      const fresh = await runBoto3(
        'import boto3,json,os\nprint(json.dumps(boto3.client("sts", endpoint_url=os.environ["EP"]).get_caller_identity()))',
        { ...KEYS, EP: moto.url },
      );
      expect(fresh.json).toMatchObject({
        Account: '123456789012',
        Arn: 'arn:aws:sts::123456789012:user/moto',
      });
    },
    STEP_TEST_TIMEOUT_MS,
  );

  test(
    'createRole makes the role id stable',
    async () => {
      const role = await createRole(moto.url, { name: 'deploy', accountId: '222222222222' });
      expect(role.arn).toBe(ROLE);
      const assumed = await assumeRole();
      expect(assumed.json).toMatchObject({
        AssumedRoleUser: { AssumedRoleId: `${role.roleId}:ss` },
      });
      // moto quirk: AssumeRoleWithWebIdentity always answers AssumedRoleId ARO123EXAMPLE123:SESSION.
      expect(await (await post(moto.url, webIdentity())).text()).toContain(
        '<AssumedRoleId>ARO123EXAMPLE123:gha</AssumedRoleId>',
      );
    },
    STEP_TEST_TIMEOUT_MS,
  );
});

describe('oidc server', () => {
  const get = (url: string, token: string) =>
    fetch(url, { headers: { authorization: `Bearer ${token}` } });

  test('issues an RS256 JWT with GitHub claims and the requested audience', async () => {
    const res = await get(`${oidc.requestUrl}&audience=sts.amazonaws.com`, oidc.requestToken);
    const { value } = (await res.json()) as { value: string };
    const jwt = decodeJwt(value);
    expect(jwt.header.alg).toBe('RS256');
    expect(verifyJwt(value, oidc.publicKey)).toBe(true);
    expect(jwt.claims).toMatchObject({
      aud: 'sts.amazonaws.com',
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      repository: 'octo-org/octo-repo',
    });
    expect(Number(jwt.claims.exp) - Number(jwt.claims.iat)).toBe(300);
    const other = decodeJwt(
      ((await (await get(oidc.requestUrl, oidc.requestToken)).json()) as { value: string }).value,
    );
    expect(other.claims.aud).toBe('https://github.com/octo-org');
    expect(other.claims.jti).not.toBe(jwt.claims.jti);
    expect(oidc.issuedTokens()).toHaveLength(2);
  });

  test('wrong bearer gets 401; faults', async () => {
    expect((await get(oidc.requestUrl, 'nope')).status).toBe(401);
    oidc.setFaults({ failFirst: 1, malformed: true });
    expect((await get(oidc.requestUrl, oidc.requestToken)).status).toBe(500);
    const bad = await get(oidc.requestUrl, oidc.requestToken);
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();
    oidc.setFaults({});
    expect(
      oidc
        .requests()
        .slice(-3)
        .map((r) => [r.authorized, r.status]),
    ).toEqual([
      [false, 401],
      [true, 500],
      [true, 200],
    ]);
    const env = await startOidcServer({ environment: 'prod' });
    const { value } = (await (await get(env.requestUrl, env.requestToken)).json()) as {
      value: string;
    };
    expect(decodeJwt(value).claims).toMatchObject({
      sub: 'repo:octo-org/octo-repo:environment:prod',
      environment: 'prod',
    });
    await env.stop();
  });
});

describe('runner', () => {
  test('file-command parser reads both formats', () => {
    expect(parseFileCommands('A=1\r\nB=x=y\n\nM<<EOF_7\nl1\nB=no\nEOF_7\nE=\nA=2\n')).toEqual({
      A: '2',
      B: 'x=y',
      M: 'l1\nB=no',
      E: '',
    });
    expect(parseFileCommands('K<<D\n\nD\n')).toEqual({ K: '' });
    expect(() => parseFileCommands('K<<D\nno end\n')).toThrow(/delimiter/);
    expect(parseMasks('x\n::add-mask::s1\n  ::add-mask::a%0Ab\n')).toEqual(['s1', 'a\nb']);
  });

  test('runs main then post like the runner, carrying env, PATH, state and summary', async () => {
    const job = createJob();
    try {
      const main = await runStep({
        entry: 'main',
        script: FAKE_STEP,
        job,
        inputs: { 'aws-secret-access-key': 'TOPSECRET' },
        env: { EMPTIED: 'old' },
      });
      expect(main).toMatchObject({
        exitCode: 0,
        outputs: { src: 'auto||octo-org/octo-repo|true' },
        state: { key: 'v' },
        paths: ['/opt/x'],
        masks: ['TOPSECRET'],
      });
      assertNoLeaks(main.log, ['TOPSECRET']);
      const after = await runStep({
        entry: 'post',
        script: FAKE_STEP,
        job,
        inputs: { mode: 'post' },
      });
      expect(after).toMatchObject({ exitCode: 3, outputs: { seen: 'v|yes|true|true' } });
      expect(job.summary()).toBe('# main\n');
    } finally {
      job.cleanup();
    }
  });

  test('a hung step is stopped at its time limit', async () => {
    const res = await runStep({
      entry: 'main',
      script: FAKE_STEP,
      inputs: { mode: 'hang' },
      timeoutMs: 300,
    });
    expect(res.timedOut).toBe(true);
  });
});

describe('leak checker and clients', () => {
  test('accepts a masked secret, rejects an unmasked one without printing it', () => {
    expect(() =>
      assertNoLeaks('::add-mask::SeCrEt123\nkey SeCrEt123\n', ['SeCrEt123', '']),
    ).not.toThrow();
    expect(() => assertNoLeaks('nothing here', ['SeCrEt123'])).not.toThrow();
    const err = (() => {
      try {
        assertNoLeaks('early SeCrEt123\n::add-mask::SeCrEt123\n', ['x', 'SeCrEt123']);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message).toMatch(/secret #1 Se… \(9 chars\) appears before/);
    expect(err?.message).not.toContain('SeCrEt123');
    expect(() => assertNoLeaks('summary: SeCrEt123', ['SeCrEt123'])).toThrow(/never masked/);
  });

  test('finds the AWS CLI', async () => {
    const clis = await findAwsClis();
    expect(clis.map((c) => c.version)).toContain(1);
  }, 30_000);
});
