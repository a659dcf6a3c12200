import type { Env } from '../model/env.js';
import { homeDirectoryMismatch } from '../model/aws-home.js';
import { isSamePath } from '../model/file-system-case.js';
import type { ExportPlan } from '../plan/plan-exports.js';

/**
 * Warnings about what this OS does not give the files the run writes: on Windows, POSIX modes
 * (0600 files, 0700 directory) are not enforced, so on a self-hosted machine, where other
 * accounts and later jobs may share the disk, the credentials are only as private as the ACL
 * the files inherit. GitHub sets RUNNER_ENVIRONMENT to `github-hosted` or `self-hosted`
 * (https://docs.github.com/actions/reference/variables-reference#default-environment-variables).
 */
export function platformWarnings(
  platform: NodeJS.Platform,
  env: Env,
  home: string,
  exports: ExportPlan,
): string[] {
  const files = exports.profileFiles;
  if (files === undefined) return [];
  const warnings: string[] = [];
  if (files.location === 'home') {
    const mismatch = homeDirectoryMismatch(platform, env, home, (a, b) =>
      isSamePath(a, b, platform),
    );
    if (mismatch !== undefined) warnings.push(mismatch);
  }
  if (platform === 'win32' && env['RUNNER_ENVIRONMENT'] === 'self-hosted') {
    const where = [files.directory, files.location === 'home' ? files.configFile : undefined]
      .filter((p): p is string => p !== undefined)
      .join(' and ');
    warnings.push(
      `This self-hosted Windows runner does not enforce the 0600/0700 modes the credential files are written with (${where}): Windows ignores POSIX modes, and the files inherit the access control list of the folder they are in (RUNNER_TEMP or the user profile). Any account that can read that folder can read the credentials until the post step removes them. Restrict the folder to the runner's service account, or use an ephemeral runner.`,
    );
  }
  return warnings;
}
