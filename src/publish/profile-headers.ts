/**
 * How the two readers of a shared config/credentials file see a section header line, and where
 * a profile's section is. Pure text in, data out.
 *
 * botocore (the AWS CLI, boto3): configloader.raw_config_parse reads the file with Python's
 * configparser.RawConfigParser: a stripped line starting with `#` or `;` is a comment; otherwise
 * `\[(?P<header>.+)\]` is matched from the start of the stripped line ("very permissive": the
 * header runs to the line's last `]`, so `[deploy] ; note` is section `deploy`; no inline
 * comments are stripped; the header is not trimmed), and a repeated header makes the whole file
 * fail to parse (DuplicateSectionError, strict mode). build_profile_map then reads a config
 * section whose name starts with `profile` as shlex.split(name) == ['profile', NAME] (so quotes
 * are removed and `[profile  deploy]` is `deploy`), and `default` as itself.
 *
 * The JS SDK v3 (@smithy/shared-ini-file-loader, now @smithy/core/config, parseIni): cuts each
 * line at the first `;` or `#` that starts it or follows white space, trims it, and takes
 * `[...]` as a section only when the trimmed text starts with `[` and ends with `]`; the inner
 * text (not trimmed) matching `^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$` with a known prefix is
 * `prefix.name` (`profile "deploy"` is profile `deploy`; `profile  deploy`, with two spaces, is
 * nothing); a repeated header merges into the first (getConfigData maps `profile.default` onto
 * `default` too).
 *
 * A header both read as the profile is the profile's section; any other spelling of the name
 * (found after removing comments, quotes, brackets and repeated spaces) is ambiguous: the two
 * readers, or a person, could take different sections for it, and this step refuses to add a
 * second one (issue 17).
 */

/** A header line as botocore and the JS SDK read it, in this file's header form (`profile x`). */
export interface HeaderReading {
  readonly botocore: string | undefined;
  readonly js: string | undefined;
  /** The profile name a reader of the text would take it for, or undefined for a non-header. */
  readonly loose: string | undefined;
}

const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const JS_SECTION_TYPES = ['profile', 'sso-session', 'services'];

/** The clients whose reading of a shared file this step must agree with. */
export type IniReader = 'botocore' | 'js' | 'go';

const COMMON_SPACE =
  '\\t\\n\\v\\f\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const READER_SPACE: Record<IniReader, string> = {
  botocore: `${COMMON_SPACE}\\x1c-\\x1f\\x85`,
  js: `${COMMON_SPACE}\\ufeff`,
  go: `${COMMON_SPACE}\\x85`,
};
const edges = (set: string): RegExp => new RegExp(`^[${set}]+|[${set}]+$`, 'gu');
const READER_EDGES = {
  botocore: edges(READER_SPACE.botocore),
  js: edges(READER_SPACE.js),
  go: edges(READER_SPACE.go),
};
/** Every character any reader counts as white space, for the loose (human) reading. */
const ANY_SPACE = `[${Object.values(READER_SPACE).join('')}]`;

/**
 * The line as one client sees it once it has stripped white space from both ends, which each
 * does before it looks for `[...]`, each with its own idea of white space:
 * - botocore: configparser's `line.strip()`, Python's str.strip() (str.isspace(): also
 *   \x1c-\x1f and \x85; https://docs.python.org/3/library/stdtypes.html#str.isspace);
 * - the JS SDK v3: parseIni's `String.prototype.trim()` (WhiteSpace and LineTerminator: also
 *   U+FEFF, but neither \x1c-\x1f nor \x85; https://tc39.es/ecma262/#sec-string.prototype.trim);
 * - the Go SDK v2: internal/ini's `strings.TrimSpace` (unicode.IsSpace: also \x85, but neither
 *   \x1c-\x1f nor U+FEFF; https://pkg.go.dev/unicode#IsSpace); its older lexer skips the same set.
 * All three strip \t \n \v \f \r, space, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029,
 * U+202F, U+205F and U+3000 (profile-files.test.ts checks the table against python3 and node).
 */
export function stripAsReader(line: string, reader: IniReader): string {
  return line.replace(READER_EDGES[reader], '');
}

/** Reads one line as both readers do; all three are undefined for a line that is no header. */
export function readHeaderLine(line: string): HeaderReading {
  const stripped = {
    botocore: stripAsReader(line, 'botocore'),
    js: stripAsReader(line, 'js'),
    go: stripAsReader(line, 'go'),
  };
  // A line the clients strip differently is a header to some and text to others (a leading
  // \x1c, \x85 or U+FEFF): no reading of it is trusted, only the loose one, so a header of the
  // same name is refused as ambiguous rather than added a second time (issue 24).
  const disputed = stripped.botocore !== stripped.js || stripped.js !== stripped.go;
  const loose = looseName(line);
  if (disputed && loose !== undefined) return { botocore: undefined, js: undefined, loose };
  return { botocore: botocoreHeader(stripped.botocore), js: jsHeader(stripped.js), loose };
}

