import {
  ASSUME_ROLE_RESPONSE,
  INVALID_IDENTITY_TOKEN_ERROR,
  SAMPLE_SESSION_TOKEN,
  WEB_IDENTITY_RESPONSE,
} from '../../__fixtures__/sts-responses.js';
import { StsCallError } from '../../src/errors.js';
import { TransportError, type HttpResponse, type Transport } from '../../src/http-transport.js';
import {
  assumeRoleParams,
  createStsGateway,
  encodeForm,
  parseAssumeResult,
  webIdentityParams,
} from '../../src/sts.js';

const ROLE_ARN = 'arn:aws:iam::111111111111:role/deploy';

describe('assumeRoleParams', () => {
  test.each([
    {
      name: 'required fields only',
      request: { roleArn: ROLE_ARN, sessionName: 'GitHubActions', durationSeconds: 3600 },
      expected: {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: ROLE_ARN,
        RoleSessionName: 'GitHubActions',
        DurationSeconds: '3600',
      },
    },
    {
      name: 'every option, lists numbered from 1',
      request: {
        roleArn: ROLE_ARN,
        sessionName: 's',
        durationSeconds: 900,
        externalId: 'acme',
        sourceIdentity: 'octocat',
        mfa: { serialNumber: 'arn:aws:iam::111111111111:mfa/alice', tokenCode: '123456' },
        tags: [
          { key: 'Team', value: 'payments' },
          { key: 'Branch', value: 'main' },
        ],
        transitiveTagKeys: ['Team'],
        inlineSessionPolicy: '{"Version":"2012-10-17"}',
        managedSessionPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/AWSDenyAll',
        ],
      },
      expected: {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: ROLE_ARN,
        RoleSessionName: 's',
        DurationSeconds: '900',
        ExternalId: 'acme',
        SourceIdentity: 'octocat',
        SerialNumber: 'arn:aws:iam::111111111111:mfa/alice',
        TokenCode: '123456',
        'Tags.member.1.Key': 'Team',
        'Tags.member.1.Value': 'payments',
        'Tags.member.2.Key': 'Branch',
        'Tags.member.2.Value': 'main',
        'TransitiveTagKeys.member.1': 'Team',
        Policy: '{"Version":"2012-10-17"}',
        'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'PolicyArns.member.2.arn': 'arn:aws:iam::aws:policy/AWSDenyAll',
      },
    },
    {
      name: 'empty lists send nothing',
      request: {
        roleArn: ROLE_ARN,
        sessionName: 's',
        durationSeconds: 900,
        tags: [],
        transitiveTagKeys: [],
        managedSessionPolicies: [],
      },
      expected: {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: ROLE_ARN,
        RoleSessionName: 's',
        DurationSeconds: '900',
      },
    },
  ])('$name', ({ request, expected }) => {
    expect(assumeRoleParams(request)).toEqual(expected);
  });
});

