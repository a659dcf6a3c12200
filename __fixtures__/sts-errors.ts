// Error messages in the shapes STS returns them, keyed by the case they stand for. The texts follow
// STS error responses and the IAM troubleshooting guide
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html); account IDs, role
// names and times are placeholders. STS has no message of its own for a wrong external ID (it
// answers a plain AccessDenied), so there is none here.

const SESSION = 'arn:aws:sts::111111111111:assumed-role/gateway/sess';
const USER = 'arn:aws:iam::111111111111:user/ci';
const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const denied = (who: string, action: string, resource = ROLE): string =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${resource}`;

export const STS_MESSAGES = {
  webIdentityDenied: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  noProvider:
    'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
  noProviderPeriod:
    'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com.',
  badAudience: 'Incorrect token audience',
  tokenNotValidated: 'The web identity token that was passed could not be validated by AWS.',
  roleDenied: denied(SESSION, 'sts:AssumeRole'),
  userDenied: denied(USER, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/deploy'),
  tagDenied: denied(SESSION, 'sts:TagSession'),
  sourceIdentityDenied: denied(USER, 'sts:SetSourceIdentity'),
  mfaInvalid: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
  passRole: denied(
    'arn:aws:sts::222222222222:assumed-role/deploy/gh',
    'iam:PassRole',
    'arn:aws:iam::222222222222:role/ecsTaskExecutionRole',
  ),
  maxDuration: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  chainedDuration:
    'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  expired: 'The security token included in the request is expired',
  webTokenExpired:
    'Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000',
  invalidToken: 'The security token included in the request is invalid.',
  signatureExpired:
    'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)',
  badSignature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  regionDisabled:
    'STS is not activated in this region for account:111111111111. Your account administrator can activate STS in this region using the IAM Console.',
  malformed: 'Syntax errors in policy.',
  packed: 'Packed policy consumes 112% of allotted space, please use smaller policy.',
  throttled: 'Rate exceeded',
  accessDenied: 'Access denied',
} as const;

export type StsMessageKey = keyof typeof STS_MESSAGES;
