import * as fs from 'node:fs';
import * as os from 'node:os';
import * as core from '@actions/core';
import type { context as githubContext } from '@actions/github';
import { INPUT, type InputKey, type RawInputs } from './input-names.js';
import type { RunContext } from '../model/run-context.js';
import type { Env } from '../model/env.js';
import { PROXY_VARIABLES } from './proxy-url.js';

/** Reads one input by its action.yml name (trimmed, '' when unset): the port over core.getInput. */
export type InputReader = (name: string) => string;

/** The real reader: `core.getInput`, which reads INPUT_<NAME> and trims it. */
export const readCoreInput: InputReader = (name) => core.getInput(name);

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
  // HTTPS_PROXY is preferred over HTTP_PROXY, as there: STS is always reached over HTTPS.
  httpProxy: ['HTTPS_PROXY', 'HTTP_PROXY'],
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
  noProxy: ['NO_PROXY'],
} as const satisfies Partial<Record<InputKey, readonly string[]>>;

/**
 * Variables that would start or cancel a session on their own, and the `with:` inputs that
 * already say which sessions the step runs. When the step's `with:` names any of those, the
 * variable is left out (with a warning): a job-level `env:` must not add a session to a step
 * that asked only for `profiles`, nor cancel a `role-to-assume` it was given (issue 17).
 */
const SESSION_FALLBACKS: Partial<Record<InputKey, readonly InputKey[]>> = {
  roleToAssume: ['profiles', 'roleChain'],
  useExistingCredentials: ['roleToAssume', 'roleChain', 'profiles'],
};

/**
 * Reads every input as a trimmed string; the only place that reads inputs. An empty input falls
 * back to its variable in INPUT_ENV_VARIABLES (the first non-empty one), else stays '', unless
 * SESSION_FALLBACKS leaves the variable out; `warn` is told of each variable left out.
 */
export function readInputs(
  readInput: InputReader,
  env: Env,
  warn: (message: string) => void = () => undefined,
): RawInputs {
  const fallbacks: Partial<Record<InputKey, readonly string[]>> = INPUT_ENV_VARIABLES;
  const given = (key: InputKey): string => readInput(INPUT[key]).trim();
  const read = (key: InputKey): string => {
    if (given(key) !== '') return given(key);
    for (const variable of fallbacks[key] ?? []) {
      const value = (env[variable] ?? '').trim();
      if (value === '') continue;
      const decided = (SESSION_FALLBACKS[key] ?? []).filter((other) => given(other) !== '');
      if (decided.length === 0) return value;
      warn(
        `${variable} in the environment is ignored: this step's \`with:\` sets ${decided.map((k) => `\`${INPUT[k]}\``).join(', ')}, which decides its sessions. Set \`${INPUT[key]}\` in \`with:\` to use it.`,
      );
      return '';
    }
    return '';
  };
  const entries = (Object.keys(INPUT) as InputKey[]).map((key) => [key, read(key)] as const);
  return Object.fromEntries(entries) as RawInputs;
}

/**
 * The parts of `@actions/github`'s `context` the action uses (a port, so tests pass plain data).
 * `runId` and `runAttempt` are NaN there when the variables are unset.
 */
export interface GitHubContext {
  readonly eventName: string | undefined;
  readonly sha: string | undefined;
  readonly ref: string | undefined;
  readonly workflow: string | undefined;
  readonly action: string | undefined;
  readonly actor: string | undefined;
  readonly job: string | undefined;
  readonly runId: number;
  readonly runAttempt: number;
  readonly serverUrl: string;
  /** `context.repo`, which throws without GITHUB_REPOSITORY and a payload repository. */
  readonly repo: { readonly owner: string; readonly repo: string };
}

type Payload = (typeof githubContext)['payload'];

