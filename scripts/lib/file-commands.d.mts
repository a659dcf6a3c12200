// Types for file-commands.mjs (hand-written: the scripts run under plain node, with no build step).

/** name → value; throws on a malformed entry (empty name, unclosed heredoc). */
export function parseFileCommands(text: string): Record<string, string>;
export function parsePathFile(text: string): string[];
export function unescapeCommandData(s: string): string;
export function parseMasks(log: string): string[];

export interface RenderedLog {
  /** The displayed lines, joined with \n. */
  text: string;
  /** Every value registered with ::add-mask::, longest first. */
  masks: string[];
}

export function renderLog(log: string, opts?: { showDebug?: boolean }): RenderedLog;
