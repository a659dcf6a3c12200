// What is masked and how it is echoed: the secret registry (short and URL-encoded secrets), the
// secrets of raw inputs (proxy passwords included), proxy values in errors, the refusal of
// overwrite-aws-profile in ~/.aws, a linked ~/.aws, and a GitHub context that never prints.
import { jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problemsFor as problems } from '../../__fixtures__/config.js';
import { rawInputs } from '../../__fixtures__/inputs.js';
import { inputSecrets } from '../../src/config/input-secrets.js';
import { proxySecrets } from '../../src/config/proxy-url.js';
import { redactUrl } from '../../src/model/redact-url.js';
import { readGitHubContext } from '../../src/config/read-inputs.js';
import { SecretRegistry, encodedForms } from '../../src/model/secret-registry.js';
import { mergeIntoUserFile } from '../../src/publish/profile-store.js';

function registry(): { secrets: SecretRegistry; masks: string[] } {
  const masks: string[] = [];
  return { secrets: new SecretRegistry((v) => masks.push(v)), masks };
}

describe('SecretRegistry', () => {
  test.each([
    ['a 2-character external ID', 'x9'],
    ['a 3-character external ID', 'a=b'],
    ['a 1-character value', 'z'],
  ])('add masks %s whatever its length', (_name, value) => {
    const { secrets, masks } = registry();
    secrets.add(value);
    expect(masks).toContain(value);
    expect(secrets.redact(`id is ${value}.`)).toBe('id is ***.');
  });

  test('add ignores only undefined and the empty string', () => {
    const { secrets, masks } = registry();
    secrets.add(undefined);
    secrets.add('');
    expect(masks).toEqual([]);
  });

  test('addCandidate skips trivial guesses (under 4 characters) and masks the rest', () => {
    const { secrets, masks } = registry();
    ['1', 'on', 'abc', 'abcd'].forEach(secrets.addCandidate);
    expect(masks).toEqual(['abcd']);
  });

  test('add masks and redacts the URL-encoded and form-encoded forms too', () => {
    const { secrets, masks } = registry();
    secrets.add('ext+id/secret=9 x!');
    expect(masks).toEqual(
      expect.arrayContaining([
        'ext+id/secret=9 x!',
        'ext%2Bid%2Fsecret%3D9%20x!',
        'ext%2Bid%2Fsecret%3D9%20x%21',
        'ext%2Bid%2Fsecret%3D9+x%21',
        'ext%2Bid%2Fsecret%3D9+x!',
      ]),
    );
    const echoed =
      'Request: ExternalId=ext%2Bid%2Fsecret%3D9%20x%21 / ext%2Bid%2Fsecret%3D9+x%21 / ext+id/secret=9 x!';
    expect(secrets.redact(echoed)).toBe('Request: ExternalId=*** / *** / ***');
  });

  test.each([
    ['plain characters', 'AKIAIOSFODNN7EXAMPLE', ['AKIAIOSFODNN7EXAMPLE']],
    ['a slash', 'a/b', ['a/b', 'a%2Fb']],
  ])('encodedForms of a value with %s lists each form once', (_name, value, forms) => {
    expect(encodedForms(value)).toEqual(forms);
  });
});

