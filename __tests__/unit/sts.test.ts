// The STS gateway over the real AWS SDK, with an in-memory HTTP handler at the SDK's own
// boundary (its `requestHandler`): the SDK builds, signs and parses as in production, and these
// tests check what the action reads from it and how failures are classified for retry.
import {
  ASSUME_ROLE_RESPONSE,
  INVALID_IDENTITY_TOKEN_ERROR,
  SAMPLE_SESSION_TOKEN,
  WEB_IDENTITY_RESPONSE,
} from '../../__fixtures__/sts-responses.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StsCallError } from '../../src/model/errors.js';
import { isRetryableStsError } from '../../src/aws/retry.js';
import { createSdkStsGateway } from '../../src/aws/sts-client.js';
import { toStsCallError } from '../../src/aws/sts-errors.js';
import { fromAssumeOutput, toAssumeRoleInput } from '../../src/aws/sts-mapping.js';
import type { PinnedNetwork } from '../../src/aws/network-pin.js';

const ROLE_ARN = 'arn:aws:iam::111111111111:role/deploy';
const CALL = { timeoutMs: 5000 };
const CALLER = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

type Reply = { status: number; body: string; headers?: Record<string, string> } | Error;

/** A gateway whose SDK talks to an in-memory handler answering `replies` in order. */
function gateway(...replies: Reply[]) {
  return gatewayWith({}, ...replies);
}

function gatewayWith(
  options: { endpoint?: string; env?: Record<string, string>; pinned?: PinnedNetwork },
  ...replies: Reply[]
) {
  const seen: SeenRequest[] = [];
  const debug: string[] = [];
  const info: string[] = [];
  const warnings: string[] = [];
  const sts = createSdkStsGateway({
    region: 'us-east-1',
    endpoint: options.endpoint,
    httpProxy: undefined,
    noProxy: [],
    attemptTimeoutMs: 5000,
    env: { ...options.env },
    pinned: options.pinned,
    info: (line) => info.push(line),
    warning: (line) => warnings.push(line),
    debug: (line) => debug.push(line),
    requestHandler: {
      handle: async (request) => {
        seen.push({
          url: `${request.protocol}//${request.hostname}${request.path}`,
          headers: { ...request.headers },
          body: String(request.body),
        });
        const reply = replies.shift() ?? new Error('no more replies');
        if (reply instanceof Error) throw reply;
        return {
          response: {
            statusCode: reply.status,
            headers: { 'content-type': 'text/xml', ...reply.headers },
            body: new TextEncoder().encode(reply.body),
          },
        } as never;
      },
    },
  });
  return { sts, seen, debug, info, warnings };
}

describe('toAssumeRoleInput', () => {
  test('every option becomes its SDK field; empty lists are left out', () => {
    expect(
      toAssumeRoleInput({
        roleArn: ROLE_ARN,
        sessionName: 's',
        durationSeconds: 900,
        externalId: 'acme',
        sourceIdentity: 'octocat',
        mfa: { serialNumber: 'arn:aws:iam::111111111111:mfa/alice', tokenCode: '123456' },
        tags: [{ key: 'Team', value: 'payments' }],
        transitiveTagKeys: [],
        inlineSessionPolicy: '{"Version":"2012-10-17"}',
        managedSessionPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      }),
    ).toEqual({
      RoleArn: ROLE_ARN,
      RoleSessionName: 's',
      DurationSeconds: 900,
      ExternalId: 'acme',
      SourceIdentity: 'octocat',
      SerialNumber: 'arn:aws:iam::111111111111:mfa/alice',
      TokenCode: '123456',
      Tags: [{ Key: 'Team', Value: 'payments' }],
      TransitiveTagKeys: undefined,
      Policy: '{"Version":"2012-10-17"}',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    });
  });
});

