import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeCleanupState } from '../publish/cleanup-state.js';
import { lockProfileDirectory, type ProfileLock } from '../publish/profile-lock.js';
import { readIfRegularFile, removeFromUserFile } from '../publish/profile-store.js';
import { REFRESH_TEMP_FILE } from '../publish/refresh-spec.js';
import type { Runner } from '../publish/runner.js';
import { removeRetrying } from '../publish/transient-file-errors.js';
import { refuseLinkedDirectory } from '../publish/user-directory.js';
import { type CleanupAction, planCleanup, planSectionRemoval } from './plan-cleanup.js';

/** The machine, for the post step: tests pass a lock that records or refuses. */
export interface PostDeps {
  readonly lock: ProfileLock;
  /** Deletes a file, retrying Windows' transient sharing errors (transient-file-errors.ts). */
  readonly remove: (file: string) => Promise<void>;
}

const machine: PostDeps = { lock: lockProfileDirectory, remove: (file) => removeRetrying(file) };

/** Runs the post step. Problems become warnings: cleanup never fails a job that succeeded. */
/**
 * A cleanup that left credentials on disk: reported as an error annotation, not a warning,
 * since a later job on a shared runner can read them. It still does not fail the job.
 */
class CredentialsLeftError extends Error {
  constructor(file: string, cause: unknown) {
    super(
      `${file} still holds credentials this step wrote (${cause instanceof Error ? cause.message : String(cause)}); delete them by hand, or wipe this runner's files.`,
    );
  }
}

/** Runs the post step. Problems are reported, never thrown: cleanup never fails a job that succeeded. */
export async function runPost(
  runner: Runner,
  runnerTemp: string,
  deps: PostDeps = machine,
): Promise<void> {
  const actions = planCleanup(decodeCleanupState(runner.getState), runnerTemp);
  for (const action of actions) {
    try {
      await applyAction(action, runner, deps);
    } catch (error) {
      const message = `Cleanup: ${describe(action)} failed: ${error instanceof Error ? error.message : String(error)}`;
      if (error instanceof CredentialsLeftError) runner.error(message);
      else runner.warning(message);
    }
  }
}

async function applyAction(action: CleanupAction, runner: Runner, deps: PostDeps): Promise<void> {
  switch (action.kind) {
    case 'set-variable':
      runner.exportVariable(action.name, action.value);
      return;
    case 'delete-file':
      await deps.remove(action.file).catch((error: unknown) => {
        throw action.holdsCredentials ? new CredentialsLeftError(action.file, error) : error;
      });
      runner.info(`Removed ${action.file}`);
      return;
    case 'remove-directory':
      await removeHelperTempFiles(action.directory, runner, deps);
      // rmdir, not rm -r: only an empty directory goes, so nothing we did not write is lost.
      await fs.rmdir(action.directory).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return;
    case 'remove-empty-user-directory':
      // Under the lock (a sibling of the directory): no step is between creating ~/.aws and
      // writing into it while it goes.
      await deps.lock(action.directory, async () => {
        await refuseLinkedDirectory(action.directory, 'remove');
        await fs.rmdir(action.directory).then(
          () => runner.info(`Removed ${action.directory} (this action created it)`),
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST')
              runner.info(`Kept ${action.directory}: it is not empty`);
            else if (error.code !== 'ENOENT') throw error;
          },
        );
      });
      return;
    case 'remove-sections':
      await removeOwnSections(action, runner, deps).catch((error: unknown) => {
        const credentials = action.files.find((f) => path.basename(f.file) === 'credentials');
        throw new CredentialsLeftError(credentials?.file ?? action.directory, error);
      });
      return;
    case 'skip':
      runner.info(`Cleanup: ${action.reason}`);
  }
}

/**
 * Under the shared lock: reads the user's files, removes the sections that still hold what this
 * step wrote (planSectionRemoval) and says why it keeps any other.
 */
async function removeOwnSections(
  action: Extract<CleanupAction, { kind: 'remove-sections' }>,
  runner: Runner,
  deps: PostDeps,
): Promise<void> {
  await deps.lock(action.directory, async () => {
    // Checked now, not trusted from main: the directory may have been swapped for a link since.
    await refuseLinkedDirectory(action.directory, 'edit profiles in');
    const texts = new Map<string, string>();
    for (const { file } of action.files) texts.set(file, await readIfRegularFile(file));
    for (const removal of planSectionRemoval(action.files, texts)) {
      for (const { header, reason } of removal.keep)
        runner.info(`Kept [${header}] in ${removal.file}: ${reason}`);
      if (removal.remove.length === 0) continue;
      await removeFromUserFile(removal.file, removal.remove, removal.created);
      runner.info(`Removed ${removal.remove.map((h) => `[${h}]`).join(', ')} from ${removal.file}`);
    }
  });
}

/**
 * Removes what a refresh helper killed mid-write left (`cache-<profile>.json.<pid>.tmp`, a
 * secret): its name is not known in advance, only its pattern, and only in our own directory.
 */
async function removeHelperTempFiles(
  directory: string,
  runner: Runner,
  deps: PostDeps,
): Promise<void> {
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  for (const name of names.filter((n) => REFRESH_TEMP_FILE.test(n))) {
    const file = path.join(directory, name);
    await deps.remove(file).catch((error: unknown) => {
      throw new CredentialsLeftError(file, error);
    });
    runner.info(`Removed ${file}`);
  }
}

function describe(action: CleanupAction): string {
  switch (action.kind) {
    case 'set-variable':
      return `resetting ${action.name}`;
    case 'delete-file':
      return `deleting ${action.file}`;
    case 'remove-sections':
      return `editing ${action.files.map((f) => f.file).join(' and ')}`;
    default:
      return action.kind;
  }
}
