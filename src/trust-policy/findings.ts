import { type Admission, type Audience, auditAudience, isGitHubIssuer } from './audience.js';
import {
  type PolicyDocument,
  type PolicyStatement,
  allowsWebIdentity,
  statementsOf,
} from './evaluate.js';
import { GITHUB_OIDC_HOST } from './issuer.js';
import { type Example, exampleLike, pullRequestAdmission } from './examples.js';
import { globMatch } from './glob.js';
import type { RoleAccount } from './principal.js';
import { type PolicyLiterals, literalsOf } from './witnesses.js';
import { fixFor } from './fix-command.js';
import { strings } from './variables.js';

/**
 * The audit of one role: its audience and every finding, each naming the statement and condition
 * responsible, an example `sub` an outsider could present, and the fix as `generate` writes it.
 */

export const FINDING_KINDS = {
  'audience-any-github-user': 'Any GitHub user can assume the role',
  'audience-owner': 'Any repository of the owner can assume the role',
  'audience-repositories': 'Any ref or environment of the listed repositories can assume the role',
  'audience-refs': 'Only specific refs or environments can assume the role',
  'audience-nobody': 'No GitHub token can assume the role',
  'wildcard-principal': 'The role trusts every federated principal',
  'wildcard-crosses-owner': 'A wildcard crosses the owner boundary',
  'wildcard-crosses-repository': 'A wildcard crosses the repository boundary',
  'pull-request-subject': 'pull_request runs can assume the role',
  'missing-aud': 'No condition on aud',
  'stringlike-without-wildcard': 'StringLike on a value without a wildcard',
  'names-only-subject': 'Names-only subject where the immutable-ID format is available',
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  readonly kind: FindingKind;
  readonly level: 'error' | 'warning' | 'note';
  /** 1-based statement number, and its Sid when it has one. */
  readonly statement?: number;
  readonly sid?: string;
  /** The condition responsible, as `Operator key 'value'`, or what is missing. */
  readonly condition?: string;
  readonly example?: string;
  readonly message: string;
  readonly fix?: string;
  /** Unknowns the finding assumed in favour of admission; empty when certain. */
  readonly assumptions: readonly string[];
}

export interface RoleAudit {
  readonly audience: Audience;
  readonly issuers: readonly string[];
  readonly findings: readonly Finding[];
}

const LEVEL: Record<Audience, Finding['level']> = {
  'any-github-user': 'error',
  owner: 'warning',
  repositories: 'note',
  refs: 'note',
  nobody: 'note',
};

