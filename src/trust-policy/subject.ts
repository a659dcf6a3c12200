/**
 * The shapes of a GitHub OIDC token's `sub` claim, and how to read them. Pure.
 *
 * - names: `repo:OWNER/REPO:CONTEXT`, GitHub's original default template.
 * - immutable: `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`, the 2026 default for repositories
 *   created, renamed or transferred after 15 July 2026 and those that opted in; never on GHES.
 *   https://github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens/
 *   https://docs.github.com/en/actions/concepts/security/openid-connect#immutable-subject-claims
 * - custom: an organisation or repository customisation template (`include_claim_keys`), rendered
 *   as `key:value` pairs in the template's order; the `context` key renders as the default
 *   template's context without a key of its own.
 *   https://docs.github.com/en/rest/actions/oidc#set-the-customization-template-for-an-oidc-subject-claim-for-a-repository
 *
 * CONTEXT is `environment:NAME`, `pull_request` or `ref:REF`, in that order of precedence.
 */
import { claimString } from '../model/jwt-claims.js';

export type SubjectFormat = 'names' | 'immutable' | 'custom';

export interface SubjectShape {
  readonly format: SubjectFormat;
  /** For names and immutable: owner/name as it appears in the subject, without IDs. */
  readonly repository?: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
  /** For custom templates: the claim keys the subject includes, in order. */
  readonly claimKeys: readonly string[];
}

const CONTEXT = '(environment:[^:]+|pull_request|ref:[^:]+)';
const NAMES = new RegExp(`^repo:([^/:@]+/[^/:@]+):${CONTEXT}$`);
const IMMUTABLE = new RegExp(`^repo:([^/:@]+)@(\\d+)/([^/:@]+)@(\\d+):${CONTEXT}$`);

/**
 * Claim keys a customisation template may include: GitHub's claims plus `repo` and `context`.
 * https://docs.github.com/en/actions/reference/security/oidc#custom-claims-provided-by-github
 */
export const TEMPLATE_CLAIM_KEYS: readonly string[] = [
  'repo',
  'context',
  'actor',
  'actor_id',
  'base_ref',
  'enterprise',
  'enterprise_id',
  'environment',
  'event_name',
  'head_ref',
  'job_workflow_ref',
  'job_workflow_sha',
  'ref',
  'ref_protected',
  'ref_type',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'repository_visibility',
  'run_attempt',
  'run_id',
  'run_number',
  'runner_environment',
  'sha',
  'workflow',
  'workflow_ref',
  'workflow_sha',
];

/** Which format a subject is written in, read from its shape alone. */
export function subjectShape(sub: string): SubjectShape {
  const immutable = IMMUTABLE.exec(sub);
  if (immutable) {
    const [, owner, ownerId, name, repositoryId] = immutable as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      format: 'immutable',
      repository: `${owner}/${name}`,
      ownerId,
      repositoryId,
      claimKeys: ['repo', 'context'],
    };
  }
  const names = NAMES.exec(sub);
  if (names) return { format: 'names', repository: names[1] ?? '', claimKeys: ['repo', 'context'] };
  return { format: 'custom', claimKeys: templateKeysOf(sub) };
}

/** The claim keys of a customised subject, in order, as far as they can be told apart. */
function templateKeysOf(sub: string): string[] {
  const parts = sub.split(':');
  const keys: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part === 'pull_request') keys.push('context');
    else if (TEMPLATE_CLAIM_KEYS.includes(part) && i + 1 < parts.length) {
      keys.push(part);
      i++;
    }
  }
  return keys;
}

/** The context part of a default subject for one scope (`*` for any). */
export interface SubjectScope {
  readonly environment?: string | undefined;
  readonly branch?: string | undefined;
  readonly ref?: string | undefined;
  readonly pullRequest?: boolean | undefined;
}

/** `environment:NAME`, `ref:REF`, `pull_request` or `*`; throws when more than one is given. */
export function contextOf(scope: SubjectScope): string {
  const { environment, branch, ref } = scope;
  for (const [name, value] of Object.entries({ environment, branch, ref })) {
    if (value !== undefined && value.trim() === '') throw new Error(`${name} must not be empty`);
  }
  if (ref !== undefined && !ref.startsWith('refs/')) {
    throw new Error(`ref must start with refs/, e.g. refs/tags/v*; got '${ref}'`);
  }
  const scopes: string[] = [];
  if (environment !== undefined) scopes.push(`environment:${environment}`);
  if (branch !== undefined)
    scopes.push(`ref:${branch.startsWith('refs/heads/') ? branch : `refs/heads/${branch}`}`);
  if (ref !== undefined) scopes.push(`ref:${ref}`);
  if (scope.pullRequest === true) scopes.push('pull_request');
  if (scopes.length > 1) {
    throw new Error('give only one of environment, branch, ref and pull request');
  }
  return scopes[0] ?? '*';
}

/** The context a token's claims give, as GitHub's default template renders it. */
export function contextOfClaims(claims: Readonly<Record<string, unknown>>): string | undefined {
  const text = (name: string): string | undefined => claimString(claims, name, 'skip');
  const environment = text('environment');
  if (environment !== undefined) return `environment:${environment}`;
  if (text('event_name') === 'pull_request') return 'pull_request';
  const ref = text('ref');
  return ref === undefined ? undefined : `ref:${ref}`;
}
