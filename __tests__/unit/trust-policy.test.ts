import fc from 'fast-check';
import {
  type PolicyDocument,
  type TrustPolicyOptions,
  buildTrustPolicy,
  conditionBlockFor,
  evaluateTrustPolicy,
  globMatch,
  subjectForClaims,
} from '../../src/trust-policy.js';

const REPO = 'octo-org/octo-repo';
const ISS = 'https://token.actions.githubusercontent.com';
const AUD_KEY = 'token.actions.githubusercontent.com:aud';
const SUB_KEY = 'token.actions.githubusercontent.com:sub';
const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

/**
 * Claims shaped like a GitHub Actions OIDC token (the example payload in GitHub's "OpenID Connect"
 * reference), trimmed to what trust policies look at. `sub` follows GitHub's default template:
 * environment first, then pull_request, then the ref.
 */
function token(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISS,
    aud: 'sts.amazonaws.com',
    sub: `repo:${REPO}:ref:refs/heads/main`,
    repository: REPO,
    repository_owner: 'octo-org',
    ref: 'refs/heads/main',
    event_name: 'push',
    job_workflow_ref: `${REPO}/.github/workflows/deploy.yml@refs/heads/main`,
    ...overrides,
  };
}

const envToken = token({ sub: `repo:${REPO}:environment:prod`, environment: 'prod' });
const devBranchToken = token({ sub: `repo:${REPO}:ref:refs/heads/dev`, ref: 'refs/heads/dev' });
const prToken = token({ sub: `repo:${REPO}:pull_request`, event_name: 'pull_request', ref: 'refs/pull/7/merge' });
const tagToken = (tag: string): Record<string, unknown> => token({ sub: `repo:${REPO}:ref:refs/tags/${tag}`, ref: `refs/tags/${tag}` });

