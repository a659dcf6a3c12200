import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  TRANSIENT_RETRY_DELAYS_MS,
  isTransientFileError,
  retryTransient,
} from './transient-file-errors.js';

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

/** Waits between rename attempts on Windows: the rule deletes share (transient-file-errors.ts). */
export const RENAME_RETRY_DELAYS_MS = TRANSIENT_RETRY_DELAYS_MS;

/** Whether a failed rename may succeed if tried again (transient-file-errors.ts). */
export const isTransientRenameError = isTransientFileError;

/**
 * Renames `from` over `to`, retrying a transient Windows failure (isTransientFileError) a
 * bounded number of times with growing waits; any other error, or the last one, is thrown.
 */
export async function renameReplacing(
  from: string,
  to: string,
  port: RenamePort = nodeRenamePort,
): Promise<void> {
  await retryTransient(() => port.rename(from, to), port);
}
