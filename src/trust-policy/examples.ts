import type { Admission } from './audience.js';
import {
  type PolicyDocument,
  type PolicyStatement,
  evaluateTrustPolicy,
  statementsOf,
} from './evaluate.js';
import type { RoleAccount } from './principal.js';
import { TEMPLATE_CLAIM_KEYS } from './subject.js';
import { strings } from './variables.js';

/**
 * The example requesters a finding shows: a `sub` GitHub would issue, on a token the policy
 * admits. A candidate the audit evaluated may be one no token carries (an owner that starts with
 * "-", a bare repo:OWNER/NAME): it proves IAM's answer, but a reader who cannot map it to a real
 * run learns nothing from it. Pure.
 */

/** A requester a finding names: the subject it presents and the run it stands for. */
export interface Example {
  readonly sub: string;
  /** OWNER/NAME and the run's context, when the subject states them (a template may not). */
  readonly repository?: string;
  readonly context?: string;
}

/**
 * GitHub's names: an owner is 1-39 letters, digits or single hyphens, neither first nor last; a
 * repository name letters, digits, ".", "-" and "_", never "." or "..".
 * https://docs.github.com/en/get-started/learning-about-github/types-of-github-accounts
 */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
/** The context GitHub's default template renders: an environment, a pull request or a full ref. */
const CONTEXT = /^(?:environment:[^:]+|pull_request|ref:refs\/(?:heads|tags|pull)\/[^:]+)$/;
const ID = /^[1-9]\d*$/;

function repositoryOf(value: string, immutable: boolean): string | undefined {
  const m = /^([^/@]+)(?:@([^/]+))?\/([^/@]+)(?:@(.+))?$/.exec(value);
  if (m === null) return undefined;
  const [, owner = '', ownerId, name = '', repoId] = m;
  if (!OWNER.test(owner) || !NAME.test(name)) return undefined;
  if (immutable !== (ownerId !== undefined) || (ownerId !== undefined) !== (repoId !== undefined))
    return undefined;
  if (immutable && !(ID.test(ownerId ?? '') && ID.test(repoId ?? ''))) return undefined;
  return `${owner}/${name}`;
}

/**
 * The example a subject gives when GitHub could issue it: the default template
 * (repo:OWNER/NAME:CONTEXT), its immutable-ID form, or a customised template's key:value pairs.
 * https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
export function issuedExample(sub: string): Example | undefined {
  const parts = sub.split(':');
  let repository: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i] ?? '';
    if (key === 'pull_request') {
      context ??= key;
      continue;
    }
    const value = parts[i + 1];
    if (!TEMPLATE_CLAIM_KEYS.includes(key) || value === undefined || value === '') return undefined;
    i++;
    if (key === 'repo') {
      repository = repositoryOf(value, value.includes('@'));
      if (repository === undefined) return undefined;
    } else if (key === 'environment' || key === 'ref') {
      if (!CONTEXT.test(`${key}:${value}`)) return undefined;
      context ??= `${key}:${value}`;
    }
  }
  if (parts[0] === 'repo' ? context === undefined : parts.length < 2) return undefined;
  return {
    sub,
    ...(repository === undefined ? {} : { repository }),
    ...(context === undefined ? {} : { context }),
  };
}

/** Text for each wildcard of a sub pattern, aimed at GitHub's shapes: owners, names, contexts. */
const FILLS = [
  '',
  'outsider',
  '-outsider',
  'outsider/app',
  '/app',
  '-outsider/app',
  'ref:refs/heads/main',
  ':ref:refs/heads/main',
  'environment:prod',
  'pull_request',
  '/app:ref:refs/heads/main',
  '-outsider/app:ref:refs/heads/main',
  'outsider/app:ref:refs/heads/main',
  'main',
];
const MAX_FILLED = 400;

/** Subjects a pattern admits, each wildcard filled from FILLS (a few hundred at most). */
function filled(pattern: string): string[] {
  let out = [''];
  for (const part of pattern.split(/([*?])/)) {
    const options = part === '*' ? FILLS : part === '?' ? ['x', '-', '/'] : [part];
    out = out.flatMap((head) => options.map((o) => head + o)).slice(0, MAX_FILLED);
  }
  return out;
}

