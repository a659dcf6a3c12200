// Output a workflow can trust: every line the trust-policy CLI prints is escaped so that policy
// text can neither hide itself on a terminal nor act as a runner workflow command.
import { runCliAsync } from '../../src/cli.js';
import { logSafeLine } from '../../src/trust-cli/log-safe.js';

/** What the runner would act on, or a terminal would hide: the properties every line must have. */
const RAW_CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const problems = (lines: readonly string[]): string[] =>
  lines.flatMap((line) => [
    ...(/^\s*::/.test(line) ? [`starts with :: → ${JSON.stringify(line)}`] : []),
    ...(line.includes('##[') ? [`holds ##[ → ${JSON.stringify(line)}`] : []),
    ...(RAW_CONTROL.test(line) ? [`raw control → ${JSON.stringify(line)}`] : []),
  ]);

describe('logSafeLine', () => {
  // [case, input, printed]
  test.each<[string, string, string]>([
    [
      'plain text is unchanged',
      'repo:octo-org/app:ref:refs/heads/main',
      'repo:octo-org/app:ref:refs/heads/main',
    ],
    ['a workflow command at the start', '::stop-commands::x', '\\u003A:stop-commands::x'],
    [
      'after leading spaces (the runner trims them)',
      '   ::notice::audit clean',
      '   \\u003A:notice::audit clean',
    ],
    ['after a no-break space', '\u00a0::error::x', '\u00a0\\u003A:error::x'],
    ['"::" later in a line is harmless', "sub 'a::b'", "sub 'a::b'"],
    [
      'a newline cannot start a new line',
      'x\n::notice::audit clean',
      'x\\u000A::notice::audit clean',
    ],
    ['carriage return', 'ok\rnobody', 'ok\\u000Dnobody'],
    ['ESC sequences', '\u001b[2K\u001b[1Aclean', '\\u001B[2K\\u001B[1Aclean'],
    ['DEL and C1 (CSI)', 'a\u007fb\u009bc', 'a\\u007Fb\\u009Bc'],
    ['tab', 'a\tb', 'a\\u0009b'],
    [
      'zero-width and bidi format characters',
      'a\u200bb\u202ec\u2066d\ufeffe',
      'a\\u200Bb\\u202Ec\\u2066d\\uFEFFe',
    ],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['a tag character outside the BMP', 'a\u{E0041}b', 'a\\uDB40\\uDC41b'],
    [
      'the legacy ##[ form, anywhere',
      'role x ##[stop-commands]t',
      'role x ##\\u005Bstop-commands]t',
    ],
    ['letters outside ASCII are kept', 'équipe 😀', 'équipe 😀'],
  ])('%s', (_name, input, printed) => {
    expect(logSafeLine(input)).toBe(printed);
    expect(logSafeLine(printed)).toBe(printed);
    expect(problems([printed])).toEqual([]);
  });

  test('a JSON line stays the same JSON value', () => {
    const value = { sub: '::x\n\u202e\u0085##[y]', n: 1 };
    const safe = JSON.stringify(value, null, 2).split('\n').map(logSafeLine).join('\n');
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('the CLI prints hostile policy text log-safe', () => {
  const H = 'token.actions.githubusercontent.com';
  const HOSTILE = [
    '::stop-commands::x',
    '\n::notice::audit clean',
    'ok\rnobody',
    '\u001b[2K\u001b[1A',
    '\u202e',
    '##[stop-commands]t',
  ];
  const policy = (values: string[]) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${H}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${H}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${H}:sub`]: values.map((v) => `repo:${v}*`) },
        },
      },
    ],
  });
  const files: Record<string, string> = {
    'roles.json': JSON.stringify({
      RoleDetailList: HOSTILE.map((name, i) => ({
        RoleName: `${name}-${i}`,
        AssumeRolePolicyDocument: policy([...HOSTILE, `${name}/app:`]),
      })),
    }),
    'policy.json': JSON.stringify(policy(HOSTILE)),
  };
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const code = await runCliAsync(
      argv,
      (s) => lines.push(s),
      (s) => lines.push(s),
      {
        readFile: (path) => files[path] ?? '',
        listRoles: async () => [],
      },
    );
    return { code, lines };
  };

  test.each<[string, string[]]>([
    ['audit table', ['trust-policy', 'audit', '--from-file', 'roles.json']],
    ['audit --json', ['trust-policy', 'audit', '--from-file', 'roles.json', '--json']],
    ['audit --sarif', ['trust-policy', 'audit', '--from-file', 'roles.json', '--sarif']],
    [
      'check report and notes',
      ['trust-policy', 'check', '--policy', 'policy.json', '--claim', `sub=${HOSTILE[1]}`],
    ],
    ['an error naming a bad value', ['trust-policy', 'generate', '--repo', '::error::x\n::y']],
  ])('%s', async (_name, argv) => {
    const { lines } = await run(argv);
    expect(lines.length).toBeGreaterThan(0);
    // Each call is one line: none holds a newline, none acts as a command.
    expect(problems(lines)).toEqual([]);
  });
});
