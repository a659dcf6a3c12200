// Raw inputs exactly as the runner passes them when a workflow sets nothing: action.yml's
// defaults, '' elsewhere. config.test.ts checks these defaults against action.yml itself.
import type { RawInputs } from '../src/config/input-names.js';

export const ACTION_YML_DEFAULTS: RawInputs = {
  awsRegion: '',
  roleToAssume: '',
  credentialSource: 'auto',
  awsAccessKeyId: '',
  awsSecretAccessKey: '',
  awsSessionToken: '',
  webIdentityTokenFile: '',
  roleChaining: '',
  audience: '',
  forceSkipOidc: 'false',
  roleChain: '',
  roleDurationSeconds: '',
  roleExternalId: '',
  roleSessionName: '',
  roleSkipSessionTagging: '',
  transitiveTagKeys: '',
  customTags: '',
  inlineSessionPolicy: '',
  managedSessionPolicies: '',
  sourceIdentity: '',
  mfaSerialNumber: '',
  mfaTokenCode: '',
  mfaTotpSecret: '',
  awsProfile: '',
  profiles: '',
  overwriteAwsProfile: '',
  profileFilesLocation: 'runner-temp',
  refreshCredentials: 'false',
  outputCredentials: '',
  outputEnvCredentials: 'true',
  unsetCurrentCredentials: '',
  useExistingCredentials: '',
  maskAwsAccountId: '',
  allowedAccountIds: '',
  allowedEvents: '',
  allowedRefs: '',
  allowedEnvironments: '',
  sessionSummary: 'true',
  stsEndpoint: '',
  httpProxy: '',
  noProxy: '',
  disableRetry: '',
  retryMaxAttempts: '',
  attemptTimeoutS: '10',
  actionTimeoutS: '',
  specialCharactersWorkaround: '',
};

/** Every input with action.yml's default, overridden where a test says so. */
export function rawInputs(overrides: Partial<RawInputs> = {}): RawInputs {
  return { ...ACTION_YML_DEFAULTS, ...overrides };
}

/** Role ARNs used across tests (AWS's documentation account IDs). */
export const ROLE = {
  deploy: 'arn:aws:iam::111111111111:role/deploy',
  prod: 'arn:aws:iam::222222222222:role/prod-deploy',
  audit: 'arn:aws:iam::333333333333:role/audit',
} as const;