/**
 * The real context: `@actions/github`'s `context`, read from the runner's variables. Never throws
 * and never prints. The package builds its `context` when it is first imported, and that
 * constructor JSON.parses GITHUB_EVENT_PATH's file (throwing on a bad one) or writes
 * "GITHUB_EVENT_PATH <path> does not exist" raw to stdout, where a path holding a newline could
 * start a workflow command. So the package is imported here, late, with the variable hidden, and
 * the payload (used only for the repository when GITHUB_REPOSITORY is unset) is read below, from
 * a regular file only. The dynamic import also keeps Octokit, which the package's entry loads,
 * off the path of anything that does not need the context.
 */
export async function readGitHubContext(): Promise<GitHubContext> {
  // The package reads process.env itself, so that is where the variables are hidden. Its entry
  // also builds Octokit's proxy agent from HTTPS_PROXY as it loads, and throws on a socks5://
  // one: hidden too (the context needs no network), so checkProxyVariables reports it instead.
  const env = process.env;
  const hidden = ['GITHUB_EVENT_PATH', ...PROXY_VARIABLES].map(
    (name) => [name, env[name]] as const,
  );
  hidden.forEach(([name]) => delete env[name]);
  const eventPath = hidden[0]?.[1];
  try {
    const { context } = await import('@actions/github');
    // The payload serves only `repo`, which GITHUB_REPOSITORY answers first (the runner always
    // sets it): read the event file only without it.
    context.payload = env['GITHUB_REPOSITORY'] ? {} : readEventPayload(eventPath);
    return context;
  } finally {
    hidden.forEach(([name, value]) => {
      if (value !== undefined) env[name] = value;
    });
  }
}

/** The event payload, or {} when the file is missing, not a regular file or not a JSON object. */
function readEventPayload(eventPath: string | undefined): Payload {
  if (eventPath === undefined || eventPath === '') return {};
  try {
    if (!fs.statSync(eventPath).isFile()) return {};
    const parsed: unknown = JSON.parse(fs.readFileSync(eventPath, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Payload)
      : {};
  } catch {
    return {};
  }
}

/**
 * Reads the run context: `@actions/github`'s `context` for what it carries, plain variables only
 * for what it does not: GITHUB_REF_NAME, GITHUB_WORKSPACE, RUNNER_TEMP, the OIDC request
 * variables and the AWS_* credential variables an earlier step may have left.
 */
export function readRunContext(github: GitHubContext, env: Env): RunContext {
  const get = (name: string): string => env[name] ?? '';
  const nonEmpty = (name: string): string | undefined => (get(name) === '' ? undefined : get(name));
  const number = (value: number): string => (Number.isFinite(value) ? String(value) : '');
  const repo = repositoryOf(github);
  return {
    repository: repo === undefined ? '' : `${repo.owner}/${repo.repo}`,
    repositoryOwner: repo?.owner ?? '',
    ref: github.ref ?? '',
    refName: get('GITHUB_REF_NAME'),
    sha: github.sha ?? '',
    eventName: github.eventName ?? '',
    workflow: github.workflow ?? '',
    job: github.job ?? '',
    runId: number(github.runId),
    runAttempt: number(github.runAttempt),
    actor: github.actor ?? '',
    action: github.action ?? '',
    serverUrl: github.serverUrl || 'https://github.com',
    workspace: get('GITHUB_WORKSPACE') || process.cwd(),
    runnerTemp: get('RUNNER_TEMP') || os.tmpdir(),
    isOidcAvailable:
      get('ACTIONS_ID_TOKEN_REQUEST_URL') !== '' && get('ACTIONS_ID_TOKEN_REQUEST_TOKEN') !== '',
    ambient: {
      hasAccessKeyId: get('AWS_ACCESS_KEY_ID') !== '',
      hasSessionToken: get('AWS_SESSION_TOKEN') !== '',
      profile: nonEmpty('AWS_PROFILE'),
      configFile: nonEmpty('AWS_CONFIG_FILE'),
      credentialsFile: nonEmpty('AWS_SHARED_CREDENTIALS_FILE'),
    },
  };
}

function repositoryOf(github: GitHubContext): { owner: string; repo: string } | undefined {
  try {
    const { owner, repo } = github.repo;
    return owner === undefined || repo === undefined ? undefined : { owner, repo };
  } catch {
    return undefined;
  }
}
