// The evaluator on IAM's condition operators and on policies as AWS's and GitHub's docs print
// them, for the claims of a push to main of REPO; plus reading policies from files.
import {
  AUD_KEY,
  PROVIDER_ARN,
  REPO,
  SUB_KEY,
  githubClaims,
} from '../../__fixtures__/github-claims.js';
import { type PolicyDocument, evaluateTrustPolicy } from '../../src/trust-policy/generator.js';
import { policyFromJson } from '../../src/trust-policy/input.js';
import { formatEvaluation } from '../../src/trust-policy/report.js';

const gh = (claim: string) => `token.actions.githubusercontent.com:${claim}`;
const statement = (condition: Record<string, Record<string, unknown>>, extra = {}) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER_ARN },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' }, ...condition },
  ...extra,
});
const doc = (...statements: unknown[]) =>
  ({ Version: '2012-10-17', Statement: statements }) as PolicyDocument;
const MAIN = `repo:${REPO}:ref:refs/heads/main`;

describe('condition operators, as IAM evaluates them', () => {
  // [case, condition, admitted, part of the reasons or '']
  test.each<[string, Record<string, Record<string, unknown>>, boolean, string]>([
    [
      'StringNotEquals on another value',
      { StringNotEquals: { [SUB_KEY]: `repo:${REPO}:pull_request` } },
      true,
      '',
    ],
    [
      'StringNotEquals on this value',
      { StringNotEquals: { [SUB_KEY]: MAIN } },
      false,
      `anything but '${MAIN}'`,
    ],
    [
      'StringNotLike on a pattern it matches',
      { StringNotLike: { [SUB_KEY]: `repo:${REPO}:ref:*` } },
      false,
      'anything but a match for',
    ],
    [
      'StringNotLike, missing key matches',
      { StringNotLike: { [gh('environment')]: 'prod*' } },
      true,
      '',
    ],
    [
      'StringEqualsIgnoreCase',
      { StringEqualsIgnoreCase: { [gh('repository')]: 'OCTO-ORG/Octo-Repo' } },
      true,
      '',
    ],
    [
      'StringEquals is case-sensitive',
      { StringEquals: { [gh('repository')]: 'OCTO-ORG/Octo-Repo' } },
      false,
      "repository is 'octo-org/octo-repo'",
    ],
    [
      'StringEqualsIfExists, key absent',
      { StringEqualsIfExists: { [gh('environment')]: 'prod' } },
      true,
      '',
    ],
    [
      'StringEqualsIfExists, key present and different',
      { StringEqualsIfExists: { [gh('ref')]: 'refs/heads/dev' } },
      false,
      "ref is 'refs/heads/main'",
    ],
    [
      'StringLike on job_workflow_ref',
      { StringLike: { [gh('job_workflow_ref')]: `${REPO}/.github/workflows/*@refs/heads/main` } },
      true,
      '',
    ],
    [
      'StringEquals on actor',
      { StringEquals: { [gh('actor')]: 'dependabot[bot]' } },
      false,
      "actor is 'octocat'",
    ],
    [
      'ForAnyValue:StringLike on sub',
      { 'ForAnyValue:StringLike': { [SUB_KEY]: `repo:${REPO}:*` } },
      true,
      '',
    ],
    [
      'ForAnyValue:StringEquals, key absent',
      { 'ForAnyValue:StringEquals': { [gh('environment')]: 'prod' } },
      false,
      'no environment claim',
    ],
    // The classic pitfall: ForAllValues is true when the request has no value for the key.
    [
      'ForAllValues:StringEquals, key absent',
      { 'ForAllValues:StringEquals': { [gh('environment')]: 'prod' } },
      true,
      '',
    ],
    [
      'ForAllValues:StringEquals, value outside the set',
      { 'ForAllValues:StringEquals': { [gh('ref')]: ['refs/heads/dev'] } },
      false,
      "ref is 'refs/heads/main'",
    ],
    ['Null true: the key must be absent', { Null: { [gh('environment')]: 'true' } }, true, ''],
    [
      'Null false: the key must be present',
      { Null: { [gh('environment')]: 'false' } },
      false,
      'no environment claim',
    ],
    [
      'several keys under one operator all count',
      { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: 'repo:x/y:pull_request' } },
      false,
      "sub is '",
    ],
    ['a numeric-typed ID claim', { StringEquals: { [gh('repository_id')]: '2002' } }, true, ''],
    [
      'enterprise_id, absent from this token',
      { StringEquals: { [gh('enterprise_id')]: '7' } },
      false,
      'no enterprise_id claim',
    ],
    [
      'amr, which GitHub tokens never carry',
      { StringEquals: { [gh('amr')]: 'authenticated' } },
      false,
      'the token has no amr claim',
    ],
  ])('%s → %s', (_name, condition, admitted, reason) => {
    const claims = githubClaims({ repository_id: 2002 });
    const result = evaluateTrustPolicy(doc(statement(condition)), claims);
    expect(result.allowed).toBe(admitted);
    expect(result.reasons.join('\n')).toContain(reason);
  });

  test('aud is read from azp when the token has one, as STS does', () => {
    const policy = doc(statement({}));
    expect(
      evaluateTrustPolicy(policy, githubClaims({ aud: 'other', azp: 'sts.amazonaws.com' })).allowed,
    ).toBe(true);
  });

  test.each<[string, Record<string, unknown>, boolean]>([
    ['NotAction listing something else', { Action: undefined, NotAction: 'sts:AssumeRole' }, true],
    [
      'NotAction listing this action',
      { Action: undefined, NotAction: 'sts:AssumeRoleWith*' },
      false,
    ],
    ['Principal *', { Principal: '*' }, true],
    [
      'Federated as a list',
      { Principal: { Federated: ['arn:aws:iam::1:oidc-provider/x', PROVIDER_ARN] } },
      true,
    ],
    [
      'Principal AWS instead of Federated',
      { Principal: { AWS: 'arn:aws:iam::123456789012:root' } },
      false,
    ],
  ])('%s → %s', (_name, extra, admitted) => {
    const result = evaluateTrustPolicy(
      doc(statement({ StringLike: { [SUB_KEY]: `repo:${REPO}:*` } }, extra)),
      githubClaims(),
    );
    expect(result.allowed).toBe(admitted);
  });
});