describe('buildTrustPolicy', () => {
  test('an environment-scoped policy, in full', () => {
    expect(buildTrustPolicy({ repository: REPO, environment: 'prod', accountId: '123456789012' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: `repo:${REPO}:environment:prod` } },
        },
      ],
    });
  });

  test.each<{ name: string; options: Partial<TrustPolicyOptions>; operator: string; sub: string }>([
    { name: 'environment', options: { environment: 'prod' }, operator: 'StringEquals', sub: `repo:${REPO}:environment:prod` },
    { name: 'branch', options: { branch: 'main' }, operator: 'StringEquals', sub: `repo:${REPO}:ref:refs/heads/main` },
    { name: 'branch given as a full ref', options: { branch: 'refs/heads/main' }, operator: 'StringEquals', sub: `repo:${REPO}:ref:refs/heads/main` },
    { name: 'branch wildcard', options: { branch: 'release/*' }, operator: 'StringLike', sub: `repo:${REPO}:ref:refs/heads/release/*` },
    { name: 'tag ref wildcard', options: { ref: 'refs/tags/v*' }, operator: 'StringLike', sub: `repo:${REPO}:ref:refs/tags/v*` },
    { name: 'exact tag ref', options: { ref: 'refs/tags/v1.0.0' }, operator: 'StringEquals', sub: `repo:${REPO}:ref:refs/tags/v1.0.0` },
    { name: 'pull request', options: { pullRequest: true }, operator: 'StringEquals', sub: `repo:${REPO}:pull_request` },
    { name: 'pullRequest: false is no scope', options: { pullRequest: false }, operator: 'StringLike', sub: `repo:${REPO}:*` },
    { name: 'no scope', options: {}, operator: 'StringLike', sub: `repo:${REPO}:*` },
  ])('$name → $operator $sub', ({ options, operator, sub }) => {
    const condition = buildTrustPolicy({ repository: REPO, ...options }).Statement[0]?.Condition;
    expect(condition?.[operator]?.[SUB_KEY]).toBe(sub);
    // The audience is always an exact match, even when the subject needs StringLike.
    expect(condition?.['StringEquals']?.[AUD_KEY]).toBe('sts.amazonaws.com');
  });

  test.each<{ name: string; options: Partial<TrustPolicyOptions>; provider: string; audience: string }>([
    { name: 'no account: placeholder', options: {}, provider: 'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com', audience: 'sts.amazonaws.com' },
    { name: 'aws-cn: own partition and audience', options: { partition: 'aws-cn', accountId: '123456789012' }, provider: 'arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', audience: 'sts.amazonaws.com.cn' },
    { name: 'aws-us-gov', options: { partition: 'aws-us-gov', accountId: '123456789012' }, provider: 'arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', audience: 'sts.amazonaws.com' },
    { name: 'explicit audience and provider', options: { audience: 'my-aud', providerArn: 'arn:aws:iam::1:oidc-provider/x' }, provider: 'arn:aws:iam::1:oidc-provider/x', audience: 'my-aud' },
  ])('$name', ({ options, provider, audience }) => {
    const statement = buildTrustPolicy({ repository: REPO, ...options }).Statement[0];
    expect(statement?.Principal.Federated).toBe(provider);
    expect(statement?.Condition['StringEquals']?.[AUD_KEY]).toBe(audience);
  });

  test.each<{ name: string; options: TrustPolicyOptions; message: RegExp }>([
    { name: 'owner only', options: { repository: 'octo-org' }, message: /repository must be owner\/name/ },
    { name: 'three parts', options: { repository: 'octo-org/octo-repo/x' }, message: /owner\/name/ },
    { name: 'a URL', options: { repository: 'https://github.com/octo-org/octo-repo' }, message: /owner\/name/ },
    { name: 'spaces', options: { repository: 'octo org/repo' }, message: /owner\/name/ },
    { name: 'wildcard repository', options: { repository: 'octo-org/*' }, message: /owner\/name/ },
    { name: 'empty', options: { repository: '' }, message: /owner\/name/ },
    { name: 'two scopes', options: { repository: REPO, environment: 'prod', branch: 'main' }, message: /only one of/ },
    { name: 'ref without refs/', options: { repository: REPO, ref: 'v1.0.0' }, message: /ref must start with refs\// },
    { name: 'empty environment', options: { repository: REPO, environment: ' ' }, message: /environment must not be empty/ },
    { name: 'bad account ID', options: { repository: REPO, accountId: '1234' }, message: /12 digits/ },
  ])('rejects $name', ({ options, message }) => {
    expect(() => buildTrustPolicy(options)).toThrow(message);
  });
});

