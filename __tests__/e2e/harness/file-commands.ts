// Parsers for the runner's file commands (GITHUB_ENV, GITHUB_OUTPUT,
// GITHUB_STATE, GITHUB_PATH) and for workflow commands in the log, written
// after the runner's own rules so e2e tests see exactly what a later step would.

/**
 * Parses `name=value` and `name<<DELIM ... DELIM` entries. Like the runner: a
 * line is the `=` form when `=` comes before any `<<`; blank lines are skipped;
 * a heredoc without its closing delimiter, or an empty name, is an error; a
 * later entry for the same name wins.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
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
    const value: string[] = [];
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

/** GITHUB_PATH: one directory per non-empty line, in file order. */
export function parsePathFile(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Undoes @actions/core's escaping of command data (%25, %0D, %0A). */
export function unescapeCommandData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * Values registered with `::add-mask::VALUE`. The runner reads workflow
 * commands from both stdout and stderr, so pass the whole log.
 */
export function parseMasks(log: string): string[] {
  const masks: string[] = [];
  for (const line of log.split(/\r?\n/)) {
    // The runner trims leading whitespace before it looks for a command.
    const m = /^\s*::add-mask::(.*)$/.exec(line);
    if (m?.[1]) masks.push(unescapeCommandData(m[1]));
  }
  return masks;
}
