// The one StringLike matcher of check and audit: IAM's semantics, a step bound that holds for
// patterns a regular expression would backtrack on for minutes, and agreement with a reference.
import fc from 'fast-check';
import { globMatch, globMatchSteps } from '../../src/trust-policy/glob.js';
import { expectedValues } from '../../src/trust-policy/variables.js';

/** The bound the matcher promises: (pattern + 1) × (value + 1) steps, plus the trailing stars. */
const bound = (pattern: string, value: string): number => {
  const [p, v] = [Array.from(pattern).length, Array.from(value).length];
  return (p + 1) * (v + 1) + p;
};

describe('globMatch: IAM StringLike semantics', () => {
  // [case, pattern, value, matches]
  test.each<[string, string, string, boolean]>([
    ['* matches the empty run', 'repo:a/b:*', 'repo:a/b:', true],
    ['* matches across /', 'repo:*/app:*', 'repo:evil/x/app:ref:refs/heads/main', true],
    ['* matches across :', 'repo:octo*', 'repo:octo-evil/app:ref:refs/heads/main', true],
    ['* alone matches anything', '*', 'repo:x/y:environment:prod', true],
    ['* alone matches the empty value', '*', '', true],
    ['** is one *', 'a**b', 'ab', true],
    ['? is exactly one character', 'v?.0', 'v1.0', true],
    ['? is not two characters', 'v?.0', 'v10.0', false],
    ['? is not zero characters', 'v?.0', 'v.0', false],
    ['? takes / too', 'a?b', 'a/b', true],
    ['? takes one astral character', 'x?y', 'x😀y', true],
    ['case-sensitive', 'Repo:*', 'repo:a/b:x', false],
    ['regex characters are literal', 'a+(b)[c].d$^|\\', 'a+(b)[c].d$^|\\', true],
    ['. is not a wildcard', 'a.b', 'axb', false],
    ['the whole value must match', 'repo:a/b', 'repo:a/b:ref:x', false],
    ['the whole pattern must match', 'repo:a/b:ref:x', 'repo:a/b', false],
    ['* matches a newline', 'x*', 'x\ny', true],
    ['backtracks to the last *', '*ab*ab', 'aabab', true],
    ['suffix after * must end the value', '*/app', 'octo/app/x', false],
    ['a * in the value is literal text', 'repo:a/b', 'repo:a/*', false],
    ['empty pattern, empty value', '', '', true],
    ['empty pattern, some value', '', 'x', false],
  ])('%s: %j against %j', (_name, pattern, value, matches) => {
    expect(globMatch(pattern, value)).toBe(matches);
  });

  test('${*} and ${?} in a 2012-10-17 policy are a literal * and ?, never wildcards', () => {
    const [pattern = ''] = expectedValues(['repo:a/b:${*}${?}'], {}, 'x', true).values;
    expect(globMatch(pattern, 'repo:a/b:*?')).toBe(true);
    expect(globMatch(pattern, 'repo:a/b:xy')).toBe(false);
  });
});

describe('globMatch: no backtracking blow-up', () => {
  // 14 stars between letters the value repeats, and a last letter it never has: a regular
  // expression /^.*a.*a...b$/ tries every split of 10 kB into 14 runs before it fails.
  const pathological = `${'*a'.repeat(14)}*b`;
  const long = 'a'.repeat(10_000);
  test.each<[string, string, string, boolean]>([
    ['14 stars, no match', pathological, long, false],
    ['14 stars, match at the very end', pathological, `${long}b`, true],
    [
      '14 stars against a claim-like value',
      `repo:*${'/*'.repeat(13)}:x`,
      `repo:${'/'.repeat(10_000)}`,
      false,
    ],
    ['many ? and *', `${'?*'.repeat(14)}z`, long, false],
  ])('%s stays within pattern × value steps', (_name, pattern, value, matches) => {
    const { matched, steps } = globMatchSteps(pattern, value);
    expect(matched).toBe(matches);
    expect(steps).toBeLessThanOrEqual(bound(pattern, value));
  });
});

describe('globMatch agrees with a regular-expression reference on short strings', () => {
  // The reference: each * as [\s\S]*, each ? as one code point, everything else escaped. Short
  // strings keep its backtracking cheap.
  const reference = (pattern: string, value: string): boolean => {
    const source = Array.from(pattern, (ch) =>
      ch === '*'
        ? '[\\s\\S]*'
        : ch === '?'
          ? '[\\s\\S]'
          : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
    ).join('');
    return new RegExp(`^${source}$`, 'u').test(value);
  };
  const alphabet = ['a', 'b', '/', ':', '*', '?', '.', '\n', 'é', '😀'];
  const text = (max: number) =>
    fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((cs) => cs.join(''));
  test('same answer, within the bound', () => {
    fc.assert(
      fc.property(text(10), text(14), (pattern, value) => {
        const { matched, steps } = globMatchSteps(pattern, value);
        expect(matched).toBe(reference(pattern, value));
        expect(steps).toBeLessThanOrEqual(bound(pattern, value));
      }),
      { seed: 23, numRuns: 3000 },
    );
  });
  test('a value built from the pattern always matches it', () => {
    fc.assert(
      fc.property(
        text(10),
        fc.array(text(4), { minLength: 12, maxLength: 12 }),
        (pattern, fills) => {
          let n = 0;
          const value = Array.from(pattern, (ch) =>
            ch === '*' ? (fills[n++ % 12] ?? '') : ch === '?' ? 'q' : ch,
          ).join('');
          expect(globMatch(pattern, value)).toBe(true);
        },
      ),
      { seed: 23, numRuns: 1000 },
    );
  });
});
