import * as path from 'node:path';
import { hasWebIdentitySource } from '../model/source-kind.js';
import type { RunResult } from '../execute.js';
import type { Plan } from '../plan/plan-run.js';
import type { ProfileFilesPlan, SectionMark } from '../plan/plan-exports.js';
import { readSection, type IniSection } from './profile-files.js';
import { refuseExistingProfiles } from './profile-conflicts.js';
import { lockProfileDirectory, type ProfileLock } from './profile-lock.js';
import {
  configSection,
  createPrivateDirectory,
  mergeIntoUserFile,
  writeProfileFiles,
  writeSecretFile,
} from './profile-store.js';
import { credentialProcessJson, refreshSpecFor } from './refresh-spec.js';

/** One profile's sections, and the refresh spec and cache its credential_process reads. */
export interface PlannedProfile {
  readonly name: string;
  readonly config: IniSection;
  readonly credentials: IniSection;
  readonly refresh?: { readonly files: readonly { file: string; text: string }[] } | undefined;
}

/** Decides every planned profile's sections and refresh files from the result. Pure. */
export function plannedProfiles(
  files: ProfileFilesPlan,
  result: RunResult,
  plan: Plan,
  helperCommand: (specFile: string) => string,
): PlannedProfile[] {
  return files.profiles.map((profile) => {
    const session = result.sessions.find((s) => s.session.profileName === profile.name);
    if (session === undefined) throw new Error(`no credentials for profile ${profile.name}`);
    const refresh = profile.refresh;
    if (refresh !== undefined && hasWebIdentitySource(plan.source)) {
      const spec = refreshSpecFor(
        plan,
        plan.source,
        profile.name,
        session.session.hops,
        refresh.cacheFile,
        result.network,
      );
      return {
        name: profile.name,
        config: configSection(profile.name, {
          region: plan.region,
          credential_process: helperCommand(refresh.specFile),
        }),
        // An empty section replaces stale keys: the credentials file would win over credential_process.
        credentials: { header: profile.name, entries: {} },
        refresh: {
          files: [
            { file: refresh.specFile, text: JSON.stringify(spec) },
            // Seed the cache with what this step just obtained: the first client call costs nothing.
            { file: refresh.cacheFile, text: credentialProcessJson(session.credentials) },
          ],
        },
      };
    }
    const entries: Record<string, string> = {
      aws_access_key_id: session.credentials.accessKeyId,
      aws_secret_access_key: session.credentials.secretAccessKey,
    };
    if (session.credentials.sessionToken)
      entries['aws_session_token'] = session.credentials.sessionToken;
    return {
      name: profile.name,
      config: configSection(profile.name, { region: plan.region }),
      credentials: { header: profile.name, entries },
    };
  });
}

/**
 * What proves a profile is still this step's: its access key ID in the credentials file, or,
 * for a refreshing profile, its credential_process line (naming this step's own spec file).
 * Both of the profile's sections carry the same mark, so the post step removes both or neither.
 */
export function profileMark(files: ProfileFilesPlan, profile: PlannedProfile): SectionMark {
  const keyId = profile.credentials.entries['aws_access_key_id'];
  if (keyId !== undefined)
    return {
      file: files.credentialsFile,
      header: profile.credentials.header,
      entry: 'aws_access_key_id',
      value: keyId,
    };
  return {
    file: files.configFile,
    header: profile.config.header,
    entry: 'credential_process',
    value: profile.config.entries['credential_process'] ?? '',
  };
}

/** Whether the file text still holds the mark: the section, with the entry as written. */
export function holdsMark(text: string, mark: SectionMark): boolean {
  return readSection(text, mark.header)?.[mark.entry] === mark.value;
}

/**
 * Writes the planned profile files: the private directory, refresh specs and caches, profiles.
 * In ~/.aws, under the shared lock (profile-lock.ts), and only after checking again, under
 * that lock, that no other step added the profiles since the check before the network.
 */
export async function writePlannedProfiles(
  files: ProfileFilesPlan,
  profiles: readonly PlannedProfile[],
  lock: ProfileLock = lockProfileDirectory,
): Promise<void> {
  if (files.directory !== undefined) await createPrivateDirectory(files.directory);
  for (const profile of profiles)
    for (const { file, text } of profile.refresh?.files ?? []) await writeSecretFile(file, text);
  const config = profiles.map((p) => p.config);
  const credentials = profiles.map((p) => p.credentials);
  if (files.location !== 'home') return writeProfileFiles(files, config, credentials);
  await lock(path.dirname(files.configFile), async () => {
    await refuseExistingProfiles(
      { config: files.configFile, credentials: files.credentialsFile },
      profiles.map((p) => p.name),
      false,
      'home',
    );
    await mergeIntoUserFile(files.configFile, config);
    await mergeIntoUserFile(files.credentialsFile, credentials);
  });
}
