// Facts the docs state about the code, checked against the code: the refresh margin, what the
// action does (nothing) to AWS_PROFILE, and the README sections action.yml points to.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { REFRESH_MARGIN_SECONDS } from '../../src/publish/refresh-spec.js';

const DOCS = [
  'README.md',
  'SECURITY.md',
  'action.yml',
  ...readdirSync('docs').map((name) => `docs/${name}`),
].map((file) => ({ file, text: readFileSync(file, 'utf8').replace(/\s+/g, ' ') }));

const NUMBERS: Readonly<Record<string, number>> = { five: 5, ten: 10, fifteen: 15 };

test('every "N minutes before expiry" is the helper’s refresh margin', () => {
  const stated = DOCS.flatMap(({ file, text }) =>
    [...text.matchAll(/(\w+) minutes before expiry/g)].map((m) => ({
      file,
      minutes: NUMBERS[m[1] ?? ''] ?? Number(m[1]),
    })),
  );
  expect(stated.length).toBeGreaterThan(0);
  for (const { file, minutes } of stated)
    expect({ file, minutes }).toEqual({ file, minutes: REFRESH_MARGIN_SECONDS / 60 });
});

test('no page says the action exports, empties or restores AWS_PROFILE: it never sets it (plan-exports.ts)', () => {
  const wrong = DOCS.flatMap(({ file, text }) =>
    text
      .split(/(?<=\.) /)
      .filter(
        (sentence) =>
          (/empt(y|ies|ied)\b/i.test(sentence) && /[—(,] ?`?AWS_PROFILE`?(,| if)/.test(sentence)) ||
          /(restores?|restored|becomes|then sets|uses) `?AWS_PROFILE(`|=)/.test(sentence),
      )
      .map((sentence) => `${file}: ${sentence}`),
  );
  expect(wrong).toEqual([]);
});

test('action.yml names only README sections and docs pages that exist', () => {
  const readme = readFileSync('README.md', 'utf8');
  const headings = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]));
  const action = readFileSync('action.yml', 'utf8');
  const named = [...action.matchAll(/README's "([^"]+)" section/g)].map((m) => m[1]);
  for (const section of named) expect(headings).toContain(section);
  for (const [page] of action.matchAll(/docs\/[\w-]+\.md/g)) expect(existsSync(page)).toBe(true);
});
