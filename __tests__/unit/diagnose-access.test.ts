// diagnoseFailure on refusals: the web identity trust policy, and AssumeRole's two-sided check.
import { ISSUER, environmentClaims } from '../../__fixtures__/github-claims.js';
import { STS_MESSAGES, type StsMessageKey } from '../../__fixtures__/sts-errors.js';
import {
  type DiagnosisContext,
  diagnoseFailure,
  formatDiagnosis,
} from '../../src/diagnose/diagnose-failure.js';
import { HopError, StsCallError } from '../../src/model/errors.js';
import { admittingStatement } from '../../src/diagnose/web-identity.js';
import { conditionBlockFor, evaluateTrustPolicy } from '../../src/trust-policy/generator.js';

const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const failed = (operation: string, code: string, key: StsMessageKey, hop = 1, count = 1) =>
  new HopError(
    'default',
    hop,
    count,
    ROLE,
    new StsCallError(operation, code, STS_MESSAGES[key], 403),
  );
const webIdentity = (code: string, key: StsMessageKey) =>
  failed('AssumeRoleWithWebIdentity', code, key);
const assumeRole = (key: StsMessageKey, hop = 1, count = 1) =>
  failed('AssumeRole', 'AccessDenied', key, hop, count);

const CLAIMS = environmentClaims('prod');
const oidc: DiagnosisContext = {
  sourceKind: 'oidc',
  claims: CLAIMS,
  audience: 'sts.amazonaws.com',
};
const keys: DiagnosisContext = { sourceKind: 'static-keys' };
const chained: DiagnosisContext = { sourceKind: 'role-chaining' };

