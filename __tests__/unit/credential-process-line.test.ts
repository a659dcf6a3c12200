// The credential_process line (model/credential-process-line.ts) read back by each AWS client's
// own rules: botocore's INI reader and splitters and sh run for real, the JS, Go, Java and .NET
// SDKs' INI and command-line layers as oracles ported from their sources (cited below). Every
// accepted line must give every client the same words; every refused path names its character.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  type CommandPlatform,
  credentialProcessLine,
} from '../../src/model/credential-process-line.js';
import { checkHelperPaths, helperCommand } from '../../src/publish/helper-command.js';
import { InputErrors } from '../../src/model/errors.js';
import { planFor } from '../../__fixtures__/plan.js';
import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';

const KEY = 'credential_process = ';

/** @smithy parseIni (JS SDK v3): a line is cut at `(^|\s)[;#]`, then trimmed. */
const jsIniValue = (line: string): string =>
  (`${KEY}${line}`.split(/(^|\s)[;#]/)[0] ?? '').slice(KEY.length).trim();

/**
 * aws-sdk-go-v2 internal/ini (tokenize.go asProperty, strings.go): cut at the first # or ;,
 * split at `=`, trim, strip one outer pair of " or ', then replace \" \' and \n.
 */
function goIniValue(line: string): string {
  let value = (`${KEY}${line}`.split(/[#;]/)[0] ?? '').slice(KEY.length).trim();
  const quoted = value.length > 2 && /^(["']).*\1$/s.test(value);
  if (quoted) value = value.slice(1, -1);
  return value.replaceAll('\\"', '"').replaceAll("\\'", "'").replaceAll('\\n', '\n');
}

/**
 * The MS C runtime's argv rules, which node.exe applies to its command line: space and tab
 * separate, " toggles quoting, backslashes are literal unless they lead up to a ".
 */
function msArgv(commandLine: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let backslashes = 0;
  for (const c of commandLine) {
    if (c === '\\') {
      backslashes++;
      continue;
    }
    if (c === '"') {
      word += '\\'.repeat(Math.floor(backslashes / 2));
      if (backslashes % 2 === 1) word += '"';
      else quoted = !quoted;
      backslashes = 0;
      inWord = true;
      continue;
    }
    word += '\\'.repeat(backslashes);
    backslashes = 0;
    if ((c === ' ' || c === '\t') && !quoted) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  word += '\\'.repeat(backslashes);
  if (inWord) words.push(word);
  return words;
}

/** cmd.exe /C (no /S either way here): a leading " is removed with the last " on the line. */
const cmdSlashC = (text: string): string =>
  text.startsWith('"')
    ? text.slice(1, text.lastIndexOf('"')) + text.slice(text.lastIndexOf('"') + 1)
    : text;

/** Go's syscall.EscapeArg: quoted when it holds space, tab or ", with \ before " doubled. */
const goEscapeArg = (arg: string): string =>
  /[ \t"]/.test(arg) ? `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"` : arg;

/** Java's ProcessImpl on Windows: an unquoted argument with a space is wrapped, unescaped. */
const javaWindowsArg = (arg: string): string =>
  /[ \t]/.test(arg) && !/^".*"$/.test(arg) ? `"${arg}"` : arg;

/** How each client on Windows turns the INI line into node.exe's argv. */
const WINDOWS_CLIENTS: Record<string, (line: string) => string[]> = {
  // child_process.exec: cmd.exe /d /s /c "value"; /s removes exactly the outer pair.
  'JS SDK v3': (line) => msArgv(cmdSlashC(`"${jsIniValue(line)}"`)),
  // exec.Command("cmd.exe", "/C", value): Go escapes the value as one argument.
  'Go SDK v2': (line) => msArgv(cmdSlashC(goEscapeArg(goIniValue(line)))),
  // ProcessBuilder("cmd.exe", "/C", value).
  'Java SDK v2': (line) => msArgv(cmdSlashC(javaWindowsArg(line))),
  // ProcessStartInfo("cmd.exe", "/c " + value): the raw command line.
  '.NET SDK': (line) => msArgv(cmdSlashC(line)),
};

// Required under CI=true (.ci/run installs botocore with the AWS CLI), as the e2e clients are.
const hasPython =
  spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore', timeout: 30_000 }).status ===
    0 || process.env['CI'] === 'true';

/** botocore for real: its config reader, then compat_shell_split for the given platform. */
function botocoreWords(lines: readonly string[], platform: CommandPlatform): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-line-'));
  try {
    const config = path.join(dir, 'config');
    writeFileSync(config, lines.map((l, i) => `[profile p${i}]\n${KEY}${l}\n`).join(''));
    const code = `import json, sys
from botocore.configloader import raw_config_parse
from botocore.compat import compat_shell_split
c = raw_config_parse(sys.argv[1])
print(json.dumps([compat_shell_split(c['profile p%d' % i]['credential_process'], sys.argv[2]) for i in range(int(sys.argv[3]))]))`;
    const run = spawnSync(
      'python3',
      ['-c', code, config, platform === 'win32' ? 'win32' : 'linux', String(lines.length)],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as string[][];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** sh for real: the words `sh -c VALUE` would run (the JS, Go, Java and .NET SDKs on POSIX). */
function shWords(value: string): string[] {
  const run = spawnSync('sh', ['-c', `set -- ${value}; printf '%s\\0' "$@"`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return run.stdout.split('\0').slice(0, -1);
}

const LINUX = [
  '/home/runner/actions-runner/externals/node20/bin/node',
  '/home/runner/work/_actions/octo/aws-deploy-role/v1/dist/credential-process/index.js',
  '/home/runner/work/_temp/aws-deploy-role-0a1b2c3d4e5f/refresh-dev.json',
];
const WINDOWS = [
  'C:\\actions-runner\\externals\\node20\\bin\\node.exe',
  'D:\\a\\_actions\\octo\\aws-deploy-role\\v1\\dist\\credential-process\\index.js',
  'D:\\a\\_temp\\aws-deploy-role-0a1b2c3d4e5f\\refresh-dev.json',
];
const spaced = (words: string[]) => words.map((w) => w.replace('/home/runner', '/Users/Jo Smith'));

const ACCEPTED: { name: string; platform: CommandPlatform; words: string[]; line: string }[] = [
  { name: 'hosted Linux runner: bare', platform: 'posix', words: LINUX, line: LINUX.join(' ') },
  {
    name: 'a space in every path: only the leading part is quoted, the line ends bare',
    platform: 'posix',
    words: spaced(LINUX),
    line: spaced(LINUX)
      .map((w) => `"/Users/Jo "${w.slice('/Users/Jo '.length)}`)
      .join(' '),
  },
  {
    name: 'characters double quotes protect: = ~ ( ) & | * ? [ ] ! < > { } ^',
    platform: 'posix',
    words: [
      '/opt/a (x86)/node',
      '/opt/k=v/~c/index.js',
      '/tmp/d&e|f*g?[h]!<i>{j}^/refresh-dev.json',
    ],
    line: '"/opt/a (x86)"/node "/opt/k=v/~"c/index.js "/tmp/d&e|f*g?[h]!<i>{j}^"/refresh-dev.json',
  },
  {
    name: 'non-ASCII on POSIX: bare',
    platform: 'posix',
    words: ['/Users/José/node', '/Users/José/index.js', '/tmp/ü/refresh-dev.json'],
    line: '/Users/José/node /Users/José/index.js /tmp/ü/refresh-dev.json',
  },
  {
    name: 'hosted Windows runner: bare, \\n spelled \\N (the Go SDK reads \\n as a newline)',
    platform: 'win32',
    words: WINDOWS,
    line: WINDOWS.map((w) => w.replaceAll('\\n', '\\N')).join(' '),
  },
];

describe('accepted paths: every client gets the same words back', () => {
  test.each(ACCEPTED)('$name', ({ platform, words, line }) => {
    const result = credentialProcessLine(words, platform);
    expect(result).toEqual({ line });
    expect(line.startsWith('"') && line.endsWith('"')).toBe(false);
    if (platform === 'posix') {
      expect(shWords(jsIniValue(line))).toEqual(words);
      expect(shWords(goIniValue(line))).toEqual(words);
      expect(shWords(line)).toEqual(words); // Java, .NET: the value as read
    } else {
      // NTFS names are case-insensitive: \N names the file \n does.
      const fold = (ws: string[]) => ws.map((w) => w.toLowerCase());
      for (const [client, argv] of Object.entries(WINDOWS_CLIENTS))
        expect([client, fold(argv(line))]).toEqual([client, fold(words)]);
    }
  });

  (hasPython ? test : test.skip)(
    'botocore (real): its config reader and splitters agree',
    () => {
      for (const platform of ['posix', 'win32'] as const) {
        const cases = ACCEPTED.filter((c) => c.platform === platform);
        const got = botocoreWords(
          cases.map((c) => c.line),
          platform,
        );
        expect(got.map((ws) => ws.map((w) => w.toLowerCase()))).toEqual(
          cases.map((c) => c.words.map((w) => w.toLowerCase())),
        );
      }
      // Two python3 runs that load botocore: room for a loaded 2-core machine.
    },
    60_000,
  );
});

const REFUSED: { platform: CommandPlatform; path: string; character: string }[] = [
  { platform: 'posix', path: '/opt/$HOME/node', character: '$' },
  { platform: 'posix', path: '/opt/a`id`/node', character: '`' },
  { platform: 'posix', path: '/opt/a\\b/node', character: '\\' },
  { platform: 'posix', path: '/opt/a"b/node', character: '"' },
  { platform: 'posix', path: "/opt/it's/node", character: "'" },
  { platform: 'posix', path: '/opt/C#/node', character: '#' },
  { platform: 'posix', path: '/opt/a ;b/node', character: ';' },
  { platform: 'posix', path: '/opt/a\nb/node', character: '\n' },
  { platform: 'posix', path: '/opt/a\tb/node', character: '\t' },
  { platform: 'posix', path: '/opt/node ', character: ' ' },
  { platform: 'win32', path: 'C:\\Program Files\\nodejs\\node.exe', character: ' ' },
  { platform: 'win32', path: 'C:\\r\\%TEMP%\\node.exe', character: '%' },
  { platform: 'win32', path: 'C:\\r&b\\node.exe', character: '&' },
  { platform: 'win32', path: 'C:\\r^b\\node.exe', character: '^' },
  { platform: 'win32', path: 'C:\\r!b\\node.exe', character: '!' },
  { platform: 'win32', path: 'C:\\r(x86)\\node.exe', character: '(' },
  { platform: 'win32', path: 'C:\\a,b\\node.exe', character: ',' },
  { platform: 'win32', path: 'C:\\José\\node.exe', character: 'é' },
  { platform: 'win32', path: 'C:\\a"b\\node.exe', character: '"' },
];

test.each(REFUSED)(
  'refused on $platform: $path ($character)',
  ({ platform, path: p, character }) => {
    const words = platform === 'win32' ? [p, ...WINDOWS.slice(1)] : [p, ...LINUX.slice(1)];
    const result = credentialProcessLine(words, platform);
    expect(result).toEqual({ problem: expect.objectContaining({ word: p, character }) });
  },
);

describe('the action: refused before any request, as an input error naming path and character', () => {
  const refreshPlan = (runnerTemp: string) => {
    const ctx = runContext({ runnerTemp });
    const plan = planFor(
      { roleToAssume: ROLE.deploy, awsProfile: 'live', refreshCredentials: 'true' },
      ctx,
    );
    return { plan, ctx };
  };

  test('a RUNNER_TEMP with $ is refused with the input, the path and the character', () => {
    const { plan, ctx } = refreshPlan('/srv/runner$1/_temp');
    expect(() => checkHelperPaths(plan, ctx, import.meta.url, 'posix')).toThrow(InputErrors);
    expect(() => checkHelperPaths(plan, ctx, import.meta.url, 'posix')).toThrow(
      /`refresh-credentials`: cannot be used on this runner: the refresh spec file is "\/srv\/runner\$1\/_temp\/aws-deploy-role-[0-9a-f]+\/refresh-live\.json", and its character '\$'/,
    );
  });

  test('a Windows RUNNER_TEMP with a space is refused; a hosted one passes', () => {
    expect(() =>
      checkHelperPaths(
        refreshPlan('C:\\Users\\Jo Smith\\_temp').plan,
        refreshPlan('C:\\Users\\Jo Smith\\_temp').ctx,
        'file:///D:/a/_actions/o/r/v1/dist/index.js',
        'win32',
      ),
    ).toThrow(/the refresh spec file is .*character " "/);
  });

  test('the line written for this runner has no quotes and ends with the spec file', () => {
    const line = helperCommand(
      '/tmp/aws-deploy-role-0a1b/refresh-dev.json',
      import.meta.url,
      'posix',
    );
    expect(line.split(' ').at(-1)).toBe('/tmp/aws-deploy-role-0a1b/refresh-dev.json');
    expect(line.startsWith('"') && line.endsWith('"')).toBe(false);
  });
});
