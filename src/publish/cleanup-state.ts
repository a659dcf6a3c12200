import type { CleanupState, SectionMark, UserFileSections } from '../plan/plan-exports.js';

export type { CleanupState, SectionMark, UserFileSections } from '../plan/plan-exports.js';

/**
 * What the main step tells the post step, in typed keys. The post step acts on this record
 * only and never re-reads inputs, so it undoes exactly what main did.
 */
export const STATE_KEY = {
  exportedVariables: 'exportedVariables',
  restoreVariables: 'restoreVariables',
  writtenFiles: 'writtenFiles',
  createdDirectory: 'createdDirectory',
  userFileSections: 'userFileSections',
  createdUserDirectory: 'createdUserDirectory',
} as const;

/** Serializes cleanup state into runner state entries. */
export function encodeCleanupState(state: CleanupState): Record<string, string> {
  return {
    [STATE_KEY.exportedVariables]: JSON.stringify(state.exportedVariables),
    [STATE_KEY.restoreVariables]: JSON.stringify(state.restoreVariables),
    [STATE_KEY.writtenFiles]: JSON.stringify(state.writtenFiles),
    [STATE_KEY.createdDirectory]: state.createdDirectory ?? '',
    [STATE_KEY.userFileSections]: JSON.stringify(state.userFileSections),
    [STATE_KEY.createdUserDirectory]: state.createdUserDirectory ?? '',
  };
}

/** Reads cleanup state back; anything malformed reads as "nothing to undo". */
export function decodeCleanupState(read: (key: string) => string): CleanupState {
  const list = (key: string): string[] => {
    try {
      const value: unknown = JSON.parse(read(key) || '[]');
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  };
  let restore: Record<string, string> = {};
  try {
    const value: unknown = JSON.parse(read(STATE_KEY.restoreVariables) || '{}');
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      restore = Object.fromEntries(
        Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
  } catch {
    restore = {};
  }
  const directory = read(STATE_KEY.createdDirectory);
  const userDirectory = read(STATE_KEY.createdUserDirectory);
  return {
    exportedVariables: list(STATE_KEY.exportedVariables),
    restoreVariables: restore,
    writtenFiles: list(STATE_KEY.writtenFiles),
    createdDirectory: directory === '' ? undefined : directory,
    userFileSections: decodeUserFileSections(read(STATE_KEY.userFileSections)),
    createdUserDirectory: userDirectory === '' ? undefined : userDirectory,
  };
}

function decodeUserFileSections(text: string): UserFileSections[] {
  try {
    const value: unknown = JSON.parse(text || '[]');
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { file, headers, created, marks } = entry as Record<string, unknown>;
      if (typeof file !== 'string' || !Array.isArray(headers)) return [];
      const names = headers.filter((h): h is string => typeof h === 'string');
      const decoded = { file, headers: names, created: created === true };
      return [marks === undefined ? decoded : { ...decoded, marks: decodeMarks(marks) }];
    });
  } catch {
    return [];
  }
}

/** Marks by header; a malformed one is dropped, and its section is then kept (never removed). */
function decodeMarks(value: unknown): Record<string, SectionMark> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const marks: Record<string, SectionMark> = {};
  for (const [header, mark] of Object.entries(value)) {
    if (typeof mark !== 'object' || mark === null) continue;
    const { file, header: markHeader, entry, value: text } = mark as Record<string, unknown>;
    if (
      typeof file === 'string' &&
      typeof markHeader === 'string' &&
      typeof entry === 'string' &&
      typeof text === 'string'
    )
      marks[header] = { file, header: markHeader, entry, value: text };
  }
  return marks;
}
