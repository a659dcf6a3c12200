import { createHash } from 'node:crypto';
import type { RunContext } from './run-context.js';
import {
  SESSION_NAME_DISALLOWED,
  SESSION_NAME_MAX,
  SESSION_NAME_MIN,
  SESSION_NAME_PATTERN,
} from './limits.js';

/** Placeholders allowed in `role-session-name`, `session-name=` and `source-identity`. */
const SESSION_NAME_PLACEHOLDERS: Readonly<Record<string, (ctx: RunContext) => string>> = {
  repository: (ctx) => ctx.repository,
  repo: (ctx) => ctx.repository.split('/').pop() ?? '',
  owner: (ctx) => ctx.repositoryOwner,
  run_id: (ctx) => ctx.runId,
  run_attempt: (ctx) => ctx.runAttempt,
  actor: (ctx) => ctx.actor,
  job: (ctx) => ctx.job,
  workflow: (ctx) => ctx.workflow,
  sha: (ctx) => ctx.sha.slice(0, 7),
  ref_name: (ctx) => ctx.refName,
  event: (ctx) => ctx.eventName,
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholder names used in a template. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Why a session-name template cannot be used, or undefined when it can. */
export function sessionNameProblem(template: string): string | undefined {
  const used = placeholdersIn(template);
  const unknown = used.filter((name) => !(name in SESSION_NAME_PLACEHOLDERS));
  if (unknown.length > 0) {
    return `unknown placeholder {${unknown[0]}}; use any of ${Object.keys(SESSION_NAME_PLACEHOLDERS)
      .map((p) => `{${p}}`)
      .join(', ')}`;
  }
  // A literal the user typed must already obey STS's rules: silently rewriting it would
  // make CloudTrail show a name nobody wrote.
  if (used.length === 0 && !SESSION_NAME_PATTERN.test(template)) {
    return `'${template}' must be ${SESSION_NAME_MIN}-${SESSION_NAME_MAX} characters of letters, digits and +=,.@_-`;
  }
  return undefined;
}

/**
 * Fills a validated template from the run context and forces the result into STS's
 * character set and 2-64 length. Long names keep a short hash of the full text, so two
 * long names that share a prefix stay distinct in CloudTrail.
 */
export function renderSessionName(template: string, ctx: RunContext): string {
  // A valid literal is sent exactly as written (fitSessionName would collapse its '--').
  if (placeholdersIn(template).length === 0 && SESSION_NAME_PATTERN.test(template)) return template;
  const filled = template.replace(
    PLACEHOLDER,
    (_, name: string) => SESSION_NAME_PLACEHOLDERS[name]?.(ctx) ?? '',
  );
  return fitSessionName(filled);
}

/** Forces any text into a valid session name (also used for source identity). */
export function fitSessionName(text: string): string {
  const cleaned = text.replace(SESSION_NAME_DISALLOWED, '-').replace(/-{2,}/g, '-');
  if (cleaned.length > SESSION_NAME_MAX) {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
    return `${cleaned.slice(0, SESSION_NAME_MAX - hash.length - 1)}-${hash}`;
  }
  return cleaned.length >= SESSION_NAME_MIN ? cleaned : `${cleaned}-gh`.slice(0, SESSION_NAME_MAX);
}