/** The statement's subject patterns, positive operators only (a Not operator names no requester). */
function subPatterns(statement: PolicyStatement | undefined): string[] {
  return Object.entries(statement?.Condition ?? {}).flatMap(([operator, entries]) =>
    /Not|Null/.test(operator)
      ? []
      : Object.entries(entries)
          .filter(([key]) => key.toLowerCase().endsWith(':sub'))
          .flatMap(([, value]) => strings(value)),
  );
}

/** The admission's token, changed to present this requester (and its run's context claims). */
function tokenFor(admission: Admission, example: Required<Example>): Record<string, unknown> {
  // The run's environment comes from the example's context, never from the admission's.
  const claims: Record<string, unknown> = { ...admission.claims };
  delete claims['environment'];
  const { sub, repository, context } = example;
  const pr = context === 'pull_request';
  return {
    ...claims,
    sub,
    repository,
    repository_owner: repository.split('/')[0],
    event_name: pr ? 'pull_request' : (claims['event_name'] ?? 'push'),
    ...(pr ? { ref: 'refs/pull/1/merge' } : {}),
    ...(context.startsWith('ref:') ? { ref: context.slice(4) } : {}),
    ...(context.startsWith('environment:') ? { environment: context.slice(12) } : {}),
  };
}

/**
 * An example of a requester like the admission's (same owner named or not, same repository named
 * or not, and a pull request when asked) that GitHub could be asked for and the policy admits:
 * the admission's own subject when GitHub issues it, else one rendered from its identity, else
 * one filled in from the admitting statement's patterns. Undefined when none is found.
 */
export function exampleLike(
  policy: PolicyDocument,
  admission: Admission,
  named: { owners: ReadonlySet<string>; repositories: ReadonlySet<string> },
  role: RoleAccount | undefined,
  pullRequest = false,
): Example | undefined {
  const own = `${admission.identity.owner}/${admission.identity.name}`;
  const sameClass = (repository: string): boolean =>
    named.owners.has(repository.split('/')[0] ?? '') ===
      named.owners.has(admission.identity.owner) &&
    named.repositories.has(repository) === named.repositories.has(own);
  const statement = statementsOf(policy)[admission.statement];
  const context = pullRequest ? 'pull_request' : admission.context;
  // The immutable-ID form keeps the admission's IDs: its own, or those its token carries.
  const { owner, name, ownerId, repositoryId } = admission.identity;
  const id = (own: string | undefined, claim: string): string =>
    own ?? String(admission.claims[claim] ?? '');
  const immutable = `${owner}@${id(ownerId, 'repository_owner_id')}/${name}@${id(repositoryId, 'repository_id')}`;
  const candidates = [
    admission.sub,
    ...(ownerId !== undefined || repositoryId !== undefined
      ? [`repo:${immutable}:${context}`]
      : []),
    `repo:${own}:${context}`,
    ...subPatterns(statement).flatMap(filled),
  ];
  for (const sub of new Set(candidates)) {
    const example = issuedExample(sub);
    // The admission's own subject was evaluated as it stands, with the admission's own run.
    const isPullRequest = (example?.context ?? admission.context) === 'pull_request';
    if (sub === admission.sub && example !== undefined && (isPullRequest || !pullRequest)) {
      return { repository: own, context: admission.context, ...example };
    }
    const { repository, context: shown } = example ?? {};
    if (repository === undefined || shown === undefined || !sameClass(repository)) continue;
    if (pullRequest && shown !== 'pull_request') continue;
    const claims = tokenFor(admission, { sub, repository, context: shown });
    const options = { unknowns: 'admit' as const, ...(role === undefined ? {} : { role }) };
    if (evaluateTrustPolicy(policy, claims, options).allowed) return example;
  }
  return undefined;
}

/** The first pull_request run the policy admits, with a subject GitHub would issue for it. */
export function pullRequestAdmission(
  pullRequests: readonly Admission[],
  admissions: readonly Admission[],
  exampleOf: (a: Admission, pullRequest?: boolean) => Example | undefined,
): { admission: Admission; example: Example | undefined } | undefined {
  const seen = pullRequests[0];
  if (seen !== undefined) return { admission: seen, example: exampleOf(seen, true) };
  for (const admission of admissions) {
    const example = exampleOf(admission, true);
    if (example !== undefined) return { admission, example };
  }
  return undefined;
}
