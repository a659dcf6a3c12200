import {
  type Diagnosis,
  type DiagnosisContext,
  diagnoseFailure,
  formatDiagnosis,
  staleCredentialWarnings,
} from '../../src/diagnose.js';
import { HopError, OidcTokenError, StsCallError } from '../../src/errors.js';
import { conditionBlockFor } from '../../src/trust-policy.js';

// Error messages as STS returns them (codes and texts from STS error responses; the account IDs and
// names are placeholders). STS gives no message of its own for a wrong external ID: it says
// AccessDenied, so that case is tested through the generic AssumeRole diagnosis.
const MSG = {
  webIdentityDenied: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  noProvider: 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
  badAudience: 'Incorrect token audience',
  roleDenied:
    'User: arn:aws:sts::111111111111:assumed-role/gateway/sess is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/deploy',
  userDenied:
    'User: arn:aws:iam::111111111111:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/deploy',
  tagDenied:
    'User: arn:aws:sts::111111111111:assumed-role/gateway/sess is not authorized to perform: sts:TagSession on resource: arn:aws:iam::222222222222:role/deploy',
  sourceIdentityDenied:
    'User: arn:aws:iam::111111111111:user/ci is not authorized to perform: sts:SetSourceIdentity on resource: arn:aws:iam::222222222222:role/deploy',
  mfaInvalid: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
  passRole:
    'User: arn:aws:sts::222222222222:assumed-role/deploy/gh is not authorized to perform: iam:PassRole on resource: arn:aws:iam::222222222222:role/ecsTaskExecutionRole',
  maxDuration: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  chainedDuration: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  expired: 'The security token included in the request is expired',
  webTokenExpired: 'Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000',
  invalidToken: 'The security token included in the request is invalid.',
  badSignature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  regionDisabled:
    'STS is not activated in this region for account:111111111111. Your account administrator can activate STS in this region using the IAM Console.',
  malformed: 'Syntax errors in policy.',
  packed: 'Packed policy consumes 112% of allotted space, please use smaller policy.',
};

const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const sts = (operation: string, code: string, message: string): StsCallError =>
  new StsCallError(operation, code, message, 403);
const atHop = (cause: unknown, hopNumber = 1, hopCount = 1): HopError =>
  new HopError('default', hopNumber, hopCount, ROLE, cause);

/** Claims of a GitHub Actions token for a job in the `prod` environment, plus some it should never print. */
const CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:environment:prod',
  repository: 'octo-org/octo-repo',
  repository_owner: 'octo-org',
  ref: 'refs/heads/main',
  environment: 'prod',
  event_name: 'push',
  job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
  actor: 'octocat',
  sha: 'd6fde92930d4715a2b49857d24b940956b26d2d3',
  run_id: '42',
};

const oidc: DiagnosisContext = { sourceKind: 'oidc', claims: CLAIMS, audience: 'sts.amazonaws.com' };
const keys: DiagnosisContext = { sourceKind: 'static-keys' };
const chained: DiagnosisContext = { sourceKind: 'role-chaining' };

interface Case {
  name: string;
  error: unknown;
  context: DiagnosisContext;
  title: RegExp;
  says: string[];
}