describe('diagnoseFailure on refusals', () => {
  // [case, error, context, title pattern, phrases the text must contain]
  test.each<[string, unknown, DiagnosisContext, RegExp, string[]]>([
    [
      'web identity AccessDenied',
      webIdentity('AccessDenied', 'webIdentityDenied'),
      oidc,
      /trust policy did not admit this workflow's OIDC token$/,
      [
        'sub: repo:octo-org/octo-repo:environment:prod',
        'aud: sts.amazonaws.com',
        'environment: prod',
        'job_workflow_ref: octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
        'pull requests repo:O/R:pull_request',
        'changed case',
      ],
    ],
    [
      'web identity without decoded claims',
      webIdentity('AccessDenied', 'webIdentityDenied'),
      { sourceKind: 'web-identity-token-file' },
      /trust policy did not admit/,
      ['- the role does not exist or the ARN is mistyped', 'a role named deploy'],
    ],
    [
      'OIDC provider missing',
      webIdentity('InvalidIdentityToken', 'noProvider'),
      oidc,
      /^No OIDC provider registered for https:\/\/token.actions.githubusercontent.com in account 222222222222$/,
      [
        'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com',
        '--thumbprint-list ffffffffffffffffffffffffffffffffffffffff',
        'released before July 2024',
        'templates/terraform/github-oidc-role',
      ],
    ],
    [
      'OIDC provider missing, wording with a trailing period, token-file source',
      webIdentity('AccessDenied', 'noProviderPeriod'),
      { sourceKind: 'web-identity-token-file', audience: 'sigstore' },
      /^No OIDC provider registered for https:\/\/token.actions.githubusercontent.com in account/,
      ['--client-id-list sigstore'],
    ],
    [
      'audience not in the provider',
      webIdentity('InvalidIdentityToken', 'badAudience'),
      { ...oidc, claims: { ...CLAIMS, aud: 'deploy.example.com' } },
      /^The token's audience deploy.example.com is not in the client-ID list of the OIDC provider for token.actions.githubusercontent.com$/,
      [
        'remove the `audience` input, so the token carries sts.amazonaws.com',
        'aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com --client-id deploy.example.com',
      ],
    ],
    [
      'token unverifiable after fresh tokens',
      webIdentity('InvalidIdentityToken', 'tokenNotValidated'),
      oidc,
      /expired or unverifiable/,
      ["the runner's clock is most likely off"],
    ],
    [
      'assumed-role caller, another account, second hop',
      assumeRole('roleDenied', 2, 2),
      chained,
      /^sts:AssumeRole was denied on arn:aws:iam::222222222222:role\/deploy \(hop 2 of 2\)$/,
      [
        'Caller: arn:aws:sts::111111111111:assumed-role/gateway/sess',
        `identity policy of arn:aws:iam::111111111111:role/gateway must allow sts:AssumeRole on ${ROLE}`,
        'must name arn:aws:iam::111111111111:role/gateway (or arn:aws:iam::111111111111:root) as Principal',
        'Across accounts both',
        '`role-external-id` (external-id= on a role-chain',
      ],
    ],
    [
      'IAM user in the same account',
      assumeRole('userDenied'),
      keys,
      /^sts:AssumeRole was denied on arn:aws:iam::111111111111:role\/deploy$/,
      ['The identity policy of arn:aws:iam::111111111111:user/ci', 'Same account'],
    ],
    [
      'AssumeRole refusal in an unexpected wording',
      assumeRole('accessDenied'),
      keys,
      /denied on arn:aws:iam::222222222222:role\/deploy/,
      [
        'must both allow it',
        'Or the role does not exist or the ARN is mistyped',
        'account 222222222222 has a role named deploy',
        '`role-external-id`',
        '`mfa-serial-number`',
      ],
    ],
    [
      'TagSession',
      assumeRole('tagDenied'),
      chained,
      /does not allow sts:TagSession/,
      ['next to sts:AssumeRole', '`role-skip-session-tagging`: true', 'skip-session-tagging on'],
    ],
    [
      'SetSourceIdentity',
      assumeRole('sourceIdentityDenied'),
      keys,
      /does not allow sts:SetSourceIdentity/,
      ['remove `source-identity`'],
    ],
    [
      'MFA code rejected',
      assumeRole('mfaInvalid'),
      keys,
      /MFA/,
      ['`mfa-serial-number`', '`mfa-token-code`', 'fresh one'],
    ],
    [
      'plain refusal after sending MFA',
      assumeRole('userDenied'),
      { ...keys, usesMfa: true },
      /MFA/,
      ['`mfa-totp-secret`'],
    ],
  ])('%s', (_name, error, context, title, phrases) => {
    const diagnosis = diagnoseFailure(error, context);
    expect(diagnosis?.title).toMatch(title);
    const text = diagnosis === undefined ? '' : formatDiagnosis(diagnosis);
    for (const phrase of phrases) expect(text).toContain(phrase);
    // A short block that shows no claim beyond those trust policies match on.
    expect(diagnosis?.lines.length).toBeLessThanOrEqual(12);
    for (const claim of ['actor', 'sha', 'run_id']) expect(text).not.toContain(`${claim}:`);
  });

  test('a message that names the external ID gets that hint alone', () => {
    const error = new StsCallError('AssumeRole', 'AccessDenied', 'ExternalId does not match', 403);
    expect(diagnoseFailure(error, keys)).toEqual({
      title: 'The role expects a different external ID',
      lines: [expect.stringContaining('`role-external-id`')],
    });
  });

  test('the suggested condition is the one that admits this token', () => {
    const diagnosis = diagnoseFailure(webIdentity('AccessDenied', 'webIdentityDenied'), oidc);
    const condition = conditionBlockFor(CLAIMS, 'sts.amazonaws.com');
    expect(diagnosis?.lines).toContain(`  ${JSON.stringify(condition)}`);
  });

  test('a plain web identity refusal lists the causes, subject first', () => {
    const diagnosis = diagnoseFailure(webIdentity('AccessDenied', 'webIdentityDenied'), oidc);
    const causes = diagnosis?.lines.filter((line) => line.startsWith('- ')) ?? [];
    expect(causes).toHaveLength(4);
    expect(causes[0]?.startsWith('- sub differs by trigger')).toBe(true);
  });
});

