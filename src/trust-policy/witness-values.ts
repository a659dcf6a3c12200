import { globMatch } from './glob.js';
import {
  FRESH,
  FRESH_OWNER_ID,
  FRESH_REPO,
  FRESH_REPO_ID,
  OUTSIDER_OWNER,
} from './witness-requester.js';

/**
 * Concrete values an outsider can present for a condition value: each IAM wildcard (`*` any run of
 * characters, `/` and `:` included; `?` one character) filled with text the outsider controls.
 * Pure.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */

/** What the policy names, by kind, offered as fillers too (a named owner's sibling, and so on). */
export interface Named {
  readonly owners: readonly string[];
  readonly names: readonly string[];
  readonly contexts: readonly string[];
  /** Every wildcard-free value of the claim being filled. */
  readonly values: readonly string[];
}

const BRANCH = `refs/heads/${FRESH}`;
const REST = `${FRESH_REPO}:ref:${BRANCH}`;
/** Text an outsider chooses: another owner, the empty string, a suffix, each separator. */
const GENERIC = ['', FRESH, '-evil', '/', ':', '@'];

/** Fillers for one `*` in a value of this claim: each aims at a boundary the claim has. */
function starFillers(claim: string, named: Named): string[] {
  const kinds: Record<string, string[]> = {
    sub: [
      OUTSIDER_OWNER,
      `${OUTSIDER_OWNER}/${REST}`,
      `-evil/${REST}`,
      `/${REST}`,
      REST,
      `:ref:${BRANCH}`,
      `ref:${BRANCH}`,
      'pull_request',
      `environment:${FRESH}`,
      BRANCH,
      `${OUTSIDER_OWNER}@${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:ref:${BRANCH}`,
      `@${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:ref:${BRANCH}`,
      `${FRESH_REPO}@${FRESH_REPO_ID}:ref:${BRANCH}`,
      FRESH_OWNER_ID,
      FRESH_REPO_ID,
      ...named.owners,
      ...named.names,
      ...named.contexts,
      ...named.contexts.map((c) => `:${c}`),
    ],
    repository: [
      OUTSIDER_OWNER,
      `${OUTSIDER_OWNER}/${FRESH_REPO}`,
      `-evil/${FRESH_REPO}`,
      `/${FRESH_REPO}`,
      FRESH_REPO,
      ...named.owners,
      ...named.names,
      ...named.names.flatMap((n) => [`/${n}`, `-evil/${n}`, `${OUTSIDER_OWNER}/${n}`]),
    ],
    repository_owner: [OUTSIDER_OWNER, ...named.owners],
    repository_owner_id: ['9876', FRESH_OWNER_ID],
    repository_id: ['9876', FRESH_REPO_ID],
    ref: [BRANCH, `heads/${FRESH}`, `tags/${FRESH}`, 'pull/1/merge'],
    job_workflow_ref: [
      `${OUTSIDER_OWNER}/${FRESH_REPO}`,
      `${OUTSIDER_OWNER}/${FRESH_REPO}/.github/workflows/deploy.yml@${BRANCH}`,
      `/.github/workflows/deploy.yml@${BRANCH}`,
      BRANCH,
    ],
  };
  return [...new Set([...GENERIC, ...(kinds[claim] ?? []), ...named.values])];
}

/**
 * Thrown when a policy names so many owners, repositories and contexts that its well-formed
 * subjects cannot all be tried. The audit then reports the search as cut short, which it classifies
 * as the widest audience: a policy must not be able to stall or narrow the audit by its size.
 */
export class WitnessSearchTooLarge extends Error {
  constructor(readonly shapedValues: number) {
    super(`the policy names too many owners, repositories and contexts (${shapedValues} subjects)`);
    this.name = 'WitnessSearchTooLarge';
  }
}

