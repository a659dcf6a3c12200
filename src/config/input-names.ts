/**
 * Every input of action.yml, named once. Keys are camelCase for code; values are the
 * kebab-case names users write. A unit test keeps this table equal to action.yml.
 */
export const INPUT = {
  awsRegion: 'aws-region',
  roleToAssume: 'role-to-assume',
  credentialSource: 'credential-source',
  awsAccessKeyId: 'aws-access-key-id',
  awsSecretAccessKey: 'aws-secret-access-key',
  awsSessionToken: 'aws-session-token',
  webIdentityTokenFile: 'web-identity-token-file',
  roleChaining: 'role-chaining',
  audience: 'audience',
  forceSkipOidc: 'force-skip-oidc',
  roleChain: 'role-chain',
  roleDurationSeconds: 'role-duration-seconds',
  roleExternalId: 'role-external-id',
  roleSessionName: 'role-session-name',
  roleSkipSessionTagging: 'role-skip-session-tagging',
  transitiveTagKeys: 'transitive-tag-keys',
  customTags: 'custom-tags',
  inlineSessionPolicy: 'inline-session-policy',
  managedSessionPolicies: 'managed-session-policies',
  sourceIdentity: 'source-identity',
  mfaSerialNumber: 'mfa-serial-number',
  mfaTokenCode: 'mfa-token-code',
  mfaTotpSecret: 'mfa-totp-secret',
  awsProfile: 'aws-profile',
  profiles: 'profiles',
  overwriteAwsProfile: 'overwrite-aws-profile',
  profileFilesLocation: 'profile-files-location',
  refreshCredentials: 'refresh-credentials',
  outputCredentials: 'output-credentials',
  outputEnvCredentials: 'output-env-credentials',
  unsetCurrentCredentials: 'unset-current-credentials',
  useExistingCredentials: 'use-existing-credentials',
  maskAwsAccountId: 'mask-aws-account-id',
  allowedAccountIds: 'allowed-account-ids',
  allowedEvents: 'allowed-events',
  allowedRefs: 'allowed-refs',
  allowedEnvironments: 'allowed-environments',
  sessionSummary: 'session-summary',
  stsEndpoint: 'sts-endpoint',
  httpProxy: 'http-proxy',
  noProxy: 'no-proxy',
  disableRetry: 'disable-retry',
  retryMaxAttempts: 'retry-max-attempts',
  attemptTimeoutS: 'attempt-timeout-s',
  actionTimeoutS: 'action-timeout-s',
  specialCharactersWorkaround: 'special-characters-workaround',
} as const;

export type InputKey = keyof typeof INPUT;
export type InputName = (typeof INPUT)[InputKey];

/** Raw input strings as the runner passes them (empty string when unset). */
export type RawInputs = Readonly<Record<InputKey, string>>;

/** Every output of action.yml, named once. */
export const OUTPUT = {
  accountId: 'aws-account-id',
  assumedRoleArn: 'aws-assumed-role-arn',
  expiration: 'aws-expiration',
  sessionChain: 'aws-session-chain',
  accessKeyId: 'aws-access-key-id',
  secretAccessKey: 'aws-secret-access-key',
  sessionToken: 'aws-session-token',
} as const;

/** An input's name as messages show it: in backticks, as written in action.yml. */
export const inputName = (key: InputKey): string => `\`${INPUT[key]}\``;
