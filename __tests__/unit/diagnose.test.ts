import { chainFailureCause } from '../../src/sources/aws-credentials.js';
// diagnoseFailure on everything but refusals, plus formatDiagnosis and staleCredentialWarnings (a
// pre-flight warning of src/plan/).
import { STS_MESSAGES, type StsMessageKey } from '../../__fixtures__/sts-errors.js';
import {
  type Diagnosis,
  type DiagnosisContext,
  diagnoseFailure,
  formatDiagnosis,
} from '../../src/diagnose/diagnose-failure.js';
import { HopError, OidcTokenError, StsCallError } from '../../src/model/errors.js';
import { staleCredentialWarnings } from '../../src/plan/preflight-warnings.js';

const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const sts = (operation: string, code: string, key: StsMessageKey) =>
  new StsCallError(operation, code, STS_MESSAGES[key], 400);
const atHop = (cause: unknown, hop = 1, count = 1) =>
  new HopError('default', hop, count, ROLE, cause);
const assumeRole = (code: string, key: StsMessageKey, hop = 1, count = 1) =>
  atHop(sts('AssumeRole', code, key), hop, count);

const oidc: DiagnosisContext = { sourceKind: 'oidc', audience: 'sts.amazonaws.com' };
const keys: DiagnosisContext = { sourceKind: 'static-keys' };
const chained: DiagnosisContext = { sourceKind: 'role-chaining' };

