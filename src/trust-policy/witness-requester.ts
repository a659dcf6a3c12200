import { TEMPLATE_CLAIM_KEYS } from './subject.js';
import type { Claims } from './variables.js';

/**
 * One model of who requests a token: every claim of a candidate token is derived from it, so that
 * no candidate carries a subject that names one repository and a `repository` claim that names
 * another. Pure.
 * https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
 */

/** Text no real policy names: a value holding it is one an outsider chose. */
export const FRESH = 'outsider';
export const OUTSIDER_OWNER = `${FRESH}-org`;
export const FRESH_REPO = `${FRESH}-repo`;
/** An outsider's own IDs: a requester carries a policy's ID only when a value sets it. */
export const FRESH_OWNER_ID = '900001';
export const FRESH_REPO_ID = '900002';

/** Who a candidate token comes from, as GitHub would set its claims. */
export interface Requester {
  readonly owner: string;
  readonly ownerId: string;
  readonly name: string;
  readonly repositoryId: string;
  readonly ref: string;
  readonly environment?: string;
  readonly event: string;
  /** Claims the requester chooses itself (aud, job_workflow_ref, workflow, actor, ...). */
  readonly free: Readonly<Record<string, string>>;
}

/** A requester's owner and repository, as findings name them. */
export interface Identity {
  readonly owner: string;
  readonly name: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
}

/** What one condition value fixes of a requester; the rest is the requester's own. */
export interface Patch {
  readonly owner?: string;
  readonly ownerId?: string;
  readonly name?: string;
  readonly repositoryId?: string;
  readonly ref?: string;
  readonly environment?: string;
  readonly event?: string;
  readonly free?: Readonly<Record<string, string>>;
  /** For a `sub` value: the claim keys of the template it is written in, in order. */
  readonly template?: readonly string[];
}

/** A subject format: GitHub's two default templates, or a customisation's claim keys. */
export type SubjectFormat = 'names' | 'immutable' | readonly string[];

/** What a value of one claim says about its requester; undefined when no token can carry it. */
export function patchOf(claim: string, value: string): Patch | undefined {
  switch (claim) {
    case 'sub':
      return subjectPatch(value);
    case 'repository': {
      const [owner, name, extra] = value.split('/');
      if (extra !== undefined || !owner || !name) return undefined;
      return { owner, name };
    }
    case 'repository_owner':
      return value === '' || value.includes('/') ? undefined : { owner: value };
    case 'repository_owner_id':
      return { ownerId: value };
    case 'repository_id':
      return { repositoryId: value };
    case 'ref':
      return { ref: value };
    case 'environment':
      return { environment: value };
    case 'event_name':
      return { event: value };
    default:
      return { free: { [claim]: value } };
  }
}

/**
 * Reads a subject as GitHub renders it: `key:value` pairs of its template, where `repo` is
 * OWNER[@ID]/NAME[@ID] and the context is `environment:NAME`, `pull_request` or `ref:REF`.
 * https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
function subjectPatch(sub: string): Patch | undefined {
  const tokens = sub.split(':');
  const template: string[] = [];
  let patch: Patch = {};
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i] ?? '';
    if (key === 'pull_request') {
      patch = { ...patch, event: 'pull_request' };
      template.push('context');
      continue;
    }
    if (key === 'context') {
      // A template's `context` key may render with its name; read what follows as the context.
      const [what, value] = [tokens[i + 1], tokens[i + 2]];
      if (what === 'pull_request') patch = { ...patch, event: 'pull_request' };
      else if (what === 'environment' && value !== undefined)
        patch = { ...patch, environment: value };
      else if (what === 'ref' && value !== undefined) patch = { ...patch, ref: value };
      else return undefined;
      i += what === 'pull_request' ? 1 : 2;
      template.push('context:');
      continue;
    }
    const value = tokens[i + 1];
    if (value === undefined || !TEMPLATE_CLAIM_KEYS.includes(key)) return undefined;
    i++;
    if (key === 'repo') {
      const repo = /^([^/@]+)(?:@(\d+))?\/([^/@]+)(?:@(\d+))?$/.exec(value);
      if (repo === null) return undefined;
      const [, owner = '', ownerId, name = '', repositoryId] = repo;
      patch = { ...patch, owner, name, ...(ownerId === undefined ? {} : { ownerId }) };
      if (repositoryId !== undefined) patch = { ...patch, repositoryId };
      template.push(ownerId === undefined ? 'repo' : 'repo@');
      continue;
    }
    const part = patchOf(key, value);
    if (part === undefined) return undefined;
    patch = merge(patch, part);
    template.push(key === 'environment' || key === 'ref' ? 'context' : key);
  }
  return { ...patch, template };
}

/** Two patches as one; the later wins where both set a field. */
export function merge(a: Patch, b: Patch): Patch {
  return { ...a, ...b, free: { ...a.free, ...b.free } };
}

/** A requester from a patch: what it does not fix is the outsider's own. */
export function requesterOf(patch: Patch): Requester {
  const event = patch.event ?? 'push';
  const ref = patch.ref ?? (event === 'pull_request' ? 'refs/pull/1/merge' : `refs/heads/${FRESH}`);
  return {
    owner: patch.owner ?? OUTSIDER_OWNER,
    ownerId: patch.ownerId ?? FRESH_OWNER_ID,
    name: patch.name ?? FRESH_REPO,
    repositoryId: patch.repositoryId ?? FRESH_REPO_ID,
    ref,
    ...(patch.environment === undefined ? {} : { environment: patch.environment }),
    event,
    free: patch.free ?? {},
  };
}

/** The context part of a default subject: environment, then pull_request, then ref. */
export function contextOf(r: Requester): string {
  if (r.environment !== undefined) return `environment:${r.environment}`;
  return r.event === 'pull_request' ? 'pull_request' : `ref:${r.ref}`;
}

/** Every claim of the requester's token except `sub`, as GitHub sets them. */
export function claimsOf(r: Requester, host: string): Record<string, string> {
  const repository = `${r.owner}/${r.name}`;
  return {
    iss: `https://${host}`,
    aud: 'sts.amazonaws.com',
    repository,
    repository_owner: r.owner,
    repository_owner_id: r.ownerId,
    repository_id: r.repositoryId,
    ref: r.ref,
    ref_type: r.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    event_name: r.event,
    ...(r.environment === undefined ? {} : { environment: r.environment }),
    job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${r.ref}`,
    workflow: 'deploy',
    actor: FRESH,
    actor_id: '900003',
    runner_environment: 'github-hosted',
    ...r.free,
  };
}

/** The requester's `sub` in one format (undefined: GHES has no immutable format). */
export function subjectOf(
  r: Requester,
  claims: Claims,
  format: SubjectFormat,
  ghes: boolean,
): string | undefined {
  const context = contextOf(r);
  const names = `repo:${r.owner}/${r.name}`;
  const ids = `repo:${r.owner}@${r.ownerId}/${r.name}@${r.repositoryId}`;
  if (format === 'names') return `${names}:${context}`;
  if (format === 'immutable') return ghes ? undefined : `${ids}:${context}`;
  return format
    .map((key) =>
      key === 'repo'
        ? names
        : key === 'repo@'
          ? ids
          : key === 'context'
            ? context
            : key === 'context:'
              ? `context:${context}`
              : `${key}:${String(claims[key] ?? '')}`,
    )
    .join(':');
}
