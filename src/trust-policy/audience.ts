import {
  type PolicyDocument,
  type PolicyStatement,
  allowsWebIdentity,
  evaluateTrustPolicy,
  statementsOf,
} from './evaluate.js';
import { GITHUB_OIDC_HOST } from './issuer.js';
import type { RoleAccount } from './principal.js';
import { type Identity, type Requester, contextOf } from './witness-requester.js';
import { WitnessSearchTooLarge } from './witness-values.js';
import {
  type CandidateSource,
  type PolicyLiterals,
  candidatesOf,
  literalsOf,
} from './witnesses.js';
import { type Claims, strings } from './variables.js';

/**
 * Who can assume a role through a GitHub OIDC issuer: the widest audience its trust policy admits,
 * found by evaluating candidate tokens (witnesses.ts) with check's evaluator, but with
 * unknowns resolved towards admission, so that the audit never reports a narrower audience than
 * IAM might admit. Pure.
 */

/** Audiences from widest to narrowest; the rank orders them for --fail-on. */
export const AUDIENCES = ['any-github-user', 'owner', 'repositories', 'refs', 'nobody'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const audienceRank = (a: Audience): number => AUDIENCES.length - 1 - AUDIENCES.indexOf(a);

/** One candidate token the policy admits, and what the admission rests on. */
export interface Admission {
  readonly audience: Audience;
  readonly issuer: string;
  readonly claims: Claims;
  readonly sub: string;
  readonly identity: Identity;
  readonly context: string;
  /** Index of the Allow statement that admitted it. */
  readonly statement: number;
  /** Unknowns the admission assumed in IAM's favour of admitting (empty when certain). */
  readonly assumptions: readonly string[];
}

export interface AudienceResult {
  /** GitHub issuers (host/path) the role trusts; empty for a role that trusts none. */
  readonly issuers: readonly string[];
  /** The policy trusts every federated principal (Principal or Federated "*"). */
  readonly wildcardPrincipal: boolean;
  readonly audience: Audience;
  /** The widest admission of each audience found, widest first. */
  readonly admissions: readonly Admission[];
  /** Admissions of pull_request runs, if any. */
  readonly pullRequests: readonly Admission[];
  /** The candidate budget ran out: the audience is then assumed to be the widest. */
  readonly incomplete: boolean;
  /** Why the search was cut short: too many evaluations, or a policy too large to search. */
  readonly cutShort?: 'evaluations' | 'policy-size';
}

/**
 * Whether an issuer host (host/path) is GitHub's: github.com's issuer and its GHE Cloud
 * enterprise paths, a GHE.com data-residency host, or a GHES host's /_services/token.
 * https://docs.github.com/en/actions/reference/security/oidc
 * https://docs.github.com/en/enterprise-cloud@latest/admin/data-residency/network-details-for-ghecom
 */
export function isGitHubIssuer(host: string): boolean {
  const name = host.split('/')[0] ?? '';
  return (
    host === GITHUB_OIDC_HOST ||
    host.startsWith(`${GITHUB_OIDC_HOST}/`) ||
    name.endsWith('.ghe.com') ||
    host.endsWith('/_services/token')
  );
}

function principalsOf(statement: PolicyStatement): { hosts: string[]; wildcard: boolean } {
  const p = statement.Principal;
  if (p === '*') return { hosts: [], wildcard: true };
  if (typeof p !== 'object' || p === null) return { hosts: [], wildcard: false };
  const record = p as { AWS?: unknown; Federated?: unknown };
  const federated = strings(record.Federated);
  const hosts = federated
    .map((arn) => /:oidc-provider\/(.+)$/.exec(arn)?.[1] ?? '')
    .filter((host) => host !== '' && !host.includes('*') && isGitHubIssuer(host));
  const wildcard = strings(record.AWS).includes('*') || federated.some((a) => a.includes('*'));
  return { hosts, wildcard };
}

/**
 * The policy as the audit evaluates it: an Allow whose Federated ARN has a wildcard admits every
 * provider, as Principal "*" does. A Deny keeps it, so that the audit never assumes it applies.
 */
function forAudit(policy: PolicyDocument): PolicyDocument {
  const Statement = statementsOf(policy).map((s) => {
    const federated = strings((s.Principal as { Federated?: unknown } | undefined)?.Federated);
    return s.Effect === 'Allow' && federated.some((arn) => arn.includes('*'))
      ? { ...s, Principal: '*' }
      : s;
  });
  return { ...policy, Statement };
}

/** The widest audience a trust policy admits through GitHub issuers, with the evidence. */
export function auditAudience(
  policy: PolicyDocument,
  role?: RoleAccount,
  candidates: CandidateSource = candidatesOf,
): AudienceResult {
  const statements = statementsOf(policy).filter(allowsWebIdentity);
  const found = statements.map(principalsOf);
  const wildcardPrincipal = found.some((f) => f.wildcard);
  const keyHosts = statements.flatMap((s) =>
    Object.values(s.Condition ?? {}).flatMap((entries) =>
      Object.keys(entries)
        .map((key) => key.slice(0, Math.max(key.lastIndexOf(':'), 0)))
        .filter((host) => isGitHubIssuer(host)),
    ),
  );
  const hosts = new Set(found.flatMap((f) => f.hosts));
  if (wildcardPrincipal) {
    for (const host of keyHosts) hosts.add(host);
    if (hosts.size === 0) hosts.add(GITHUB_OIDC_HOST);
  }
  const issuers = [...hosts];
  const literals = literalsOf(policy);
  const audited = forAudit(policy);
  const admissions: Admission[] = [];
  let cutShort: AudienceResult['cutShort'];
  for (const host of issuers) {
    const probed = probeIssuer(audited, host, literals, role, candidates(policy, host));
    admissions.push(...probed.admissions);
    cutShort ??= probed.cutShort;
  }
  const incomplete = cutShort !== undefined;
  const widest = new Map<Audience, Admission>();
  // The example for each audience: the one that rests on the fewest assumptions.
  const byCertainty = [...admissions].sort((a, b) => a.assumptions.length - b.assumptions.length);
  for (const a of byCertainty) if (!widest.has(a.audience)) widest.set(a.audience, a);
  const ordered = AUDIENCES.flatMap((a) => widest.get(a) ?? []);
  return {
    issuers,
    wildcardPrincipal,
    // Never narrower than the truth: a search cut short cannot rule out any audience.
    audience: incomplete ? 'any-github-user' : (ordered[0]?.audience ?? 'nobody'),
    admissions: ordered,
    pullRequests: admissions.filter((a) => a.context === 'pull_request').slice(0, 1),
    incomplete,
    ...(cutShort === undefined ? {} : { cutShort }),
  };
}

/** Bound on evaluations per issuer: enough for every shape generate writes, and then some. */
const MAX_EVALUATIONS = 10_000;

function probeIssuer(
  policy: PolicyDocument,
  host: string,
  literals: PolicyLiterals,
  role: RoleAccount | undefined,
  candidates: Iterable<{ requester: Requester; claims: Claims; sub: string }>,
): { admissions: Admission[]; cutShort?: 'evaluations' | 'policy-size' } {
  const admissions: Admission[] = [];
  const seen = new Set<string>();
  const tried = new Set<string>();
  let budget = MAX_EVALUATIONS;
  // A policy too large to search is a search cut short: never a narrower audience (see
  // WitnessSearchTooLarge).
  const iterator = candidates[Symbol.iterator]();
  const next = ():
    IteratorResult<{ requester: Requester; claims: Claims; sub: string }> | 'too-large' => {
    try {
      return iterator.next();
    } catch (error) {
      if (error instanceof WitnessSearchTooLarge) return 'too-large';
      throw error;
    }
  };
  for (let step = next(); ; step = next()) {
    if (step === 'too-large') return { admissions, cutShort: 'policy-size' };
    if (step.done === true) break;
    const { requester, claims, sub } = step.value;
    const pr = requester.event === 'pull_request';
    // Once an outsider is admitted, only a pull_request run can still add to the report.
    if (seen.has('any-github-user|false') && (!pr || seen.has('any-github-user|true'))) break;
    const text = JSON.stringify(claims);
    if (tried.has(text)) continue;
    tried.add(text);
    if (budget-- <= 0) return { admissions, cutShort: 'evaluations' };
    const result = evaluateTrustPolicy(policy, claims, { unknowns: 'admit', role });
    if (!result.allowed) continue;
    const audience = classify(requester, literals);
    // An outsider the policy names as a prefix is kept only until a plain outsider turns up.
    const hinted = classNotes(requester, audience, literals).length > 0;
    const key = `${audience}|${pr}`;
    if (seen.has(key) || seen.has(`${key}|${hinted}`)) continue;
    seen.add(hinted ? `${key}|true` : key);
    const by = result.statements.find((s) => s.effect === 'Allow' && s.applies);
    const assumptions = result.statements.flatMap((s) => [
      ...(s.principalNote === undefined ? [] : [s.principalNote]),
      ...s.conditions.flatMap((c) =>
        c.note?.includes('; assumed') ? [`${c.operator} ${c.key}: ${c.note}`] : [],
      ),
      ...classNotes(requester, audience, literals),
    ]);
    const identity: Identity = {
      owner: requester.owner,
      name: requester.name,
      ownerId: requester.ownerId,
      repositoryId: requester.repositoryId,
    };
    admissions.push({
      audience,
      issuer: host,
      claims,
      sub,
      identity,
      context: contextOf(requester),
      statement: by?.index ?? 0,
      assumptions,
    });
  }
  return { admissions };
}

/** What a class rests on beyond the evaluation: an owner the policy names only as a prefix. */
function classNotes(r: Requester, audience: Audience, literals: PolicyLiterals): string[] {
  const hinted = literals.named.owners.some((o) => o.toLowerCase() === r.owner.toLowerCase());
  if (audience !== 'any-github-user' || !hinted) return [];
  return [
    `owner ${r.owner} is counted as an outsider: the policy names it only before a wildcard or in a workflow ref, not exactly`,
  ];
}

/**
 * The class of a requester, relative to what the policy names exactly: an owner it names by name
 * or pinned ID (an ID the policy pins belongs to one owner, whatever name it shows), then a
 * repository it names, then a ref, environment or pull_request context it names.
 */
export function classify(r: Requester, literals: PolicyLiterals): Audience {
  const has = (set: ReadonlySet<string>, value: string): boolean =>
    [...set].some((named) => named.toLowerCase() === value.toLowerCase());
  const repoPinned = literals.repositoryIds.has(r.repositoryId);
  const ownerNamed = has(literals.owners, r.owner) || literals.ownerIds.has(r.ownerId);
  if (!ownerNamed && !repoPinned) return 'any-github-user';
  if (!repoPinned && !has(literals.repositories, `${r.owner}/${r.name}`)) return 'owner';
  const named =
    r.environment !== undefined
      ? literals.environments.has(r.environment)
      : r.event === 'pull_request'
        ? literals.pullRequest
        : literals.refs.has(r.ref);
  return named ? 'refs' : 'repositories';
}