describe('policies from the docs', () => {
  // Shaped after AWS's "Configuring a role for GitHub OIDC identity provider"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub)
  const awsDoc = doc({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' },
      StringLike: {
        [SUB_KEY]: [
          'repo:octo-org/octo-repo:ref:refs/heads/main',
          'repo:octo-org/octo-repo:environment:prod',
        ],
      },
    },
  });
  // Shaped after GitHub's "Configuring OpenID Connect in Amazon Web Services"
  // (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws)
  const githubDoc = doc({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [AUD_KEY]: 'sts.amazonaws.com',
        [SUB_KEY]: 'repo:octo-org/octo-repo:ref:refs/heads/octo-branch',
      },
    },
  });
  // A GHES policy with the owner URL as audience, as GHES's default aud is.
  const ghesDoc = doc({
    Effect: 'Allow',
    Principal: {
      Federated: 'arn:aws:iam::123456789012:oidc-provider/ghe.example.com/_services/token',
    },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'ghe.example.com/_services/token:aud': 'https://ghe.example.com/octo-org' },
      StringLike: { 'ghe.example.com/_services/token:sub': 'repo:octo-org/octo-repo:*' },
    },
  });
  const GHES = {
    iss: 'https://ghe.example.com/_services/token',
    aud: 'https://ghe.example.com/octo-org',
  };

  // [case, policy, claims, admitted, part of the reasons or '']
  test.each<[string, PolicyDocument, Record<string, unknown>, boolean, string]>([
    ['AWS doc, push to main', awsDoc, {}, true, ''],
    [
      'AWS doc, environment job',
      awsDoc,
      { sub: 'repo:octo-org/octo-repo:environment:prod' },
      true,
      '',
    ],
    [
      'AWS doc, pull request',
      awsDoc,
      { sub: 'repo:octo-org/octo-repo:pull_request' },
      false,
      "sub is 'repo:octo-org/octo-repo:pull_request'",
    ],
    [
      'AWS doc, immutable subject of the same run',
      awsDoc,
      { sub: 'repo:octo-org@1001/octo-repo@2002:ref:refs/heads/main' },
      false,
      'octo-org@1001',
    ],
    [
      'GitHub doc, its branch',
      githubDoc,
      { sub: 'repo:octo-org/octo-repo:ref:refs/heads/octo-branch' },
      true,
      '',
    ],
    [
      'GitHub doc, main',
      githubDoc,
      {},
      false,
      "expects 'repo:octo-org/octo-repo:ref:refs/heads/octo-branch'",
    ],
    ['GHES policy, GHES token', ghesDoc, GHES, true, ''],
    [
      'GHES policy, github.com token',
      ghesDoc,
      {},
      false,
      'Principal.Federated is not the OIDC provider for token.actions.githubusercontent.com',
    ],
    [
      'GHES policy, GHES token with sts audience',
      ghesDoc,
      { ...GHES, aud: 'sts.amazonaws.com' },
      false,
      "aud is 'sts.amazonaws.com'",
    ],
  ])('%s → %s', (_name, policy, claims, admitted, reason) => {
    const result = evaluateTrustPolicy(policy, githubClaims(claims));
    expect(result.allowed).toBe(admitted);
    expect(result.reasons.join('\n')).toContain(reason);
  });

  test('the report names each condition with the value seen, then the verdict', () => {
    const lines = formatEvaluation(
      evaluateTrustPolicy(awsDoc, githubClaims({ sub: 'repo:octo-org/octo-repo:pull_request' })),
    );
    expect(lines).toEqual([
      'Statement 1 (Allow): does not apply',
      '  [match]    Action includes sts:AssumeRoleWithWebIdentity',
      '  [match]    Principal.Federated is the OIDC provider for token.actions.githubusercontent.com',
      `  [match]    StringEquals ${AUD_KEY}: saw 'sts.amazonaws.com', policy has 'sts.amazonaws.com'`,
      `  [no match] sub is 'repo:octo-org/octo-repo:pull_request', the policy expects a match for one of 'repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/octo-repo:environment:prod' (StringLike)`,
      'DENIED: no Allow statement applies to this token',
    ]);
  });
});

