import { hasWebIdentitySource } from '../model/source-kind.js';
import type { RunResult, SessionResult } from '../execute.js';
import type { Plan } from '../plan/plan-run.js';
import type { ProfileExport, ProfileFilesPlan } from '../plan/plan-exports.js';
import type { IniSection } from './profile-files.js';
import {
  configSection,
  createPrivateDirectory,
  mergeIntoUserFile,
  writeProfileFiles,
  writeSecretFile,
} from './profile-store.js';
import { credentialProcessJson, refreshSpecFor } from './refresh-spec.js';

/** Writes the planned profile files: the private directory, refresh specs and caches, profiles. */
export async function writePlannedProfiles(
  files: ProfileFilesPlan,
  result: RunResult,
  plan: Plan,
  helperCommand: (specFile: string) => string,
): Promise<void> {
  if (files.directory !== undefined) await createPrivateDirectory(files.directory);
  const config: IniSection[] = [];
  const credentials: IniSection[] = [];
  for (const profile of files.profiles) {
    const session = result.sessions.find((s) => s.session.profileName === profile.name);
    if (session === undefined) throw new Error(`no credentials for profile ${profile.name}`);
    const sections = await profileSections(profile, session, result, plan, helperCommand);
    config.push(sections.config);
    credentials.push(sections.credentials);
  }
  if (files.location === 'home') {
    await mergeIntoUserFile(files.configFile, config);
    await mergeIntoUserFile(files.credentialsFile, credentials);
  } else {
    await writeProfileFiles(files, config, credentials);
  }
}

/** One profile's config and credentials sections; writes its refresh spec and cache first. */
async function profileSections(
  profile: ProfileExport,
  session: SessionResult,
  result: RunResult,
  plan: Plan,
  helperCommand: (specFile: string) => string,
): Promise<{ config: IniSection; credentials: IniSection }> {
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
    await writeSecretFile(refresh.specFile, JSON.stringify(spec));
    // Seed the cache with what this step just obtained: the first client call costs nothing.
    await writeSecretFile(refresh.cacheFile, credentialProcessJson(session.credentials));
    return {
      config: configSection(profile.name, {
        region: plan.region,
        credential_process: helperCommand(refresh.specFile),
      }),
      // An empty section replaces stale keys: the credentials file would win over credential_process.
      credentials: { header: profile.name, entries: {} },
    };
  }
  const entries: Record<string, string> = {
    aws_access_key_id: session.credentials.accessKeyId,
    aws_secret_access_key: session.credentials.secretAccessKey,
  };
  if (session.credentials.sessionToken)
    entries['aws_session_token'] = session.credentials.sessionToken;
  return {
    config: configSection(profile.name, { region: plan.region }),
    credentials: { header: profile.name, entries },
  };
}