describe('evaluateTrustPolicy on built policies', () => {
  const policy = (options: Partial<TrustPolicyOptions>, repository = REPO) =>
    buildTrustPolicy({ repository, accountId: '123456789012', ...options });

  test.each<{ name: string; options: Partial<TrustPolicyOptions>; claims: Record<string, unknown>; allowed: boolean; reason?: string; repository?: string }>([
    { name: 'environment policy, environment token', options: { environment: 'prod' }, claims: envToken, allowed: true },
    {
      name: 'environment policy, branch token',
      options: { environment: 'prod' },
      claims: devBranchToken,
      allowed: false,
      reason: `sub is 'repo:${REPO}:ref:refs/heads/dev', the policy expects 'repo:${REPO}:environment:prod'`,
    },
    // A job with an environment gets the environment subject even on the trusted branch.
    { name: 'branch policy, environment token on that branch', options: { branch: 'main' }, claims: envToken, allowed: false, reason: 'environment:prod' },
    { name: 'branch policy, branch token', options: { branch: 'main' }, claims: token(), allowed: true },
    { name: 'branch policy, PR token', options: { branch: 'main' }, claims: prToken, allowed: false, reason: `sub is 'repo:${REPO}:pull_request'` },
    { name: 'PR policy, PR token', options: { pullRequest: true }, claims: prToken, allowed: true },
    { name: 'tag policy, matching tag', options: { ref: 'refs/tags/v*' }, claims: tagToken('v1.2.3'), allowed: true },
    { name: 'tag policy, other tag', options: { ref: 'refs/tags/v*' }, claims: tagToken('release-1'), allowed: false, reason: `the policy expects a match for 'repo:${REPO}:ref:refs/tags/v*'` },
    { name: 'wildcard policy, PR token', options: {}, claims: prToken, allowed: true },
    { name: 'wildcard policy, other repository', options: {}, claims: token({ sub: 'repo:octo-org/other:ref:refs/heads/main' }), allowed: false },
    {
      name: 'audience mismatch',
      options: {},
      claims: token({ aud: 'https://github.com/octo-org' }),
      allowed: false,
      reason: "aud is 'https://github.com/octo-org', the policy expects 'sts.amazonaws.com'",
    },
    // IAM compares values case-sensitively, and GitHub's sub carries the repository's current case.
    { name: 'repository case differs', options: { branch: 'main' }, repository: 'Octo-Org/Octo-Repo', claims: token(), allowed: false, reason: "expects 'repo:Octo-Org/Octo-Repo:ref:refs/heads/main'" },
    {
      name: 'enterprise issuer against the default provider',
      options: {},
      claims: token({ iss: 'https://token.actions.githubusercontent.com/octo-ent' }),
      allowed: false,
      reason: 'Principal.Federated is not the OIDC provider for token.actions.githubusercontent.com/octo-ent',
    },
    { name: 'token without sub', options: {}, claims: token({ sub: undefined }), allowed: false, reason: 'the token has no sub claim' },
  ])('$name → $allowed', ({ options, claims, allowed, reason, repository }) => {
    const result = evaluateTrustPolicy(policy(options, repository), claims);
    expect(result.allowed).toBe(allowed);
    if (allowed) expect(result.reasons).toEqual([]);
    if (reason !== undefined) expect(result.reasons.join('\n')).toContain(reason);
  });
});