describe('diagnoseFailure', () => {
  test.each<Case>([
    { name: 'web identity AccessDenied', error: atHop(sts('AssumeRoleWithWebIdentity', 'AccessDenied', MSG.webIdentityDenied)), context: oidc, title: /trust policy did not admit/, says: ['sub: repo:octo-org/octo-repo:environment:prod', 'aud: sts.amazonaws.com', 'environment: prod', 'job_workflow_ref: octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main', 'pull requests repo:O/R:pull_request', 'changed case'] },
    { name: 'web identity without decoded claims', error: sts('AssumeRoleWithWebIdentity', 'AccessDenied', MSG.webIdentityDenied), context: { sourceKind: 'web-identity-token-file' }, title: /trust policy did not admit/, says: ['no IAM OIDC provider'] },
    { name: 'OIDC provider missing', error: atHop(sts('AssumeRoleWithWebIdentity', 'InvalidIdentityToken', MSG.noProvider)), context: oidc, title: /trust policy did not admit/, says: ['no IAM OIDC provider'] },
    { name: 'generic AssumeRole denial, cross-account', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.roleDenied), 2, 2), context: chained, title: /^sts:AssumeRole was denied on arn:aws:iam::222222222222:role\/deploy \(hop 2 of 2\)$/, says: ['Caller: arn:aws:sts::111111111111:assumed-role/gateway/sess', 'The identity policy of arn:aws:iam::111111111111:role/gateway must allow sts:AssumeRole on arn:aws:iam::222222222222:role/deploy', 'must name arn:aws:iam::111111111111:role/gateway (or arn:aws:iam::111111111111:root) as Principal', 'Across accounts both', '`role-external-id`', 'external-id='] },
    { name: 'IAM user denied in its own account', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.userDenied)), context: keys, title: /sts:AssumeRole was denied/, says: ['The identity policy of arn:aws:iam::111111111111:user/ci', 'Same account'] },
    { name: 'AssumeRole denial without the usual message', error: atHop(sts('AssumeRole', 'AccessDenied', 'Access denied')), context: keys, title: /denied on arn:aws:iam::222222222222:role\/deploy/, says: ['must both allow it', '`role-external-id`'] },
    { name: 'a message naming the external ID', error: sts('AssumeRole', 'AccessDenied', 'ExternalId does not match'), context: keys, title: /external ID/, says: ['`role-external-id`'] },
    { name: 'TagSession', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.tagDenied)), context: chained, title: /does not allow sts:TagSession/, says: ['Add sts:TagSession next to sts:AssumeRole', '`role-skip-session-tagging`: true', 'skip-session-tagging on a role-chain'] },
    { name: 'SetSourceIdentity', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.sourceIdentityDenied)), context: keys, title: /does not allow sts:SetSourceIdentity/, says: ['remove `source-identity`'] },
    { name: 'MFA code rejected', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.mfaInvalid)), context: keys, title: /MFA/, says: ['`mfa-serial-number`', '`mfa-token-code`', 'fresh one'] },
    { name: 'plain AccessDenied after sending MFA', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.userDenied)), context: { ...keys, usesMfa: true }, title: /MFA/, says: ['`mfa-totp-secret`'] },
    { name: 'iam:PassRole from a later call', error: new Error(`AccessDeniedException: ${MSG.passRole}`), context: oidc, title: /iam:PassRole/, says: ['identity policy of the role this action assumed', 'Trust policies play no part'] },
    { name: 'iam:PassRole inside an STS error', error: atHop(sts('AssumeRole', 'AccessDenied', MSG.passRole)), context: keys, title: /iam:PassRole/, says: ['ECS task'] },
    { name: 'duration over MaxSessionDuration', error: atHop(sts('AssumeRole', 'ValidationError', MSG.maxDuration)), context: keys, title: /longer than the role allows/, says: [`MaxSessionDuration of ${ROLE}`, '43200', '`role-duration-seconds`'] },
    { name: 'chained duration over 1 hour', error: atHop(sts('AssumeRole', 'ValidationError', MSG.chainedDuration), 2, 3), context: chained, title: /capped at 1 hour \(hop 2 of 3\)/, says: ['3600 or less', 'duration='] },
    { name: 'stored session token expired', error: atHop(sts('AssumeRole', 'ExpiredToken', MSG.expired)), context: keys, title: /expired/, says: ['`aws-session-token`', 'rotate the secret'] },
    { name: "earlier step's credentials expired", error: atHop(sts('AssumeRole', 'ExpiredToken', MSG.expired)), context: chained, title: /expired/, says: ['earlier step'] },
    { name: 'web identity token expired', error: atHop(sts('AssumeRoleWithWebIdentity', 'ExpiredTokenException', MSG.webTokenExpired)), context: oidc, title: /expired/, says: ['Re-run the job'] },
    { name: 'InvalidClientTokenId', error: atHop(sts('AssumeRole', 'InvalidClientTokenId', MSG.invalidToken)), context: keys, title: /did not accept the source access keys/, says: ['deactivated', 'partition', '`aws-region`'] },
    { name: 'SignatureDoesNotMatch', error: sts('GetCallerIdentity', 'SignatureDoesNotMatch', MSG.badSignature), context: keys, title: /did not accept the source access keys/, says: ['stray whitespace'] },
    { name: 'RegionDisabledException', error: atHop(sts('AssumeRole', 'RegionDisabledException', MSG.regionDisabled)), context: keys, title: /not activated in this region/, says: ['Account settings', '`aws-region`'] },
    { name: 'MalformedPolicyDocument', error: atHop(sts('AssumeRole', 'MalformedPolicyDocument', MSG.malformed)), context: keys, title: /session policy/, says: ['`inline-session-policy`', '`managed-session-policies`'] },
    { name: 'PackedPolicyTooLarge', error: atHop(sts('AssumeRole', 'PackedPolicyTooLarge', MSG.packed)), context: keys, title: /too large/, says: ['`custom-tags`', '`role-skip-session-tagging`: true'] },
    { name: 'no OIDC token', error: new OidcTokenError('ACTIONS_ID_TOKEN_REQUEST_URL is not set'), context: oidc, title: /did not issue an OIDC token/, says: ['id-token: write', 'forks', 'calling job'] },
    { name: 'OIDC endpoint failing', error: new OidcTokenError('The GitHub OIDC token endpoint answered HTTP 503.', 503), context: oidc, title: /did not issue an OIDC token/, says: ['re-run the job'] },
  ])('$name', ({ error, context, title, says }) => {
    const diagnosis = diagnoseFailure(error, context);
    expect(diagnosis?.title).toMatch(title);
    const text = diagnosis === undefined ? '' : formatDiagnosis(diagnosis);
    for (const phrase of says) expect(text).toContain(phrase);
    // A diagnosis is a short block, and it prints no claim beyond those trust policies use.
    expect(diagnosis?.lines.length).toBeLessThanOrEqual(12);
    for (const unused of [CLAIMS.actor, CLAIMS.sha, 'run_id']) expect(text).not.toContain(unused);
  });

  test.each<{ name: string; error: unknown }>([
    { name: 'throttling', error: atHop(sts('AssumeRole', 'Throttling', 'Rate exceeded')) },
    { name: 'an unrelated ValidationError', error: atHop(sts('AssumeRole', 'ValidationError', 'Tag keys must be unique')) },
    { name: 'AccessDenied on another operation', error: sts('GetCallerIdentity', 'AccessDenied', 'Access denied') },
    { name: 'a plain Error', error: new Error('socket hang up') },
    { name: 'a string', error: 'boom' },
    { name: 'undefined', error: undefined },
    { name: 'a HopError around a plain Error', error: atHop(new Error('boom')) },
  ])('unknown: $name → undefined', ({ error }) => {
    expect(diagnoseFailure(error, keys)).toBeUndefined();
  });

  test('web identity refusal: the suggested condition is the one that admits this token', () => {
    const diagnosis = diagnoseFailure(sts('AssumeRoleWithWebIdentity', 'AccessDenied', MSG.webIdentityDenied), oidc);
    expect(diagnosis?.lines).toContain(`  ${JSON.stringify(conditionBlockFor(CLAIMS, 'sts.amazonaws.com'))}`);
  });

  test.each<{ name: string; message: string; first: string }>([
    { name: 'a plain refusal leads with the subject', message: MSG.webIdentityDenied, first: '- sub differs by trigger' },
    { name: 'a missing provider leads with the provider', message: MSG.noProvider, first: '- the target account has no IAM OIDC provider' },
    { name: 'a wrong audience leads with the audience', message: MSG.badAudience, first: "- the policy's token.actions.githubusercontent.com:aud" },
  ])('cause order: $name', ({ message, first }) => {
    const diagnosis = diagnoseFailure(sts('AssumeRoleWithWebIdentity', 'InvalidIdentityToken', message), oidc);
    const causes = diagnosis?.lines.filter((line) => line.startsWith('- ')) ?? [];
    expect(causes).toHaveLength(4);
    expect(causes[0]).toMatch(new RegExp(`^${first.replace(/[.*?()[\]]/g, '\\$&')}`));
  });

  test('a single-hop failure keeps its title without a hop count', () => {
    expect(diagnoseFailure(atHop(sts('AssumeRole', 'ValidationError', MSG.maxDuration)), keys)?.title).toBe(
      'The requested session is longer than the role allows',
    );
  });
});