describe('web identity refusal: subject format and the statement that admits this run', () => {
  const GHES = 'https://ghe.example.com/_services/token';
  const WORKFLOW = 'octo-org/shared/.github/workflows/deploy.yml@refs/heads/main';
  // [case, claims, phrases the text must contain]
  test.each<[string, Record<string, unknown>, string[]]>([
    [
      'immutable IDs',
      { sub: 'repo:octo-org@1001/octo-repo@2002:environment:prod' },
      [
        'Subject format: immutable IDs',
        'a policy written with names only (repo:octo-org/octo-repo:environment:prod) does not match it',
        '"token.actions.githubusercontent.com:sub":"repo:octo-org@1001/octo-repo@2002:environment:prod"',
      ],
    ],
    [
      'names only, with the IDs the immutable format would carry',
      { repository_owner_id: '1001', repository_id: '2002' },
      [
        'Subject format: names only',
        'a policy written for immutable IDs (repo:octo-org@1001/octo-repo@2002:environment:prod) does not match it',
      ],
    ],
    [
      'customised template',
      {
        sub: `repo:octo-org/octo-repo:environment:prod:job_workflow_ref:${WORKFLOW}`,
        job_workflow_ref: WORKFLOW,
      },
      [
        "Subject format: a customised template (not GitHub's default)",
        `its sub includes: repo=octo-org/octo-repo, environment=prod, job_workflow_ref=${WORKFLOW}`,
        `"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:environment:prod:job_workflow_ref:${WORKFLOW}"`,
      ],
    ],
    [
      'GHES issuer',
      { iss: GHES, aud: 'https://ghe.example.com/octo-org' },
      [
        'Principal.Federated arn:aws:iam::222222222222:oidc-provider/ghe.example.com/_services/token',
        '"ghe.example.com/_services/token:aud":"https://ghe.example.com/octo-org"',
        '"ghe.example.com/_services/token:sub":"repo:octo-org/octo-repo:environment:prod"',
        "- the policy's ghe.example.com/_services/token:aud is not the token's aud",
      ],
    ],
    [
      'GHE Cloud enterprise issuer',
      { iss: 'https://token.actions.githubusercontent.com/octo-ent' },
      [
        'oidc-provider/token.actions.githubusercontent.com/octo-ent',
        '"token.actions.githubusercontent.com/octo-ent:sub"',
      ],
    ],
  ])('%s', (_name, overrides, phrases) => {
    const context = { ...oidc, claims: { ...CLAIMS, ...overrides } };
    const diagnosis = diagnoseFailure(webIdentity('AccessDenied', 'webIdentityDenied'), context);
    const text = diagnosis === undefined ? '' : formatDiagnosis(diagnosis);
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(diagnosis?.lines.length).toBeLessThanOrEqual(12);
  });

  test('the suggested statement admits the token under the shared evaluator', () => {
    const claims = { ...CLAIMS, iss: GHES, sub: 'repo:octo-org@1/octo-repo@2:ref:refs/heads/main' };
    const statement = admittingStatement(claims, 'sts.amazonaws.com', ROLE);
    expect(evaluateTrustPolicy({ Statement: [statement] }, claims).allowed).toBe(true);
    expect(
      evaluateTrustPolicy(
        { Statement: [statement] },
        { ...claims, sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
      ).allowed,
    ).toBe(false);
  });

  test('a token without sub gets no suggestion it would not pass', () => {
    const context = { ...oidc, claims: { iss: ISSUER } };
    const diagnosis = diagnoseFailure(webIdentity('AccessDenied', 'webIdentityDenied'), context);
    expect(diagnosis?.lines.join('\n')).not.toContain('A statement that admits');
  });
});
