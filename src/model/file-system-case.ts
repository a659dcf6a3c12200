import * as path from 'node:path';

/**
 * Whether the default file system on `platform` ignores case in names: NTFS on Windows and
 * APFS/HFS+ on macOS are case-insensitive (case-preserving) unless a directory or volume opts in
 * (https://learn.microsoft.com/windows/wsl/case-sensitivity,
 * https://support.apple.com/guide/disk-utility/file-system-formats-dsku19ed921c/mac), and
 * GitHub's Windows and macOS images use those defaults. Linux file systems are case-sensitive.
 */
export function isCaseInsensitiveFileSystem(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/** The path module for `platform`'s path syntax (drive letters and `\` on Windows only). */
function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * Whether two paths name the same file on `platform`: both resolved (`.`, `..`, separators),
 * then compared ignoring case where the file system does (see isCaseInsensitiveFileSystem).
 */
export function isSamePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const p = pathFor(platform);
  const [x, y] = [p.resolve(a), p.resolve(b)];
  return isCaseInsensitiveFileSystem(platform) ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/**
 * The part of a file name that stands for a profile, distinct for every profile name even
 * where the file system ignores case. Profile names are case-sensitive for every AWS client
 * (`Dev` and `dev` are two profiles), so on Windows and macOS `cache-Dev.json` and
 * `cache-dev.json` would be one file and one profile would be served the other's credentials.
 * A name with capitals gets `+` and a hex mask of their positions (`Dev` -> `Dev+1`,
 * `dEv` -> `dEv+2`); `+` is not allowed in profile names, so no two names share a stem. The
 * same stem is used on every OS, so a file's name never depends on where the step ran.
 */
export function profileFileStem(profile: string): string {
  let mask = 0n;
  [...profile].forEach((char, index) => {
    if (char !== char.toLowerCase()) mask |= 1n << BigInt(index);
  });
  return mask === 0n ? profile : `${profile}+${mask.toString(16)}`;
}
