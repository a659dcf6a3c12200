import * as path from 'node:path';
import type { Env } from '../model/env.js';
import { InputError } from '../model/errors.js';
import { INPUT } from '../config/input-names.js';
import type { Plan } from '../plan/plan-run.js';
import { configHeader } from './profile-files.js';
import { existingSections, homeDirectory } from './profile-store.js';
import {
  currentSharedFiles,
  homeSharedFiles,
  type SharedFiles,
} from '../plan/profile-locations.js';
import { lockProfileDirectory, type ProfileLock } from './profile-lock.js';
import type { RunContext } from '../model/run-context.js';

/** Variables that carry credentials or point at them; cleared by unset-current-credentials. */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
] as const;

/**
 * Refuses, before any request, to replace a profile section that already exists in the files
 * the step's profiles go to (as configure-aws-credentials does), unless overwrite-aws-profile;
 * and, even with it, to write into a file that spells one of the profiles ambiguously
 * (profile-headers.ts). In ~/.aws the files are read under the shared lock (profile-lock.ts),
 * so no half-done edit by another step is seen; the writer checks again under the lock.
 */
export async function checkProfilesAreNew(
  plan: Plan,
  ctx: RunContext,
  env: Env,
  lock: ProfileLock = lockProfileDirectory,
): Promise<void> {
  const names = plan.sessions.flatMap((s) => (s.profileName === undefined ? [] : [s.profileName]));
  if (names.length === 0) return;
  const home = homeDirectory(env);
  if (plan.output.profileFilesLocation === 'home') {
    const files = homeSharedFiles(home);
    await lock(path.dirname(files.config), () =>
      refuseExistingProfiles(files, names, false, 'home'),
    );
    return;
  }
  await refuseExistingProfiles(
    currentSharedFiles(ctx.ambient, home),
    names,
    plan.output.overwriteAwsProfile,
  );
}

/** Throws the overwrite-aws-profile input error when a file already has one of the profiles. */
export async function refuseExistingProfiles(
  files: SharedFiles,
  names: readonly string[],
  overwrite = false,
  location: 'home' | 'temp' = 'temp',
): Promise<void> {
  const found = await existingSections([
    { file: files.config, headers: names.map(configHeader) },
    { file: files.credentials, headers: names },
  ]).catch((error: unknown) => {
    throw new InputError(INPUT.profiles, error instanceof Error ? error.message : String(error));
  });
  if (found.length === 0 || overwrite) return;
  const where = found.map((f) => `${f.headers.map((h) => `[${h}]`).join(', ')} in ${f.file}`);
  // overwrite-aws-profile is refused with profile-files-location: home (parse-config.ts), so the
  // message must not suggest it there.
  if (location === 'home')
    throw new InputError(
      INPUT.profileFilesLocation,
      `is home, and the profile already exists (${where.join('; ')}). The action never replaces a section in ~/.aws that it did not write: choose another profile name, or remove that section first.`,
    );
  throw new InputError(
    INPUT.overwriteAwsProfile,
    `is false, and the profile already exists (${where.join('; ')}). Set ${INPUT.overwriteAwsProfile}: true to replace it, or choose another profile name.`,
  );
}
