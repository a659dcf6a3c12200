import type { InputKey } from './input-names.js';

/**
 * Inputs that may come from an environment variable instead, as in configure-aws-credentials
 * >= 4.2 (its `translateEnvVariables`): the same names, so a workflow switching actions keeps
 * its `env:` block. An input given in `with:` wins. None of these inputs has a default in
 * action.yml, because the runner passes a default as if the user had written it and it would
 * then hide the variable; their defaults live in parseConfig. Listed in docs/inputs-from-env.md.
 */
export const INPUT_ENV_VARIABLES = {
  awsRegion: ['AWS_REGION'],
  roleToAssume: ['ROLE_TO_ASSUME'],
  webIdentityTokenFile: ['WEB_IDENTITY_TOKEN_FILE'],
  roleChaining: ['ROLE_CHAINING'],
  audience: ['AUDIENCE'],
  // The variable @actions/http-client reads for HTTPS (lower case first), so STS and the token
  // request use one proxy; then HTTP_PROXY, which the reference uses for STS (over HTTPS) too.
  httpProxy: ['https_proxy', 'HTTPS_PROXY', 'HTTP_PROXY'],
  maskAwsAccountId: ['MASK_AWS_ACCOUNT_ID'],
  roleDurationSeconds: ['ROLE_DURATION_SECONDS'],
  roleExternalId: ['ROLE_EXTERNAL_ID'],
  roleSessionName: ['ROLE_SESSION_NAME'],
  roleSkipSessionTagging: ['ROLE_SKIP_SESSION_TAGGING'],
  transitiveTagKeys: ['TRANSITIVE_TAG_KEYS'],
  inlineSessionPolicy: ['INLINE_SESSION_POLICY'],
  managedSessionPolicies: ['MANAGED_SESSION_POLICIES'],
  outputCredentials: ['OUTPUT_CREDENTIALS'],
  unsetCurrentCredentials: ['UNSET_CURRENT_CREDENTIALS'],
  disableRetry: ['DISABLE_RETRY'],
  retryMaxAttempts: ['RETRY_MAX_ATTEMPTS'],
  specialCharactersWorkaround: ['SPECIAL_CHARACTERS_WORKAROUND'],
  useExistingCredentials: ['USE_EXISTING_CREDENTIALS'],
  overwriteAwsProfile: ['OVERWRITE_AWS_PROFILE'],
  // Lower case first, as @actions/http-client: with both set it reads no_proxy alone, and so
  // must STS, or a host only NO_PROXY lists would skip a proxy the token request goes through.
  noProxy: ['no_proxy', 'NO_PROXY'],
} as const satisfies Partial<Record<InputKey, readonly string[]>>;

/**
 * What a variable does to the sessions a step's `with:` describes, decided per variable with the
 * reference's behaviour as the default (docs/inputs-from-env.md, "Variables and with:"):
 * - `ignoredWhen`: with any of these in `with:` the variable is left out, with a warning. A
 *   job-level `env:` adds no session to a step that asked only for `profiles` or a `role-chain`
 *   (inputs the reference lacks), and cancels no role `with:` gave (the reference's
 *   USE_EXISTING_CREDENTIALS would, whenever the job's credentials work) (issue 17);
 * - `warnedWhen`: with any of these in `with:` (and none of `unlessWith`) the variable is used,
 *   as the reference uses it, with a warning saying what it changes (issue 24).
 * Every other variable only fills an input: it shapes a session (duration, names, tags,
 * policies), never adds one or changes its source, and is used silently, as in the reference.
 */
export interface SessionRule {
  readonly ignoredWhen?: readonly InputKey[];
  readonly warnedWhen?: readonly InputKey[];
  readonly unlessWith?: readonly InputKey[];
  /** What the variable does to the step, for the warning. */
  readonly change?: string;
  /** Whether the value changes anything at all (ROLE_CHAINING=false does not). */
  readonly applies?: (value: string) => boolean;
}

export const SESSION_RULES: Partial<Record<InputKey, SessionRule>> = {
  roleToAssume: {
    ignoredWhen: ['profiles', 'roleChain'],
    warnedWhen: ['awsAccessKeyId'],
    change:
      "adds an AssumeRole to the stored keys, so the step exports the role's session instead of the keys",
  },
  roleChaining: {
    warnedWhen: ['roleToAssume', 'roleChain', 'profiles', 'awsAccessKeyId', 'webIdentityTokenFile'],
    unlessWith: ['credentialSource'],
    change: "makes the job's current credentials sign the first AssumeRole",
    applies: (value) => value.toLowerCase() === 'true',
  },
  webIdentityTokenFile: {
    warnedWhen: ['roleToAssume', 'roleChain', 'profiles'],
    unlessWith: ['awsAccessKeyId', 'credentialSource'],
    change: "makes the token in that file, not GitHub's OIDC token, the source of the first role",
  },
  useExistingCredentials: { ignoredWhen: ['roleToAssume', 'roleChain', 'profiles'] },
};
