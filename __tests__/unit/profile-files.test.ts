import { execFileSync } from 'node:child_process';
import {
  configHeader,
  existingHeaders,
  mergeSections,
  readSection,
  removeSections,
  renderSections,
  type IniSection,
} from '../../src/publish/profile-files.js';
import { stripAsReader } from '../../src/publish/profile-headers.js';

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
      // A spaced header ([ profile dev ]) is no profile to botocore: refused, see below.
      name: 'CRLF file',
      existing: '[profile dev]\r\nregion = x\r\n[profile keep]\r\nregion = y\r\n',
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

// Headers as botocore (configloader.raw_config_parse over configparser, then build_profile_map's
// shlex.split) and the JS SDK (parseIni in @smithy/core/config) read them (issue 17).
describe('section headers with comments, spaces and quotes', () => {
  const DEPLOY: IniSection = { header: 'profile deploy', entries: { region: 'eu-west-1' } };
  const KEYS: IniSection = { header: 'deploy', entries: { aws_access_key_id: 'AKIDNEW' } };

  test.each([
    { name: 'a trailing ; comment', text: '[profile deploy] ; note\nregion = us-east-1\n' },
    { name: 'a trailing # comment', text: '[profile deploy] # x\nregion = us-east-1\n' },
    { name: 'a double-quoted name', text: '[profile "deploy"]\nregion = us-east-1\n' },
    { name: 'a single-quoted name', text: "[profile 'deploy']\nregion = us-east-1\n" },
    { name: 'indentation around the header', text: '  [profile deploy]  \nregion = us-east-1\n' },
  ])('$name: the existing section is found and replaced, never added twice', ({ text }) => {
    expect(existingHeaders(text, ['profile deploy'])).toEqual(['profile deploy']);
    const merged = mergeSections(`[profile other]\nregion = x\n${text}`, [DEPLOY]);
    expect(merged.match(/^\s*\[.*deploy/gm)).toHaveLength(1);
    expect(readSection(merged, 'profile deploy')).toEqual({ region: 'eu-west-1' });
    expect(readSection(merged, 'profile other')).toEqual({ region: 'x' });
  });

  test('credentials: [deploy] ; note is the deploy section', () => {
    const merged = mergeSections('[deploy] ; note\naws_access_key_id = AKIDOLD\n', [KEYS]);
    expect(merged).toBe('[deploy]\naws_access_key_id = AKIDNEW\n');
  });

  test.each([
    {
      name: 'both [deploy] and [profile deploy] in config',
      text: '[deploy]\na = 1\n[profile deploy]\nb = 2\n',
    },
    {
      name: 'a bare [deploy] in config (not a profile to either reader)',
      text: '[deploy]\na = 1\n',
    },
    {
      name: 'two spellings botocore both reads as deploy',
      text: '[profile deploy]\n[profile  deploy]\n',
    },
    {
      name: 'the same header twice (the CLI refuses the file)',
      text: '[profile deploy]\n[profile deploy]\n',
    },
    { name: 'spaces inside the brackets', text: '[ profile  deploy ]\nregion = x\n' },
    {
      name: 'two spaces after profile (botocore: deploy; JS SDK: no profile)',
      text: '[profile  deploy]\n',
    },
    { name: 'a comment without a space (JS SDK: no header)', text: '[profile deploy];note\n' },
    { name: 'text after the bracket (JS SDK: no header)', text: '[profile deploy]x\n' },
  ])('$name: refused with the line and the fix', ({ text }) => {
    const error =
      /refusing to write \[profile deploy\] into \/home\/u\/.aws\/config: .*line \d+: .*Leave exactly one plain "\[profile deploy\]" header/;
    expect(() => existingHeaders(text, ['profile deploy'], '/home/u/.aws/config')).toThrow(error);
    expect(() => mergeSections(text, [DEPLOY], '/home/u/.aws/config')).toThrow(error);
    expect(() => removeSections(text, ['profile deploy'], '/home/u/.aws/config')).toThrow(error);
  });

  test.each([
    { name: 'a commented-out header', text: '# [profile deploy]\n; [profile deploy]\n' },
    {
      name: 'another profile whose name contains it',
      text: '[profile deploy-prod]\n[profile mydeploy]\n',
    },
    { name: 'an sso-session of the same name', text: '[sso-session deploy]\n' },
  ])('$name: not the profile, and no refusal', ({ text }) => {
    expect(existingHeaders(text, ['profile deploy'])).toEqual([]);
    expect(mergeSections(text, [DEPLOY])).toBe(`${text}\n[profile deploy]\nregion = eu-west-1\n`);
  });

  test('[profile default] and [default] are one profile: both present is refused', () => {
    expect(existingHeaders('[profile default]\n', ['default'])).toEqual(['default']);
    expect(() => existingHeaders('[default]\n[profile default]\n', ['default'])).toThrow(
      /line 1.*line 2/,
    );
  });

  test('removal stops at a header only one reader sees', () => {
    const text = '[profile deploy] # ours\nregion = x\n[other];note\nregion = y\n';
    expect(removeSections(text, ['profile deploy'])).toBe('[other];note\nregion = y\n');
  });
});

// Each client strips its own set of white space before it looks for `[...]` (stripAsReader):
// a header line they strip differently is refused, never guessed (issue 24).
describe('header lines the clients strip differently', () => {
  const DEPLOY: IniSection = { header: 'profile deploy', entries: { region: 'eu-west-1' } };
  const CONFIG = '/home/u/.aws/config';

  test.each<{ name: string; char: string; botocore: boolean; js: boolean; go: boolean }>([
    { name: 'tab', char: '\t', botocore: true, js: true, go: true },
    { name: 'no-break space U+00A0', char: '\u00a0', botocore: true, js: true, go: true },
    { name: 'ideographic space U+3000', char: '\u3000', botocore: true, js: true, go: true },
    { name: 'file separator \\x1c', char: '\x1c', botocore: true, js: false, go: false },
    { name: 'unit separator \\x1f', char: '\x1f', botocore: true, js: false, go: false },
    { name: 'next line \\x85', char: '\x85', botocore: true, js: false, go: true },
    { name: 'byte order mark U+FEFF', char: '\ufeff', botocore: false, js: true, go: false },
    { name: 'zero-width space U+200B', char: '\u200b', botocore: false, js: false, go: false },
  ])('stripAsReader: $name', ({ char, botocore, js, go }) => {
    const line = `${char}[x]${char}`;
    expect(stripAsReader(line, 'botocore') === '[x]').toBe(botocore);
    expect(stripAsReader(line, 'js') === '[x]').toBe(js);
    expect(stripAsReader(line, 'go') === '[x]').toBe(go);
  });

  test('stripAsReader agrees with Python str.strip() and JS trim() on every character', () => {
    // Every white space character of either language is below U+3100 or is U+FEFF (asserted).
    const chars = [...Array.from({ length: 0x3100 }, (_, i) => i), 0xfeff];
    const python = execFileSync(
      'python3',
      ['-c', 'print(",".join(str(i) for i in range(0x110000) if chr(i).isspace()))'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    const pythonSpace = new Set(python.trim().split(',').map(Number));
    expect([...pythonSpace].filter((i) => !chars.includes(i))).toEqual([]);
    const disagreements = chars.filter((i) => {
      const line = `${String.fromCharCode(i)}a${String.fromCharCode(i)}`;
      return (
        (stripAsReader(line, 'botocore') === 'a') !== pythonSpace.has(i) ||
        (stripAsReader(line, 'js') === 'a') !== (line.trim() === 'a')
      );
    });
    expect(disagreements).toEqual([]);
  }, 30_000);

  test.each([
    {
      name: 'a leading \\x1c (botocore: a header; JS and Go SDKs: text)',
      text: '\x1c[profile deploy]\n',
    },
    { name: 'a trailing \\x1f', text: '[profile deploy]\x1f\n' },
    {
      name: 'a leading \\x85 (botocore and Go: a header; JS: text)',
      text: '\x85[profile deploy]\n',
    },
    {
      name: 'a leading U+FEFF (JS: a header; botocore and Go: text)',
      text: '\ufeff[profile deploy]\n',
    },
    {
      name: 'a no-break space inside (botocore: no profile; JS: deploy)',
      text: '[profile\u00a0deploy]\n',
    },
    { name: 'another first word (botocore: deploy; JS: no profile)', text: '[profilex deploy]\n' },
  ])('$name: refused with the line and the fix, never a second section', ({ text }) => {
    const error =
      /refusing to write \[profile deploy\] into \/home\/u\/.aws\/config: .*line 1: .*Leave exactly one plain "\[profile deploy\]" header/;
    expect(() => existingHeaders(text, ['profile deploy'], CONFIG)).toThrow(error);
    expect(() => mergeSections(text, [DEPLOY], CONFIG)).toThrow(error);
    expect(() => removeSections(text, ['profile deploy'], CONFIG)).toThrow(error);
  });

  test.each([
    { name: 'a leading no-break space', text: '\u00a0[profile deploy]\nregion = x\n' },
    { name: 'a trailing ideographic space', text: '[profile deploy]\u3000\nregion = x\n' },
  ])('$name (all three strip it): the section is found and replaced', ({ text }) => {
    const merged = mergeSections(text, [DEPLOY], CONFIG);
    expect(merged).toBe('[profile deploy]\nregion = eu-west-1\n');
  });

  test("removal stops at another profile's header that one client strips differently", () => {
    const text = '[profile deploy]\nregion = x\n\x1c[profile other]\nregion = y\n';
    expect(removeSections(text, ['profile deploy'], CONFIG)).toBe(
      '\x1c[profile other]\nregion = y\n',
    );
  });
});
