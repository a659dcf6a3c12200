import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PRIVATE_PREFIX, removeFromUserFile } from '../publish/profile-store.js';
import { REFRESH_TEMP_FILE } from '../publish/refresh-spec.js';
import type { Runner } from '../publish/runner.js';
import { refuseLinkedDirectory } from '../publish/user-directory.js';
import { type CleanupState, decodeCleanupState } from '../publish/cleanup-state.js';

/** One thing the post step does, or a reason it skips something. */
export type CleanupAction =
  | { readonly kind: 'set-variable'; readonly name: string; readonly value: string }
  | { readonly kind: 'delete-file'; readonly file: string }
  | { readonly kind: 'remove-directory'; readonly directory: string }
  | { readonly kind: 'remove-empty-user-directory'; readonly directory: string }
  | {
      readonly kind: 'remove-sections';
      readonly file: string;
      readonly headers: readonly string[];
      readonly created: boolean;
    }
  | { readonly kind: 'skip'; readonly reason: string };

/**
 * Plans the post step from saved state alone: empty what main exported, restore what it
 * replaced, delete only files inside the private directory main created under RUNNER_TEMP.
 */
export function planCleanup(state: CleanupState, runnerTemp: string): CleanupAction[] {
  const actions: CleanupAction[] = [];
  for (const name of state.exportedVariables)
    actions.push({ kind: 'set-variable', name, value: '' });
  for (const [name, value] of Object.entries(state.restoreVariables))
    actions.push({ kind: 'set-variable', name, value });
  const directory = state.createdDirectory;
  const isOurs =
    directory !== undefined &&
    isInside(directory, runnerTemp) &&
    path.basename(directory).startsWith(PRIVATE_PREFIX);
  for (const file of state.writtenFiles) {
    if (isOurs && isInside(file, directory)) actions.push({ kind: 'delete-file', file });
    else
      actions.push({
        kind: 'skip',
        reason: `not deleting ${file}: it is outside the directory this action created`,
      });
  }
  if (isOurs) actions.push({ kind: 'remove-directory', directory });
  else if (directory !== undefined)
    actions.push({
      kind: 'skip',
      reason: `not removing ${directory}: it is not under RUNNER_TEMP`,
    });
  for (const { file, headers, created } of state.userFileSections) {
    // Only AWS profile files: state names them, and nothing else may be edited through it.
    if (['config', 'credentials'].includes(path.basename(file)) && headers.length > 0)
      actions.push({ kind: 'remove-sections', file, headers, created });
    else
      actions.push({ kind: 'skip', reason: `not editing ${file}: it is not an AWS profile file` });
  }
  const userDirectory = state.createdUserDirectory;
  // Only an absolute, normalized path to a directory named .aws, and only when empty: whatever
  // else came to live there stays.
  if (
    userDirectory !== undefined &&
    path.isAbsolute(userDirectory) &&
    path.normalize(userDirectory) === userDirectory &&
    path.basename(userDirectory) === '.aws'
  )
    actions.push({ kind: 'remove-empty-user-directory', directory: userDirectory });
  else if (userDirectory !== undefined)
    actions.push({
      kind: 'skip',
      reason: `not removing ${userDirectory}: it is not an absolute path to an .aws directory`,
    });
  if (actions.length === 0)
    actions.push({ kind: 'skip', reason: 'the main step exported nothing' });
  return actions;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Runs the post step. Problems become warnings: cleanup never fails a job that succeeded. */
export async function runPost(runner: Runner, runnerTemp: string): Promise<void> {
  const actions = planCleanup(decodeCleanupState(runner.getState), runnerTemp);
  for (const action of actions) {
    try {
      await applyAction(action, runner);
    } catch (error) {
      runner.warning(
        `Cleanup: ${describe(action)} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

async function applyAction(action: CleanupAction, runner: Runner): Promise<void> {
  switch (action.kind) {
    case 'set-variable':
      runner.exportVariable(action.name, action.value);
      return;
    case 'delete-file':
      await fs.rm(action.file, { force: true });
      runner.info(`Removed ${action.file}`);
      return;
    case 'remove-directory':
      await removeHelperTempFiles(action.directory, runner);
      // rmdir, not rm -r: only an empty directory goes, so nothing we did not write is lost.
      await fs.rmdir(action.directory).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return;
    case 'remove-empty-user-directory':
      await refuseLinkedDirectory(action.directory, 'remove');
      await fs.rmdir(action.directory).then(
        () => runner.info(`Removed ${action.directory} (this action created it)`),
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST')
            runner.info(`Kept ${action.directory}: it is not empty`);
          else if (error.code !== 'ENOENT') throw error;
        },
      );
      return;
    case 'remove-sections':
      // Checked now, not trusted from main: the directory may have been swapped for a link since.
      await refuseLinkedDirectory(path.dirname(action.file), 'edit profiles in');
      await removeFromUserFile(action.file, action.headers, action.created);
      runner.info(`Removed ${action.headers.map((h) => `[${h}]`).join(', ')} from ${action.file}`);
      return;
    case 'skip':
      runner.info(`Cleanup: ${action.reason}`);
  }
}

/**
 * Removes what a refresh helper killed mid-write left (`cache-<profile>.json.<pid>.tmp`, a
 * secret): its name is not known in advance, only its pattern, and only in our own directory.
 */
async function removeHelperTempFiles(directory: string, runner: Runner): Promise<void> {
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  for (const name of names.filter((n) => REFRESH_TEMP_FILE.test(n))) {
    const file = path.join(directory, name);
    await fs.rm(file, { force: true });
    runner.info(`Removed ${file}`);
  }
}

function describe(action: CleanupAction): string {
  return action.kind === 'set-variable'
    ? `resetting ${action.name}`
    : action.kind === 'delete-file' || action.kind === 'remove-sections'
      ? `${action.kind === 'delete-file' ? 'deleting' : 'editing'} ${action.file}`
      : action.kind;
}
