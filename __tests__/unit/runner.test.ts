// Nothing printed as a plain line may start a workflow command (issue 9, defect 5).
import { neutraliseCommands } from '../../src/publish/runner.js';

/** True when the runner would read this line as a command (actions/runner ActionCommand.cs). */
const isCommandLine = (line: string): boolean => /^\s*::/.test(line) || line.includes('##[');

describe('neutraliseCommands', () => {
  test.each([
    ['a stop-commands line after a newline', 'file /tmp/a\n::stop-commands::x'],
    ['an indented command', 'x\n   ::add-mask::y'],
    ['a CR line break', 'x\r::warning::y'],
    ['CRLF line breaks', 'x\r\n::error::y\r\n'],
    ['the old ##[ form anywhere in a line', 'see ##[add-mask]secret'],
    ['a command as the whole text', '::endgroup::'],
    ['a tab before the command', '\t::group::x'],
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
