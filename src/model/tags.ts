import type { RunContext } from './run-context.js';
import { MAX_SESSION_TAGS, TAG_DISALLOWED, TAG_KEY_MAX, TAG_VALUE_MAX } from './limits.js';

/** One STS session tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** Makes any text a valid tag value: disallowed characters become '_', then cut to STS's limit. */
export function sanitizeTagValue(value: string): string {
  return [...value.replace(TAG_DISALLOWED, '_')].slice(0, TAG_VALUE_MAX).join('');
}

/** Why a user-supplied tag key cannot be sent, or undefined when it can. */
export function tagKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'tag keys cannot be empty';
  if ([...key].length > TAG_KEY_MAX)
    return `tag key '${key.slice(0, 20)}…' is longer than ${TAG_KEY_MAX} characters`;
  if (new RegExp(TAG_DISALLOWED.source, 'u').test(key)) {
    return `tag key '${key}' has characters STS rejects (allowed: letters, digits, spaces and _.:/=+-@)`;
  }
  return undefined;
}

/** Why a user-supplied tag value cannot be sent, or undefined when it can. */
export function tagValueProblem(key: string, value: string): string | undefined {
  if ([...value].length > TAG_VALUE_MAX)
    return `the value of tag '${key}' is longer than ${TAG_VALUE_MAX} characters`;
  if (new RegExp(TAG_DISALLOWED.source, 'u').test(value)) {
    return `the value of tag '${key}' has characters STS rejects (allowed: letters, digits, spaces and _.:/=+-@)`;
  }
  return undefined;
}

/**
 * Tags describing the run, sanitized so that whatever the context holds (bot actors,
 * branch names with odd characters, long names) never fails the call.
 */
export function contextTags(ctx: RunContext): Tag[] {
  const tags: Tag[] = [
    { key: 'GitHub', value: 'Actions' },
    { key: 'Repository', value: ctx.repository },
    { key: 'Workflow', value: ctx.workflow },
    { key: 'Action', value: ctx.action },
    { key: 'Actor', value: ctx.actor },
    { key: 'Commit', value: ctx.sha },
  ];
  if (ctx.ref.startsWith('refs/heads/'))
    tags.push({ key: 'Branch', value: ctx.ref.slice('refs/heads/'.length) });
  return tags
    .filter((t) => t.value !== '')
    .map((t) => ({ key: t.key, value: sanitizeTagValue(t.value) }));
}

/** Merges tag lists: later lists win on the same key (compared case-insensitively, as STS does). */
export function mergeTags(...lists: readonly (readonly Tag[])[]): Tag[] {
  const byKey = new Map<string, Tag>();
  for (const list of lists) for (const tag of list) byKey.set(tag.key.toLowerCase(), tag);
  return [...byKey.values()];
}

/** Why a final tag list cannot be sent (too many tags), or undefined. */
export function tagCountProblem(tags: readonly Tag[]): string | undefined {
  return tags.length > MAX_SESSION_TAGS
    ? `${tags.length} session tags would be sent; STS accepts at most ${MAX_SESSION_TAGS}`
    : undefined;
}
