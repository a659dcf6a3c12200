import {
  AUD_KEY,
  PROVIDER_ARN,
  REPO,
  SUB_KEY,
  environmentClaims,
  githubClaims,
} from '../../__fixtures__/github-claims.js';
import {
  type TrustPolicyOptions,
  generateTrustPolicy,
  conditionBlockFor,
  globMatch,
  subjectForClaims,
} from '../../src/trust-policy/generator.js';

type Options = Partial<TrustPolicyOptions>;
const conditionOf = (options: Options) =>
  generateTrustPolicy({ repository: REPO, ...options }).policy.Statement[0]?.Condition;

describe('generateTrustPolicy (the policy)', () => {
  test('an environment-scoped policy, in full', () => {
    const policy = generateTrustPolicy({
      repository: REPO,
      environment: 'prod',
      accountId: '123456789012',
    }).policy;
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [AUD_KEY]: 'sts.amazonaws.com',
              [SUB_KEY]: `repo:${REPO}:environment:prod`,
            },
          },
        },
      ],
    });
  });

  // [case, options, operator the subject goes under, subject after "repo:OWNER/NAME:"]
  test.each<[string, Options, string, string]>([
    ['environment', { environment: 'prod' }, 'StringEquals', 'environment:prod'],
    ['branch', { branch: 'main' }, 'StringEquals', 'ref:refs/heads/main'],
    ['branch as a full ref', { branch: 'refs/heads/main' }, 'StringEquals', 'ref:refs/heads/main'],
    ['branch wildcard', { branch: 'release/*' }, 'StringLike', 'ref:refs/heads/release/*'],
    ['tag wildcard', { ref: 'refs/tags/v*' }, 'StringLike', 'ref:refs/tags/v*'],
    ['one-character wildcard', { ref: 'refs/tags/v?' }, 'StringLike', 'ref:refs/tags/v?'],
    ['exact tag', { ref: 'refs/tags/v1.0.0' }, 'StringEquals', 'ref:refs/tags/v1.0.0'],
    ['pull request', { pullRequest: true }, 'StringEquals', 'pull_request'],
    ['pullRequest: false means no scope', { pullRequest: false }, 'StringLike', '*'],
    ['no scope', {}, 'StringLike', '*'],
  ])('%s → %s', (_name, options, operator, scope) => {
    const condition = conditionOf(options);
    expect(condition?.[operator]?.[SUB_KEY]).toBe(`repo:${REPO}:${scope}`);
    // The audience stays an exact match, even when the subject needs StringLike.
    expect(condition?.['StringEquals']?.[AUD_KEY]).toBe('sts.amazonaws.com');
  });

  const provider = (partition: string, account: string) =>
    `arn:${partition}:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;

  test.each<[string, Options, string, string]>([
    ['no account: placeholder', {}, provider('aws', '<ACCOUNT_ID>'), 'sts.amazonaws.com'],
    [
      'aws-cn: own partition and audience',
      { partition: 'aws-cn', accountId: '123456789012' },
      provider('aws-cn', '123456789012'),
      'sts.amazonaws.com.cn',
    ],
    [
      'aws-us-gov',
      { partition: 'aws-us-gov', accountId: '123456789012' },
      provider('aws-us-gov', '123456789012'),
      'sts.amazonaws.com',
    ],
    ['explicit audience', { audience: 'my-aud' }, provider('aws', '<ACCOUNT_ID>'), 'my-aud'],
    [
      'explicit provider',
      { providerArn: 'arn:aws:iam::1:oidc-provider/x' },
      'arn:aws:iam::1:oidc-provider/x',
      'sts.amazonaws.com',
    ],
  ])('%s', (_name, options, federated, audience) => {
    const statement = generateTrustPolicy({ repository: REPO, ...options }).policy.Statement[0];
    expect(statement?.Principal.Federated).toBe(federated);
    expect(statement?.Condition['StringEquals']?.[AUD_KEY]).toBe(audience);
  });

  test.each<[string, TrustPolicyOptions, RegExp]>([
    ['owner only', { repository: 'octo-org' }, /repository must be owner\/name/],
    ['three parts', { repository: 'octo-org/octo-repo/x' }, /owner\/name/],
    ['a URL', { repository: 'https://github.com/octo-org/octo-repo' }, /owner\/name/],
    ['spaces', { repository: 'octo org/repo' }, /owner\/name/],
    ['a wildcard repository', { repository: 'octo-org/*' }, /owner\/name/],
    ['empty', { repository: '' }, /owner\/name/],
    ['two scopes', { repository: REPO, environment: 'prod', branch: 'main' }, /only one of/],
    ['ref without refs/', { repository: REPO, ref: 'v1.0.0' }, /ref must start with refs\//],
    ['blank environment', { repository: REPO, environment: ' ' }, /environment must not be empty/],
    ['short account ID', { repository: REPO, accountId: '1234' }, /12 digits/],
  ])('rejects %s', (_name, options, message) => {
    expect(() => generateTrustPolicy(options).policy).toThrow(message);
  });
});

describe('subjectForClaims', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ["the token's own, even customised", { sub: 'repo:a/b:context:prod' }, 'repo:a/b:context:prod'],
    [
      'derived: environment wins over ref',
      { repository: REPO, environment: 'prod', ref: 'refs/heads/main' },
      `repo:${REPO}:environment:prod`,
    ],
    [
      'derived: pull request',
      { repository: REPO, event_name: 'pull_request', ref: 'refs/pull/1/merge' },
      `repo:${REPO}:pull_request`,
    ],
    ['derived: ref', { repository: REPO, ref: 'refs/tags/v1' }, `repo:${REPO}:ref:refs/tags/v1`],
    ['derived: repository only', { repository: REPO }, `repo:${REPO}:*`],
    ['nothing to go on', { aud: 'sts.amazonaws.com' }, undefined],
  ])('%s', (_name, claims, sub) => {
    expect(subjectForClaims(claims)).toBe(sub);
  });
});

describe('conditionBlockFor', () => {
  const envSub = `repo:${REPO}:environment:prod`;
  test.each<[string, Record<string, unknown>, string | undefined, Record<string, string>]>([
    [
      "the token's aud wins",
      environmentClaims(),
      'other',
      { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: envSub },
    ],
    [
      'the requested audience as fallback',
      { ...environmentClaims(), aud: undefined },
      'my-aud',
      { [AUD_KEY]: 'my-aud', [SUB_KEY]: envSub },
    ],
    [
      "an enterprise issuer's path in the keys",
      githubClaims({ iss: 'https://token.actions.githubusercontent.com/octo-ent' }),
      undefined,
      {
        'token.actions.githubusercontent.com/octo-ent:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com/octo-ent:sub': `repo:${REPO}:ref:refs/heads/main`,
      },
    ],
  ])('%s', (_name, claims, audience, values) => {
    expect(conditionBlockFor(claims, audience)).toEqual({ StringEquals: values });
  });
});

describe('globMatch (IAM StringLike)', () => {
  test.each<[string, string, boolean]>([
    ['repo:a/b:*', 'repo:a/b:ref:refs/heads/main', true],
    ['repo:a/b:*', 'repo:a/b:', true],
    ['repo:a/b:*', 'repo:a/bc:x', false],
    ['v?.0', 'v1.0', true],
    ['v?.0', 'v10.0', false],
    ['a.b', 'axb', false],
    ['a+(b)[c]', 'a+(b)[c]', true],
    ['Repo', 'repo', false],
    ['x*', 'x\ny', true],
  ])('%j against %j → %s', (pattern, value, matches) => {
    expect(globMatch(pattern, value)).toBe(matches);
  });
});