describe('the gateway over the SDK', () => {
  test('the AssumeRole sample from the STS API reference, signed and named by the action', async () => {
    const { sts, seen, debug } = gateway({ status: 200, body: ASSUME_ROLE_RESPONSE });
    const session = await sts.assumeRole(
      { roleArn: ROLE_ARN, sessionName: 'GitHubActions', durationSeconds: 900 },
      CALLER,
      CALL,
    );
    expect(session).toEqual({
      credentials: {
        accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        sessionToken: SAMPLE_SESSION_TOKEN,
        expiration: new Date('2019-11-09T13:34:41Z'),
      },
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/demo/TestAR',
      assumedRoleId: 'ARO123EXAMPLE123:TestAR',
      sourceIdentity: 'Alice',
      packedPolicySize: 6,
      subjectFromWebIdentityToken: undefined,
    });
    expect(seen[0]?.url).toBe('https://sts.us-east-1.amazonaws.com/');
    expect(seen[0]?.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/sts\/aws4_request, /,
    );
    expect(seen[0]?.headers['user-agent']).toMatch(/\baws-deploy-role\/1\.0\.0\b/);
    expect(seen[0]?.body).toContain('Action=AssumeRole&');
    expect(debug).toEqual(['STS AssumeRole → https://sts.us-east-1.amazonaws.com/']);
  });

  test('the web-identity call is unsigned', async () => {
    const { sts, seen } = gateway({ status: 200, body: WEB_IDENTITY_RESPONSE });
    const session = await sts.assumeRoleWithWebIdentity(
      { roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900, webIdentityToken: 't' },
      CALL,
    );
    expect(session.subjectFromWebIdentityToken).toBe('amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A');
    expect(seen[0]?.headers['authorization']).toBeUndefined();
  });

  test.each([
    {
      name: 'an Expiration that is not a time',
      body: ASSUME_ROLE_RESPONSE.replace('2019-11-09T13:34:41Z', 'tomorrow'),
    },
    {
      name: 'no session token',
      body: ASSUME_ROLE_RESPONSE.replace(/<SessionToken>[\s\S]*<\/SessionToken>/, ''),
    },
    {
      name: 'no assumed-role user',
      body: ASSUME_ROLE_RESPONSE.replace(/<AssumedRoleUser>[\s\S]*<\/AssumedRoleUser>/, ''),
    },
    { name: 'an HTML page', body: '<html><body>Hello from the captive portal</body></html>' },
    {
      name: 'an XML character reference beyond Unicode',
      body: ASSUME_ROLE_RESPONSE.replace('ASIAIOSFODNN7EXAMPLE', '&#x110000;'),
    },
  ])('a 200 with $name is a MalformedResponse naming the operation', async ({ body }) => {
    const { sts } = gateway({ status: 200, body });
    const failure = await sts
      .assumeRole({ roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900 }, CALLER, CALL)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StsCallError);
    expect(failure).toMatchObject({ operation: 'AssumeRole', code: 'MalformedResponse' });
    expect(isRetryableStsError(failure)).toBe(false);
  });

  const tlsError = Object.assign(new Error('self-signed certificate'), {
    code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  });
  const resetError = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  test.each([
    {
      name: 'an STS error body (the JWKS case)',
      reply: { status: 400, body: INVALID_IDENTITY_TOKEN_ERROR },
      code: 'InvalidIdentityToken',
      status: 400,
      retried: true,
    },
    {
      name: 'AccessDenied',
      reply: {
        status: 403,
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>',
      },
      code: 'AccessDenied',
      status: 403,
      retried: false,
    },
    {
      name: 'a 429 in HTML from a WAF',
      reply: {
        status: 429,
        body: '<html>Too Many Requests</html>',
        headers: { 'content-type': 'text/html' },
      },
      code: 'Throttling',
      status: 429,
      retried: true,
    },
    {
      name: 'a 503 without XML',
      reply: { status: 503, body: 'Service Unavailable' },
      code: 'ServiceUnavailable',
      status: 503,
      retried: true,
    },
    {
      name: 'a reset connection',
      reply: resetError,
      code: 'NetworkError',
      status: 0,
      retried: true,
    },
    {
      name: 'an untrusted certificate',
      reply: tlsError,
      code: 'TlsCertificateError',
      status: 0,
      retried: false,
    },
  ])('$name → $code, retried: $retried', async ({ reply, code, status, retried }) => {
    const { sts } = gateway(reply);
    const failure = await sts.getCallerIdentity(CALLER, CALL).catch((error: unknown) => error);
    expect(failure).toMatchObject({ operation: 'GetCallerIdentity', code, status });
    expect(isRetryableStsError(failure)).toBe(retried);
  });

  test('a TLS failure names NODE_EXTRA_CA_CERTS and the proxy', async () => {
    const { sts } = gateway(tlsError);
    const failure = await sts.getCallerIdentity(CALLER, CALL).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/NODE_EXTRA_CA_CERTS.*not retried/);
    expect(String(failure)).toContain('proxy');
  });

  test('a clock-skew error is retried once, with the request signed for the server clock', async () => {
    const serverNow = new Date(Date.now() + 15 * 60_000);
    const skewed = {
      status: 403,
      headers: { date: serverNow.toUTCString() },
      body:
        '<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>' +
        '<Message>Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z</Message></Error></ErrorResponse>',
    };
    const { sts, seen } = gateway(skewed, skewed);
    const first = await sts.getCallerIdentity(CALLER, CALL).catch((error: unknown) => error);
    const second = await sts.getCallerIdentity(CALLER, CALL).catch((error: unknown) => error);
    expect(first).toMatchObject({ code: 'SignatureDoesNotMatch', clockSkewCorrected: true });
    expect(isRetryableStsError(first)).toBe(true);
    expect(second).toMatchObject({ code: 'SignatureDoesNotMatch', clockSkewCorrected: false });
    expect(isRetryableStsError(second)).toBe(false);
    const signedAt = (request: SeenRequest | undefined) =>
      Date.parse(
        (request?.headers['x-amz-date'] ?? '').replace(
          /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
          '$1-$2-$3T$4:$5:$6Z',
        ),
      );
    expect(Math.abs(signedAt(seen[1]) - serverNow.getTime())).toBeLessThan(60_000);
  });
});

