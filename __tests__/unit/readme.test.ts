// The README's inputs and outputs tables must list exactly what action.yml declares,
// with the same defaults, so the documentation cannot drift from the contract.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ActionYaml {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml;
const readme = readFileSync('README.md', 'utf8');

/** Rows of the Markdown table that follows a heading: first cell (name) and second cell. */
function tableRows(heading: string): Map<string, string> {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([a-z0-9-]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
    if (match) rows.set(match[1] as string, (match[2] as string).trim());
  }
  return rows;
}

test('the Inputs table lists every action.yml input, and nothing else', () => {
  expect([...tableRows('Inputs').keys()].sort()).toEqual(Object.keys(action.inputs).sort());
});

test.each(Object.entries(action.inputs))('input %s shows its action.yml default', (name, spec) => {
  const cell = tableRows('Inputs').get(name);
  if (spec.required) expect(cell).toBe('**required**');
  else if (spec.default !== undefined) expect(cell).toBe(`\`${spec.default}\``);
  else expect(cell).toBe('');
});

test('the Outputs table lists every action.yml output, and nothing else', () => {
  expect([...tableRows('Outputs').keys()].sort()).toEqual(Object.keys(action.outputs).sort());
});

test('the README names the commands that set up and test a fresh clone', () => {
  expect(readme).toContain('npm ci');
  expect(readme).toContain('npm test');
  expect(readme).toContain('npm run demo');
});
