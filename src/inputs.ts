import * as os from 'node:os';
import { INPUT, type InputKey, type RawInputs } from './input-names.js';
import type { RunContext } from './context.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The runner's variable for an input: upper-cased, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Reads every input as a trimmed string; the only place that reads INPUT_* variables. */
export function readInputs(env: Env): RawInputs {
  const entries = (Object.keys(INPUT) as InputKey[]).map(
    (key) => [key, (env[inputVariable(INPUT[key])] ?? '').trim()] as const,
  );
  return Object.fromEntries(entries) as RawInputs;
}

/** Reads the workflow context from the runner's documented GITHUB_* variables. */
export function readRunContext(env: Env): RunContext {
  const get = (name: string): string => env[name] ?? '';
  const nonEmpty = (name: string): string | undefined => (get(name) === '' ? undefined : get(name));
  return {
    repository: get('GITHUB_REPOSITORY'),
    repositoryOwner: get('GITHUB_REPOSITORY_OWNER'),
    ref: get('GITHUB_REF'),
    refName: get('GITHUB_REF_NAME'),
    sha: get('GITHUB_SHA'),
    eventName: get('GITHUB_EVENT_NAME'),
    workflow: get('GITHUB_WORKFLOW'),
    job: get('GITHUB_JOB'),
    runId: get('GITHUB_RUN_ID'),
    runAttempt: get('GITHUB_RUN_ATTEMPT'),
    actor: get('GITHUB_ACTOR'),
    action: get('GITHUB_ACTION'),
    serverUrl: get('GITHUB_SERVER_URL') || 'https://github.com',
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