describe('inputSecrets', () => {
  test('explicit secrets, the proxy password and the request token; hop-line words as candidates', () => {
    const found = inputSecrets(
      rawInputs({
        roleExternalId: 'x9',
        mfaTokenCode: '123456',
        httpProxy: 'http://user:proxyPass123@proxy.corp:3128',
        roleChain: 'arn:aws:iam::111111111111:role/a external-id=chainsecret',
      }),
      { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' },
    );
    expect(found.secrets).toEqual(
      expect.arrayContaining(['x9', '123456', 'proxyPass123', 'request-token']),
    );
    expect(found.secrets).not.toContain('');
    expect(found.candidates).toContain('chainsecret');
  });
});

describe('proxy values', () => {
  test.each([
    ['an http URL with a password', 'http://user:proxyPass123@proxy.corp:3128', ['proxyPass123']],
    ['a percent-encoded password', 'http://user:p%40ss@proxy:3128', ['p%40ss', 'p@ss']],
    [
      'userinfo without a scheme (not parseable as http)',
      'user:pw@proxy:3128',
      ['user:pw@proxy:3128'],
    ],
    ['a URL without userinfo', 'http://proxy.corp:3128', []],
    ['a user without a password', 'http://user@proxy.corp:3128', []],
    ['no scheme and no userinfo', 'proxy.corp:3128', []],
  ])('proxySecrets of %s', (_name, raw, expected) => {
    const found = proxySecrets(raw);
    expect(found.slice(0, expected.length)).toEqual(expected);
  });

  test('proxySecrets also lists the Basic credentials a proxy client sends', () => {
    expect(proxySecrets('http://user:pw%21@proxy:3128')).toContain(
      Buffer.from('user:pw!').toString('base64'),
    );
  });

  test.each([
    ['user:proxyPass123@proxy.corp:3128', '***@proxy.corp:3128'],
    ['socks5://user:pw@proxy:1080', 'socks5://***@proxy:1080'],
    ['http://a@b:c@proxy:1', 'http://***@proxy:1'],
    ['proxy.corp:3128', 'proxy.corp:3128'],
    ['ftp://user:pass@sts.example.com/x', 'ftp://***@sts.example.com/x'],
    ['https://sts.example.com/?X-Amz-Security-Token=tok', 'https://sts.example.com/?***'],
  ])('redactUrl(%s) is %s', (raw, shown) => {
    expect(redactUrl(raw)).toBe(shown);
  });

  test('the input error names http-proxy and the variables, and never shows the userinfo', () => {
    const found = problems({ httpProxy: 'user:proxyPass123@proxy.corp:3128' });
    expect(found).toHaveLength(1);
    expect(found[0]?.input).toBe('http-proxy');
    expect(found[0]?.message).toContain("'***@proxy.corp:3128' is not an http(s) URL");
    expect(found[0]?.message).toContain('HTTPS_PROXY or HTTP_PROXY');
    expect(found[0]?.message).not.toContain('proxyPass123');
  });
});

describe('overwrite-aws-profile in ~/.aws', () => {
  test('is refused with profile-files-location: home, naming both inputs and the fix', () => {
    const found = problems({
      awsProfile: 'dev',
      overwriteAwsProfile: 'true',
      profileFilesLocation: 'home',
    });
    expect(found.map((p) => p.input)).toEqual(['overwrite-aws-profile']);
    expect(found[0]?.message).toMatch(
      /`overwrite-aws-profile`: cannot be true with `profile-files-location: home`.*`profile-files-location: runner-temp`.*profile name that does not exist yet/,
    );
  });

  test.each([
    ['runner-temp', { overwriteAwsProfile: 'true', profileFilesLocation: 'runner-temp' }],
    ['home without overwrite', { overwriteAwsProfile: 'false', profileFilesLocation: 'home' }],
  ])('is accepted: %s', (_name, inputs) => {
    expect(() => problems({ awsProfile: 'dev', ...inputs })).toThrow(/accepted/);
  });
});

describe('mergeIntoUserFile', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'secfix-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('refuses a ~/.aws that is a symbolic link, and writes nothing where it points', async () => {
    const target = join(root, 'elsewhere');
    mkdirSync(target);
    symlinkSync(target, join(root, '.aws'));
    await expect(
      mergeIntoUserFile(join(root, '.aws', 'config'), [
        { header: 'profile dev', entries: { region: 'us-east-1' } },
      ]),
    ).rejects.toThrow(/\.aws: it is a symbolic link/);
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('readGitHubContext', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'secfix-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function read(eventPath: string): Promise<{ printed: string; repo: unknown }> {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const saved = { ...process.env };
    delete process.env['GITHUB_REPOSITORY'];
    process.env['GITHUB_EVENT_PATH'] = eventPath;
    try {
      const context = await readGitHubContext();
      expect(process.env['GITHUB_EVENT_PATH']).toBe(eventPath);
      let repo: unknown;
      try {
        repo = context.repo;
      } catch {
        repo = undefined;
      }
      return { printed: writes.join(''), repo };
    } finally {
      spy.mockRestore();
      restoreEnv(saved);
    }
  }

  function restoreEnv(saved: NodeJS.ProcessEnv): void {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }

  test('with GITHUB_REPOSITORY (always set by the runner) the event file is not read', async () => {
    const event = join(root, 'event.json');
    writeFileSync(event, JSON.stringify({ repository: { name: 'x', owner: { login: 'y' } } }));
    const saved = { ...process.env };
    Object.assign(process.env, { GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'o/r' });
    try {
      const context = await readGitHubContext();
      expect((context as unknown as { payload: unknown }).payload).toEqual({});
      expect(context.repo).toEqual({ owner: 'o', repo: 'r' });
    } finally {
      restoreEnv(saved);
    }
  });

  test.each([
    ['a missing path holding a command', (dir: string) => join(dir, 'no\n::warning::injected')],
    ['a directory', (dir: string) => dir],
    [
      'a file that is not JSON',
      (dir: string) => {
        writeFileSync(join(dir, 'event.json'), '{ not json');
        return join(dir, 'event.json');
      },
    ],
  ])('%s: no throw, nothing printed, an empty payload', async (_name, make) => {
    const result = await read(make(root));
    expect(result.printed).toBe('');
    expect(result.repo).toBeUndefined();
  });

  test('a valid event file: its repository is read', async () => {
    const file = join(root, 'event.json');
    writeFileSync(
      file,
      JSON.stringify({ repository: { owner: { login: 'octo-org' }, name: 'octo-repo' } }),
    );
    expect(await read(file)).toEqual({
      printed: '',
      repo: { owner: 'octo-org', repo: 'octo-repo' },
    });
  });
});
