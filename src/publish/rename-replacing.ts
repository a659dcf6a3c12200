import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** What renameReplacing needs from the machine: a test gives a fake file system and clock. */
export interface RenamePort {
  readonly platform: NodeJS.Platform;
  rename(from: string, to: string): Promise<void>;
  sleep(ms: number): Promise<void>;
}

const nodeRenamePort: RenamePort = {
  platform: process.platform,
  rename: (from, to) => fs.rename(from, to),
  sleep: (ms) => sleep(ms),
};

/**
 * Waits between rename attempts on Windows: 1.55 s in all, enough for a virus scanner or an
 * AWS client that has the file open for a moment, short enough for a credential_process call.
 */
export const RENAME_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800];

/**
 * Whether a failed rename over an existing file may succeed if tried again: on Windows only,
 * where MoveFileEx fails with a sharing violation (EPERM, EBUSY, EACCES in Node) while another
 * process (an AWS client reading the file, a virus scanner, the search indexer) holds the target
 * open. graceful-fs retries the same three codes on win32 for the same reason
 * (https://github.com/isaacs/node-graceful-fs/blob/main/polyfills.js, `fs.rename`). On POSIX a
 * rename replaces an open file, so these codes there mean a real permission problem.
 */
export function isTransientRenameError(platform: NodeJS.Platform, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
}

/**
 * Renames `from` over `to`, retrying a transient Windows failure (isTransientRenameError) a
 * bounded number of times with growing waits; any other error, or the last one, is thrown.
 */
export async function renameReplacing(
  from: string,
  to: string,
  port: RenamePort = nodeRenamePort,
): Promise<void> {
  for (const delay of [...RENAME_RETRY_DELAYS_MS, undefined]) {
    try {
      await port.rename(from, to);
      return;
    } catch (error) {
      if (delay === undefined || !isTransientRenameError(port.platform, error)) throw error;
      await port.sleep(delay);
    }
  }
}
