// Error texts quoted in the docs must be ones a user can meet. The convention:
// - every `## ` heading of docs/troubleshooting.md quotes error texts in code spans;
// - every row of the "Common errors" table in docs/aws-setup.md quotes one in its first cell,
//   the whole cell in a code span.
// Each quoted text, cut at `…`/`...` (elisions) and inner backticks, must occur in src/ (the
// action's own words; `${INPUT.x}` and `${input('x')}` read as the input's name), among AWS's
// texts in __fixtures__/sts-errors.ts (the action prints AWS's code and message as they came), or
// in OTHER_TOOLS below, each with the tool that prints it.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { STS_MESSAGES } from '../../__fixtures__/sts-errors.js';
import { INPUT } from '../../src/config/input-names.js';

const OTHER_TOOLS: Readonly<Record<string, string>> = {
  "'using: node24' is not supported": 'the Actions runner, before v2.327.1',
  'Unable to locate credentials': 'the AWS CLI, without credentials',
  'The config profile () could not be found': 'the AWS CLI and boto3, with an empty AWS_PROFILE',
};

function sourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
    .replace(/\$\{INPUT\.(\w+)\}/g, (_m, key: string) => INPUT[key as keyof typeof INPUT] ?? key)
    .replace(/\$\{input\('(\w+)'\)\}/g, (_m, key: string) => {
      const name = INPUT[key as keyof typeof INPUT];
      return name === undefined ? key : `\`${name}\``;
    });
}

const KNOWN = [sourceText('src'), ...Object.values(STS_MESSAGES), ...Object.keys(OTHER_TOOLS)].join(
  '\n',
);

/** The code spans of a Markdown line (any run of backticks opens and closes one). */
function codeSpans(line: string): string[] {
  return [...line.matchAll(/(`+)\s?(.+?)\s?\1(?!`)/g)].map((m) => m[2] ?? '');
}

/**
 * The pieces of a quoted text that must occur verbatim: cut at elisions and inner backticks,
 * without a leading AWS error code (the action prints "CODE: message").
 */
function fragments(quoted: string): string[] {
  return quoted
    .replace(/\\/g, '')
    .replace(/^([A-Z][A-Za-z]+): /, (whole, code: string) => (KNOWN.includes(code) ? '' : whole))
    .split(/…|\.\.\.|`/)
    .map((piece) => piece.replace(/^[\s:.,;/]+|[\s:.,;/]+$/g, ''))
    .filter((piece) => piece.length >= 3);
}

const troubleshooting = readFileSync('docs/troubleshooting.md', 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('## '));
const setup = readFileSync('docs/aws-setup.md', 'utf8').split('\n');
const tableStart = setup.findIndex((line) => line === '### Common errors');
const tableRows = setup
  .slice(tableStart + 1)
  .filter((line) => line.startsWith('|'))
  .slice(2) // header and rule
  .map((line) => line.split('|')[1]?.trim() ?? '');

describe('error texts quoted in the docs occur in the action or the tool that prints them', () => {
  test('the conventions find something to check', () => {
    expect(troubleshooting.length).toBeGreaterThan(15);
    expect(tableStart).toBeGreaterThan(0);
    expect(tableRows.length).toBeGreaterThan(4);
  });

  test.each(troubleshooting.filter((line) => line.includes('`')))('%s', (heading) => {
    const missing = codeSpans(heading)
      .flatMap(fragments)
      .filter((piece) => !KNOWN.includes(piece));
    expect(missing).toEqual([]);
  });

  test.each(tableRows)('aws-setup.md Common errors: %s', (cell) => {
    // The whole first cell is the quoted error text.
    expect(cell).toMatch(/^`[^`]+`$/);
    const missing = fragments(cell.slice(1, -1)).filter((piece) => !KNOWN.includes(piece));
    expect(missing).toEqual([]);
  });
});
