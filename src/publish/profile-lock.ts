import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import lockfile, { type LockOptions } from 'proper-lockfile';

/**
 * Runs `work` while this process is the only writer of the AWS profile files in `directory`;
 * tests pass one that records or refuses.
 */
export type ProfileLock = <T>(directory: string, work: () => Promise<T>) => Promise<T>;

/**
 * How long a step waits for another one to finish with the shared files: up to 50 retries,
 * 20 ms growing to 0.5 s, each randomised by up to 2x (https://www.npmjs.com/package/retry),
 * so about 22 to 44 s in all. A step holds the lock for milliseconds (read, merge, rename), so
 * only a stale lock takes that long, and STALE_MS is shorter: a killed step's lock is taken
 * over within the wait. Short first waits keep a queue of concurrent steps moving.
 */
export const LOCK_RETRIES = {
  retries: 50,
  factor: 1.5,
  minTimeout: 20,
  maxTimeout: 500,
  randomize: true,
} as const;

/**
 * After this long without its holder refreshing it (proper-lockfile touches the lock every
 * STALE_MS / 2 while it is held), a lock is taken to belong to a killed step and taken over.
 */
export const STALE_MS = 10_000;

/**
 * The lock of a profile directory: a sibling, `~/.aws.lock`, never a path inside it. The post
 * step removes ~/.aws when it created it and left it empty, which it does while holding the
 * lock; a lock inside would keep the directory non-empty, and would be removed with it.
 */
export function lockPathFor(directory: string): string {
  const resolved = path.resolve(directory);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.lock`);
}

/** Thrown when another step holds the lock past the bounded wait, or the lock cannot be made. */
export class ProfileLockError extends Error {
  constructor(directory: string, problem: string) {
    const lock = lockPathFor(directory);
    super(
      `cannot edit ${path.join(directory, 'config')} and ${path.join(directory, 'credentials')}: ${problem} If no other step is using them, delete ${lock}.`,
    );
    this.name = 'ProfileLockError';
  }
}

/**
 * The lock over proper-lockfile (a `mkdir` lock that works on every OS and on network file
 * systems: https://github.com/moxystudio/node-proper-lockfile#design). Released also when
 * `work` throws; a lock lost while held (the holder stalled past STALE_MS) fails the work.
 * `retries` is a parameter so that a test can wait briefly.
 */
export function createProfileLock(retries: LockOptions['retries'] = LOCK_RETRIES): ProfileLock {
  return async (directory, work) => {
    let compromised: Error | undefined;
    let release: () => Promise<void>;
    try {
      // The lock's parent (HOME) may not exist yet; ~/.aws would be made with it anyway.
      await fs.mkdir(path.dirname(lockPathFor(directory)), { recursive: true, mode: 0o700 });
      release = await lockfile.lock(directory, {
        // The directory need not exist yet (the step may create ~/.aws): no realpath.
        realpath: false,
        lockfilePath: lockPathFor(directory),
        stale: STALE_MS,
        retries,
        // The default throws from a timer, killing the step; the work fails instead.
        onCompromised: (error) => {
          compromised = error;
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ProfileLockError(
        directory,
        code === 'ELOCKED'
          ? `another step kept them locked (${lockPathFor(directory)}) longer than this step waits.`
          : `could not take the lock ${lockPathFor(directory)} (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    try {
      const result = await work();
      if (compromised !== undefined)
        throw new ProfileLockError(
          directory,
          `the lock was lost while writing (${compromised.message}).`,
        );
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  };
}

/** The lock every step takes: the bounded wait of LOCK_RETRIES. */
export const lockProfileDirectory: ProfileLock = createProfileLock();
