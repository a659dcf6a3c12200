import type { Env } from '../model/env.js';
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { refuseLinkedDirectory } from './user-directory.js';
import { awsHomeDirectory } from '../model/aws-home.js';
import { type RenamePort, renameReplacing } from './rename-replacing.js';
import { removeRetrying } from './transient-file-errors.js';
import {
  configHeader,
  existingHeaders,
  type IniSection,
  mergeSections,
  removeSections,
} from './profile-files.js';
import type { ProfileFilesPlan } from '../plan/plan-exports.js';

/**
 * A fresh name for the step's private directory under RUNNER_TEMP (never the workspace, whose
 * files can end up in artifacts or images). Chosen before anything is written, so the cleanup
 * state that names it can be saved first.
 */
export function privateDirectoryName(runnerTemp: string): string {
  return path.join(runnerTemp, `${PRIVATE_PREFIX}${randomBytes(6).toString('hex')}`);
}

/** How the step's private directory (and its temp files) are named; the post step relies on it. */
export const PRIVATE_PREFIX = 'aws-deploy-role-';

/** Creates the private 0700 directory; fails if the name is taken rather than share it. */
export async function createPrivateDirectory(directory: string): Promise<void> {
  await fs.mkdir(directory, { mode: 0o700 });
  await fs.chmod(directory, 0o700);
}

/** The home directory the AWS clients on this OS read (model/aws-home.ts), else the OS's. */
export function homeDirectory(env: Env, platform: NodeJS.Platform = process.platform): string {
  return awsHomeDirectory(platform, env) ?? os.homedir();
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

/** A regular file's text; '' when it is missing, a link or anything else. */
export async function readIfRegularFile(file: string): Promise<string> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile()) return '';
    return await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Writes the planned config and credentials files, starting from the files that were in
 * effect (`mergeFrom`) so that profiles configured before this step keep working.
 */
export async function writeProfileFiles(
  files: Pick<ProfileFilesPlan, 'configFile' | 'credentialsFile' | 'mergeFrom'>,
  config: readonly IniSection[],
  credentials: readonly IniSection[],
): Promise<void> {
  await writeSecretFile(
    files.configFile,
    mergeSections(await readIfRegularFile(files.mergeFrom.config), config, files.mergeFrom.config),
  );
  await writeSecretFile(
    files.credentialsFile,
    mergeSections(
      await readIfRegularFile(files.mergeFrom.credentials),
      credentials,
      files.mergeFrom.credentials,
    ),
  );
}

/** Config-file section for a profile. */
export function configSection(profile: string, entries: Record<string, string>): IniSection {
  return { header: configHeader(profile), entries };
}

/** For each file, the headers among `headers` it already has a section for. */
export async function existingSections(
  wanted: readonly { file: string; headers: readonly string[] }[],
): Promise<{ file: string; headers: string[] }[]> {
  const found = [];
  for (const { file, headers } of wanted) {
    const present = existingHeaders(await readIfRegularFile(file), headers, file);
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
  await replaceUserFile(file, mergeSections(existing, sections, file));
}

/** Removes sections from a user's file; deletes the file when it is empty and `created` by us. */
export async function removeFromUserFile(
  file: string,
  headers: readonly string[],
  created: boolean,
): Promise<void> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (stat === undefined || !stat.isFile()) return;
  const text = removeSections(await fs.readFile(file, 'utf8'), headers, file);
  if (text.trim() === '' && created) await removeRetrying(file);
  else await replaceUserFile(file, text);
}

async function replaceUserFile(file: string, text: string): Promise<void> {
  await replaceSecretFile(file, text, `${file}.${PRIVATE_PREFIX}${process.pid}.tmp`);
}

/**
 * Atomically replaces a file with a 0600 one: writes `temp` fresh (writeSecretFile), renames it
 * over the file (retrying Windows' transient sharing errors: rename-replacing.ts), and never
 * leaves `temp` behind.
 */
export async function replaceSecretFile(
  file: string,
  text: string,
  temp: string,
  port?: RenamePort,
): Promise<void> {
  try {
    await writeSecretFile(temp, text);
    await renameReplacing(temp, file, port);
  } finally {
    await removeRetrying(temp);
  }
}
