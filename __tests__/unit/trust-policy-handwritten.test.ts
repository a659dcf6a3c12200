import {
  AUD_KEY,
  PROVIDER_ARN,
  REPO,
  SUB_KEY,
  githubClaims,
} from '../../__fixtures__/github-claims.js';
import { type PolicyDocument, evaluateTrustPolicy } from '../../src/trust-policy/generator.js';

// Policies as people write them by hand, beyond what generateTrustPolicy emits: the evaluator must
// follow IAM on each construct it claims to understand, and refuse the ones it does not.
describe('evaluateTrustPolicy on hand-written policies', () => {
  const allow = (overrides: Record<string, unknown> = {}) => ({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' },
      StringLike: { [SUB_KEY]: `repo:${REPO}:*` },
    },
    ...overrides,
  });
  const when = (condition: Record<string, Record<string, unknown>>) =>
    allow({ Condition: condition });
  const doc = (...statements: unknown[]) => ({ Statement: statements }) as PolicyDocument;
  const ghKey = (claim: string) => `token.actions.githubusercontent.com:${claim}`;

  // [case, policy, allowed, part of the reasons or ''] for a push to main of REPO.
  test.each<[string, PolicyDocument, boolean, string]>([
    ['one Statement object, not a list', { Statement: allow() } as PolicyDocument, true, ''],
    [
      'Action list',
      doc(allow({ Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'] })),
      true,
      '',
    ],
    ['Action wildcard', doc(allow({ Action: 'sts:*' })), true, ''],
    ['Action in another case', doc(allow({ Action: 'STS:assumeRoleWithWebIdentity' })), true, ''],
    [
      'only sts:AssumeRole',
      doc(allow({ Action: 'sts:AssumeRole' })),
      false,
      'Action does not include',
    ],
    [
      'condition keys ignore case',
      doc(
        when({
          StringEquals: {
            'Token.Actions.GitHubUserContent.com:SUB': `repo:${REPO}:ref:refs/heads/main`,
          },
        }),
      ),
      true,
      '',
    ],
    [
      'a list of subjects, one matching',
      doc(when({ StringLike: { [SUB_KEY]: ['repo:x/y:*', `repo:${REPO}:ref:*`] } })),
      true,
      '',
    ],
    [
      'a list of subjects, none matching',
      doc(
        when({
          StringEquals: { [SUB_KEY]: ['repo:a/b:pull_request', 'repo:a/b:environment:prod'] },
        }),
      ),
      false,
      "expects one of 'repo:a/b:pull_request', 'repo:a/b:environment:prod'",
    ],
    [
      '? matches one character',
      doc(when({ StringLike: { [SUB_KEY]: `repo:${REPO}:ref:refs/heads/mai?` } })),
      true,
      '',
    ],
    [
      'StringEquals takes * literally',
      doc(when({ StringEquals: { [SUB_KEY]: `repo:${REPO}:*` } })),
      false,
      '',
    ],
    [
      'a claim other than sub that AWS documents',
      doc(when({ StringEquals: { [ghKey('repository')]: REPO } })),
      true,
      '',
    ],
    // The SAR lists the keys STS sets for GitHub's provider; what it does with others is
    // undocumented, so they are unknown and fail an Allow.
    [
      'a claim the SAR does not list as a condition key',
      doc(when({ StringEquals: { [ghKey('repository_owner')]: 'octo-org' } })),
      false,
      'condition key token.actions.githubusercontent.com:repository_owner is not in the Service Authorization Reference',
    ],
    [
      'a claim the token lacks',
      doc(when({ StringEquals: { [ghKey('environment')]: 'prod' } })),
      false,
      "no environment claim; the policy expects 'prod'",
    ],
    [
      'a numeric operator on a value that is not a number',
      doc(when({ NumericLessThan: { [SUB_KEY]: '5' } })),
      false,
      "NumericLessThan cannot read 'repo:octo-org/octo-repo:ref:refs/heads/main' or '5'",
    ],
    [
      'a key of another provider',
      doc(when({ StringEquals: { 'accounts.google.com:aud': 'x' } })),
      false,
      'accounts.google.com:aud is not a claim',
    ],
    [
      'Principal of another provider',
      doc(allow({ Principal: { Federated: 'arn:aws:iam::1:oidc-provider/example.com' } })),
      false,
      'Principal.Federated',
    ],
    [
      'a matching Deny wins',
      doc(allow(), allow({ Effect: 'Deny' })),
      false,
      'statement 2: a Deny statement matches',
    ],
    [
      'a Deny that does not match',
      doc(allow(), { ...when({ StringLike: { [SUB_KEY]: 'repo:x/y:*' } }), Effect: 'Deny' }),
      true,
      '',
    ],
    [
      'no Allow statement',
      doc(allow({ Effect: 'Deny', Action: 'sts:AssumeRole' })),
      false,
      'no Allow statement',
    ],
    [
      'two Allows, the second matching',
      doc(when({ StringEquals: { [SUB_KEY]: 'repo:x/y:pull_request' } }), allow()),
      true,
      '',
    ],
    [
      'two Allows, neither matching',
      doc(when({ StringEquals: { [SUB_KEY]: 'x' } }), allow({ Action: 'sts:AssumeRole' })),
      false,
      "statement 1: sub is 'repo:",
    ],
  ])('%s → %s', (_name, policy, allowed, reason) => {
    const result = evaluateTrustPolicy(policy, githubClaims());
    expect(result.allowed).toBe(allowed);
    expect(result.reasons.join('\n')).toContain(reason);
  });
});
