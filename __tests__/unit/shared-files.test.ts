// Shared runners (issue 24): one retry rule for Windows' transient rename and delete errors,
// the lock over ~/.aws (beside it, bounded, a stale one taken over), and a post step that
// reports credentials it could not delete as an error without failing the job.
import { existsSync, mkdirSync, mkdtempSync, rmSync, rmdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingRunner } from '../../__fixtures__/runner.js';
import { runPost } from '../../src/post/run-post.js';
import { encodeCleanupState } from '../../src/publish/cleanup-state.js';
import {
  createProfileLock,
  lockPathFor,
  ProfileLockError,
  STALE_MS,
} from '../../src/publish/profile-lock.js';
import {
  isTransientFileError,
  removeRetrying,
  TRANSIENT_RETRY_DELAYS_MS,
} from '../../src/publish/transient-file-errors.js';

const error = (code: string) => Object.assign(new Error(`${code}: unlink 'x'`), { code });

describe('the retry rule renames and deletes share', () => {
  test.each<{ platform: NodeJS.Platform; code: string; transient: boolean }>([
    { platform: 'win32', code: 'EBUSY', transient: true },
    { platform: 'win32', code: 'EPERM', transient: true },
    { platform: 'win32', code: 'EACCES', transient: true },
    { platform: 'win32', code: 'ENOENT', transient: false },
    { platform: 'win32', code: 'EISDIR', transient: false },
    { platform: 'linux', code: 'EBUSY', transient: false },
    { platform: 'linux', code: 'EPERM', transient: false },
    { platform: 'darwin', code: 'EACCES', transient: false },
  ])('$platform $code is transient: $transient', ({ platform, code, transient }) => {
    expect(isTransientFileError(platform, error(code))).toBe(transient);
  });

  /** A delete that fails with `codes` in turn, then succeeds. */
  function fakeRemove(platform: NodeJS.Platform, codes: string[]) {
    const slept: number[] = [];
    const port = {
      platform,
      rm: async () => {
        const code = codes.shift();
        if (code !== undefined) throw error(code);
      },
      sleep: async (ms: number) => void slept.push(ms),
    };
    return { port, slept };
  }

  test.each<{
    name: string;
    platform: NodeJS.Platform;
    codes: string[];
    fails: boolean;
    slept: readonly number[];
  }>([
    {
      name: 'win32: a file held open for a moment is deleted on a later attempt',
      platform: 'win32',
      codes: ['EBUSY', 'EPERM'],
      fails: false,
      slept: [50, 100],
    },
    {
      name: 'win32: a file held open for good fails after a bounded wait',
      platform: 'win32',
      codes: Array(20).fill('EBUSY'),
      fails: true,
      slept: TRANSIENT_RETRY_DELAYS_MS,
    },
    {
      name: 'Linux: EPERM is a real error, thrown at once',
      platform: 'linux',
      codes: ['EPERM'],
      fails: true,
      slept: [],
    },
  ])('$name', async ({ platform, codes, fails, slept: expected }) => {
    const { port, slept } = fakeRemove(platform, codes);
    const done = removeRetrying('x', port);
    if (fails) await expect(done).rejects.toThrow(/EBUSY|EPERM/);
    else await done;
    expect(slept).toEqual(expected);
    expect(slept.reduce((x, y) => x + y, 0)).toBeLessThan(2000);
  });
});

describe('the lock over ~/.aws', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'shared-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('it lies beside the directory, which can be removed while the lock is held', async () => {
    const aws = join(root, '.aws');
    mkdirSync(aws);
    expect(lockPathFor(aws)).toBe(join(root, '.aws.lock'));
    await createProfileLock()(aws, async () => {
      expect(existsSync(join(root, '.aws.lock'))).toBe(true);
      rmdirSync(aws);
    });
    expect(existsSync(join(root, '.aws.lock'))).toBe(false);
  });

  test('a held lock makes another step wait a bounded time, then fail naming the files', async () => {
    const aws = join(root, '.aws');
    const brief = createProfileLock({
      retries: 2,
      factor: 1,
      minTimeout: 10,
      maxTimeout: 10,
      randomize: false,
    });
    await brief(aws, async () => {
      await expect(brief(aws, async () => 'second')).rejects.toThrow(ProfileLockError);
      await expect(brief(aws, async () => 'second')).rejects.toThrow(
        `cannot edit ${join(aws, 'config')} and ${join(aws, 'credentials')}: another step kept them locked (${join(root, '.aws.lock')})`,
      );
    });
    // Released once the work is done, also when it throws.
    await expect(brief(aws, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await brief(aws, async () => 'after')).toBe('after');
  });

  test('a stale lock left by a killed step is taken over', async () => {
    const aws = join(root, '.aws');
    mkdirSync(lockPathFor(aws));
    const old = (Date.now() - STALE_MS - 5000) / 1000;
    utimesSync(lockPathFor(aws), old, old);
    expect(await createProfileLock(0)(aws, async () => 'taken over')).toBe('taken over');
  });
});

describe('the post step and a delete that keeps failing', () => {
  const DIR = '/t/aws-deploy-role-1';
  test.each<{ file: string; annotation: 'error' | 'warning' }>([
    { file: `${DIR}/credentials`, annotation: 'error' },
    { file: `${DIR}/cache-dev.json`, annotation: 'error' },
    { file: `${DIR}/config`, annotation: 'warning' },
  ])(
    '$file: an $annotation annotation, and the job does not fail',
    async ({ file, annotation }) => {
      const runner = recordingRunner({
        savedState: encodeCleanupState({
          exportedVariables: [],
          restoreVariables: {},
          writtenFiles: [file],
          createdDirectory: DIR,
          userFileSections: [],
        }),
      });
      await runPost(runner, '/t', {
        lock: async (_directory, work) => work(),
        remove: async () => Promise.reject(error('EBUSY')),
      });
      expect(runner.failed).toBeUndefined();
      const reported = runner.log.filter((e) => e.kind === 'error' || e.kind === 'warning');
      expect(reported).toEqual([
        {
          kind: annotation,
          text:
            annotation === 'error'
              ? expect.stringMatching(
                  new RegExp(
                    `^Cleanup: deleting ${file} failed: ${file} still holds credentials this step wrote \\(EBUSY`,
                  ),
                )
              : expect.stringMatching(`^Cleanup: deleting ${file} failed: EBUSY`),
        },
      ]);
    },
  );
});
