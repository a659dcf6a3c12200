import { type PolicyDocument, allowsWebIdentity, statementsOf } from './evaluate.js';
import { type Named, instancesOf } from './witness-values.js';
import {
  FRESH,
  FRESH_REPO,
  type Patch,
  type Requester,
  type SubjectFormat,
  claimsOf,
  merge,
  patchOf,
  requesterOf,
  subjectOf,
} from './witness-requester.js';
import { literalsOf } from './witness-literals.js';
import { type Claims, expectedValues, strings } from './variables.js';

export { type PolicyLiterals, literalsOf } from './witness-literals.js';

/**
 * Candidate tokens for auditing a trust policy, built from the policy, not from a list: every
 * condition value of every key and operator yields requesters (its wildcards filled with text an
 * outsider controls), and each candidate's claims all come from one requester model
 * (witness-requester.ts), its `sub` written in every format GitHub issues. Pure.
 */

/** One candidate token and the requester it models. */
export interface Candidate {
  readonly requester: Requester;
  readonly claims: Claims;
  readonly sub: string;
  readonly format: SubjectFormat;
}

/** A source of candidates for one issuer (host/path); the audit's own is candidatesOf. */
export type CandidateSource = (policy: PolicyDocument, host: string) => Iterable<Candidate>;

const FREE_WORKFLOW = `${FRESH}-org/${FRESH_REPO}/.github/workflows/deploy.yml@refs/heads/${FRESH}`;

/** One way to set a claim: a patch, or a value whose policy variables need the requester first. */
type Choice = { readonly patch: Patch } | { readonly claim: string; readonly deferred: string };

/** Candidates for a policy and issuer, statement by statement: see the file comment. */
export function* candidatesOf(policy: PolicyDocument, host: string): Generator<Candidate> {
  const variables = policy.Version === '2012-10-17';
  const literals = literalsOf(policy);
  const ghes = host.endsWith('/_services/token');
  const statements = statementsOf(policy);
  const denies = statements.filter((s) => s.Effect === 'Deny');
  const templates = new Map<string, readonly string[]>();
  const allows = statements.filter((s) => s.Effect === 'Allow' && allowsWebIdentity(s));
  const choices = allows.map((allow) => choicesOf([allow, ...denies], host, literals, variables));
  for (const perClaim of choices) {
    for (const list of perClaim.values()) {
      for (const c of list) {
        const t = 'patch' in c ? c.patch.template : undefined;
        if (t !== undefined && t.join() !== 'repo,context') templates.set(t.join(), t);
      }
    }
  }
  // One customisation that does not start with `repo:`, which any owner may choose, besides the
  // policy's own: a negated subject pattern (StringNotLike "repo:*") admits it.
  templates.set('ids', ['repository_owner_id', 'repository_id', 'context']);
  const formats: SubjectFormat[] = ['names', 'immutable', ...templates.values()];
  for (const perClaim of choices) {
    for (const combination of product([...perClaim.values()])) {
      for (const patch of completions(combination, literals)) {
        const requester = resolve(patch, combination, host, literals, variables);
        const claims = claimsOf(requester, host);
        for (const format of formats) {
          const sub = subjectOf(requester, claims, format, ghes);
          if (sub !== undefined) yield { requester, claims: { ...claims, sub }, sub, format };
        }
      }
    }
  }
}