test('webIdentityParams carries the token and policies, never tags or source identity', () => {
  expect(
    webIdentityParams({
      roleArn: ROLE_ARN,
      sessionName: 's',
      durationSeconds: 3600,
      webIdentityToken: 'eyJ.a.b',
      managedSessionPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    }),
  ).toEqual({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: ROLE_ARN,
    RoleSessionName: 's',
    DurationSeconds: '3600',
    WebIdentityToken: 'eyJ.a.b',
    'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  });
});

describe('encodeForm', () => {
  test.each([
    {
      name: 'ARN',
      params: { RoleArn: ROLE_ARN },
      expected: 'RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fdeploy',
    },
    {
      name: 'space, star and quotes',
      params: { Policy: '{"a": "s3:*"}' },
      expected: 'Policy=%7B%22a%22%3A%20%22s3%3A%2A%22%7D',
    },
    {
      name: 'unicode and order kept',
      params: { B: 'José', A: '+=&' },
      expected: 'B=Jos%C3%A9&A=%2B%3D%26',
    },
    { name: 'nothing', params: {}, expected: '' },
  ])('$name', ({ params, expected }) => {
    expect(encodeForm(params)).toBe(expected);
    expect(Object.fromEntries(new URLSearchParams(expected))).toEqual(params);
  });
});

describe('parseAssumeResult', () => {
  test('the AssumeRole sample from the STS API reference', () => {
    expect(parseAssumeResult(ASSUME_ROLE_RESPONSE, 'AssumeRole')).toEqual({
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
  });

  test('the AssumeRoleWithWebIdentity sample from the STS API reference', () => {
    expect(parseAssumeResult(WEB_IDENTITY_RESPONSE, 'AssumeRoleWithWebIdentity')).toEqual({
      credentials: {
        accessKeyId: 'ASgeIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        sessionToken: 'AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE',
        expiration: new Date('2014-10-24T23:00:23Z'),
      },
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1',
      assumedRoleId: 'AROACLKWSDQRAOEXAMPLE:app1',
      sourceIdentity: undefined,
      packedPolicySize: undefined,
      subjectFromWebIdentityToken: 'amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A',
    });
  });

  test.each([
    {
      name: 'no session token',
      xml: ASSUME_ROLE_RESPONSE.replace(/<SessionToken>[\s\S]*<\/SessionToken>/, ''),
    },
    {
      name: 'no assumed-role user',
      xml: ASSUME_ROLE_RESPONSE.replace(/<AssumedRoleUser>[\s\S]*<\/AssumedRoleUser>/, ''),
    },
    { name: 'an HTML page', xml: '<html><body>Gateway Timeout</body></html>' },
  ])('refuses a response with $name', ({ xml }) => {
    expect(() => parseAssumeResult(xml, 'AssumeRole')).toThrow(
      new StsCallError(
        'AssumeRole',
        'MalformedResponse',
        'the response had no complete Credentials element',
        200,
      ),
    );
  });
});

describe('createStsGateway over a fake transport', () => {
  const call = { timeoutMs: 1000 };
  const caller = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

  function gateway(reply: HttpResponse | Error) {
    const seen: { url: string; headers: Readonly<Record<string, string>>; body: string }[] = [];
    const transport: Transport = async (request) => {
      seen.push({ url: request.url.href, headers: request.headers, body: request.body });
      if (reply instanceof Error) throw reply;
      return reply;
    };
    const sts = createStsGateway({
      endpoint: 'https://sts.us-east-1.amazonaws.com',
      region: 'us-east-1',
      transport,
      now: () => new Date('2024-06-01T00:00:00Z'),
    });
    return { sts, seen };
  }

  test('AssumeRole is signed; the web-identity call is not', async () => {
    const signed = gateway({ status: 200, body: ASSUME_ROLE_RESPONSE });
    await signed.sts.assumeRole(
      { roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900 },
      caller,
      call,
    );
    const unsigned = gateway({ status: 200, body: WEB_IDENTITY_RESPONSE });
    await unsigned.sts.assumeRoleWithWebIdentity(
      { roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900, webIdentityToken: 't' },
      call,
    );
    expect(signed.seen[0]?.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240601\/us-east-1\/sts\/aws4_request, /,
    );
    expect(signed.seen[0]?.body).toBe(
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fdeploy&RoleSessionName=s&DurationSeconds=900',
    );
    expect(unsigned.seen[0]?.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'sts.us-east-1.amazonaws.com',
    });
  });

  test.each([
    {
      name: 'an STS error body',
      reply: { status: 400, body: INVALID_IDENTITY_TOKEN_ERROR },
      expected: ['InvalidIdentityToken', 400, "Couldn't retrieve verification key"],
    },
    {
      name: 'a 503 without XML',
      reply: { status: 503, body: 'Service Unavailable' },
      expected: ['ServiceUnavailable', 503, 'HTTP 503 from https://sts.us-east-1.amazonaws.com'],
    },
    {
      name: 'a 404 without XML',
      reply: { status: 404, body: '' },
      expected: ['HTTP404', 404, 'HTTP 404'],
    },
    {
      name: 'a reset connection',
      reply: new TransportError('socket hang up', 'NetworkError'),
      expected: [
        'NetworkError',
        0,
        'socket hang up (endpoint https://sts.us-east-1.amazonaws.com)',
      ],
    },
  ])('$name becomes an StsCallError', async ({ reply, expected }) => {
    const { sts } = gateway(reply);
    const error = await sts
      .assumeRoleWithWebIdentity(
        { roleArn: ROLE_ARN, sessionName: 's', durationSeconds: 900, webIdentityToken: 't' },
        call,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StsCallError);
    const { code, status, awsMessage, operation } = error as StsCallError;
    expect([code, status, operation]).toEqual([
      expected[0],
      expected[1],
      'AssumeRoleWithWebIdentity',
    ]);
    expect(awsMessage).toContain(expected[2]);
  });
});
