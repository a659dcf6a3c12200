import { runContext } from '../../__fixtures__/context.js';
import {
  contextTags,
  mergeTags,
  sanitizeTagValue,
  tagCountProblem,
  tagKeyProblem,
  tagValueProblem,
  type Tag,
} from '../../src/model/tags.js';

/** Session tag values as STS validates them: letters, spaces, numbers and _.:/=+-@, at most 256. */
const STS_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

describe('contextTags', () => {
  test('a push to main', () => {
    expect(contextTags(runContext())).toEqual([
      { key: 'GitHub', value: 'Actions' },
      { key: 'Repository', value: 'octo-org/deploy-app' },
      { key: 'Workflow', value: 'Deploy' },
      { key: 'Action', value: '__self' },
      { key: 'Actor', value: 'octocat' },
      { key: 'Commit', value: 'ffac537e6cbbf934b08745a378932722df287a53' },
      { key: 'Branch', value: 'main' },
    ]);
  });

  test.each([
    {
      name: 'tag ref has no Branch',
      overrides: { ref: 'refs/tags/v1.2.3' },
      key: 'Branch',
      value: undefined,
    },
    {
      name: 'pull request ref has no Branch',
      overrides: { ref: 'refs/pull/42/merge' },
      key: 'Branch',
      value: undefined,
    },
    {
      name: 'branch with slashes',
      overrides: { ref: 'refs/heads/release/2024-06' },
      key: 'Branch',
      value: 'release/2024-06',
    },
    {
      name: 'bot actor',
      overrides: { actor: 'dependabot[bot]' },
      key: 'Actor',
      value: 'dependabot_bot_',
    },
    {
      name: 'unicode letters kept',
      overrides: { actor: 'José Müller' },
      key: 'Actor',
      value: 'José Müller',
    },
    {
      name: 'emoji replaced',
      overrides: { workflow: '🚀 Deploy' },
      key: 'Workflow',
      value: '_ Deploy',
    },
    {
      name: 'empty workflow left out',
      overrides: { workflow: '' },
      key: 'Workflow',
      value: undefined,
    },
    {
      name: 'long workflow cut to 256',
      overrides: { workflow: 'w'.repeat(300) },
      key: 'Workflow',
      value: 'w'.repeat(256),
    },
  ])('$name', ({ overrides, key, value }) => {
    const tags = contextTags(runContext(overrides));
    expect(tags.find((t) => t.key === key)?.value).toBe(value);
    for (const tag of tags) expect(tag.value).toMatch(STS_TAG_VALUE);
  });
});

describe('sanitizeTagValue', () => {
  test.each([
    { name: 'allowed characters', value: 'a-b_c.d:e/f=g+h@i j', expected: 'a-b_c.d:e/f=g+h@i j' },
    { name: 'brackets', value: 'dependabot[bot]', expected: 'dependabot_bot_' },
    { name: 'shell characters', value: 'a;b|c&d$e', expected: 'a_b_c_d_e' },
    { name: 'an astral character becomes one _', value: 'x😀y', expected: 'x_y' },
    {
      name: 'cut at 256 code points, not UTF-16 units',
      value: 'é'.repeat(300),
      expected: 'é'.repeat(256),
    },
    { name: 'empty', value: '', expected: '' },
  ])('$name', ({ value, expected }) => {
    expect(sanitizeTagValue(value)).toBe(expected);
  });
});

describe('mergeTags', () => {
  const tag = (key: string, value: string): Tag => ({ key, value });
  test.each([
    {
      name: 'disjoint lists',
      lists: [[tag('A', '1')], [tag('B', '2')]],
      expected: [tag('A', '1'), tag('B', '2')],
    },
    {
      name: 'later list wins',
      lists: [[tag('Team', 'a')], [tag('Team', 'b')]],
      expected: [tag('Team', 'b')],
    },
    {
      name: 'keys compare case-insensitively',
      lists: [[tag('team', 'a'), tag('B', '2')], [tag('TEAM', 'b')]],
      expected: [tag('TEAM', 'b'), tag('B', '2')],
    },
    { name: 'nothing', lists: [], expected: [] },
  ])('$name', ({ lists, expected }) => {
    expect(mergeTags(...lists)).toEqual(expected);
  });
});

describe('user tag checks', () => {
  test.each([
    { name: 'good key', problem: tagKeyProblem('Team'), expected: undefined },
    { name: 'empty key', problem: tagKeyProblem(''), expected: 'tag keys cannot be empty' },
    {
      name: 'long key',
      problem: tagKeyProblem('k'.repeat(129)),
      expected: expect.stringContaining('longer than 128'),
    },
    {
      name: 'key with !',
      problem: tagKeyProblem('Team!'),
      expected: expect.stringContaining('characters STS rejects'),
    },
    { name: 'good value', problem: tagValueProblem('Team', 'Payments Team'), expected: undefined },
    {
      name: 'long value',
      problem: tagValueProblem('Team', 'v'.repeat(257)),
      expected: expect.stringContaining('longer than 256'),
    },
    {
      name: 'value with <',
      problem: tagValueProblem('Team', '<b>'),
      expected: expect.stringContaining('characters STS rejects'),
    },
    {
      name: '50 tags',
      problem: tagCountProblem(Array.from({ length: 50 }, (_, i) => tag(`k${i}`))),
      expected: undefined,
    },
    {
      name: '51 tags',
      problem: tagCountProblem(Array.from({ length: 51 }, (_, i) => tag(`k${i}`))),
      expected: expect.stringContaining('at most 50'),
    },
  ])('$name', ({ problem, expected }) => {
    expect(problem).toEqual(expected);
  });

  function tag(key: string): Tag {
    return { key, value: 'v' };
  }
});
