import { type PolicyDocument, statementsOf } from './evaluate.js';
import { type Claims, strings } from './variables.js';

/**
 * Candidate tokens for auditing a trust policy: claim sets built from the policy's own literals
 * (each wildcard filled in several ways that cross the owner, repository and ref boundaries) and
 * from outsider identities (another owner, another repository of a named owner, a fresh branch or
 * environment, a pull request). Pure. The audit evaluates every candidate; the widest one
 * admitted sets the role's audience.
 */

/** Text no real policy names: a value holding it is one an outsider chose. */
export const FRESH = 'outsider';
const OUTSIDER_OWNER = `${FRESH}-org`;
const FRESH_REPO = `${FRESH}-repo`;
const FRESH_OWNER_ID = '900001';
const FRESH_REPO_ID = '900002';
const FRESH_BRANCH = `ref:refs/heads/${FRESH}`;

/** Who a candidate token comes from, as GitHub would set its claims. */
export interface Identity {
  readonly owner: string;
  readonly name: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
}

/** What the policy names: owners, repositories and IDs, and each claim's literal values. */
export interface PolicyLiterals {
  readonly owners: ReadonlySet<string>;
  readonly repositories: ReadonlySet<string>;
  readonly ownerIds: ReadonlySet<string>;
  readonly repositoryIds: ReadonlySet<string>;
  /** Values per claim name (lower case, without the issuer prefix), from every statement. */
  readonly byClaim: ReadonlyMap<string, readonly string[]>;
}

/** Every condition value of the policy, by the claim its key names. */
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
  const owners = new Set<string>(byClaim.get('repository_owner') ?? []);
  const repositories = new Set<string>();
  const ownerIds = new Set<string>(byClaim.get('repository_owner_id') ?? []);
  const repositoryIds = new Set<string>(byClaim.get('repository_id') ?? []);
  const fixed = (s: string | undefined): s is string => s !== undefined && !/[*?$]/.test(s);
  for (const value of [...(byClaim.get('sub') ?? []), ...(byClaim.get('repository') ?? [])]) {
    const named = /(?:^|:)(?:repo:|repository:)?([^/:@]+)(?:@(\d+))?\/([^/:@]+)(?:@(\d+))?/.exec(
      value.startsWith('repo:') || value.startsWith('repository:') ? value : `repo:${value}`,
    );
    const [, owner, ownerId, name, repositoryId] = named ?? [];
    if (fixed(owner)) owners.add(owner);
    if (fixed(owner) && fixed(name)) repositories.add(`${owner}/${name}`);
    if (fixed(ownerId)) ownerIds.add(ownerId);
    if (fixed(repositoryId)) repositoryIds.add(repositoryId);
  }
  for (const value of byClaim.get('repository') ?? []) {
    const [owner] = value.split('/');
    if (fixed(owner)) owners.add(owner);
  }
  return { owners, repositories, ownerIds, repositoryIds, byClaim };
}

/**
 * Fillers for one `*`: each aims at a boundary of repo:OWNER[@ID]/NAME[@ID]:CONTEXT, so that a
 * pattern that crosses it yields a subject from an owner, repository or ref it does not name.
 */
function starFillers(literals: PolicyLiterals): string[] {
  const contexts = contextsOf(literals);
  const rest = `${FRESH_REPO}:${FRESH_BRANCH}`;
  return [
    `-${FRESH}/${rest}`,
    `${OUTSIDER_OWNER}/${rest}`,
    '',
    FRESH,
    `/${rest}`,
    rest,
    `-${FRESH}:${FRESH_BRANCH}`,
    `:${FRESH_BRANCH}`,
    `refs/heads/${FRESH}`,
    `${OUTSIDER_OWNER}@${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:${FRESH_BRANCH}`,
    `@${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:${FRESH_BRANCH}`,
    `${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:${FRESH_BRANCH}`,
    `${FRESH_REPO}@${FRESH_REPO_ID}:${FRESH_BRANCH}`,
    `@${FRESH_REPO_ID}:${FRESH_BRANCH}`,
    ...contexts,
    ...contexts.map((c) => `:${c}`),
  ];
}

/** Contexts to try: fresh ones an outsider can choose, and the ones the policy names. */
export function contextsOf(literals: PolicyLiterals): string[] {
  const named = [
    ...(literals.byClaim.get('environment') ?? []).map((env) => `environment:${env}`),
    ...(literals.byClaim.get('ref') ?? []).map((ref) => `ref:${ref}`),
  ].filter((c) => !/[*?$]/.test(c));
  return [
    FRESH_BRANCH,
    `environment:${FRESH}`,
    'pull_request',
    `ref:refs/tags/${FRESH}`,
    ...new Set(named),
  ];
}

const MAX_PER_PATTERN = 600;

/** Concrete strings a pattern matches, one per combination of fillers (bounded). */
export function instancesOf(pattern: string, literals: PolicyLiterals): string[] {
  // Policy variables are left for the evaluator; only IAM's two wildcards are filled in here.
  const parts = pattern.split(/([*?])/);
  const slots = parts.filter((p) => p === '*' || p === '?').length;
  if (slots === 0) return [pattern];
  const star = starFillers(literals);
  const question = ['z', '/', ':', '-', '@', '1'];
  let results = [''];
  for (const part of parts) {
    const options = part === '*' ? star : part === '?' ? question : [part];
    const next: string[] = [];
    for (const prefix of results) {
      for (const option of options) {
        if (next.length >= MAX_PER_PATTERN) break;
        next.push(prefix + option);
      }
    }
    results = next;
  }
  // Beyond the bound, fill every wildcard the same way too, so each filler is tried at least once.
  const uniform = star.map((f) => parts.map((p) => (p === '*' ? f : p === '?' ? 'z' : p)).join(''));
  return [...new Set([...results, ...uniform])];
}