describe('endpoints from shared config files are never used (issue 17)', () => {
  // The SDK reads AWS_CONFIG_FILE and AWS_PROFILE from process.env itself; each case gets its own
  // file, since the SDK caches a file by path for the life of the process.
  const PLANTED = 'http://planted.example:8080';
  const CONFIG = [
    '[default]',
    `endpoint_url = ${PLANTED}`,
    '[profile services-user]',
    'services = planted',
    '[services planted]',
    'sts =',
    `  endpoint_url = ${PLANTED}`,
  ].join('\n');
  let dir: string;
  const saved = { file: process.env['AWS_CONFIG_FILE'], profile: process.env['AWS_PROFILE'] };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-endpoint-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['AWS_CONFIG_FILE', saved.file],
      ['AWS_PROFILE', saved.profile],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  test.each([
    {
      name: 'endpoint_url in the profile',
      profile: 'default',
      expected: 'https://sts.us-east-1.amazonaws.com/',
      line: undefined,
    },
    {
      name: 'a services section',
      profile: 'services-user',
      expected: 'https://sts.us-east-1.amazonaws.com/',
      line: undefined,
    },
    {
      name: 'AWS_ENDPOINT_URL_STS still counts, and is named',
      profile: 'default',
      env: {
        AWS_ENDPOINT_URL_STS: 'http://sts.chosen.example:1',
        AWS_ENDPOINT_URL: 'http://all.example:2',
      },
      expected: 'http://sts.chosen.example/',
      line: 'STS endpoint: http://sts.chosen.example:1 (from AWS_ENDPOINT_URL_STS)',
    },
    {
      name: 'AWS_ENDPOINT_URL still counts',
      profile: 'default',
      env: { AWS_ENDPOINT_URL: 'http://all.example:2' },
      expected: 'http://all.example/',
      line: 'STS endpoint: http://all.example:2 (from AWS_ENDPOINT_URL)',
    },
    {
      name: 'the sts-endpoint input wins over the variables',
      profile: 'default',
      endpoint: 'http://input.example:3',
      env: { AWS_ENDPOINT_URL_STS: 'http://sts.chosen.example:1' },
      expected: 'http://input.example/',
      line: 'STS endpoint: http://input.example:3 (from sts-endpoint)',
    },
    {
      name: 'a variable holding a password and a query: the log names only the origin',
      profile: 'default',
      env: { AWS_ENDPOINT_URL_STS: 'http://user:s3cret@sts.chosen.example:1/?token=x' },
      expected: 'http://sts.chosen.example/',
      line: 'STS endpoint: http://sts.chosen.example:1 (from AWS_ENDPOINT_URL_STS)',
    },
    {
      name: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the variables off, as in the SDK',
      profile: 'default',
      env: {
        AWS_ENDPOINT_URL_STS: 'http://sts.chosen.example:1',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
      },
      expected: 'https://sts.us-east-1.amazonaws.com/',
      line: undefined,
    },
  ] as {
    name: string;
    profile: string;
    endpoint?: string;
    env?: Record<string, string>;
    expected: string;
    line: string | undefined;
  }[])(
    '$name: the request goes to $expected',
    async ({ profile, endpoint, env, expected, line }) => {
      const file = path.join(dir, 'config');
      fs.writeFileSync(file, CONFIG);
      process.env['AWS_CONFIG_FILE'] = file;
      process.env['AWS_PROFILE'] = profile;
      const { sts, seen, info } = gatewayWith(
        { ...(endpoint === undefined ? {} : { endpoint }), ...(env === undefined ? {} : { env }) },
        { status: 200, body: WEB_IDENTITY_RESPONSE },
      );
      await sts.assumeRoleWithWebIdentity(
        { roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900, webIdentityToken: 't' },
        CALL,
      );
      expect(seen.map((r) => r.url)).toEqual([expected]);
      expect(info).toEqual(line === undefined ? [] : [line]);
    },
  );
});

