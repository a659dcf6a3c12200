// The demo shows each step's log as the runner's web log does: `::add-mask::` lines are never
// shown (the runner consumes them), a registered value shows as *** from then on, a group is its
// title with its lines under it, and warnings and errors are annotations.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#masking-a-value-in-a-log
import { renderLog } from '../../scripts/lib/file-commands.mjs';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test.each([
  [
    'a mask hides its value and its own line',
    `::add-mask::${SECRET}\nkey is ${SECRET}\n`,
    'key is ***',
  ],
  [
    'a value printed before its mask stays as printed (the runner cannot hide it)',
    `early wJalr\n::add-mask::wJalr\nlate wJalr\n`,
    'early wJalr\nlate ***',
  ],
  [
    'a group is its title with its lines indented, and no end marker',
    '::group::Assume role\nhop 1 of 1\n::endgroup::\nafter\n',
    '▼ Assume role\n  hop 1 of 1\nafter',
  ],
  [
    'warnings and errors are annotations; debug lines are hidden',
    '::warning::slow\n::debug::detail\n::error::Refused by `allowed-events`: no\n',
    'Warning: slow\nError: Refused by `allowed-events`: no',
  ],
  [
    'escaped command data is decoded',
    '::error::line one%0Aline two\n',
    'Error: line one\nline two',
  ],
])('%s', (_name, log, shown) => {
  const rendered = renderLog(log);
  expect(rendered.text).toBe(shown);
  expect(rendered.text).not.toContain('::');
});

test('debug lines show with showDebug, masked like the rest', () => {
  expect(renderLog(`::add-mask::${SECRET}\n::debug::sig ${SECRET}\n`, { showDebug: true })).toEqual(
    {
      text: '##[debug]sig ***',
      masks: [SECRET],
    },
  );
});
