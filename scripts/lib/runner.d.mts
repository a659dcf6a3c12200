// Types for runner.mjs (hand-written: the scripts run under plain node, with no build step).
import type { RunResult } from './proc.mjs';

/** The repository root, with a trailing slash. */
export const REPO_ROOT: string;

export function findNode24(): string | undefined;
export function findMachineNode(): string;
export function inputEnvName(name: string): string;
export function actionInputDefaults(): Record<string, string>;

export interface JobOptions {
  /** Contents of GITHUB_EVENT_PATH (default: a push to main of octo-org/octo-repo). */
  event?: object;
  /** Temp dir name prefix (default e2e-job-). */
  prefix?: string;
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

export function createJob(opts?: JobOptions): Job;

export interface StepOptions {
  entry: 'main' | 'post';
  inputs?: Record<string, string>;
  /** INPUT_* defaults from another action's action.yml (the bench's reference); default ours. */
  inputDefaults?: Record<string, string>;
  env?: Record<string, string>;
  /** STATE_* for a post step; defaults to the job's last main step's GITHUB_STATE. */
  state?: Record<string, string>;
  node?: string;
  /** runStep only: without it, a throwaway job is made and removed after the step. */
  job?: Job;
  /** Script to run instead of dist/index.js or dist/post/index.js (no leak check then). */
  script?: string;
  /** The whole node argv instead of [script], e.g. ['--cpu-prof', script] (no leak check then). */
  args?: string[];
  /** runStep only; default 60 s. */
  timeoutMs?: number;
}

export interface PreparedStep {
  entry: 'main' | 'post';
  cmd: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Paths of the step's file-command files, by variable name. */
  files: Record<
    'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_STEP_SUMMARY' | 'GITHUB_PATH',
    string
  >;
}

export interface StepResult extends RunResult {
  env: Record<string, string>;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  paths: string[];
  /** Values the step registered with ::add-mask::, in order. */
  masks: string[];
}

export function prepareStep(job: Job, opts: StepOptions): PreparedStep;
export function collectStep(
  job: Job,
  prepared: PreparedStep,
  run: RunResult,
  opts?: { carry?: boolean },
): StepResult;
export function finishStep(
  job: Job,
  opts: StepOptions,
  prepared: PreparedStep,
  run: RunResult,
): StepResult;
export function runStep(opts: StepOptions): Promise<StepResult>;
