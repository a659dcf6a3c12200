import { type PolicyDocument, statementsOf } from './evaluate.js';
import { strings } from './variables.js';
import type { Named } from './witness-values.js';

/**
 * What a trust policy names exactly: owners, repositories, IDs, refs and environments, written
 * without a wildcard or a policy variable. The audit classifies a requester by these: an owner the
 * policy names is "the owner"; any other is an outsider. Pure.
 */

export interface PolicyLiterals {
  /** Owner names, as written (compare them case-insensitively, as GitHub names are). */
  readonly owners: ReadonlySet<string>;
  /** OWNER/NAME, as written. */
  readonly repositories: ReadonlySet<string>;
  /** IDs the policy pins exactly: only the owner (repository) with that ID carries it. */
  readonly ownerIds: ReadonlySet<string>;
  readonly repositoryIds: ReadonlySet<string>;
  readonly environments: ReadonlySet<string>;
  readonly refs: ReadonlySet<string>;
  /** A subject names `pull_request` runs of a named repository. */
  readonly pullRequest: boolean;
  /** Values per claim name (lower case, without the issuer prefix), from every statement. */
  readonly byClaim: ReadonlyMap<string, readonly string[]>;
  /** Wildcard-free values per claim, offered as fillers. */
  readonly exact: ReadonlyMap<string, readonly string[]>;
  /** Named owners, repository names and contexts, as written, offered as fillers. */
  readonly named: Omit<Named, 'values'>;
}

const isExact = (s: string | undefined): s is string => s !== undefined && !/[*?]|\$\{/.test(s);

/** Every condition value of the policy, by claim, and what it names exactly. */
export function literalsOf(policy: PolicyDocument): PolicyLiterals {
  const byClaim = new Map<string, string[]>();
  for (const statement of statementsOf(policy)) {
    for (const entries of Object.values(statement.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        const claim = key.slice(key.lastIndexOf(':') + 1).toLowerCase();
        byClaim.set(claim, [...(byClaim.get(claim) ?? []), ...strings(value)]);
      }
    }
  }
  const values = (claim: string): string[] => byClaim.get(claim) ?? [];
  const exact = new Map([...byClaim].map(([c, v]) => [c, [...new Set(v.filter(isExact))]]));
  const owners = new Set<string>(values('repository_owner').filter(isExact));
  const names = new Set<string>();
  const repositories = new Set<string>();
  const ownerIds = new Set<string>(values('repository_owner_id').filter(isExact));
  const repositoryIds = new Set<string>(values('repository_id').filter(isExact));
  const environments = new Set<string>(values('environment').filter(isExact));
  const refs = new Set<string>(values('ref').filter(isExact));
  let pullRequest = false;
  for (const value of values('repository')) {
    const [owner, name] = value.split('/');
    if (isExact(owner)) owners.add(owner);
    if (isExact(name)) names.add(name);
    if (isExact(owner) && isExact(name)) {
      repositories.add(`${owner}/${name}`);
      names.add(name);
    }
  }
  for (const sub of values('sub')) {
    const parts = sub.split(':');
    for (let i = 0; i < parts.length; i++) {
      const [key, next] = [parts[i], parts[i + 1]];
      if (key === 'pull_request') pullRequest = true;
      if (key === 'repo' && next !== undefined) {
        // The owner part is named when it is exact, whatever follows its `/`.
        const [ownerPart = '', ...rest] = next.split('/');
        const [owner, ownerId] = ownerPart.split('@');
        const [name, repositoryId] = rest.join('/').split('@');
        if (isExact(owner)) owners.add(owner);
        if (isExact(ownerId)) ownerIds.add(ownerId);
        if (rest.length === 1 && isExact(name)) names.add(name);
        if (rest.length === 1 && isExact(owner) && isExact(name)) {
          repositories.add(`${owner}/${name}`);
          if (isExact(repositoryId)) repositoryIds.add(repositoryId);
        }
        continue;
      }
      if (!isExact(next)) continue;
      if (key === 'environment') environments.add(next);
      else if (key === 'ref') refs.add(next);
      else if (key === 'repository_owner') owners.add(next);
      else if (key === 'repository_owner_id') ownerIds.add(next);
      else if (key === 'repository_id') repositoryIds.add(next);
    }
  }
  // Literal owner text before a wildcard (repo:OWNER*, OWNER*/app, OWNER/* in a workflow ref):
  // offered as fillers and default owners, never counted as a named owner.
  const hints = new Set<string>(owners);
  const prefixes = [
    ...values('sub').map((v) => (v.startsWith('repo:') ? v.slice(5) : '')),
    ...values('repository'),
    ...values('job_workflow_ref'),
  ];
  for (const v of prefixes) {
    const head = /^[^/@:*?$]+/.exec(v)?.[0];
    if (head !== undefined) hints.add(head);
  }
  return {
    owners,
    repositories,
    ownerIds,
    repositoryIds,
    environments,
    refs,
    pullRequest,
    byClaim,
    exact,
    named: {
      owners: [...hints],
      names: [...names],
      contexts: [
        ...[...environments].map((e) => `environment:${e}`),
        ...[...refs].map((r) => `ref:${r}`),
      ],
    },
  };
}
