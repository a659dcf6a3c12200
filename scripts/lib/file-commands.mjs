// Parsers for the runner's file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_PATH)
// and for workflow commands in the log, written after the runner's own rules so that tests and
// the demo see exactly what a later step (or the web log) would. Shared with the e2e harness
// (harness/file-commands.ts re-exports this; types in file-commands.d.mts).

/**
 * Parses `name=value` and `name<<DELIM ... DELIM` entries. Like the runner: a
 * line is the `=` form when `=` comes before any `<<`; blank lines are skipped;
 * a heredoc without its closing delimiter, or an empty name, is an error; a
 * later entry for the same name wins.
 */
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

/** GITHUB_PATH: one directory per non-empty line, in file order. */
export function parsePathFile(text) {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Undoes @actions/core's escaping of command data (%25, %0D, %0A). */
export function unescapeCommandData(s) {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * Values registered with `::add-mask::VALUE`. The runner reads workflow
 * commands from both stdout and stderr, so pass the whole log.
 */
export function parseMasks(log) {
  const masks = [];
  for (const line of log.split(/\r?\n/)) {
    // The runner trims leading whitespace before it looks for a command.
    const m = /^\s*::add-mask::(.*)$/.exec(line);
    if (m?.[1]) masks.push(unescapeCommandData(m[1]));
  }
  return masks;
}

/**
 * The log as the runner displays it: each `::add-mask::` registers its value and is itself not
 * shown, and from that line on every occurrence of a registered value shows as ***. Workflow
 * commands are rendered the way the web log shows them: a group as its title with its lines
 * indented under it, warnings and errors as annotations, debug lines only with showDebug.
 */
export function renderLog(log, { showDebug = false } = {}) {
  const masks = [];
  const apply = (text) => {
    let out = text;
    for (const m of masks) out = out.split(m).join('***');
    return out;
  };
  const shown = [];
  let pad = '';
  for (const raw of log.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const cmd = /^\s*::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(raw);
    if (cmd?.[1] === 'add-mask') {
      const value = unescapeCommandData(cmd[2] ?? '');
      if (value && !masks.includes(value)) {
        masks.push(value);
        masks.sort((a, b) => b.length - a.length); // longest first, so no secret is half-masked
      }
      continue;
    }
    if (!cmd) {
      shown.push(pad + apply(raw));
      continue;
    }
    const data = apply(unescapeCommandData(cmd[2] ?? ''));
    switch (cmd[1]) {
      case 'group':
        shown.push(`▼ ${data}`);
        pad = '  ';
        break;
      case 'endgroup':
        pad = '';
        break;
      case 'warning':
        shown.push(`${pad}Warning: ${data}`);
        break;
      case 'error':
        shown.push(`${pad}Error: ${data}`);
        break;
      case 'notice':
        shown.push(`${pad}Notice: ${data}`);
        break;
      case 'debug':
        if (showDebug) shown.push(`${pad}##[debug]${data}`);
        break;
      default:
        shown.push(pad + apply(raw));
    }
  }
  return { text: shown.join('\n'), masks };
}
