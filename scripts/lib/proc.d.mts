// Types for proc.mjs (hand-written: the scripts run under plain node, with no build step).
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface RunOptions {
  /** The child's whole environment (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed (empty when absent). */
  input?: string;
  /** Default 60 s; the child is then stopped and `timedOut` is true. */
  timeoutMs?: number;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr chunks in arrival order, as a runner's log shows them. */
  log: string;
  timedOut: boolean;
  /** Spawn to close, in (fractional) milliseconds. */
  durationMs: number;
}

export function stopChild(child: ChildProcess, graceMs?: number): Promise<void>;
export function spawnTracked(
  cmd: string,
  args: readonly string[],
  opts: SpawnOptions,
): ChildProcess;
export function stopAll(): Promise<void>;
export function runBounded(
  cmd: string,
  args: readonly string[],
  opts: RunOptions,
): Promise<RunResult>;
export function which(name: string, path?: string): string | undefined;
export function baseEnv(home: string): Record<string, string>;
export function freePort(): Promise<number>;
export function sleep(ms: number): Promise<void>;
