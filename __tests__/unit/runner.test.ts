// Nothing printed as a plain line may start a workflow command (issue 9, defect 5).
import { neutraliseCommands } from '../../src/publish/runner.js';

/**
 * .NET's Char.IsWhiteSpace set, which the runner's `TrimStart()` removes before it looks for `::`
 * (https://learn.microsoft.com/dotnet/api/system.char.iswhitespace: the Unicode space, line and
 * paragraph separators, U+0009-U+000D, U+0085 and U+00A0). JavaScript's `\s` lacks U+0085 and
 * adds U+FEFF, so the runner's rule is spelt out here rather than borrowed from `\s`.
 */
const DOTNET_WHITE_SPACE = [
  ...['\u0009', '\u000a', '\u000b', '\u000c', '\u000d', '\u0020', '\u0085', '\u00a0', '\u1680'],
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  ...['\u2028', '\u2029', '\u202f', '\u205f', '\u3000'],
];

/** True when the runner would read this line as a command (actions/runner ActionCommand.cs). */
const isCommandLine = (line: string): boolean => {
  let start = 0;
  while (start < line.length && DOTNET_WHITE_SPACE.includes(line[start] ?? '')) start += 1;
  return line.startsWith('::', start) || line.includes('##[');
};

describe('neutraliseCommands', () => {
  test.each([
    ['a stop-commands line after a newline', 'file /tmp/a\n::stop-commands::x'],
    ['an indented command', 'x\n   ::add-mask::y'],
    ['a CR line break', 'x\r::warning::y'],
    ['CRLF line breaks', 'x\r\n::error::y\r\n'],
    ['the old ##[ form anywhere in a line', 'see ##[add-mask]secret'],
    ['a command as the whole text', '::endgroup::'],
    ['a tab before the command', '\t::group::x'],
    ...DOTNET_WHITE_SPACE.filter((c) => !'\r\n'.includes(c)).map(
      (c) =>
        [
          `U+${c.charCodeAt(0).toString(16).padStart(4, '0')} before the command`,
          `x\n${c}::stop-commands::y`,
        ] as [string, string],
    ),
  ])('%s cannot start a command', (_name, text) => {
    for (const line of neutraliseCommands(text).split(/\r\n|\r|\n/))
      expect(isCommandLine(line)).toBe(false);
  });

  test.each([
    ['plain text', 'Assumed arn:aws:iam::111111111111:role/deploy'],
    ['colons inside a line', 'a::b ::c'],
    ['several lines', 'one\ntwo\r\nthree'],
  ])('%s is printed unchanged', (_name, text) => {
    expect(neutraliseCommands(text)).toBe(text);
  });

  test('the text stays readable: only an invisible break is added', () => {
    expect(neutraliseCommands('x\n::stop-commands::y').replace(/\u200b/g, '')).toBe(
      'x\n::stop-commands::y',
    );
  });
});
