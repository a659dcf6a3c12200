// The credential_process line: one string that every AWS client must split back into the same
// words, on every OS. Each client reads it in two layers, the INI file and then a command line:
//
// - botocore (AWS CLI v1/v2, boto3): configparser.RawConfigParser keeps the value as written (no
//   inline comments, no interpolation); ProcessProvider then runs compat_shell_split(value):
//   shlex.split on POSIX, its own _windows_shell_split (the MS C runtime rules) on Windows
//   (botocore/credentials.py ProcessProvider, botocore/compat.py); no shell.
// - JS SDK v3: @smithy's parseIni cuts a line at `(^|\s)[;#]` and trims it; then
//   child_process.exec(value): `/bin/sh -c value`, or `cmd.exe /d /s /c "value"` on Windows
//   (@aws-sdk/credential-provider-process resolveProcessCredentials).
// - Go SDK v2 (Terraform, eksctl, Pulumi): internal/ini cuts a property line at its first `#`
//   or `;` anywhere (strings.go trimComment), strips one outer pair of `"` or `'`, and replaces
//   `\"`, `\'` and `\n` (legacyStrconv); then `sh -c value`, or `cmd.exe /C value` with Go's
//   argument escaping (credentials/processcreds/provider.go DefaultNewCommandBuilder).
// - Java SDK v2: `sh -c value` / `cmd.exe /C value` through ProcessBuilder
//   (auth/credentials/ProcessCredentialsProvider.java).
// - .NET SDK: `sh -c "value"` with `\` and `"` escaped, or `cmd.exe` with `/c value` as its raw
//   command line (Amazon.Runtime/Credentials/ProcessAWSCredentials.cs).
//
// So a word is written bare when every layer leaves it alone, quoted when only double quotes
// protect it in every layer, and refused otherwise. Go's cmd.exe call escapes a `"` as `\"`,
// which cmd.exe does not understand: on Windows no word can be quoted at all.

/** The two families of command-line rules the clients apply. */
export type CommandPlatform = 'posix' | 'win32';

/** A word no client can carry as written, with the character at fault and why. */
export interface LineProblem {
  readonly word: string;
  readonly character: string;
  readonly reason: string;
}

/** The line, or the first problem that stops every client from reading it the same way. */
export type LineResult = { readonly line: string } | { readonly problem: LineProblem };

// sh and shlex keep these in a bare word; none is special to an INI layer or starts an
// expansion. `=` and `~` are left out: sh reads `~` at the start of a word, and `name=` at the
// start of a command, as expansions.
const POSIX_BARE = /^[A-Za-z0-9_\-./+,@:%]$/;
// cmd.exe's metacharacters (& | < > ^ ( ) % !), its separators (, ; =) and space are all out:
// no word can be quoted on Windows. Non-ASCII is out too: botocore reads the config file in the
// locale's code page there, and cmd.exe runs in the console's.
const WIN32_BARE = /^[A-Za-z0-9_\-.\\/:+@~]$/;

/** Why a character can be carried by no client, or undefined when some quoting carries it. */
function refusal(character: string, platform: CommandPlatform): string | undefined {
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(character) || (/\s/u.test(character) && character !== ' '))
    return 'a control, format or line-breaking character ends or changes the line in the INI readers';
  if (character === '#' || character === ';')
    return 'the Go SDK v2 cuts a config line at its first # or ;, even inside quotes';
  if (character === '"' || character === "'")
    return 'a quote character changes how sh, shlex, cmd.exe and the Go SDK split the line';
  if (platform === 'win32') {
    if (character === ' ')
      return 'on Windows a word with a space needs quotes, which the Go SDK v2 escapes as \\" for cmd.exe and breaks';
    if (!WIN32_BARE.test(character))
      return character.charCodeAt(0) > 0x7e
        ? 'botocore reads the config file in the Windows code page, and cmd.exe in the console’s'
        : 'cmd.exe gives it a meaning (variables, redirection, separators) that no quoting disables for every client';
    return undefined;
  }
  if (character === '$' || character === '`' || character === '\\')
    return 'sh expands or escapes it even inside double quotes';
  return undefined;
}

/**
 * Whether a POSIX character (one not refused) needs quotes: the rest of printable ASCII. Inside
 * "..." sh keeps all of it literal (POSIX XCU 2.2.3: only $ ` \ " stay special) and so does
 * shlex (only \ before " or \). Non-ASCII is a plain word character for both.
 */
const needsQuotes = (character: string): boolean =>
  character.charCodeAt(0) <= 0x7e && !POSIX_BARE.test(character);

/**
 * A POSIX word as sh and shlex read it back unchanged: bare, or with the shortest leading part
 * that covers every character needing quotes put in "...". The word never ends with a quote, so
 * the line never both starts and ends with `"`, the pair the Go SDK v2 strips.
 */
function posixWord(word: string): string | LineProblem {
  let lastQuoted = -1;
  for (const [i, character] of [...word].entries()) if (needsQuotes(character)) lastQuoted = i;
  if (lastQuoted === -1) return word;
  const characters = [...word];
  if (lastQuoted === characters.length - 1)
    return {
      word,
      character: characters[lastQuoted] ?? '',
      reason:
        'a word may not end with a character that needs quotes (the Go SDK v2 would strip the closing ")',
    };
  return `"${characters.slice(0, lastQuoted + 1).join('')}"${characters.slice(lastQuoted + 1).join('')}`;
}

/**
 * A Windows word for cmd.exe. The Go SDK v2 turns `\n` into a newline, and Windows paths start
 * components with `n` (`...\externals\node20\...`): NTFS names are case-insensitive by default
 * (https://learn.microsoft.com/en-us/windows/wsl/case-sensitivity), so `\N` names the same file.
 */
function win32Word(word: string): string {
  return word.replace(/\\n/g, '\\N');
}

/**
 * The credential_process value running `words` (a program and its arguments, absolute paths),
 * spelled so that botocore, the JS, Go, Java and .NET SDKs all split it back into `words`.
 */
export function credentialProcessLine(
  words: readonly string[],
  platform: CommandPlatform,
): LineResult {
  const spelled: string[] = [];
  for (const word of words) {
    if (word === '') return { problem: { word, character: '', reason: 'an empty word' } };
    for (const character of word) {
      const reason = refusal(character, platform);
      if (reason !== undefined) return { problem: { word, character, reason } };
    }
    const result = platform === 'win32' ? win32Word(word) : posixWord(word);
    if (typeof result !== 'string') return { problem: result };
    spelled.push(result);
  }
  return { line: spelled.join(' ') };
}

/** How a character is shown in a message: printable as is, anything else JSON-escaped. */
export function showCharacter(character: string): string {
  return /^[\x21-\x7e]$/.test(character) ? `'${character}'` : JSON.stringify(character);
}
