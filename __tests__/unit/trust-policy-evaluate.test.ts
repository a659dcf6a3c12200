import fc from 'fast-check';
import {
  type Claims,
  REPO,
  branchClaims,
  environmentClaims,
  githubClaims,
  pullRequestClaims,
  tagClaims,
} from '../../__fixtures__/github-claims.js';
import {
  type TrustPolicyOptions,
  generateTrustPolicy,
  conditionBlockFor,
  evaluateTrustPolicy,
} from '../../src/trust-policy/generator.js';

type Options = Partial<TrustPolicyOptions>;
const built = (options: Options, repository = REPO) =>
  generateTrustPolicy({ repository, accountId: '123456789012', ...options }).policy;
const ALLOWED = { allowed: true, reasons: [] };

describe('evaluateTrustPolicy on built policies', () => {
  // [case, scope (or scope and repository), token claims, allowed, part of the reasons or '']
  test.each<[string, Options | [Options, string], Claims, boolean, string]>([
    [
      'environment policy, environment token',
      { environment: 'prod' },
      environmentClaims(),
      true,
      '',
    ],
    [
      'environment policy, branch token',
      { environment: 'prod' },
      branchClaims('dev'),
      false,
      `sub is 'repo:${REPO}:ref:refs/heads/dev', the policy expects 'repo:${REPO}:environment:prod'`,
    ],
    // A job with an environment gets the environment subject, even on the trusted branch.
    [
      'branch policy, environment job on it',
      { branch: 'main' },
      environmentClaims(),
      false,
      ':environment:prod',
    ],
    ['branch policy, branch token', { branch: 'main' }, branchClaims('main'), true, ''],
    [
      'branch policy, PR token',
      { branch: 'main' },
      pullRequestClaims(),
      false,
      `sub is 'repo:${REPO}:pull_request'`,
    ],
    ['PR policy, PR token', { pullRequest: true }, pullRequestClaims(), true, ''],
    ['PR policy, branch token', { pullRequest: true }, branchClaims('main'), false, ''],
    ['tag policy, matching tag', { ref: 'refs/tags/v*' }, tagClaims('v1.2.3'), true, ''],
    [
      'tag policy, other tag',
      { ref: 'refs/tags/v*' },
      tagClaims('release-1'),
      false,
      `a match for 'repo:${REPO}:ref:refs/tags/v*'`,
    ],
    ['tag policy, branch named like a tag', { ref: 'refs/tags/v*' }, branchClaims('v1'), false, ''],
    ['wildcard policy, PR token', {}, pullRequestClaims(), true, ''],
    [
      'wildcard policy, other repository',
      {},
      githubClaims({ sub: 'repo:octo-org/other:pull_request' }),
      false,
      '',
    ],
    [
      'audience mismatch',
      {},
      githubClaims({ aud: 'https://github.com/octo-org' }),
      false,
      "aud is 'https://github.com/octo-org', the policy expects 'sts.amazonaws.com'",
    ],
    // IAM compares values case-sensitively; GitHub's sub carries the repository's current spelling.
    [
      'policy for Octo-Org/Repo, token of octo-org/repo',
      [{ branch: 'main' }, 'Octo-Org/Octo-Repo'],
      branchClaims('main'),
      false,
      "expects 'repo:Octo-Org/Octo-Repo:ref:refs/heads/main'",
    ],
    [
      'enterprise issuer against the public provider',
      {},
      githubClaims({ iss: 'https://token.actions.githubusercontent.com/octo-ent' }),
      false,
      'Principal.Federated is not the OIDC provider for token.actions.githubusercontent.com/octo-ent',
    ],
    [
      'token without sub',
      {},
      githubClaims({ sub: undefined }),
      false,
      'the token has no sub claim',
    ],
  ])('%s → %s', (_name, options, claims, allowed, reason) => {
    const [scope, repository] = Array.isArray(options) ? options : [options, REPO];
    const result = evaluateTrustPolicy(built(scope, repository), claims);
    expect(result.allowed).toBe(allowed);
    if (allowed) expect(result.reasons).toEqual([]);
    expect(result.reasons.join('\n')).toContain(reason);
  });
});

describe('round trips', () => {
  test.each<[string, Options, Claims]>([
    ['environment', { environment: 'prod' }, environmentClaims()],
    ['branch', { branch: 'dev' }, branchClaims('dev')],
    ['branch wildcard', { branch: 'release/*' }, branchClaims('release/2.1')],
    ['pull request', { pullRequest: true }, pullRequestClaims()],
    ['tag pattern', { ref: 'refs/tags/v*' }, tagClaims('v10.0.1')],
    ['whole repository', {}, environmentClaims('staging')],
    ['custom audience', { audience: 'my-aud' }, githubClaims({ aud: 'my-aud' })],
    ['aws-cn audience', { partition: 'aws-cn' }, githubClaims({ aud: 'sts.amazonaws.com.cn' })],
  ])('the policy built for %s admits the matching token', (_name, options, claims) => {
    expect(evaluateTrustPolicy(built(options), claims)).toMatchObject(ALLOWED);
  });

  test.each([environmentClaims(), branchClaims('dev'), pullRequestClaims(), tagClaims('v2')])(
    'the condition suggested for a token admits it (%#)',
    (claims) => {
      const statement = {
        ...built({}).Statement[0]!,
        Condition: conditionBlockFor(claims, undefined),
      };
      expect(evaluateTrustPolicy({ Statement: [statement] }, claims)).toMatchObject(ALLOWED);
    },
  );

  test('for any branch, its policy admits its own token and no other branch', () => {
    const branch = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,40}$/);
    fc.assert(
      fc.property(branch, branch, (name, other) => {
        const policy = built({ branch: name });
        expect(evaluateTrustPolicy(policy, branchClaims(name)).allowed).toBe(true);
        expect(evaluateTrustPolicy(policy, branchClaims(other)).allowed).toBe(name === other);
      }),
    );
  });
});
