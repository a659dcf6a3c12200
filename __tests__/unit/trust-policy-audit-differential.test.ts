// Differential test: `trust-policy audit`'s audience against an independent IAM evaluator
// (@cloud-copilot/iam-simulate) on seeded generated roles. Truth is the widest class of the
// test's own probe requesters (__fixtures__/audit-probes.ts) that the reference admits; the
// audit may report wider (triaged below, each class with the documentation it rests on), never
// narrower. A recorded set of mutants of the witness generation, one per cause of issue 23's
// under-reports, must each be caught.
//
// `npm test` runs a seeded subset; the full set (>= 1,500 roles) runs with
//   AUDIT_DIFFERENTIAL_FULL=1 node --experimental-vm-modules node_modules/jest/bin/jest.js __tests__/unit/trust-policy-audit-differential.test.ts
import { jest } from '@jest/globals';
import { type Audience, audienceRank, auditAudience } from '../../src/trust-policy/audience.js';
import type { PolicyDocument } from '../../src/trust-policy/evaluate.js';
import {
  type Candidate,
  type CandidateSource,
  candidatesOf,
} from '../../src/trust-policy/witnesses.js';
import { ACCOUNT, type Role, generateRole, prng } from '../../__fixtures__/audit-roles.js';
import { loadSarKeys, referenceAdmits, truthOf } from '../../__fixtures__/audit-probes.js';

const FULL = process.env['AUDIT_DIFFERENTIAL_FULL'] === '1';
/** Roles compared; the mutants are searched for in the first MUTANT_ROLES until one is caught. */
const ROLES = FULL ? 1600 : 40;
const MUTANT_ROLES = FULL ? 1600 : 400;
const SEED = 0xa0d17;
jest.setTimeout(FULL ? 3_600_000 : 120_000);

const role = { partition: 'aws' as const, accountId: ACCOUNT };
const rankOf = (a: Audience): number => audienceRank(a);

/** The same policy with some condition values left out: what a mutant's generator sees. */
function without(policy: PolicyDocument, drop: (value: string) => boolean): PolicyDocument {
  const list = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const Statement = list.map((s) => ({
    ...s,
    Condition: Object.fromEntries(
      Object.entries(
        (s as { Condition?: Record<string, Record<string, unknown>> }).Condition ?? {},
      ).map(([op, entries]) => [
        op,
        Object.fromEntries(
          Object.entries(entries).flatMap(([key, value]) => {
            const kept = (Array.isArray(value) ? value : [value]).filter(
              (v) => typeof v !== 'string' || !drop(v),
            );
            return kept.length === 0 ? [] : [[key, kept]];
          }),
        ),
      ]),
    ),
  }));
  return { ...policy, Statement };
}

