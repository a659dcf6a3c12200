// The inputs reference (docs/inputs.md) and the README's outputs table must list exactly what
// action.yml declares, with the same defaults, so the documentation cannot drift from the contract.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ActionYaml {
  inputs: Record<string, { required?: boolean; default?: string; description?: string }>;
  outputs: Record<string, unknown>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml;
const readme = readFileSync('README.md', 'utf8');
const inputsPage = readFileSync('docs/inputs.md', 'utf8');

/**
 * Rows of every Markdown table in a `## heading` section (up to the next `## `), including
 * tables under its `###` subheadings: first cell (name) and second cell.
 */
function tableRows(markdown: string, heading: string): Map<string, string> {
  const section = markdown.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([a-z0-9-]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
    if (match) {
      const name = match[1] as string;
      if (rows.has(name)) throw new Error(`${heading}: ${name} is listed twice`);
      rows.set(name, (match[2] as string).trim());
    }
  }
  return rows;
}

test('docs/inputs.md lists every action.yml input, and nothing else', () => {
  expect([...tableRows(inputsPage, 'Inputs').keys()].sort()).toEqual(
    Object.keys(action.inputs).sort(),
  );
});

test.each(Object.entries(action.inputs))(
  'input %s shows its action.yml default in docs/inputs.md',
  (name, spec) => {
    const cell = tableRows(inputsPage, 'Inputs').get(name);
    if (spec.required) expect(cell).toBe('**required**');
    else if (spec.default !== undefined) expect(cell).toBe(`\`${spec.default}\``);
    else {
      // Inputs that configure-aws-credentials also reads from environment variables have no
      // action.yml default (it would hide the variable); their description states the default.
      const stated = /\b[Dd]efault (\S+?)(?=[ .,;()]|$)/.exec(spec.description ?? '')?.[1];
      expect(cell).toBe(stated === undefined ? '' : `\`${stated}\``);
    }
  },
);

test('the README Outputs table lists every action.yml output, and nothing else', () => {
  expect([...tableRows(readme, 'Outputs').keys()].sort()).toEqual(
    Object.keys(action.outputs).sort(),
  );
});

test('the README links to the inputs reference', () => {
  expect(readme).toContain('(docs/inputs.md)');
});

test('the README names the commands that set up and test a fresh clone, set-up first', () => {
  const setup = readme.indexOf('npm run setup');
  expect(setup).toBeGreaterThan(-1);
  expect(readme.indexOf('npm test', setup)).toBeGreaterThan(setup);
  expect(readme.indexOf('npm run demo', setup)).toBeGreaterThan(setup);
  const scripts = (
    JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  expect(scripts.setup).toBe('bash scripts/setup.sh');
  expect(readFileSync('.ci/run', 'utf8')).toContain('scripts/setup.sh');
});
