// The runner emulation of scripts/lib/runner.mjs, with each step run by the Windows node.exe in
// Wine: the same INPUT_*/STATE_*, file commands and leak check, in the environment a Windows
// runner gives a node action (system variables, USERPROFILE, Windows paths, RUNNER_OS=Windows).
import { tmpdir } from 'node:os';
import { join, win32 } from 'node:path';
import {
  REPO_ROOT,
  createJob,
  finishStep,
  prepareStep,
  type Job,
  type PreparedStep,
  type StepOptions,
  type StepResult,
} from '../../../scripts/lib/runner.mjs';
import { launchOnWindows, toWindowsPath, windowsNodeExe, type Hold } from './wine-launch.js';

export { createJob, type Job, type StepOptions, type StepResult };

/** A step under Wine: node.exe start-up alone takes seconds on a loaded 2-core machine. */
export const WINDOWS_STEP_TIMEOUT_MS = 90_000;

// What prepareStep takes from the Linux host (baseEnv); a Windows runner has its own.
const HOST_ONLY = new Set(['PATH', 'HOME', 'PYENV_ROOT', 'LANG', 'LC_ALL', 'TMPDIR']);
const PATH_VARIABLES = new Set([
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_PATH',
  'GITHUB_EVENT_PATH',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'HOME',
  'USERPROFILE',
]);

/** A value as a Windows program needs it: a Linux path of the job or the repository goes to Z:. */
function windowsValue(name: string, value: string): string {
  const isLocalPath =
    value.startsWith('/') &&
    (PATH_VARIABLES.has(name) || value.startsWith(`${tmpdir()}/`) || value.startsWith(REPO_ROOT));
  return isLocalPath ? toWindowsPath(value) : value;
}

/**
 * The variables a Windows runner's node action starts with, before the job's: the system ones
 * every Windows program needs, node.exe's folder on PATH, and the runner's OS facts
 * (https://docs.github.com/actions/reference/variables-reference).
 */
export function windowsSystemEnv(): Record<string, string> {
  return {
    SystemRoot: 'C:\\windows',
    SystemDrive: 'C:',
    windir: 'C:\\windows',
    ComSpec: 'C:\\windows\\system32\\cmd.exe',
    PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.JS',
    PATH: [
      win32.dirname(windowsNodeExe()),
      'C:\\windows\\system32',
      'C:\\windows',
      'C:\\windows\\system32\\wbem',
    ].join(';'),
    TEMP: 'C:\\windows\\temp',
    TMP: 'C:\\windows\\temp',
    RUNNER_OS: 'Windows',
    RUNNER_ARCH: 'X64',
  };
}

/** The whole Windows environment of a prepared step (HOME only when the test or job sets it). */
export function windowsStepEnv(
  prepared: PreparedStep,
  job: Job,
  opts: StepOptions,
): Record<string, string> {
  const env = windowsSystemEnv();
  const explicit = { ...job.env, ...opts.env };
  for (const [name, value] of Object.entries(prepared.env)) {
    if (name === 'RUNNER_OS' || name === 'RUNNER_ARCH') continue;
    if (HOST_ONLY.has(name) && !(name in explicit)) continue;
    if (name === 'PATH') continue;
    env[name] = windowsValue(name, value);
  }
  // The runner puts the newest GITHUB_PATH entry first.
  env['PATH'] = [...job.paths]
    .reverse()
    .concat(env['PATH'] ?? '')
    .join(';');
  return env;
}

/**
 * Runs steps at once, each in its own job, from one Windows parent, optionally while files are
 * held open (holds, given each prepared step to name its files). The steps' results, in order.
 */
export async function runWindowsSteps(
  steps: readonly (StepOptions & { job: Job })[],
  holds: (prepared: readonly PreparedStep[]) => readonly Hold[] = () => [],
): Promise<StepResult[]> {
  const node = windowsNodeExe();
  const prepared = steps.map((opts) => prepareStep(opts.job, opts));
  const tasks = steps.map((opts, i) => {
    const step = prepared[i] as PreparedStep;
    const script = join(REPO_ROOT, 'dist', ...(opts.entry === 'post' ? ['post'] : []), 'index.js');
    return {
      id: String(i),
      kind: 'spawn' as const,
      file: node,
      args: [toWindowsPath(opts.script ?? script)],
      env: windowsStepEnv(step, opts.job, opts),
      cwd: toWindowsPath(step.cwd),
      timeoutMs: opts.timeoutMs ?? WINDOWS_STEP_TIMEOUT_MS,
    };
  });
  const launched = await launchOnWindows(tasks, holds(prepared));
  return steps.map((opts, i) => {
    const run = launched.tasks[String(i)];
    if (run === undefined) throw new Error(`no result for step ${i}`);
    return finishStep(opts.job, opts, prepared[i] as PreparedStep, run);
  });
}

let batch: { opts: StepOptions & { job: Job }; settle: (r: Promise<StepResult>) => void }[] = [];

/**
 * runStep's shape (for shared scenarios such as harness/concurrent-steps.ts) under Wine. Calls
 * made in one turn of the event loop (a Promise.all over steps) share one Windows parent, so
 * they start together and pay Wine's start-up once.
 */
export function runWindowsStep(opts: StepOptions): Promise<StepResult> {
  const job = opts.job;
  if (job === undefined) throw new Error('runWindowsStep needs a job');
  return new Promise<StepResult>((resolve) => {
    if (batch.length === 0)
      setImmediate(() => {
        const taken = batch;
        batch = [];
        const results = runWindowsSteps(taken.map((entry) => entry.opts));
        taken.forEach((entry, i) => entry.settle(results.then((all) => all[i] as StepResult)));
      });
    batch.push({ opts: { ...opts, job }, settle: resolve });
  });
}