/**
 * Bound on the well-formed subjects built for one pattern. generate's policies need a few hundred;
 * IAM limits a trust policy to 2,048 characters by default (4,096 at most), so few patterns fit.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
const MAX_SHAPED_VALUES = 4_000;

const QUESTION = ['z', '1', '-', '/', ':', '@'];
const MAX_PER_PATTERN = 48;

/**
 * Concrete strings a pattern matches, bounded: every filler in each wildcard alone, then
 * combinations. `${...}` policy variables (when `variables`) are kept for the caller to
 * substitute with the requester's own values; `${*}`, `${?}` and `${$}` are literal characters.
 */
export function instancesOf(
  pattern: string,
  claim: string,
  named: Named,
  variables: boolean,
): string[] {
  const parts = splitPattern(pattern, variables);
  const slots = parts.filter((p) => p === '*' || p === '?').length;
  if (slots === 0) return [parts.join('').replaceAll(LITERAL, '')];
  const star = starFillers(claim, named);
  const fill = (part: string): string[] => (part === '*' ? star : part === '?' ? QUESTION : [part]);
  // Each filler in every wildcard at once, so that each is tried at least once...
  const uniform = star.map((f, i) =>
    parts.map((p) => (p === '*' ? f : p === '?' ? (QUESTION[i % 6] ?? 'z') : p)).join(''),
  );
  // ...then combinations, the first wildcards varying slowest, up to the bound.
  let results = [''];
  for (const part of parts) {
    const next: string[] = [];
    for (const prefix of results) {
      for (const option of fill(part)) {
        if (next.length >= MAX_PER_PATTERN) break;
        next.push(prefix + option);
      }
    }
    results = next;
  }
  const whole = parts.join('');
  const shaped = whole.includes(LITERAL) || /\$\{/.test(whole) ? [] : shapedValues(claim, named);
  const matching = shaped.filter((value) => globMatch(whole, value));
  return [...new Set([...uniform, ...results, ...matching].map((v) => v.replaceAll(LITERAL, '')))];
}

/**
 * Well-formed values of an identity claim, for patterns whose wildcards no single filler makes
 * well-formed (an owner, two IDs and a context each a wildcard): outsiders, look-alikes of each named owner, siblings of its
 * repositories, in each subject format and context. Those the pattern matches are its instances.
 */
function shapedValues(claim: string, named: Named): string[] {
  if (!['sub', 'repository', 'repository_owner'].includes(claim)) return [];
  const owners = [
    OUTSIDER_OWNER,
    ...named.owners.flatMap((o) => [o, `${o}-evil`, `${o}z`, `z${o}`, o.slice(0, -1)]),
  ].filter((o) => o !== '');
  const names = [FRESH_REPO, ...named.names, ...named.names.map((n) => `${n}-evil`)];
  if (claim === 'repository_owner') return owners;
  const repositories = owners.flatMap((o) => names.map((n) => `${o}/${n}`));
  if (claim === 'repository') return repositories;
  const contexts = [
    `ref:${BRANCH}`,
    `ref:refs/tags/${FRESH}`,
    'pull_request',
    `environment:${FRESH}`,
  ];
  const count = owners.length * names.length * (contexts.length + named.contexts.length) * 2;
  if (count > MAX_SHAPED_VALUES) throw new WitnessSearchTooLarge(count);
  return owners.flatMap((o) =>
    names.flatMap((n) =>
      [...contexts, ...named.contexts].flatMap((c) => [
        `repo:${o}/${n}:${c}`,
        `repo:${o}@${FRESH_OWNER_ID}/${n}@${FRESH_REPO_ID}:${c}`,
      ]),
    ),
  );
}

/** Marks `${*}` and `${?}`: the literal character, never a wildcard. */
const LITERAL = '\u0001';

/** A pattern as literal text and wildcards; a policy variable is one literal part. */
function splitPattern(pattern: string, variables: boolean): string[] {
  if (!variables) return pattern.split(/([*?])/);
  return pattern.split(/(\$\{[^}]*\})/).flatMap((piece) => {
    if (!/^\$\{[^}]*\}$/.test(piece)) return piece.split(/([*?])/);
    const inner = piece.slice(2, -1).trim();
    return [inner === '*' || inner === '?' ? `${LITERAL}${inner}` : inner === '$' ? '$' : piece];
  });
}
