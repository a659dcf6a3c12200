import * as fs from 'node:fs';
import * as os from 'node:os';
import * as core from '@actions/core';
import type { context as githubContext } from '@actions/github';
import { INPUT, type InputKey, type RawInputs } from './input-names.js';
import type { RunContext } from '../model/run-context.js';
import type { Env } from '../model/env.js';
import { PROXY_URL_VARIABLES } from '../model/proxy-variables.js';
import { INPUT_ENV_VARIABLES, SESSION_RULES } from './env-inputs.js';

/** Reads one input by its action.yml name (trimmed, '' when unset): the port over core.getInput. */
export type InputReader = (name: string) => string;

/** The real reader: `core.getInput`, which reads INPUT_<NAME> and trims it. */
export const readCoreInput: InputReader = (name) => core.getInput(name);

export { INPUT_ENV_VARIABLES } from './env-inputs.js';

/**
 * Reads every input as a trimmed string; the only place that reads inputs. An empty input falls
 * back to its variable in INPUT_ENV_VARIABLES (the first non-empty one), else stays '', unless
 * SESSION_RULES leaves the variable out; `warn` is told of each variable left out, and of each
 * one used that changes a session the step's `with:` describes.
 */
export function readInputs(
  readInput: InputReader,
  env: Env,
  warn: (message: string) => void = () => undefined,
): RawInputs {
  const fallbacks: Partial<Record<InputKey, readonly string[]>> = INPUT_ENV_VARIABLES;
  const given = (key: InputKey): string => readInput(INPUT[key]).trim();
  // credential-source has a default ('auto'), which says nothing about the step.
  const inWith = (key: InputKey): boolean => !['', 'auto'].includes(given(key));
  const named = (keys: readonly InputKey[]): string =>
    keys.map((k) => `\`${INPUT[k]}\``).join(', ');
  const read = (key: InputKey): string => {
    if (given(key) !== '') return given(key);
    for (const variable of fallbacks[key] ?? []) {
      const value = (env[variable] ?? '').trim();
      if (value === '') continue;
      const rule = SESSION_RULES[key] ?? {};
      const decided = (rule.ignoredWhen ?? []).filter(inWith);
      if (decided.length > 0) {
        warn(
          `${variable} in the environment is ignored: this step's \`with:\` sets ${named(decided)}, which decides its sessions. Set \`${INPUT[key]}\` in \`with:\` to use it.`,
        );
        return '';
      }
      const changed = (rule.warnedWhen ?? []).filter(inWith);
      if (
        changed.length > 0 &&
        !(rule.unlessWith ?? []).some(inWith) &&
        (rule.applies?.(value) ?? true)
      )
        warn(
          `${variable} in the environment changes the session this step's \`with:\` describes (${named(changed)}): it ${rule.change ?? 'changes it'}, as configure-aws-credentials does. Set \`${INPUT[key]}\` in \`with:\` to keep this, or clear the variable for this step (env: ${variable}: '').`,
        );
      return value;
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
  const hidden = ['GITHUB_EVENT_PATH', ...PROXY_URL_VARIABLES].map(
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
