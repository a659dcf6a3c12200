import {
  configHeader,
  existingHeaders,
  mergeSections,
  readSection,
  removeSections,
  renderSections,
  type IniSection,
} from '../../src/publish/profile-files.js';

const dev: IniSection = {
  header: 'profile dev',
  entries: { region: 'us-east-1', credential_process: 'node /tmp/x/cp.js --spec=/tmp/x/dev.json' },
};
const credentials: IniSection = {
  header: 'dev',
  entries: {
    aws_access_key_id: 'ASIAEXAMPLE',
    aws_secret_access_key: 'se/cr+et=',
    aws_session_token: 'tok==',
  },
};

describe('configHeader', () => {
  test.each([
    { profile: 'default', expected: 'default' },
    { profile: 'dev', expected: 'profile dev' },
    { profile: 'prod.eu-west-1', expected: 'profile prod.eu-west-1' },
  ])('$profile → [$expected]', ({ profile, expected }) => {
    expect(configHeader(profile)).toBe(expected);
  });
});

describe('renderSections', () => {
  test('sections in order, blank line between', () => {
    expect(renderSections([{ header: 'default', entries: { region: 'eu-west-1' } }, dev])).toBe(
      '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-east-1\ncredential_process = node /tmp/x/cp.js --spec=/tmp/x/dev.json\n',
    );
  });

  test.each([
    {
      name: 'line feed in a value',
      section: { header: 'dev', entries: { region: 'us-east-1\n[default]' } },
      error: 'refusing to write a line break into profile entry region',
    },
    {
      name: 'carriage return in a value',
      section: { header: 'dev', entries: { aws_session_token: 'a\rb' } },
      error: 'refusing to write a line break into profile entry aws_session_token',
    },
    {
      name: 'bracket in a key',
      section: { header: 'dev', entries: { '[x]': '1' } },
      error: 'refusing to write a line break into profile entry [x]',
    },
    {
      name: 'line break in a header',
      section: { header: 'dev]\n[default', entries: {} },
      error: 'refusing to write a malformed profile header',
    },
  ])('refuses $name', ({ section, error }) => {
    expect(() => renderSections([section])).toThrow(error);
  });

  test.each([
    { name: 'config section', section: dev },
    { name: 'credentials section', section: credentials },
    {
      name: 'default section',
      section: { header: 'default', entries: { region: 'cn-north-1', output: 'json' } },
    },
  ])('readSection reads back a rendered $name', ({ section }) => {
    expect(readSection(renderSections([section]), section.header)).toEqual(section.entries);
  });
});

const EXISTING = [
  '# managed by hand',
  '[default]',
  'region = eu-west-1',
  '',
  '; the old dev profile',
  '[profile dev]',
  'region = us-west-2',
  'role_arn = arn:aws:iam::111111111111:role/old',
  '',
  '[profile other]',
  'region = ap-south-1 # keep me',
  '',
].join('\n');

describe('mergeSections', () => {
  test.each([
    {
      name: 'same-named section replaced, the rest kept',
      existing: EXISTING,
      sections: [dev],
      expected: {
        default: { region: 'eu-west-1' },
        'profile dev': dev.entries,
        'profile other': { region: 'ap-south-1 # keep me' },
      },
      kept: ['# managed by hand', '; the old dev profile'],
      gone: ['us-west-2', 'role/old'],
    },
    {
      name: '[default] replaced',
      existing: EXISTING,
      sections: [{ header: 'default', entries: { region: 'us-east-1' } }],
      expected: {
        default: { region: 'us-east-1' },
        'profile dev': { region: 'us-west-2', role_arn: 'arn:aws:iam::111111111111:role/old' },
      },
      kept: ['# managed by hand', '[profile other]'],
      gone: ['eu-west-1'],
    },
    {
      name: 'new section appended',
      existing: EXISTING,
      sections: [{ header: 'profile prod', entries: { region: 'us-east-1' } }],
      expected: {
        default: { region: 'eu-west-1' },
        'profile dev': { region: 'us-west-2', role_arn: 'arn:aws:iam::111111111111:role/old' },
        'profile prod': { region: 'us-east-1' },
      },
      kept: ['# managed by hand', '; the old dev profile', '[profile other]'],
      gone: [],
    },
    {
      name: 'CRLF file and a spaced header',
      existing: '[ profile dev ]\r\nregion = x\r\n[profile keep]\r\nregion = y\r\n',
      sections: [dev],
      expected: { 'profile dev': dev.entries, 'profile keep': { region: 'y' } },
      kept: ['[profile keep]'],
      gone: ['region = x'],
    },
    {
      name: 'empty file',
      existing: '',
      sections: [dev],
      expected: { 'profile dev': dev.entries },
      kept: [],
      gone: [],
    },
  ])('$name', ({ existing, sections, expected, kept, gone }) => {
    const merged = mergeSections(existing, sections);
    for (const [header, entries] of Object.entries(expected))
      expect(readSection(merged, header)).toEqual(entries);
    for (const line of kept) expect(merged).toContain(line);
    for (const text of gone) expect(merged).not.toContain(text);
    expect(merged.match(/^\s*\[ ?profile dev ?\]/gm)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(merged.endsWith('\n')).toBe(true);
  });

  test('merging twice gives the same file', () => {
    const once = mergeSections(EXISTING, [dev]);
    expect(mergeSections(once, [dev])).toBe(once);
  });

  test('an empty file merges to exactly the rendered sections', () => {
    expect(mergeSections('', [credentials])).toBe(renderSections([credentials]));
  });
});

describe('readSection', () => {
  test.each([
    { name: 'missing section', text: EXISTING, header: 'profile nope', expected: undefined },
    { name: 'header only', text: '[profile empty]\n', header: 'profile empty', expected: {} },
    {
      name: 'comments ignored, value with = kept',
      text: '[p]\n# c = d\n; e = f\ncredential_process = a --b=c\n',
      header: 'p',
      expected: { credential_process: 'a --b=c' },
    },
    {
      name: 'profile name is not the config header',
      text: EXISTING,
      header: 'dev',
      expected: undefined,
    },
  ])('$name', ({ text, header, expected }) => {
    expect(readSection(text, header)).toEqual(expected);
  });
});

describe('existingHeaders and removeSections (profile-files-location: home)', () => {
  const USER = '# mine\n[profile mine]\nregion = eu-west-1\n\n[default]\nregion = us-east-1\n';

  test('finds only the headers the text has', () => {
    expect(existingHeaders(USER, ['profile mine', 'profile dev', 'default'])).toEqual([
      'profile mine',
      'default',
    ]);
  });

  test.each<{ name: string; headers: string[] }>([
    { name: 'one added section', headers: ['profile dev'] },
    { name: 'two added sections', headers: ['profile dev', 'profile prod'] },
  ])('merge then remove gives the user text back: $name', ({ headers }) => {
    const sections = headers.map((header) => ({ header, entries: { region: 'us-east-1' } }));
    expect(removeSections(mergeSections(USER, sections), headers)).toBe(USER);
  });

  test('removing every section of a file we created leaves nothing', () => {
    const text = mergeSections('', [{ header: 'dev', entries: { aws_access_key_id: 'x' } }]);
    expect(removeSections(text, ['dev'])).toBe('');
  });
});