/** Every ID value the policy holds, wildcards cut off: what the ID mutant copies. */
function policyIds(policy: PolicyDocument): string[] {
  const text = JSON.stringify(policy);
  return [...text.matchAll(/(?:repository_owner_id|repository_id)"\s*:\s*"([^"]*)"/g)].map((m) =>
    (m[1] ?? '').replace(/[*?].*$/, ''),
  );
}

/**
 * The recorded mutants: each puts back one cause of the under-reports issue 23 measured. The
 * audit evaluates the real policy; only the candidates it tries change.
 */
const MUTANTS: Record<string, CandidateSource> = {
  'cause 1: values with a wildcard dropped': (policy, host) =>
    candidatesOf(
      without(policy, (v) => /[*?]/.test(v)),
      host,
    ),
  'cause 2: values with a policy variable ignored': (policy, host) =>
    candidatesOf(
      without(policy, (v) => v.includes('${')),
      host,
    ),
  'cause 3: the policy IDs copied into every candidate': function* (policy, host) {
    const [id] = policyIds(policy);
    for (const c of candidatesOf(policy, host)) {
      if (id === undefined) yield c;
      else {
        const requester = { ...c.requester, ownerId: id, repositoryId: id };
        const claims = { ...c.claims, repository_owner_id: id, repository_id: id };
        yield { ...c, requester, claims } satisfies Candidate;
      }
    }
  },
  'cause 4: custom subject templates never written': function* (policy, host) {
    for (const c of candidatesOf(policy, host)) if (typeof c.format === 'string') yield c;
  },
};

/**
 * Why the audit may report wider than the widest admitted probe, or the reference be wrong.
 * Returns the class, or undefined for an unexplained disagreement.
 */
function triageWider(r: Role, audit: ReturnType<typeof auditAudience>): string {
  const widest = audit.admissions[0];
  if (audit.incomplete) return 'search cut short: assumed the widest (the finding says so)';
  // The audit's own witness, admitted by the reference: a requester the test's probes lack.
  if (widest !== undefined && referenceAdmits(r, widest.claims)) {
    return 'audit witness admitted by the reference too (the probes are narrower)';
  }
  // Keys the SAR does not list for the issuer (every GitHub key on GHES) and STS-time keys are
  // unknown offline; the audit assumes they admit, and names the assumption.
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
  if (widest !== undefined && widest.assumptions.length > 0) return 'rests on a named assumption';
  return 'unexplained';
}

/** IAM treats ${...} as literal text without Version 2012-10-17; the reference substitutes it. */
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-using-variables
const referenceIsWrong = (r: Role): boolean =>
  r.policy.Version !== '2012-10-17' && JSON.stringify(r.policy).includes('${');

interface Outcome {
  readonly under: string[];
  readonly counts: Record<string, number>;
}

const truths = new Map<Role, ReturnType<typeof truthOf>>();
const truthOfRole = (r: Role): ReturnType<typeof truthOf> =>
  truths.get(r) ?? (truths.set(r, truthOf(r)).get(r) as ReturnType<typeof truthOf>);

function compare(roles: readonly Role[], source?: CandidateSource, firstOnly = false): Outcome {
  const under: string[] = [];
  const counts: Record<string, number> = {};
  const count = (what: string): void => void (counts[what] = (counts[what] ?? 0) + 1);
  for (const [i, r] of roles.entries()) {
    if (firstOnly && under.length > 0) break;
    const truth = truthOfRole(r);
    const audit = auditAudience(r.policy as PolicyDocument, role, source);
    const truthRank = truth.cls === 'nobody' ? 0 : rankOf(truth.cls);
    const reported = rankOf(audit.audience);
    if (reported === truthRank) count(`agree: ${audit.audience}`);
    else if (reported > truthRank) count(`audit wider: ${triageWider(r, audit)}`);
    else if (referenceIsWrong(r)) count('reference wrong: variables without Version');
    else {
      const shown = { i, features: r.features, truth: truth.cls, audit: audit.audience };
      under.push(JSON.stringify({ ...shown, probe: truth.probe?.claims, policy: r.policy }));
    }
  }
  return { under, counts };
}

const random = prng(SEED);
const all = Array.from({ length: Math.max(ROLES, MUTANT_ROLES) }, () => generateRole(random));
const roles = all.slice(0, ROLES);

beforeAll(loadSarKeys);

test(`audit never reports narrower than iam-simulate admits (${ROLES} seeded roles)`, () => {
  const { under, counts } = compare(roles);
  console.log(JSON.stringify(counts, null, 2));
  expect(under).toEqual([]);
  expect(counts['audit wider: unexplained'] ?? 0).toBe(0);
  // The roles cover every audience, so agreement is not vacuous.
  for (const a of ['any-github-user', 'owner', 'repositories', 'refs', 'nobody']) {
    expect([a, counts[`agree: ${a}`] ?? 0]).not.toEqual([a, 0]);
  }
});

test.each(Object.keys(MUTANTS))('the test catches the mutant: %s', (name) => {
  const { under } = compare(all.slice(0, MUTANT_ROLES), MUTANTS[name], true);
  expect(under.length).toBeGreaterThan(0);
});