describe("the refresh helper's pin (issue 24)", () => {
  const saved = process.env['AWS_USE_FIPS_ENDPOINT'];
  afterEach(() => {
    if (saved === undefined) delete process.env['AWS_USE_FIPS_ENDPOINT'];
    else process.env['AWS_USE_FIPS_ENDPOINT'] = saved;
  });
  const pin = (overrides: Partial<PinnedNetwork>): PinnedNetwork => ({
    endpoint: 'sdk-default',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    proxyEnv: {},
    ...overrides,
  });
  const LATER = { AWS_ENDPOINT_URL_STS: 'http://later.example:1', AWS_ENDPOINT_URL: 'http://x:2' };

  test.each([
    {
      name: 'pinned SDK default: the variables of the step are not read',
      pinned: pin({}),
      fips: 'true',
      expected: 'https://sts.us-east-1.amazonaws.com/',
    },
    {
      name: 'pinned FIPS, whatever AWS_USE_FIPS_ENDPOINT says',
      pinned: pin({ useFipsEndpoint: true }),
      fips: 'false',
      expected: 'https://sts-fips.us-east-1.amazonaws.com/',
    },
    {
      name: 'pinned dual-stack',
      pinned: pin({ useDualstackEndpoint: true }),
      fips: 'false',
      expected: 'https://sts.us-east-1.api.aws/',
    },
    {
      name: "main's URL, not the step's AWS_ENDPOINT_URL_STS",
      pinned: pin({ endpoint: { url: 'http://main.example:3', from: 'AWS_ENDPOINT_URL_STS' } }),
      fips: 'false',
      expected: 'http://main.example/',
    },
  ])('$name: the request goes to $expected', async ({ pinned, fips, expected }) => {
    process.env['AWS_USE_FIPS_ENDPOINT'] = fips;
    const { sts, seen } = gatewayWith(
      { env: LATER, pinned },
      { status: 200, body: WEB_IDENTITY_RESPONSE },
    );
    await sts.assumeRoleWithWebIdentity(
      { roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900, webIdentityToken: 't' },
      CALL,
    );
    expect(seen.map((r) => r.url)).toEqual([expected]);
  });

  test.each([
    {
      name: 'the SDK default with AWS_USE_FIPS_ENDPOINT',
      env: {},
      fips: 'true',
      expected: { endpoint: 'sdk-default', useFipsEndpoint: true },
    },
    {
      name: 'AWS_ENDPOINT_URL_STS and the proxy variables as main left them',
      env: { ...LATER, HTTPS_PROXY: 'http://p:1', no_proxy: '.corp', PATH: '/bin' },
      fips: 'false',
      expected: {
        endpoint: { url: 'http://later.example:1', from: 'AWS_ENDPOINT_URL_STS' },
        useFipsEndpoint: false,
        proxyEnv: { HTTPS_PROXY: 'http://p:1', no_proxy: '.corp' },
      },
    },
  ])("main's gateway reports its choices: $name", async ({ env, fips, expected }) => {
    process.env['AWS_USE_FIPS_ENDPOINT'] = fips;
    const { sts } = gatewayWith({ env });
    expect(await sts.networkChoices()).toMatchObject({ useDualstackEndpoint: false, ...expected });
  });
});

