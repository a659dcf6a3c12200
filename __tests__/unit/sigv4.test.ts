// Cross-checks signRequest against the AWS SDK's own signer, @smithy/signature-v4, on the same
// request, credentials and time: the Authorization header must be byte-for-byte identical.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { amzDate, encodeRfc3986, signRequest, type SigningCredentials } from '../../src/sigv4.js';

/** The Hash interface @smithy/signature-v4 expects (sha256, or HMAC-sha256 given a key), over node:crypto. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const KEYS: SigningCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const TEMPORARY: SigningCredentials = {
  ...KEYS,
  accessKeyId: 'ASIAEXAMPLE',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJH+token==',
};
const FORM: Record<string, string> = {
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
};
const NOW = new Date('2024-06-01T12:34:56.789Z');

interface Case {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  credentials: SigningCredentials;
}

const cases: Case[] = [
  {
    name: 'AssumeRole form POST with stored keys',
    method: 'POST',
    url: 'https://sts.us-east-1.amazonaws.com/',
    headers: FORM,
    body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fdeploy&RoleSessionName=GitHubActions&DurationSeconds=3600',
    region: 'us-east-1',
    service: 'sts',
    credentials: KEYS,
  },
  {
    name: 'GetCallerIdentity with a session token',
    method: 'POST',
    url: 'https://sts.eu-west-1.amazonaws.com/',
    headers: FORM,
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    region: 'eu-west-1',
    service: 'sts',
    credentials: TEMPORARY,
  },
  {
    name: 'non-default port in the host',
    method: 'POST',
    url: 'http://127.0.0.1:5000/',
    headers: FORM,
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    region: 'us-east-1',
    service: 'sts',
    credentials: TEMPORARY,
  },
  {
    name: 'unicode in the body',
    method: 'POST',
    url: 'https://sts.cn-north-1.amazonaws.com.cn/',
    headers: FORM,
    body: 'Action=AssumeRole&Tags.member.1.Value=Jos%C3%A9&Raw=José 🚀',
    region: 'cn-north-1',
    service: 'sts',
    credentials: KEYS,
  },
  {
    name: 'GET with an unsorted query',
    method: 'GET',
    url: 'https://sts.amazonaws.com/?Version=2011-06-15&Action=GetCallerIdentity&Z=a%20b%2A',
    headers: {},
    body: '',
    region: 'us-east-1',
    service: 'sts',
    credentials: KEYS,
  },
  {
    name: 'endpoint with a path and extra headers',
    method: 'POST',
    url: 'https://vpce-0abc.sts.us-east-1.vpce.amazonaws.com/sts/',
    headers: { ...FORM, 'X-Custom': '  spaced   value ' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    region: 'us-east-1',
    service: 'sts',
    credentials: KEYS,
  },
  {
    name: 'path with characters that need encoding',
    method: 'POST',
    url: 'https://example.com/a%20b/c(d)',
    headers: FORM,
    body: '',
    region: 'us-east-1',
    service: 'execute-api',
    credentials: KEYS,
  },
];

async function reference(c: Case): Promise<Record<string, string>> {
  const url = new URL(c.url);
  const { accessKeyId, secretAccessKey, sessionToken } = c.credentials;
  const credentials =
    sessionToken === undefined
      ? { accessKeyId, secretAccessKey }
      : { accessKeyId, secretAccessKey, sessionToken };
  const signer = new SignatureV4({
    credentials,
    region: c.region,
    service: c.service,
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const signed = await signer.sign(
    {
      method: c.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query,
      headers: { ...c.headers, host: url.host },
      body: c.body,
    },
    { signingDate: NOW },
  );
  return signed.headers;
}

describe('signRequest matches @smithy/signature-v4', () => {
  test.each(cases)('$name', async (c) => {
    const ours = signRequest({
      method: c.method,
      url: new URL(c.url),
      headers: c.headers,
      body: c.body,
      region: c.region,
      service: c.service,
      credentials: c.credentials,
      now: NOW,
    });
    const theirs = await reference(c);
    expect(ours['authorization']).toBe(theirs['authorization']);
    expect(ours['x-amz-date']).toBe('20240601T123456Z');
    expect(ours['x-amz-security-token']).toBe(c.credentials.sessionToken);
    expect(ours['host']).toBe(new URL(c.url).host);
  });
});

test('the signature changes with every signed input', () => {
  const base = {
    method: 'POST',
    url: new URL('https://sts.us-east-1.amazonaws.com/'),
    headers: FORM,
    body: 'a=b',
    region: 'us-east-1',
    service: 'sts',
    credentials: KEYS,
    now: NOW,
  };
  const signature = (overrides: Partial<typeof base>): string =>
    signRequest({ ...base, ...overrides })['authorization'] ?? '';
  const variants = [
    signature({}),
    signature({ body: 'a=c' }),
    signature({ region: 'us-west-2' }),
    signature({ now: new Date('2024-06-01T12:34:57Z') }),
    signature({ credentials: { ...KEYS, secretAccessKey: 'other' } }),
    signature({ headers: { ...FORM, 'x-extra': '1' } }),
  ];
  expect(new Set(variants).size).toBe(variants.length);
});

describe('helpers', () => {
  test.each([
    { text: "a b!'()*~", expected: 'a%20b%21%27%28%29%2A~' },
    { text: 'arn:aws:iam::1:role/x', expected: 'arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx' },
    { text: 'é', expected: '%C3%A9' },
  ])('encodeRfc3986($text)', ({ text, expected }) => {
    expect(encodeRfc3986(text)).toBe(expected);
  });

  test('amzDate drops separators and milliseconds', () => {
    expect(amzDate(NOW)).toBe('20240601T123456Z');
  });
});
