// Types for wine.mjs (hand-written: the scripts run under plain node, with no build step).

export const WINDOWS_NODE_VERSION: string;

export interface WindowsTierPaths {
  dir: string;
  /** The Linux path of the Windows node.exe. */
  nodeExe: string;
  /** The private WINEPREFIX. */
  prefix: string;
}

export function windowsTierDir(env?: NodeJS.ProcessEnv): string;
export function windowsTierPaths(dir?: string): WindowsTierPaths;
export function wineEnv(prefix: string): Record<string, string>;
export function toWindowsPath(linuxPath: string): string;
export function toLinuxPath(windowsPath: string): string;
export function wineVersion(): string;

export interface WineRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export function runWine(
  args: readonly string[],
  opts: { prefix: string; logFile: string; timeoutMs: number; cwd?: string },
): Promise<WineRun>;
export function windowsTierProblems(paths?: WindowsTierPaths): string[];
export function ensureWindowsNode(paths?: WindowsTierPaths, log?: (line: string) => void): boolean;
export function ensurePrefix(
  paths?: WindowsTierPaths,
  log?: (line: string) => void,
): Promise<boolean>;
export function startWineSession(paths?: WindowsTierPaths): void;
export function stopWineSession(paths?: WindowsTierPaths): void;