// Over plain HTTP the OIDC token, signed requests and returned keys are readable on the wire.
describe('a plain-HTTP STS endpoint is warned about (issue 24)', () => {
  const WARNING =
    /^The STS endpoint (\S+) \(from (\S+)\) is plain HTTP: the GitHub OIDC token, .* unencrypted/;
  test.each<{ name: string; endpoint?: string; env?: Record<string, string>; warns?: string }>([
    {
      name: 'an http:// input',
      endpoint: 'http://user:pw@sts.corp.example:8080/x?y=z',
      warns: 'http://sts.corp.example:8080 sts-endpoint',
    },
    {
      name: 'AWS_ENDPOINT_URL_STS over http',
      env: { AWS_ENDPOINT_URL_STS: 'http://10.0.0.5:4566' },
      warns: 'http://10.0.0.5:4566 AWS_ENDPOINT_URL_STS',
    },
    {
      name: 'AWS_ENDPOINT_URL over http',
      env: { AWS_ENDPOINT_URL: 'http://localstack:4566' },
      warns: 'http://localstack:4566 AWS_ENDPOINT_URL',
    },
    { name: 'an https:// input', endpoint: 'https://sts.corp.example' },
    { name: 'loopback 127.0.0.1 (an emulator on this machine)', endpoint: 'http://127.0.0.1:5000' },
    {
      name: 'a host name that only starts like loopback',
      endpoint: 'http://127.evil.example:4566',
      warns: 'http://127.evil.example:4566 sts-endpoint',
    },
    { name: 'localhost', env: { AWS_ENDPOINT_URL: 'http://localhost:4566' } },
    { name: 'IPv6 loopback', endpoint: 'http://[::1]:4566' },
    { name: 'the SDK default endpoint', env: {} },
  ])('$name', ({ endpoint, env, warns }) => {
    const { warnings } = gatewayWith({
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(env === undefined ? {} : { env }),
    });
    expect(warnings.map((w) => WARNING.exec(w)?.slice(1).join(' ') ?? w)).toEqual(
      warns === undefined ? [] : [warns],
    );
  });
});

describe('toStsCallError on SDK-shaped errors', () => {
  test.each([
    {
      name: 'a throttling exception',
      thrown: {
        name: 'Throttling',
        message: 'Rate exceeded',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      },
      expected: { code: 'Throttling', status: 400 },
      retried: true,
    },
    {
      name: 'IDPCommunicationError',
      thrown: {
        name: 'IDPCommunicationErrorException',
        Code: 'IDPCommunicationError',
        message: 'x',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      },
      expected: { code: 'IDPCommunicationError', status: 400 },
      retried: true,
    },
    {
      name: 'a malformed policy',
      thrown: {
        name: 'MalformedPolicyDocument',
        message: 'bad',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      },
      expected: { code: 'MalformedPolicyDocument', status: 400 },
      retried: false,
    },
    {
      name: 'a 500',
      thrown: {
        name: 'InternalFailure',
        message: 'x',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      },
      expected: { code: 'InternalFailure', status: 500 },
      retried: true,
    },
    {
      name: 'a handler timeout',
      thrown: { name: 'TimeoutError', message: 'Connection timed out after 10000 ms' },
      expected: { code: 'TimeoutError', status: 0 },
      retried: true,
    },
    {
      name: 'a refused connection',
      thrown: { name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      expected: { code: 'NetworkError', status: 0 },
      retried: true,
    },
  ])('$name', ({ thrown, expected, retried }) => {
    const error = toStsCallError(thrown, 'AssumeRole', 'https://sts.us-east-1.amazonaws.com');
    expect(error).toMatchObject(expected);
    expect(isRetryableStsError(error)).toBe(retried);
  });
});

describe('fromAssumeOutput', () => {
  test('names every missing credential field', () => {
    expect(() =>
      fromAssumeOutput({ Credentials: { AccessKeyId: 'A' } as never }, 'AssumeRoleWithWebIdentity'),
    ).toThrow(
      "AssumeRoleWithWebIdentity failed: MalformedResponse: the response's Credentials had no SecretAccessKey, SessionToken, Expiration",
    );
  });
});
