// The action writes its credential files 0600 in a 0700 directory. POSIX enforces those modes;
// Windows does not (Node derives a mode from the read-only attribute alone, 0o666 or 0o444),
// and the files are protected by the access control list they inherit (SECURITY.md). Tests
// compare through these two helpers so that each OS is held to what it can promise.
import { statSync } from 'node:fs';

/** The permission bits of `path`, or undefined on Windows, where they mean nothing. */
export function posixMode(path: string): number | undefined {
  return process.platform === 'win32' ? undefined : statSync(path).mode & 0o777;
}

/** The mode the action promises on this OS: `mode` on POSIX, none (undefined) on Windows. */
export function promisedMode(mode: number): number | undefined {
  return process.platform === 'win32' ? undefined : mode;
}
