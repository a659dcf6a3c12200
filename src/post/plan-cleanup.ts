import * as path from 'node:path';
import { PRIVATE_PREFIX } from '../publish/profile-store.js';
import { holdsMark } from '../publish/profile-writer.js';
import type { CleanupState, UserFileSections } from '../publish/cleanup-state.js';

/** One thing the post step does, or a reason it skips something. */
export type CleanupAction =
  | { readonly kind: 'set-variable'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'delete-file';
      readonly file: string;
      /** A credentials file or cache: if it cannot be deleted, that is an error, not a warning. */
      readonly holdsCredentials: boolean;
    }
  | { readonly kind: 'remove-directory'; readonly directory: string }
  | { readonly kind: 'remove-empty-user-directory'; readonly directory: string }
  | {
      readonly kind: 'remove-sections';
      /** The directory of the files: its lock covers reading, deciding and writing them all. */
      readonly directory: string;
      readonly files: readonly UserFileSections[];
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
    if (isOurs && isInside(file, directory))
      actions.push({ kind: 'delete-file', file, holdsCredentials: holdsCredentials(file) });
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
  const byDirectory = new Map<string, UserFileSections[]>();
  for (const sections of state.userFileSections) {
    const { file, headers } = sections;
    // Only AWS profile files: state names them, and nothing else may be edited through it.
    if (['config', 'credentials'].includes(path.basename(file)) && headers.length > 0)
      byDirectory.set(path.dirname(file), [
        ...(byDirectory.get(path.dirname(file)) ?? []),
        sections,
      ]);
    else
      actions.push({ kind: 'skip', reason: `not editing ${file}: it is not an AWS profile file` });
  }
  for (const [directory, files] of byDirectory)
    actions.push({ kind: 'remove-sections', directory, files });
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

/**
 * Whether a file the step wrote holds credentials: the credentials file and the refresh helper's
 * caches do; the config file (region, credential_process) and the refresh specs (role ARNs) do not.
 */
export function holdsCredentials(file: string): boolean {
  const name = path.basename(file);
  return name === 'credentials' || name.startsWith('cache-');
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** What the post step does to one user file: the sections it removes, and those it keeps. */
export interface SectionRemoval {
  readonly file: string;
  readonly created: boolean;
  readonly remove: readonly string[];
  readonly keep: readonly { readonly header: string; readonly reason: string }[];
}

/**
 * Decides, from the files' text as they are now (read under the lock), which of this step's
 * sections to remove: only those whose mark (its access key ID, its credential_process line)
 * still holds, never by header alone. A section another step or the user has since replaced,
 * or one with no mark recorded, stays.
 */
export function planSectionRemoval(
  files: readonly UserFileSections[],
  texts: ReadonlyMap<string, string>,
): SectionRemoval[] {
  return files.map(({ file, headers, created, marks }) => {
    const remove: string[] = [];
    const keep: { header: string; reason: string }[] = [];
    for (const header of headers) {
      const mark = marks?.[header];
      if (mark === undefined)
        keep.push({ header, reason: 'no record of what this step wrote in it' });
      else if (holdsMark(texts.get(mark.file) ?? '', mark)) remove.push(header);
      else
        keep.push({
          header,
          reason: `[${mark.header}] in ${mark.file} no longer holds this step's ${mark.entry} (another step or the user replaced it)`,
        });
    }
    return { file, created, remove, keep };
  });
}
