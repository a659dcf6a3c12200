import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configHeader, type IniSection, mergeSections } from './profile-files.js';

/** Where the step's private files live and which shared files were in effect before. */
export interface ProfileLocation {
  readonly directory: string;
  readonly configFile: string;
  readonly credentialsFile: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Creates a private 0700 directory under RUNNER_TEMP (never the workspace, whose files can end
 * up in artifacts or images) for this step's profile files.
 */
export async function createPrivateDirectory(runnerTemp: string): Promise<string> {
  const directory = await fs.mkdtemp(path.join(runnerTemp, 'aws-deploy-role-'));
  await fs.chmod(directory, 0o700);
  return directory;
}

/** Writes a file that holds secrets: 0600, created fresh (never through an existing file or link). */
export async function writeSecretFile(file: string, text: string): Promise<void> {
  const handle = await fs.open(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

async function readIfRegularFile(file: string): Promise<string> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile()) return '';
    return await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** The shared files that were in effect before this step (env overrides, else ~/.aws). */
export function currentSharedFiles(env: Env): { config: string; credentials: string } {
  const home = env['HOME'] || os.homedir();
  return {
    config: env['AWS_CONFIG_FILE'] || path.join(home, '.aws', 'config'),
    credentials: env['AWS_SHARED_CREDENTIALS_FILE'] || path.join(home, '.aws', 'credentials'),
  };
}

/**
 * Writes config and credentials files into `directory`, starting from the files that were in
 * effect so that profiles configured before this step keep working.
 */
export async function writeProfileFiles(
  directory: string,
  env: Env,
  config: readonly IniSection[],
  credentials: readonly IniSection[],
): Promise<ProfileLocation> {
  const previous = currentSharedFiles(env);
  const location = {
    directory,
    configFile: path.join(directory, 'config'),
    credentialsFile: path.join(directory, 'credentials'),
  };
  await writeSecretFile(
    location.configFile,
    mergeSections(await readIfRegularFile(previous.config), config),
  );
  await writeSecretFile(
    location.credentialsFile,
    mergeSections(await readIfRegularFile(previous.credentials), credentials),
  );
  return location;
}

/** Config-file section for a profile. */
export function configSection(profile: string, entries: Record<string, string>): IniSection {
  return { header: configHeader(profile), entries };
}
