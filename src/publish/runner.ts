import * as core from '@actions/core';

/**
 * Everything the action asks of the GitHub runner. One implementation is a thin adapter over
 * `@actions/core` (which owns the runner's workflow and file commands); tests use the recording
 * fake in `__fixtures__/runner.ts`.
 */
export interface Runner {
  /** Registers a secret; the runner replaces it with *** in every later log line. */
  mask(secret: string): void;
  exportVariable(name: string, value: string): void;
  setOutput(name: string, value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  appendSummary(markdown: string): Promise<void>;
  info(message: string): void;
  warning(message: string): void;
  /** An error annotation that does not fail the step (setFailed does). */
  error(message: string): void;
  debug(message: string): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
  setFailed(message: string): void;
  isDebug(): boolean;
}

// A zero-width space: invisible in the log, yet the line no longer reads as a command.
const BREAK = '\u200b';

/**
 * Makes text safe to print as plain log lines: no line can start a workflow command. The runner
 * reads a line as a command when, after trimming leading white space, it starts with `::`, or
 * when it holds `##[` anywhere (the older form), see actions/runner
 * src/Runner.Common/ActionCommand.cs (TryParseV2 / TryParse). Without this, a file path or a
 * token claim holding "\n::stop-commands::x" would switch off every later `::add-mask::`.
 */
export function neutraliseCommands(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((line) => {
      const safe = line.replace(/##\[/g, `##${BREAK}[`);
      // \s lacks U+0085 (NEXT LINE), which .NET's Char.IsWhiteSpace, and so the runner's
      // TrimStart, counts as white space.
      return /^[\s\u0085]*::/.test(safe) ? `${BREAK}${safe}` : safe;
    })
    .join('');
}

/**
 * Refuses variable names that could not be a single file-command entry. Names are the action's
 * own constants; this keeps a future mistake from writing a second entry.
 */
function checkName(name: string): void {
  if (name === '' || /[\r\n=<]/.test(name))
    throw new Error(`Unexpected name '${name.slice(0, 40)}' for a file command`);
}

/** The real runner: `@actions/core`, with plain log lines neutralised and secrets masked per line. */
export function createGitHubRunner(): Runner {
  return {
    mask: (secret) => {
      // The runner masks line by line, so every line of a multi-line secret is registered.
      for (const line of secret.split(/\r?\n/)) if (line.trim() !== '') core.setSecret(line);
    },
    exportVariable: (name, value) => {
      checkName(name);
      core.exportVariable(name, value);
    },
    setOutput: (name, value) => {
      checkName(name);
      core.setOutput(name, value);
    },
    saveState: (name, value) => {
      checkName(name);
      core.saveState(name, value);
    },
    getState: (name) => core.getState(name),
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown).write();
    },
    // core.info writes raw text; warning, debug, error and group names are escaped by core
    // (%, CR and LF become %25, %0D and %0A: @actions/core lib/command.js escapeData).
    info: (message) => core.info(neutraliseCommands(message)),
    warning: (message) => core.warning(message),
    error: (message) => core.error(message),
    debug: (message) => core.debug(message),
    group: (name, body) => core.group(name, body),
    setFailed: (message) => core.setFailed(message),
    isDebug: () => core.isDebug(),
  };
}