/** Audits a trust policy; undefined when it trusts no GitHub issuer (nor every principal). */
export function auditTrustPolicy(
  policy: PolicyDocument,
  role?: RoleAccount,
): RoleAudit | undefined {
  const result = auditAudience(policy, role);
  if (result.issuers.length === 0) return undefined;
  const statements = statementsOf(policy);
  const literals = literalsOf(policy);
  const widest = result.admissions[0];
  const issuer = widest?.issuer ?? result.issuers[0] ?? GITHUB_OIDC_HOST;
  const at = (index: number): Pick<Finding, 'statement' | 'sid'> => {
    const sid = statements[index]?.Sid;
    return { statement: index + 1, ...(sid === undefined ? {} : { sid }) };
  };
  const named = { owners: literals.owners, repositories: literals.repositories };
  const exampleOf = (a: Admission, pullRequest = false): Example | undefined =>
    exampleLike(policy, a, named, role, pullRequest);
  const findings: Finding[] = [
    audienceFinding(result.audience, widest, statements, literals, at, exampleOf),
  ];
  if (result.incomplete) {
    const first = findings[0] as Finding;
    const note =
      result.cutShort === 'policy-size'
        ? 'the policy names too many owners, repositories and contexts for the audit to try each subject; it assumes the widest audience'
        : `the policy has more combinations of values than the audit tries; it assumes the widest audience`;
    findings[0] = { ...first, assumptions: [...first.assumptions, note] };
  }
  if (result.wildcardPrincipal) {
    findings.push({
      kind: 'wildcard-principal',
      level: 'error',
      message: `Principal "*" (or a Federated wildcard) lets any OIDC provider in the account, GitHub's included, call ${'sts:AssumeRoleWithWebIdentity'}.`,
      fix: fixFor(literals, issuer, false),
      assumptions: [],
    });
  }
  statements.forEach((s, index) => {
    if (s.Effect !== 'Allow' || !allowsWebIdentity(s)) return;
    const admitted = result.admissions.filter((a) => a.statement === index);
    findings.push(
      ...crossings(s, admitted, literals, issuer, exampleOf).map((f) => ({ ...at(index), ...f })),
    );
    const keys = Object.values(s.Condition ?? {}).flatMap((entries) => Object.keys(entries));
    const first = admitted[0];
    if (first !== undefined && !keys.some((k) => k.toLowerCase().endsWith(':aud'))) {
      findings.push({
        ...at(index),
        kind: 'missing-aud',
        level: 'warning',
        condition: `no condition on ${first.issuer}:aud`,
        ...exampleField(exampleOf(first)),
        message: `The statement admits tokens minted for any audience. Pin ${first.issuer}:aud to the audience the action requests.`,
        fix: `add "StringEquals": {"${first.issuer}:aud": "sts.amazonaws.com"}`,
        assumptions: first.assumptions,
      });
    }
  });
  // A pull_request run of any requester the policy admits, not only of the candidates the
  // audience search happened to try as pull requests: repo:OWNER* admits them as repo:* does.
  const pr = pullRequestAdmission(result.pullRequests, result.admissions, exampleOf);
  if (pr !== undefined) {
    findings.push({
      ...at(pr.admission.statement),
      kind: 'pull-request-subject',
      level: 'warning',
      condition: subConditions(statements[pr.admission.statement]),
      ...exampleField(pr.example),
      message: `Runs triggered by pull_request can assume the role: they run the code of the pull request, which can come from a fork when the repository runs workflows for forks.`,
      fix: fixFor(literals, issuer, false),
      assumptions: pr.admission.assumptions,
    });
  }
  findings.push(...staticFindings(statements, at, literals));
  return { audience: result.audience, issuers: result.issuers, findings };
}

/** The example field of a finding: only a subject GitHub would issue. */
const exampleField = (example: Example | undefined): Pick<Finding, 'example'> =>
  example === undefined ? {} : { example: example.sub };

function audienceFinding(
  audience: Audience,
  widest: Admission | undefined,
  statements: readonly PolicyStatement[],
  literals: PolicyLiterals,
  at: (index: number) => Pick<Finding, 'statement' | 'sid'>,
  exampleOf: (a: Admission) => Example | undefined,
): Finding {
  const kind = `audience-${audience}` as FindingKind;
  if (widest === undefined) {
    return {
      kind,
      level: 'note',
      message:
        'No GitHub token can assume this role: no Allow statement applies, or a Deny closes every way in.',
      assumptions: [],
    };
  }
  const example = exampleOf(widest);
  const who = example?.repository ?? `${widest.identity.owner}/${widest.identity.name}`;
  const context = example?.context ?? widest.context;
  const wide = audience !== 'refs';
  return {
    ...at(widest.statement),
    kind,
    level: LEVEL[audience],
    condition: subConditions(statements[widest.statement]),
    ...exampleField(example),
    message: `${FINDING_KINDS[kind]}. For example, a run of ${who} (${context}) is admitted.`,
    ...(wide ? { fix: fixFor(literals, widest.issuer, false) } : {}),
    assumptions: widest.assumptions,
  };
}

/** The statement's conditions on sub (or on repository), as text, or that it has none. */
function subConditions(statement: PolicyStatement | undefined): string {
  const parts = Object.entries(statement?.Condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries)
      .filter(([key]) => /:(sub|repository)$/i.test(key))
      .map(([key, value]) => `${operator} ${key} ${JSON.stringify(value)}`),
  );
  return parts.length > 0 ? parts.join('; ') : 'no condition on sub';
}