// An operator the evaluator does not understand never leads to an admission IAM might refuse.
test.each<[string, string, boolean]>([
  ['in an Allow it fails the statement', 'Allow', false],
  ['in a Deny it is assumed to match', 'Deny', false],
])('an unevaluated operator %s', (_name, effect, admitted) => {
  const unknown = { IpAddress: { [SUB_KEY]: '203.0.113.0/24' } };
  const allow = statement({ StringLike: { [SUB_KEY]: `repo:${REPO}:*` } });
  const policy =
    effect === 'Allow'
      ? doc(statement({ ...unknown, StringLike: { [SUB_KEY]: `repo:${REPO}:*` } }))
      : doc(allow, { ...statement(unknown), Effect: 'Deny' });
  const result = evaluateTrustPolicy(policy, githubClaims());
  expect(result.allowed).toBe(admitted);
  expect(formatEvaluation(result).join('\n')).toContain(
    'condition operator IpAddress is not evaluated here',
  );
});

test('the report warns about ForAllValues in an Allow, which admits tokens without the claim', () => {
  const policy = doc(statement({ 'ForAllValues:StringEquals': { [gh('environment')]: 'prod' } }));
  const lines = formatEvaluation(evaluateTrustPolicy(policy, githubClaims()));
  expect(lines).toContain(
    `  warning: ForAllValues:StringEquals ${gh('environment')} also matches a token without the claim; prefer StringEquals or StringLike`,
  );
  expect(lines.at(-1)).toMatch(/^ADMITTED/);
});

describe('policyFromJson', () => {
  const policy = { Version: '2012-10-17', Statement: [statement({})] };
  // [case, file text]
  test.each<[string, string]>([
    ['a policy document', JSON.stringify(policy)],
    [
      'aws iam get-role output',
      JSON.stringify({ Role: { RoleName: 'deploy', AssumeRolePolicyDocument: policy } }),
    ],
    [
      'get-role with a URL-encoded document',
      JSON.stringify({
        Role: { AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(policy)) },
      }),
    ],
    [
      '--query Role.AssumeRolePolicyDocument output',
      JSON.stringify({ AssumeRolePolicyDocument: policy }),
    ],
  ])('reads %s', (_name, text) => {
    expect(policyFromJson(text)).toEqual(policy);
  });

  test.each<[string, string, string]>([
    ['not JSON', '{', 'the policy file is not JSON'],
    ['no Statement', '{"Version":"2012-10-17"}', 'has no Statement'],
    ['a role without a document', '{"Role":{"RoleName":"x"}}', 'has no Statement'],
  ])('rejects %s', (_name, text, message) => {
    expect(() => policyFromJson(text)).toThrow(message);
  });
});
