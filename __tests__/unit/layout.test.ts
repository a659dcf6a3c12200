// The source tree reads as the pipeline (STYLE.md §1): one folder per stage, and no import points
// upward or forms a cycle. A stage may import its own folder and the stages below it only.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** Rank of each stage, lowest first; entry points (files directly in src/) sit on top. */
const STAGE_RANK: Readonly<Record<string, number>> = {
  model: 0,
  // The trust-policy engine: pure, imports only model/; the CLI and diagnose/ build on it.
  'trust-policy': 0.5,
  config: 1,
  aws: 1,
  'trust-cli': 1,
  plan: 2,
  diagnose: 2,
  sources: 3,
  // execute.ts's parts (one session's walk, one hop), shared with the refresh helper.
  execute: 3.5,
  'execute.ts': 4,
  publish: 5,
  post: 6,
  refresh: 6,
  // A phase of runMain: obtaining credentials (gateway, source, execution under the deadline).
  'obtain-credentials.ts': 6,
  'run.ts': 7,
};
const ENTRY_RANK = 8;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The stage a file under src/ belongs to: its folder, or the file name for top-level files. */
function stageOf(file: string): string {
  const [first = ''] = relative('src', file).split(sep);
  return first.replace(/\.js$/, '.ts');
}

const rankOf = (stage: string): number => STAGE_RANK[stage] ?? ENTRY_RANK;

/** Relative imports of a file, resolved to paths under src/ (the .js specifiers name .ts files). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specifiers
    .map((match) => normalize(join(dirname(file), match[1] ?? '')).replace(/\.js$/, '.ts'))
    .filter((path) => path.startsWith(`src${sep}`));
}

const files = sourceFiles('src');

test('every folder under src/ is a known pipeline stage', () => {
  const folders = new Set(files.map(stageOf).filter((stage) => !stage.endsWith('.ts')));
  expect([...folders].filter((folder) => !(folder in STAGE_RANK))).toEqual([]);
});

test('no import points upward to a later stage or across to a sibling stage', () => {
  const upward = files.flatMap((file) =>
    importsOf(file)
      .filter((target) => stageOf(target) !== stageOf(file))
      .filter((target) => rankOf(stageOf(target)) >= rankOf(stageOf(file)))
      .map((target) => `${file} -> ${target}`),
  );
  expect(upward).toEqual([]);
});

test('there are no import cycles between files', () => {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  expect(cycles).toEqual([]);
});

test('the check sees a known upward import (it can fail)', () => {
  // publish/ imports execute.ts's result types; the reverse would be upward.
  expect(rankOf(stageOf(join('src', 'execute.ts')))).toBeLessThan(rankOf('publish'));
  expect(importsOf(join('src', 'run.ts')).some((t) => stageOf(t) === 'publish')).toBe(true);
});
