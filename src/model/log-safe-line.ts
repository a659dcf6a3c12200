/**
 * Output a workflow can trust. The trust-policy CLI prints role names and condition values that
 * whoever can edit a trust policy chose, and the refresh helper prints text STS sent back; in a
 * GitHub Actions step every stdout and stderr line is also read by the runner as a possible
 * workflow command. Pure; the CLI applies it at its entry point (cli.ts), the refresh helper to
 * each stderr line (refresh-checks.ts).
 */

/**
 * Control characters (C0, DEL, C1), format characters (zero-width, bidirectional overrides and
 * isolates, the byte-order mark, tags), lone surrogates and the Unicode line and paragraph
 * separators: each can hide or reorder text on a terminal or split a line in a log viewer.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/** One character as \uXXXX escapes (two for a character outside the BMP): valid inside JSON too. */
const escapeUnits = (ch: string): string =>
  Array.from({ length: ch.length }, (_, i) => {
    const unit = ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    return `\\u${unit}`;
  }).join('');

/**
 * The runner takes a line as a command when, after leading white space, it starts with "::"
 * (TryParseV2 trims first, so a leading space does not disarm it), and in the legacy form when
 * "##[" appears anywhere in it; "::stop-commands::TOKEN" or "##[stop-commands]TOKEN" would switch
 * command processing off for the rest of the job.
 * https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
const COMMAND_START = /^(\s*):/;
const LEGACY_COMMAND = /##\[/g;

/**
 * One line as it may be printed: unsafe characters escaped as \uXXXX, a leading "::" and any
 * "##[" disarmed by escaping one character of them. Idempotent, and a JSON line stays the same
 * JSON value (its strings only gain escapes JSON reads back as the same characters).
 */
export function logSafeLine(line: string): string {
  const escaped = line.replace(UNSAFE, escapeUnits).replace(LEGACY_COMMAND, '##\\u005B');
  return /^\s*::/.test(escaped) ? escaped.replace(COMMAND_START, '$1\\u003A') : escaped;
}