describe('evaluateTrustPolicy on hand-written policies', () => {
  const statement = (overrides: Record<string, unknown> = {}) => ({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' }, StringLike: { [SUB_KEY]: `repo:${REPO}:*` } },
    ...overrides,
  });
  const doc = (...statements: Record<string, unknown>[]): PolicyDocument =>
    ({ Version: '2012-10-17', Statement: statements }) as PolicyDocument;

  test.each<{ name: string; policy: PolicyDocument; claims?: Record<string, unknown>; allowed: boolean; reason?: string }>([
    { name: 'a single Statement object, not a list', policy: { Statement: statement() } as PolicyDocument, allowed: true },
    { name: 'Action list including the web identity action', policy: doc(statement({ Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'] })), allowed: true },
    { name: 'Action wildcard sts:*', policy: doc(statement({ Action: 'sts:*' })), allowed: true },
    { name: 'Action in another case', policy: doc(statement({ Action: 'STS:assumerolewithwebidentity' })), allowed: true },
    { name: 'only sts:AssumeRole', policy: doc(statement({ Action: 'sts:AssumeRole' })), allowed: false, reason: 'Action does not include sts:AssumeRoleWithWebIdentity' },
    {
      name: 'condition keys are case-insensitive',
      policy: doc(statement({ Condition: { StringEquals: { 'Token.Actions.GitHubUserContent.com:Sub': `repo:${REPO}:ref:refs/heads/main` } } })),
      allowed: true,
    },
    {
      name: 'a list of subjects, one matching',
      policy: doc(statement({ Condition: { StringLike: { [SUB_KEY]: [`repo:${REPO}:environment:*`, `repo:${REPO}:ref:refs/heads/*`] } } })),
      allowed: true,
    },
    {
      name: 'a list of subjects, none matching',
      policy: doc(statement({ Condition: { StringEquals: { [SUB_KEY]: ['repo:a/b:pull_request', 'repo:a/b:environment:prod'] } } })),
      allowed: false,
      reason: "the policy expects one of 'repo:a/b:pull_request', 'repo:a/b:environment:prod'",
    },
    { name: '? matches one character', policy: doc(statement({ Condition: { StringLike: { [SUB_KEY]: `repo:${REPO}:ref:refs/heads/mai?` } } })), allowed: true },
    { name: 'StringEquals does not expand *', policy: doc(statement({ Condition: { StringEquals: { [SUB_KEY]: `repo:${REPO}:*` } } })), allowed: false },
    { name: 'a claim other than sub', policy: doc(statement({ Condition: { StringEquals: { 'token.actions.githubusercontent.com:repository_owner': 'octo-org' } } })), allowed: true },
    {
      name: 'a claim the token lacks',
      policy: doc(statement({ Condition: { StringEquals: { 'token.actions.githubusercontent.com:environment': 'prod' } } })),
      allowed: false,
      reason: "the token has no environment claim; the policy expects 'prod'",
    },
    { name: 'an operator it does not evaluate', policy: doc(statement({ Condition: { 'ForAnyValue:StringLike': { [SUB_KEY]: '*' } } })), allowed: false, reason: 'ForAnyValue:StringLike is not evaluated here' },
    { name: 'a key of another provider', policy: doc(statement({ Condition: { StringEquals: { 'accounts.google.com:aud': 'x' } } })), allowed: false, reason: 'accounts.google.com:aud is not a claim of this token' },
    { name: 'a matching Deny wins', policy: doc(statement(), statement({ Effect: 'Deny' })), allowed: false, reason: 'statement 2: a Deny statement matches this token' },
    { name: 'a Deny that does not match', policy: doc(statement(), statement({ Effect: 'Deny', Condition: { StringEquals: { [SUB_KEY]: 'repo:x/y:*' } } })), allowed: true },
    { name: 'no Allow statement', policy: doc(statement({ Effect: 'Deny', Action: 'sts:AssumeRole' })), allowed: false, reason: 'the policy has no Allow statement' },
    {
      name: 'two Allows, the second matching',
      policy: doc(statement({ Condition: { StringEquals: { [SUB_KEY]: 'repo:x/y:pull_request' } } }), statement()),
      allowed: true,
    },
    {
      name: 'two Allows, neither matching: reasons per statement',
      policy: doc(statement({ Condition: { StringEquals: { [SUB_KEY]: 'repo:x/y:pull_request' } } }), statement({ Action: 'sts:AssumeRole' })),
      allowed: false,
      reason: 'statement 1: sub is',
    },
  ])('$name → $allowed', ({ policy, claims, allowed, reason }) => {
    const result = evaluateTrustPolicy(policy, claims ?? token());
    expect(result.allowed).toBe(allowed);
    if (reason !== undefined) expect(result.reasons.join('\n')).toContain(reason);
  });
});

describe('subjectForClaims and conditionBlockFor', () => {
  test.each<{ name: string; claims: Record<string, unknown>; sub: string | undefined }>([
    { name: "the token's own sub, even a customised one", claims: token({ sub: 'repo:octo-org/octo-repo:context:prod' }), sub: 'repo:octo-org/octo-repo:context:prod' },
    { name: 'derived: environment', claims: { repository: REPO, environment: 'prod', ref: 'refs/heads/main' }, sub: `repo:${REPO}:environment:prod` },
    { name: 'derived: pull request', claims: { repository: REPO, event_name: 'pull_request', ref: 'refs/pull/1/merge' }, sub: `repo:${REPO}:pull_request` },
    { name: 'derived: ref', claims: { repository: REPO, ref: 'refs/tags/v1' }, sub: `repo:${REPO}:ref:refs/tags/v1` },
    { name: 'derived: repository only', claims: { repository: REPO }, sub: `repo:${REPO}:*` },
    { name: 'nothing to go on', claims: { aud: 'sts.amazonaws.com' }, sub: undefined },
  ])('subject: $name', ({ claims, sub }) => {
    expect(subjectForClaims(claims)).toBe(sub);
  });

  test.each<{ name: string; claims: Record<string, unknown>; audience: string | undefined; expected: unknown }>([
    { name: "uses the token's aud", claims: envToken, audience: 'ignored', expected: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: `repo:${REPO}:environment:prod` } } },
    { name: 'falls back to the requested audience', claims: { ...envToken, aud: undefined }, audience: 'my-aud', expected: { StringEquals: { [AUD_KEY]: 'my-aud', [SUB_KEY]: `repo:${REPO}:environment:prod` } } },
    {
      name: "keys follow an enterprise issuer's path",
      claims: token({ iss: 'https://token.actions.githubusercontent.com/octo-ent' }),
      audience: undefined,
      expected: { StringEquals: { 'token.actions.githubusercontent.com/octo-ent:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com/octo-ent:sub': `repo:${REPO}:ref:refs/heads/main` } },
    },
  ])('condition: $name', ({ claims, audience, expected }) => {
    expect(conditionBlockFor(claims, audience)).toEqual(expected);
  });

  test.each([envToken, devBranchToken, prToken, tagToken('v2')])('the suggested condition admits the token it came from (%#)', (claims) => {
    const policy = buildTrustPolicy({ repository: REPO, accountId: '123456789012' });
    const suggested = { ...policy, Statement: [{ ...policy.Statement[0]!, Condition: conditionBlockFor(claims, undefined) }] };
    expect(evaluateTrustPolicy(suggested, claims)).toEqual({ allowed: true, reasons: [] });
  });
});

describe('round trip: the policy built for a scope admits the token of that scope', () => {
  test.each<{ name: string; options: Partial<TrustPolicyOptions>; claims: Record<string, unknown> }>([
    { name: 'environment', options: { environment: 'prod' }, claims: envToken },
    { name: 'branch', options: { branch: 'dev' }, claims: devBranchToken },
    { name: 'pull request', options: { pullRequest: true }, claims: prToken },
    { name: 'tag pattern', options: { ref: 'refs/tags/v*' }, claims: tagToken('v10.0.1') },
    { name: 'whole repository', options: {}, claims: envToken },
    { name: 'custom audience', options: { audience: 'my-aud' }, claims: token({ aud: 'my-aud' }) },
  ])('$name', ({ options, claims }) => {
    expect(evaluateTrustPolicy(buildTrustPolicy({ repository: REPO, ...options }), claims)).toEqual({ allowed: true, reasons: [] });
  });

  test('any branch name: policy for it admits its token and no other branch', () => {
    const branch = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,40}$/);
    fc.assert(
      fc.property(branch, branch, (name, other) => {
        const policy = buildTrustPolicy({ repository: REPO, branch: name });
        const claimsFor = (b: string) => token({ sub: `repo:${REPO}:ref:refs/heads/${b}`, ref: `refs/heads/${b}` });
        expect(evaluateTrustPolicy(policy, claimsFor(name)).allowed).toBe(true);
        expect(evaluateTrustPolicy(policy, claimsFor(other)).allowed).toBe(name === other);
      }),
    );
  });
});

describe('globMatch', () => {
  test.each<{ pattern: string; value: string; matches: boolean }>([
    { pattern: 'repo:a/b:*', value: 'repo:a/b:ref:refs/heads/main', matches: true },
    { pattern: 'repo:a/b:*', value: 'repo:a/b:', matches: true },
    { pattern: 'repo:a/b:*', value: 'repo:a/bc:x', matches: false },
    { pattern: 'v?.0', value: 'v1.0', matches: true },
    { pattern: 'v?.0', value: 'v10.0', matches: false },
    { pattern: 'a.b', value: 'axb', matches: false },
    { pattern: 'a+(b)', value: 'a+(b)', matches: true },
    { pattern: 'Repo', value: 'repo', matches: false },
    { pattern: '*', value: 'line\nbreak', matches: true },
  ])("'$pattern' vs '$value' → $matches", ({ pattern, value, matches }) => {
    expect(globMatch(pattern, value)).toBe(matches);
  });
});
