import type { Env } from './env.js';

/**
 * The home directory whose `.aws` folder the AWS clients on `platform` read, from the job's
 * environment, or undefined when the environment names none (the caller then asks the OS).
 *
 * The clients' rules:
 * - botocore (AWS CLI v1/v2, boto3): `os.path.expanduser('~/.aws/config')`. On POSIX that is
 *   HOME; on Windows, since Python 3.8, USERPROFILE, else HOMEDRIVE + HOMEPATH, and HOME is
 *   ignored (https://github.com/python/cpython/issues/80445, bpo-36264).
 * - AWS SDK for Go v2 (Terraform, eksctl, Pulumi): `internal/shareddefaults.UserHomeDir`, i.e.
 *   Go's `os.UserHomeDir`: USERPROFILE on Windows, HOME elsewhere (v1's copy spells it out:
 *   `if runtime.GOOS == "windows" { return os.Getenv("USERPROFILE") }`).
 * - Java (`user.home`) and .NET (`SpecialFolder.UserProfile`) use the Windows profile folder.
 * - JS SDK v3 (`@smithy/shared-ini-file-loader` `getHomeDir`): HOME, then USERPROFILE, then
 *   HOMEDRIVE + HOMEPATH, then `os.homedir()`, on every OS.
 *
 * They disagree only on Windows with HOME set (Git Bash, MSYS, Cygwin export one): there
 * USERPROFILE wins, because the AWS CLI, boto3, Go, Java and .NET all read it; the JS SDK is
 * the odd one out, and `homeDirectoryMismatch` names the difference in a warning.
 */
export function awsHomeDirectory(platform: NodeJS.Platform, env: Env): string | undefined {
  if (platform !== 'win32') return nonEmpty(env['HOME']);
  const profile = nonEmpty(env['USERPROFILE']);
  if (profile !== undefined) return profile;
  const drive = nonEmpty(env['HOMEDRIVE']);
  const homePath = nonEmpty(env['HOMEPATH']);
  return drive !== undefined && homePath !== undefined ? `${drive}${homePath}` : undefined;
}

/**
 * A warning when the JS SDK would read another `.aws` than the other clients: on Windows, a
 * HOME that is not the profile directory the action chose. Undefined when they agree.
 */
export function homeDirectoryMismatch(
  platform: NodeJS.Platform,
  env: Env,
  home: string,
  sameFile: (a: string, b: string) => boolean,
): string | undefined {
  const jsHome = nonEmpty(env['HOME']);
  if (platform !== 'win32' || jsHome === undefined || sameFile(jsHome, home)) return undefined;
  return `HOME (${jsHome}) is not USERPROFILE (${home}) on this Windows runner. The profiles go to ${home}\\.aws, which the AWS CLI, boto3 and the Go, Java and .NET SDKs read; the JavaScript SDK reads HOME first and will not see them. Unset HOME for Node.js steps, or set AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.`;
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;
