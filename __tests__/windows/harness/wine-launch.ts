// Starts work under the Windows node.exe in Wine: one launcher process (launcher.mjs) per plan,
// which runs every task at once with its own explicit Windows environment and, optionally,
// holds files open without delete sharing until a condition is seen. All paths handed in are
// Linux paths; this file turns them into the Z: paths Windows programs see.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  runWine,
  toWindowsPath,
  windowsTierPaths,
  windowsTierProblems,
} from '../../../scripts/lib/wine.mjs';
import type { RunResult } from '../../../scripts/lib/proc.mjs';

export { toLinuxPath, toWindowsPath } from '../../../scripts/lib/wine.mjs';

const LAUNCHER = fileURLToPath(new URL('./launcher.mjs', import.meta.url));

/** The tier's paths; throws, naming the set-up command, when Wine or node.exe is missing. */
export function windowsTier(): ReturnType<typeof windowsTierPaths> {
  const paths = windowsTierPaths();
  const problems = windowsTierProblems(paths);
  if (problems.length > 0)
    throw new Error(`the Windows tier is not set up:\n${problems.join('\n')}`);
  return paths;
}

/** The Windows path of the tier's node.exe. */
export const windowsNodeExe = (): string => toWindowsPath(windowsTier().nodeExe);

/** A process to start from the Windows parent; env and paths are already Windows ones. */
export type WindowsTask =
  | {
      readonly id: string;
      readonly kind: 'spawn';
      readonly file: string;
      readonly args: readonly string[];
      readonly env: Record<string, string>;
      readonly cwd?: string;
      /** Pass args as the command line unquoted (windowsVerbatimArguments), as .NET and Go do. */
      readonly verbatim?: boolean;
      readonly timeoutMs: number;
    }
  | {
      readonly id: string;
      /** child_process.exec(command): `cmd.exe /d /s /c "command"`, as the JS SDK runs it. */
      readonly kind: 'exec';
      readonly command: string;
      readonly env: Record<string, string>;
      readonly cwd?: string;
      readonly timeoutMs: number;
    };

/**
 * A file held open by another process, with read sharing only, from before the tasks start until
 * a file named like `pattern` appears in `directory` (non-empty, if asked) plus releaseAfterMs,
 * or until maxMs at the latest.
 */
export interface Hold {
  readonly id: string;
  readonly target: string;
  readonly releaseWhen?: { directory: string; pattern: string; nonEmpty?: boolean };
  readonly releaseAfterMs?: number;
  readonly maxMs: number;
}

/** When a hold started and ended, in ms from the launcher's start. */
export interface HoldResult {
  readonly heldAtMs: number;
  /** When the release was asked for, and why: the condition was seen, or the tasks ended. */
  readonly releaseAtMs: number;
  readonly releasedBy: 'condition' | 'end';
  /** When the release condition was first seen, if it was. */
  readonly seenAtMs?: number;
  /** When the holder process, and so its handle, was gone. */
  readonly exitedAtMs: number;
}

export interface LaunchResult {
  readonly tasks: Record<string, RunResult>;
  readonly holds: Record<string, HoldResult>;
}

/** Runs the tasks at once from one Windows parent; bounded by the longest task time limit. */
export async function launchOnWindows(
  tasks: readonly WindowsTask[],
  holds: readonly Hold[] = [],
): Promise<LaunchResult> {
  const tier = windowsTier();
  const work = mkdtempSync(join(tmpdir(), 'wine-launch-'));
  try {
    const resultFile = join(work, 'result.json');
    const planFile = join(work, 'plan.json');
    const logFile = join(work, 'wine.log');
    writeFileSync(logFile, '');
    const plan = {
      result: toWindowsPath(resultFile),
      tasks,
      holds: holds.map((hold) => ({
        ...hold,
        target: toWindowsPath(hold.target),
        ...(hold.releaseWhen && {
          releaseWhen: {
            ...hold.releaseWhen,
            directory: toWindowsPath(hold.releaseWhen.directory),
          },
        }),
      })),
    };
    writeFileSync(planFile, JSON.stringify(plan));
    const longest = Math.max(0, ...tasks.map((t) => t.timeoutMs), ...holds.map((h) => h.maxMs));
    // Starting Wine and node.exe takes seconds on a loaded machine; the tasks bound themselves.
    const run = await runWine([tier.nodeExe, toWindowsPath(LAUNCHER), toWindowsPath(planFile)], {
      prefix: tier.prefix,
      logFile,
      timeoutMs: longest + 60_000,
    });
    if (!existsSync(resultFile))
      throw new Error(
        `the Windows launcher wrote no result (${run.timedOut ? 'timed out' : `exit ${run.exitCode}`}): ${readFileSync(logFile, 'utf8').slice(-2000)}`,
      );
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as LaunchResult & {
      error?: string;
    };
    if (result.error) throw new Error(`the Windows launcher failed: ${result.error}`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