/** Per claim the statements condition on, each way to set it, the requester's own first. */
function choicesOf(
  statements: ReturnType<typeof statementsOf>,
  host: string,
  literals: ReturnType<typeof literalsOf>,
  variables: boolean,
): Map<string, Choice[]> {
  const byClaim = new Map<string, Map<string, Choice>>();
  for (const statement of statements) {
    for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        const at = key.lastIndexOf(':');
        if (key.slice(0, Math.max(at, 0)).toLowerCase() !== host.toLowerCase()) continue;
        const claim = key.slice(at + 1).toLowerCase();
        const seen = byClaim.get(claim) ?? new Map<string, Choice>([['', { patch: {} }]]);
        // A value of the requester's own choosing, for a claim it sets freely (a reusable
        // workflow elsewhere, another actor), so that a negated condition on it can be met.
        const own = patchOf(claim, claim === 'job_workflow_ref' ? FREE_WORKFLOW : FRESH);
        if (own?.free !== undefined) seen.set('own', { patch: own });
        byClaim.set(claim, seen);
        const named: Named = { ...literals.named, values: literals.exact.get(claim) ?? [] };
        for (const pattern of [...strings(value), ...numericNeighbours(operator, value)]) {
          for (const instance of instancesOf(pattern, claim, named, variables)) {
            if (variables && /\$\{/.test(instance)) {
              seen.set(`$${claim}|${instance}`, { claim, deferred: instance });
              continue;
            }
            const patch = patchOf(claim, instance);
            if (patch !== undefined) seen.set(JSON.stringify(patch), { patch });
          }
        }
      }
    }
  }
  return new Map([...byClaim].map(([claim, seen]) => [claim, [...seen.values()]]));
}

/** For a Numeric operator, the numbers beside each limit, so that < and > can be met. */
function numericNeighbours(operator: string, value: unknown): string[] {
  if (!/Numeric/.test(operator)) return [];
  return strings(value).flatMap((v) => {
    const n = Number(v);
    return Number.isFinite(n) ? [String(n - 1), String(n + 1), '0'] : [];
  });
}

/**
 * The choices as patches, once without deferred ones; where they fix no identity (or no
 * context), each default the policy suggests: an outsider, a named owner's new repository, a
 * named repository; a new branch, a pull request, a new environment.
 */
function* completions(
  combination: readonly Choice[],
  literals: ReturnType<typeof literalsOf>,
): Generator<Patch> {
  // A subject's patch goes first: a claim of its own (ref, repository_id, ...) is more specific
  // than what a filled subject pattern implies, and the subject is written from the result.
  let patch: Patch = {};
  const ordered = [...combination].sort((a, b) => Number(!isSubject(a)) - Number(!isSubject(b)));
  for (const c of ordered) if ('patch' in c) patch = merge(patch, c.patch);
  const identities: Patch[] =
    patch.owner !== undefined || patch.name !== undefined
      ? [{}]
      : [
          {},
          ...literals.named.owners.map((owner) => ({ owner, name: FRESH_REPO })),
          ...[...literals.repositories].map((full) => {
            const [owner = '', name = ''] = full.split('/');
            return { owner, name };
          }),
        ];
  // A new environment or a pull request run, wherever the patch leaves them open.
  const contexts: Patch[] = [
    {},
    ...(patch.event === undefined ? [{ event: 'pull_request' }] : []),
    ...(patch.environment === undefined ? [{ environment: FRESH }] : []),
  ];
  for (const identity of identities) {
    for (const context of contexts) yield merge(merge(identity, context), patch);
  }
}

const isSubject = (c: Choice): boolean => 'patch' in c && c.patch.template !== undefined;

/** The requester for a patch, then each deferred value with the requester's own values in it. */
function resolve(
  patch: Patch,
  combination: readonly Choice[],
  host: string,
  literals: ReturnType<typeof literalsOf>,
  variables: boolean,
): Requester {
  let requester = requesterOf(patch);
  let resolved = patch;
  for (const c of combination) {
    if (!('deferred' in c)) continue;
    // IAM substitutes the requester's own claim for ${ISSUER:claim} (2012-10-17 only).
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    const claims = claimsOf(requester, host);
    const [value = ''] = expectedValues([c.deferred], claims, host, true).values;
    const named: Named = { ...literals.named, values: [] };
    const [instance = value] = instancesOf(
      value.replace(/\$\{[^}]*\}/g, '*'),
      c.claim,
      named,
      variables,
    );
    const extra = patchOf(c.claim, instance);
    if (extra === undefined) continue;
    resolved = merge(resolved, extra);
    requester = requesterOf(resolved);
  }
  return requester;
}

function* product<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
  const [first, ...rest] = lists;
  if (first === undefined) {
    yield [];
    return;
  }
  for (const item of first) for (const tail of product(rest)) yield [item, ...tail];
}