function botocoreHeader(stripped: string): string | undefined {
  if (stripped.startsWith('#') || stripped.startsWith(';')) return undefined;
  const header = /^\[(.+)\]/.exec(stripped)?.[1];
  if (header === undefined || !header.startsWith('profile')) return header;
  // build_profile_map/_parse_section: any section starting with "profile" whose shlex.split has
  // two words names the profile in its second word, whatever the first word is.
  const parts = shlexSplit(header);
  if (parts?.length !== 2) return header;
  return parts[1] === 'default' && parts[0] === 'profile' ? 'default' : `profile ${parts[1]}`;
}

function jsHeader(trimmedLine: string): string | undefined {
  const trimmed = stripAsReader(trimmedLine.split(/(?:^|\s)[;#]/)[0] ?? '', 'js');
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']') || trimmed.length < 2) return undefined;
  const inner = trimmed.slice(1, -1);
  const prefixed = JS_PREFIXED.exec(inner);
  if (prefixed === null) return inner;
  const [, prefix, , name] = prefixed;
  if (prefix === undefined || !JS_SECTION_TYPES.includes(prefix)) return undefined;
  return prefix === 'profile' && name === 'default' ? 'default' : `${prefix} ${name ?? ''}`;
}

function looseName(line: string): string | undefined {
  const text = line.replace(new RegExp(`^${ANY_SPACE}+|${ANY_SPACE}+$`, 'gu'), '');
  const end = text.lastIndexOf(']');
  if (!text.startsWith('[') || end < 1) return undefined;
  return text
    .slice(1, end)
    .replace(/["']/g, '')
    .replace(new RegExp(`${ANY_SPACE}+`, 'gu'), ' ')
    .trim()
    .replace(/^profile /, '');
}

/** shlex's `whitespace`: only these split words (https://docs.python.org/3/library/shlex.html#shlex.shlex.whitespace). */
const SHLEX_WHITESPACE = ' \t\r\n';

/** Python's shlex.split (POSIX mode, no comments), or undefined where it raises ValueError. */
function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word = (word ?? '') + c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && ['"', '\\', '$', '`'].includes(text[i + 1] ?? ''))
        word = (word ?? '') + text[++i];
      else word = (word ?? '') + c;
    } else if (SHLEX_WHITESPACE.includes(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (quote !== undefined) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}

/** Where a section is: absent, at one header line both readers agree on, or spelt ambiguously. */
export type SectionPlace =
  | { readonly kind: 'absent' }
  | { readonly kind: 'present'; readonly line: number }
  | { readonly kind: 'ambiguous'; readonly lines: readonly number[] };

/** Finds the section with this header (`profile dev`, `default`, `dev`) among the lines. */
export function locateSection(lines: readonly string[], header: string): SectionPlace {
  const name = header.replace(/^profile /, '');
  const hits: number[] = [];
  let agreed = true;
  lines.forEach((line, index) => {
    const reading = readHeaderLine(line);
    if (reading.botocore !== header && reading.js !== header && reading.loose !== name) return;
    hits.push(index);
    agreed &&= reading.botocore === header && reading.js === header;
  });
  if (hits.length === 0) return { kind: 'absent' };
  if (hits.length === 1 && agreed) return { kind: 'present', line: hits[0] as number };
  return { kind: 'ambiguous', lines: hits };
}

/** The error for an ambiguous section: names the file, the lines and the fix. */
export function ambiguousSectionError(
  file: string,
  header: string,
  lines: readonly string[],
  at: readonly number[],
): Error {
  const found = at.map((i) => `line ${i + 1}: ${JSON.stringify(lines[i]?.trim())}`).join(', ');
  return new Error(
    `refusing to write [${header}] into ${file}: the file already spells that profile in a way the AWS CLI (botocore) and the AWS SDKs may read differently, or more than once (${found}). Leave exactly one plain "[${header}]" header for it (comments on a line of their own), or choose another profile name.`,
  );
}

/** Whether the line starts a section for either reader (or would to a person reading it). */
export function isHeaderLine(line: string): boolean {
  const reading = readHeaderLine(line);
  return reading.botocore !== undefined || reading.js !== undefined || reading.loose !== undefined;
}