describe('formatDiagnosis', () => {
  test.each<{ name: string; diagnosis: Diagnosis; text: string }>([
    { name: 'title and indented lines', diagnosis: { title: 'T', lines: ['a', '  b'] }, text: 'T\n  a\n    b' },
    { name: 'title only', diagnosis: { title: 'T', lines: [] }, text: 'T' },
  ])('$name', ({ diagnosis, text }) => {
    expect(formatDiagnosis(diagnosis)).toBe(text);
  });
});

describe('staleCredentialWarnings', () => {
  const base = { hasAccessKeyId: false, exportsEnvCredentials: true, writesProfiles: false, unsetCurrent: false };
  test.each<{ name: string; facts: Parameters<typeof staleCredentialWarnings>[0]; warnings: RegExp[] }>([
    { name: 'profiles only, old AWS_ACCESS_KEY_ID set', facts: { ...base, hasAccessKeyId: true, exportsEnvCredentials: false, writesProfiles: true }, warnings: [/AWS_ACCESS_KEY_ID .*`unset-current-credentials`: true/] },
    { name: 'profiles only, no old keys', facts: { ...base, exportsEnvCredentials: false, writesProfiles: true }, warnings: [] },
    { name: 'profiles and env export: our keys replace the old ones', facts: { ...base, hasAccessKeyId: true, writesProfiles: true }, warnings: [] },
    { name: 'env export with an old AWS_PROFILE', facts: { ...base, profile: 'legacy' }, warnings: [/AWS_PROFILE=legacy .*JavaScript SDK v3 prefers AWS_PROFILE.*`unset-current-credentials`: true/] },
    { name: 'empty AWS_PROFILE', facts: { ...base, profile: '' }, warnings: [] },
    { name: 'old AWS_PROFILE, nothing exported to env', facts: { ...base, profile: 'legacy', exportsEnvCredentials: false }, warnings: [] },
    { name: 'both at once', facts: { hasAccessKeyId: true, profile: 'legacy', exportsEnvCredentials: false, writesProfiles: true, unsetCurrent: false }, warnings: [/AWS_ACCESS_KEY_ID/] },
    { name: 'unset-current-credentials silences everything', facts: { hasAccessKeyId: true, profile: 'legacy', exportsEnvCredentials: true, writesProfiles: true, unsetCurrent: true }, warnings: [] },
  ])('$name', ({ facts, warnings }) => {
    const actual = staleCredentialWarnings(facts);
    expect(actual).toHaveLength(warnings.length);
    warnings.forEach((pattern, index) => expect(actual[index]).toMatch(pattern));
  });
});
