import * as path from 'node:path';
import type { RunContext } from '../model/run-context.js';
import { profileFileStem } from '../model/file-system-case.js';

/** A pair of AWS shared config and credentials files. */
export interface SharedFiles {
  readonly config: string;
  readonly credentials: string;
}

/** The refresh helper's files for one profile: its spec and its credentials cache. */
export interface RefreshFiles {
  readonly specFile: string;
  readonly cacheFile: string;
}

/** The section header a profile has in the config file ("default" has no "profile " prefix). */
export function configHeader(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/** The shared files that were in effect before this step (env overrides, else ~/.aws). */
export function currentSharedFiles(
  ambient: Pick<RunContext['ambient'], 'configFile' | 'credentialsFile'>,
  home: string,
): SharedFiles {
  return {
    config: ambient.configFile ?? path.join(home, '.aws', 'config'),
    credentials: ambient.credentialsFile ?? path.join(home, '.aws', 'credentials'),
  };
}

/** The user's own profile files: ~/.aws/config and ~/.aws/credentials. */
export function homeSharedFiles(home: string): SharedFiles {
  return {
    config: path.join(home, '.aws', 'config'),
    credentials: path.join(home, '.aws', 'credentials'),
  };
}

/**
 * Where one profile's refresh helper keeps its spec and its credentials cache, named so that
 * profiles differing only in case get different files on Windows and macOS (profileFileStem).
 * The helper's leftover temp files are named after the cache (refresh-spec.ts REFRESH_TEMP_FILE).
 */
export function refreshFiles(directory: string, profile: string): RefreshFiles {
  const stem = profileFileStem(profile);
  return {
    specFile: path.join(directory, `refresh-${stem}.json`),
    cacheFile: path.join(directory, `cache-${stem}.json`),
  };
}