/** Identities to try for a subject that does not name its repository (a custom template). */
export function identitiesOf(literals: PolicyLiterals): Identity[] {
  const outsider: Identity = {
    owner: OUTSIDER_OWNER,
    name: FRESH_REPO,
    ownerId: FRESH_OWNER_ID,
    repositoryId: FRESH_REPO_ID,
  };
  const ownerMates = [...literals.owners].map((owner) => ({
    owner,
    name: FRESH_REPO,
    repositoryId: FRESH_REPO_ID,
  }));
  const named = [...literals.repositories].map((full) => {
    const [owner = '', name = ''] = full.split('/');
    return { owner, name };
  });
  return [outsider, ...ownerMates, ...named];
}

/** Default-template subjects for an identity and context, in both subject formats. */
export function subjectsFor(identity: Identity, context: string, ghes: boolean): string[] {
  const names = `repo:${identity.owner}/${identity.name}:${context}`;
  if (ghes) return [names];
  const ownerIds = identity.ownerId === undefined ? [FRESH_OWNER_ID] : [identity.ownerId];
  const repoIds = identity.repositoryId === undefined ? [FRESH_REPO_ID] : [identity.repositoryId];
  const immutable = ownerIds.flatMap((o) =>
    repoIds.map((r) => `repo:${identity.owner}@${o}/${identity.name}@${r}:${context}`),
  );
  return [names, ...immutable];
}

/**
 * The identity and context a subject states. A subject that starts with `repo:` was rendered
 * from the template's `repo` key, so it must be repo:OWNER[@ID]/NAME[@ID] followed by `:` or its
 * end; `impossible` marks one no token can carry. Other subjects (a template without `repo`)
 * state no identity: any owner can choose that template.
 */
export function parseSubject(sub: string): {
  identity?: Identity;
  context?: string;
  impossible?: boolean;
} {
  const context = /(?:^|:)(environment:[^:]+|pull_request|ref:[^:]+)(?::|$)/.exec(sub)?.[1];
  const withContext = context === undefined ? {} : { context };
  if (!sub.startsWith('repo:')) return withContext;
  const match = /^repo:([^/:@]+)(?:@(\d+))?\/([^/:@]+)(?:@(\d+))?(?::|$)/.exec(sub);
  if (match === null) return { impossible: true };
  const [, owner = '', ownerId, name = '', repositoryId] = match;
  const identity: Identity = {
    owner,
    name,
    ...(ownerId === undefined ? {} : { ownerId }),
    ...(repositoryId === undefined ? {} : { repositoryId }),
  };
  return { identity, ...withContext };
}

/** Claim sets for one subject, identity and context: the other claims from the policy's literals. */
export function* claimSets(
  host: string,
  sub: string,
  identity: Identity,
  context: string,
  literals: PolicyLiterals,
): Generator<Claims> {
  const pick = (claim: string, fallback: string[]): string[] => {
    const values = (literals.byClaim.get(claim) ?? []).flatMap((v) => instancesOf(v, literals));
    return [...new Set([...values.slice(0, 6), ...fallback])];
  };
  const repository = `${identity.owner}/${identity.name}`;
  const env = context.startsWith('environment:') ? context.slice(12) : undefined;
  const pr = context === 'pull_request';
  const refs = context.startsWith('ref:')
    ? [context.slice(4)]
    : pr
      ? ['refs/pull/1/merge']
      : pick('ref', [`refs/heads/${FRESH}`]);
  const idsOf = (own: string | undefined, named: ReadonlySet<string>, fresh: string): string[] =>
    own !== undefined ? [own] : [...named, fresh];
  const base: Record<string, unknown> = {
    iss: `https://${host}`,
    sub,
    repository,
    repository_owner: identity.owner,
    event_name: pr ? 'pull_request' : 'push',
    ...(env === undefined ? {} : { environment: env }),
  };
  const lists: [string, string[]][] = [
    ['aud', pick('aud', ['sts.amazonaws.com'])],
    ['ref', refs],
    ['repository_owner_id', idsOf(identity.ownerId, literals.ownerIds, FRESH_OWNER_ID)],
    ['repository_id', idsOf(identity.repositoryId, literals.repositoryIds, FRESH_REPO_ID)],
    [
      'job_workflow_ref',
      pick('job_workflow_ref', [`${repository}/.github/workflows/d.yml@${refs[0]}`]),
    ],
  ];
  const handled = new Set(['sub', 'environment', 'repository', 'repository_owner', 'event_name']);
  for (const claim of literals.byClaim.keys()) {
    if (!handled.has(claim) && !lists.some(([name]) => name === claim)) {
      lists.push([claim, pick(claim, [FRESH])]);
    }
  }
  yield* product(base, lists);
}

function* product(base: Record<string, unknown>, lists: [string, string[]][]): Generator<Claims> {
  const [first, ...rest] = lists;
  if (first === undefined) {
    yield base;
    return;
  }
  for (const value of first[1]) yield* product({ ...base, [first[0]]: value }, rest);
}