describe('diagnoseFailure', () => {
  // [case, error, context, title pattern, phrases the text must contain]
  test.each<[string, unknown, DiagnosisContext, RegExp, string[]]>([
    [
      'no OIDC token',
      new OidcTokenError('ACTIONS_ID_TOKEN_REQUEST_URL is not set'),
      oidc,
      /did not issue an OIDC token/,
      ['id-token: write', 'calling job', 'forks'],
    ],
    [
      'OIDC endpoint failing',
      new OidcTokenError('HTTP 503', 503),
      oidc,
      /did not issue an OIDC token/,
      ['re-run the job'],
    ],
    [
      'iam:PassRole from a later call',
      new Error(`AccessDenied: ${STS_MESSAGES.passRole}`),
      oidc,
      /^iam:PassRole was denied/,
      ['identity policy of the role this action assumed', 'Trust policies play no part'],
    ],
    [
      'iam:PassRole inside an STS error',
      assumeRole('AccessDenied', 'passRole'),
      keys,
      /^iam:PassRole/,
      ['ECS task'],
    ],
    [
      'over MaxSessionDuration',
      assumeRole('ValidationError', 'maxDuration'),
      keys,
      /^The requested session is longer than the role allows$/,
      [`MaxSessionDuration of ${ROLE}`, '43200', '`role-duration-seconds`'],
    ],
    [
      'chained over 1 hour',
      assumeRole('ValidationError', 'chainedDuration', 2, 3),
      chained,
      /capped at 1 hour \(hop 2 of 3\)$/,
      ['3600 or less', 'duration='],
    ],
    [
      'stored session token expired',
      assumeRole('ExpiredToken', 'expired'),
      keys,
      /expired/,
      ['`aws-session-token`', 'rotate the secret'],
    ],
    [
      "earlier step's credentials expired",
      assumeRole('ExpiredToken', 'expired'),
      chained,
      /expired/,
      ['earlier step'],
    ],
    [
      'web identity token expired',
      atHop(sts('AssumeRoleWithWebIdentity', 'ExpiredTokenException', 'webTokenExpired')),
      oidc,
      /expired/,
      ["the runner's clock is most likely off"],
    ],
    [
      'InvalidClientTokenId',
      assumeRole('InvalidClientTokenId', 'invalidToken'),
      keys,
      /did not accept the source access keys/,
      [
        'deactivated',
        'ASIA',
        'partition (aws, aws-cn, aws-us-gov, aws-iso',
        'aws-eusc)',
        '`aws-region`',
      ],
    ],
    [
      'SignatureDoesNotMatch',
      sts('GetCallerIdentity', 'SignatureDoesNotMatch', 'badSignature'),
      keys,
      /did not accept the source access keys/,
      ['stray whitespace'],
    ],
    [
      'RegionDisabledException',
      assumeRole('RegionDisabledException', 'regionDisabled'),
      keys,
      /not activated in this region/,
      ['Account settings', '`aws-region`'],
    ],
    [
      'MalformedPolicyDocument',
      assumeRole('MalformedPolicyDocument', 'malformed'),
      keys,
      /session policy/,
      ['`inline-session-policy`', '`managed-session-policies`'],
    ],
    [
      'PackedPolicyTooLarge',
      assumeRole('PackedPolicyTooLarge', 'packed'),
      keys,
      /too large/,
      ['`custom-tags`', '`role-skip-session-tagging`: true'],
    ],
  ])('%s', (_name, error, context, title, phrases) => {
    const diagnosis = diagnoseFailure(error, context);
    expect(diagnosis?.title).toMatch(title);
    const text = diagnosis === undefined ? '' : formatDiagnosis(diagnosis);
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(diagnosis?.lines.length).toBeLessThanOrEqual(12);
  });

  test.each<[string, unknown]>([
    ['throttling', assumeRole('Throttling', 'throttled')],
    ['an unrelated ValidationError', assumeRole('ValidationError', 'malformed')],
    ['AccessDenied on another operation', sts('GetCallerIdentity', 'AccessDenied', 'accessDenied')],
    ['a plain Error', new Error('socket hang up')],
    ['a HopError around a plain Error', atHop(new Error('socket hang up'))],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('nothing to say about %s', (_name, error) => {
    expect(diagnoseFailure(error, keys)).toBeUndefined();
  });
});

describe('formatDiagnosis', () => {
  test.each<[string, Diagnosis, string]>([
    ['title and indented lines', { title: 'T', lines: ['a', '  b'] }, 'T\n  a\n    b'],
    ['title only', { title: 'T', lines: [] }, 'T'],
  ])('%s', (_name, diagnosis, text) => {
    expect(formatDiagnosis(diagnosis)).toBe(text);
  });
});

describe('staleCredentialWarnings', () => {
  type Facts = Parameters<typeof staleCredentialWarnings>[0];
  const facts = (overrides: Partial<Facts>): Facts => ({
    hasAccessKeyId: false,
    exportsEnvCredentials: true,
    writesProfiles: false,
    unsetCurrent: false,
    ...overrides,
  });
  const profilesOnly = { exportsEnvCredentials: false, writesProfiles: true };
  const FIX = /`unset-current-credentials`: true/;

  // [case, facts, patterns the warnings match, one per warning]
  test.each<[string, Facts, RegExp[]]>([
    [
      'profiles only, old keys set',
      facts({ ...profilesOnly, hasAccessKeyId: true }),
      [/^AWS_ACCESS_KEY_ID .*profile/],
    ],
    ['profiles only, no old keys', facts(profilesOnly), []],
    ['profiles and env export', facts({ hasAccessKeyId: true, writesProfiles: true }), []],
    [
      'env export, old AWS_PROFILE',
      facts({ profile: 'legacy' }),
      [/^AWS_PROFILE=legacy .*JavaScript SDK v3 prefers AWS_PROFILE/],
    ],
    ['env export, empty AWS_PROFILE', facts({ profile: '' }), []],
    ['old AWS_PROFILE, nothing exported', facts({ ...profilesOnly, profile: 'legacy' }), []],
    [
      'old keys and old profile',
      facts({ ...profilesOnly, hasAccessKeyId: true, profile: 'legacy' }),
      [/AWS_ACCESS_KEY_ID/],
    ],
    [
      'unset-current-credentials',
      facts({ ...profilesOnly, hasAccessKeyId: true, unsetCurrent: true }),
      [],
    ],
    ['unset-current-credentials, env export', facts({ profile: 'legacy', unsetCurrent: true }), []],
  ])('%s', (_name, input, patterns) => {
    const warnings = staleCredentialWarnings(input);
    expect(warnings).toHaveLength(patterns.length);
    patterns.forEach((pattern, index) => {
      expect(warnings[index]).toMatch(pattern);
      expect(warnings[index]).toMatch(FIX);
    });
  });
});

describe('OIDC token endpoint failures', () => {
  test.each([
    [
      'a 401 points at the permission',
      new OidcTokenError('The GitHub OIDC token endpoint refused the request (HTTP 401).', 401),
      /id-token: write/,
    ],
    [
      'a non-JSON answer is GitHub’s side, not the permission',
      new OidcTokenError(
        'The GitHub OIDC token endpoint answered with something that is not JSON; try re-running the job.',
      ),
      /re-run the job/,
    ],
    [
      'a 503 is GitHub’s side',
      new OidcTokenError('The GitHub OIDC token endpoint answered HTTP 503.', 503),
      /re-run the job/,
    ],
  ])('%s', (_name, error, expected) => {
    const text = formatDiagnosis(diagnoseFailure(error, { sourceKind: 'oidc' }) as Diagnosis);
    expect(text).toMatch(expected);
  });

  test('a broken answer does not blame the permission', () => {
    const error = new OidcTokenError(
      'The GitHub OIDC token endpoint answered with something that is not JSON; try re-running the job.',
    );
    expect(
      formatDiagnosis(diagnoseFailure(error, { sourceKind: 'oidc' }) as Diagnosis),
    ).not.toContain('id-token: write');
  });
});

describe('chainFailureCause', () => {
  test.each<{ name: string; error: unknown; logged: string[]; cause: string | undefined }>([
    {
      name: 'nothing configured anywhere',
      error: new Error('Could not load credentials from any providers'),
      logged: [
        '@smithy/property-provider -> Unable to find environment variable credentials.',
        '@smithy/property-provider -> Profile default did not contain credential_process.',
      ],
      cause: undefined,
    },
    {
      name: 'a credential_process printing invalid JSON',
      error: new Error('Could not load credentials from any providers'),
      logged: [
        '@smithy/property-provider -> Profile default credential_process returned invalid JSON.',
        '@smithy/property-provider -> Profile default credential_process returned invalid JSON.',
      ],
      cause: 'Profile default credential_process returned invalid JSON.',
    },
    {
      name: 'an error the chain stopped on',
      error: new Error('SSO token expired'),
      logged: [],
      cause: 'SSO token expired',
    },
  ])('$name', ({ error, logged, cause }) => {
    expect(chainFailureCause(error, logged)).toBe(cause);
  });
});