/** Where a pattern's first wildcard sits in repo:OWNER/NAME:CONTEXT. */
export function wildcardBoundary(pattern: string): 'owner' | 'repository' | undefined {
  const w = pattern.search(/[*?]/);
  if (w < 0) return undefined;
  const head = pattern.slice(0, w);
  if (/^repo:[^/:]+\/[^/:]+:/.test(head)) return undefined;
  return /^repo:[^/:]+\//.test(head) ? 'repository' : 'owner';
}

function crossings(
  statement: PolicyStatement,
  admitted: readonly Admission[],
  literals: PolicyLiterals,
  issuer: string,
  exampleOf: (a: Admission) => Example | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!/Like/.test(operator) || /Not/.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) {
      const claim = key.slice(key.lastIndexOf(':') + 1).toLowerCase();
      if (claim !== 'sub' && claim !== 'repository') continue;
      for (const pattern of strings(value)) {
        const boundary = wildcardBoundary(claim === 'sub' ? pattern : `repo:${pattern}:`);
        const wide = boundary === 'owner' ? ['any-github-user'] : ['any-github-user', 'owner'];
        const shown = admitted.find(
          (a) =>
            boundary !== undefined &&
            wide.includes(a.audience) &&
            globMatch(pattern, claim === 'sub' ? a.sub : `${a.identity.owner}/${a.identity.name}`),
        );
        if (boundary === undefined || shown === undefined) continue;
        const example = exampleOf(shown);
        const who = example?.repository ?? `${shown.identity.owner}/${shown.identity.name}`;
        out.push({
          kind: boundary === 'owner' ? 'wildcard-crosses-owner' : 'wildcard-crosses-repository',
          level: boundary === 'owner' ? 'error' : 'warning',
          condition: `${operator} ${key} '${pattern}'`,
          ...exampleField(example),
          message: `The wildcard in '${pattern}' also matches ${who}, which the policy does not name.`,
          fix: fixFor(literals, issuer, false),
          assumptions: shown.assumptions,
        });
      }
    }
  }
  return out;
}

function staticFindings(
  statements: readonly PolicyStatement[],
  at: (index: number) => Pick<Finding, 'statement' | 'sid'>,
  literals: PolicyLiterals,
): Finding[] {
  const out: Finding[] = [];
  statements.forEach((s, index) => {
    for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        const host = key.slice(0, Math.max(key.lastIndexOf(':'), 0));
        for (const v of strings(value)) {
          const plain = v.replace(/\$\{[*?]\}/g, '');
          if (/Like/.test(operator) && !/[*?]/.test(plain)) {
            out.push({
              ...at(index),
              kind: 'stringlike-without-wildcard',
              level: 'note',
              condition: `${operator} ${key} '${v}'`,
              message: `'${v}' has no wildcard, so ${operator} compares it exactly. StringLike here invites a later '*' that widens the role.`,
              fix: `use ${operator.replace('Like', 'Equals')} for '${v}'`,
              assumptions: [],
            });
          }
          const namesOnly = /^repo:[^/:@*?]+\/[^/:@*?]+(:|$)/.test(v);
          const github = isGitHubIssuer(host) && !host.endsWith('/_services/token');
          if (s.Effect === 'Allow' && key.toLowerCase().endsWith(':sub') && namesOnly && github) {
            out.push({
              ...at(index),
              kind: 'names-only-subject',
              level: 'note',
              condition: `${operator} ${key} '${v}'`,
              message: `'${v}' names the owner and repository only. After a rename or transfer, whoever takes the old name matches it, and repositories on the immutable-ID format never do.`,
              fix: fixFor(literals, host, true, v),
              assumptions: [],
            });
          }
        }
      }
    }
  });
  return out;
}
