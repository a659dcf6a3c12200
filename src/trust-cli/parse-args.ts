/** A small flag parser for the CLI: `--flag value`, `--flag=value`, switches and repeatable flags. */

export class UsageError extends Error {}

type FlagKind = 'value' | 'switch' | 'repeat';
type FlagSpec = Readonly<Record<string, FlagKind>>;

interface ParsedFlags {
  readonly values: Readonly<Record<string, string>>;
  readonly switches: ReadonlySet<string>;
  readonly repeats: Readonly<Record<string, readonly string[]>>;
}

/** Parses arguments against a spec; throws a UsageError naming the first bad argument. */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  const repeats: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const kind = Object.hasOwn(spec, flag) ? spec[flag] : undefined;
    if (kind === undefined) throw new UsageError(`unknown argument '${arg}'`);
    if (kind === 'switch') {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      switches.add(flag);
      continue;
    }
    // "--flag=value" carries its value; "--flag value" takes the next argument.
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value`);
    }
    if (kind === 'repeat') {
      (repeats[flag] ??= []).push(value);
      continue;
    }
    if (values[flag] !== undefined) throw new UsageError(`${flag} given more than once`);
    values[flag] = value;
  }
  return { values, switches, repeats };
}

/** KEY=VALUE pairs of a repeatable flag, as a record; throws on a pair without '='. */
export function keyValues(flag: string, pairs: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects KEY=VALUE, got '${pair}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
