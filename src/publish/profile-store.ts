import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { refuseLinkedDirectory } from './user-directory.js';
import {
  configHeader,
  existingHeaders,
  type IniSection,
  mergeSections,
  removeSections,
} from './profile-files.js';

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

/** The user's own profile files: ~/.aws/config and ~/.aws/credentials (HOME resolved). */
export function homeSharedFiles(env: Env): { config: string; credentials: string } {
  const home = env['HOME'] || os.homedir();
  return {
    config: path.join(home, '.aws', 'config'),
    credentials: path.join(home, '.aws', 'credentials'),
  };
}

/** For each file, the headers among `headers` it already has a section for. */
export async function existingSections(
  wanted: readonly { file: string; headers: readonly string[] }[],
): Promise<{ file: string; headers: string[] }[]> {
  const found = [];
  for (const { file, headers } of wanted) {
    const present = existingHeaders(await readIfRegularFile(file), headers);
    if (present.length > 0) found.push({ file, headers: present });
  }
  return found;
}

/** Whether a path exists (as anything, a dangling link included). */
export async function pathExists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Merges sections into a user's file in place of it: refuses a link or a non-file (a write
 * through it would land elsewhere), writes a fresh 0600 file and renames it over the old one,
 * so the file is never half-written and never readable by others.
 */
export async function mergeIntoUserFile(
  file: string,
  sections: readonly IniSection[],
): Promise<void> {
  await refuseLinkedDirectory(path.dirname(file));
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let existing = '';
  const stat = await fs.lstat(file).catch(() => undefined);
  if (stat !== undefined) {
    if (!stat.isFile())
      throw new Error(`refusing to write ${file}: it is not a regular file (a link?)`);
    existing = await fs.readFile(file, 'utf8');
  }
  await replaceUserFile(file, mergeSections(existing, sections));
}

/** Removes sections from a user's file; deletes the file when it is empty and `created` by us. */
export async function removeFromUserFile(
  file: string,
  headers: readonly string[],
  created: boolean,
): Promise<void> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (stat === undefined || !stat.isFile()) return;
  const text = removeSections(await fs.readFile(file, 'utf8'), headers);
  if (text.trim() === '' && created) await fs.rm(file, { force: true });
  else await replaceUserFile(file, text);
}

async function replaceUserFile(file: string, text: string): Promise<void> {
  const temp = `${file}.aws-deploy-role-${process.pid}.tmp`;
  try {
    await writeSecretFile(temp, text);
    await fs.rename(temp, file);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
