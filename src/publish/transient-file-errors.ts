import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The clock and platform a retry needs; a test gives a fake one. */
export interface RetryClock {
  readonly platform: NodeJS.Platform;
  sleep(ms: number): Promise<void>;
}

/**
 * Waits between attempts of a rename or delete on Windows: 1.55 s in all, enough for a virus
 * scanner or an AWS client that has the file open for a moment, short enough for a
 * credential_process call.
 */
export const TRANSIENT_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800];

/**
 * Whether a failed rename or delete may succeed if tried again: on Windows only, where
 * MoveFileEx and DeleteFile fail with a sharing violation (EPERM, EBUSY, EACCES in Node) while
 * another process (an AWS client reading the file, a virus scanner, the search indexer) holds it
 * open without delete sharing. graceful-fs retries the same three codes on win32 for renames
 * (https://github.com/isaacs/node-graceful-fs/blob/main/polyfills.js, `fs.rename`), and Node's
 * own `fs.rm` retries EBUSY and EPERM when given `maxRetries`
 * (https://nodejs.org/api/fs.html#fspromisesrmpath-options). On POSIX a rename or unlink goes
 * through an open file, so these codes there mean a real permission problem.
 */
export function isTransientFileError(platform: NodeJS.Platform, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
}

/**
 * Runs `attempt`, retrying a transient Windows failure (isTransientFileError) after each of
 * TRANSIENT_RETRY_DELAYS_MS; any other error, or the last one, is thrown.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, clock: RetryClock): Promise<T> {
  for (const delay of TRANSIENT_RETRY_DELAYS_MS) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransientFileError(clock.platform, error)) throw error;
      await clock.sleep(delay);
    }
  }
  return attempt();
}

/** What removeRetrying needs from the machine. */
export interface RemovePort extends RetryClock {
  rm(file: string): Promise<void>;
}

const nodeRemovePort: RemovePort = {
  platform: process.platform,
  rm: (file) => fs.rm(file, { force: true }),
  sleep: (ms) => sleep(ms),
};

/** Deletes a file (a missing one is no error), retrying as renames do (retryTransient). */
export async function removeRetrying(
  file: string,
  port: RemovePort = nodeRemovePort,
): Promise<void> {
  await retryTransient(() => port.rm(file), port);
}
