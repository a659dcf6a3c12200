import { readFileSync } from 'node:fs';
import { AUD_KEY, ISSUER, SUB_KEY } from '../../__fixtures__/github-claims.js';
import { USAGE, runCli } from '../../src/cli.js';
import { type TrustPolicy, evaluateTrustPolicy } from '../../src/trust-policy/generator.js';

/** Runs the CLI with recording streams, as a shell would see it. */
function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runCli(
    argv,
    (s) => stdout.push(s),
    (s) => stderr.push(s),
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('runCli trust-policy', () => {
  test.each<{ name: string; argv: string[]; operator: string; sub: string }>([
    {
      name: 'environment',
      argv: ['--environment', 'prod'],
      operator: 'StringEquals',
      sub: 'repo:octo-org/app:environment:prod',
    },
    {
      name: 'branch',
      argv: ['--branch', 'main'],
      operator: 'StringEquals',
      sub: 'repo:octo-org/app:ref:refs/heads/main',
    },
    {
      name: 'tag ref with --flag=value',
      argv: ['--ref=refs/tags/v*'],
      operator: 'StringLike',
      sub: 'repo:octo-org/app:ref:refs/tags/v*',
    },
    {
      name: 'pull request',
      argv: ['--pull-request'],
      operator: 'StringEquals',
      sub: 'repo:octo-org/app:pull_request',
    },
    { name: 'whole repository', argv: [], operator: 'StringLike', sub: 'repo:octo-org/app:*' },
  ])('$name', ({ argv, operator, sub }) => {
    const result = run([
      'trust-policy',
      '--repo',
      'octo-org/app',
      '--account-id=123456789012',
      ...argv,
    ]);
    expect(result.code).toBe(0);
    // Only a policy for every run of the repository warns; every names-only policy notes its
    // subject format, as new repositories get immutable-ID subjects.
    if (argv.length === 0) expect(result.stderr).toContain('admits every run of octo-org/app');
    else expect(result.stderr).not.toContain('warning');
    expect(result.stderr).toContain(
      'aws-deploy-role: note: names-only subject repo:octo-org/app:...',
    );
    const policy = JSON.parse(result.stdout) as TrustPolicy;
    expect(policy.Statement[0]?.Condition[operator]?.[SUB_KEY]).toBe(sub);
  });

  test('prints the policy with 2-space indentation', () => {
    const { stdout } = run(['trust-policy', '--repo', 'octo-org/app']);
    expect(stdout).toBe(JSON.stringify(JSON.parse(stdout), null, 2));
    expect(stdout).toContain('\n  "Statement": [');
  });

  test.each<{ name: string; argv: string[]; provider: string; aud: string }>([
    {
      name: 'defaults',
      argv: [],
      provider: 'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
    },
    {
      name: 'account and audience',
      argv: ['--account-id', '123456789012', '--audience', 'my-aud'],
      provider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      aud: 'my-aud',
    },
    {
      name: 'aws-cn partition',
      argv: ['--partition', 'aws-cn', '--account-id=123456789012'],
      provider: 'arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com.cn',
    },
  ])('options: $name', ({ argv, provider, aud }) => {
    const { stdout } = run(['trust-policy', '--repo', 'octo-org/app', ...argv]);
    const statement = (JSON.parse(stdout) as TrustPolicy).Statement[0];
    expect(statement?.Principal.Federated).toBe(provider);
    expect(statement?.Condition['StringEquals']?.[AUD_KEY]).toBe(aud);
  });

  test.each<{ name: string; argv: string[]; claims: Record<string, unknown> }>([
    {
      name: 'environment',
      argv: ['--environment', 'prod'],
      claims: { sub: 'repo:octo-org/app:environment:prod', environment: 'prod' },
    },
    {
      name: 'tags',
      argv: ['--ref', 'refs/tags/v*'],
      claims: { sub: 'repo:octo-org/app:ref:refs/tags/v1.4.0', ref: 'refs/tags/v1.4.0' },
    },
    {
      name: 'pull request',
      argv: ['--pull-request'],
      claims: { sub: 'repo:octo-org/app:pull_request', event_name: 'pull_request' },
    },
  ])('its output admits a matching token: $name', ({ argv, claims }) => {
    const { stdout } = run([
      'trust-policy',
      '--repo',
      'octo-org/app',
      '--account-id',
      '123456789012',
      ...argv,
    ]);
    const token = {
      iss: ISSUER,
      aud: 'sts.amazonaws.com',
      repository: 'octo-org/app',
      ...claims,
    };
    expect(evaluateTrustPolicy(JSON.parse(stdout) as TrustPolicy, token)).toMatchObject({
      allowed: true,
      reasons: [],
    });
    expect(
      evaluateTrustPolicy(JSON.parse(stdout) as TrustPolicy, {
        ...token,
        sub: 'repo:octo-org/other:pull_request',
      }).allowed,
    ).toBe(false);
  });
});

describe('runCli trust-policy: the subject-format note', () => {
  const base = ['trust-policy', '--repo', 'octo-org/app', '--account-id', '123456789012'];
  test.each<[string, string[], boolean]>([
    ['names only', ['--environment', 'prod'], true],
    ['immutable IDs', ['--environment', 'prod', '--owner-id', '1', '--repository-id', '2'], false],
    ['owner ID only', ['--environment', 'prod', '--owner-id', '1'], false],
    [
      'GHES (names only is its only format)',
      ['--ghes-host', 'ghe.example.com', '--branch', 'main'],
      false,
    ],
  ])('%s', (_name, argv, noted) => {
    const result = run([...base, ...argv]);
    expect(result.code).toBe(0);
    expect(result.stderr.includes('--owner-id and --repository-id')).toBe(noted);
  });
});

test.each(['aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc', 'aws-us-gov'])(
  '--partition %s is accepted and names the provider ARN',
  (partition) => {
    const result = run([
      'trust-policy',
      '--repo',
      'o/r',
      '--branch',
      'main',
      '--partition',
      partition,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`"arn:${partition}:iam::<ACCOUNT_ID>:oidc-provider/`);
    expect(USAGE).toContain(`${partition}`);
  },
);

describe('runCli help and errors', () => {
  test.each([
    [['--help']],
    [['-h']],
    [['trust-policy', '--help']],
    [['trust-policy', '--repo', 'x', '-h']],
  ])('%j prints usage', (argv) => {
    expect(run(argv)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  test.each<{ name: string; argv: string[]; message: string }>([
    { name: 'no command', argv: [], message: 'no command given' },
    { name: 'unknown command', argv: ['policy'], message: "unknown command 'policy'" },
    {
      name: 'missing --repo',
      argv: ['trust-policy', '--environment', 'prod'],
      message: '--repo OWNER/NAME is required',
    },
    {
      name: 'flag without value at the end',
      argv: ['trust-policy', '--repo'],
      message: '--repo needs a value',
    },
    {
      name: 'flag followed by another flag',
      argv: ['trust-policy', '--repo', '--pull-request'],
      message: '--repo needs a value',
    },
    { name: 'empty --flag=', argv: ['trust-policy', '--repo='], message: '--repo needs a value' },
    {
      name: 'unknown flag',
      argv: ['trust-policy', '--repo', 'o/r', '--env', 'prod'],
      message: "unknown argument '--env'",
    },
    {
      name: 'stray positional',
      argv: ['trust-policy', '--repo', 'o/r', 'prod'],
      message: "unknown argument 'prod'",
    },
    {
      name: 'repeated flag',
      argv: ['trust-policy', '--repo', 'o/r', '--audience', 'a', '--audience', 'b'],
      message: '--audience given more than once',
    },
    {
      name: 'bad partition',
      argv: ['trust-policy', '--repo', 'o/r', '--partition', 'aws-gov'],
      message:
        "--partition must be one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc, got 'aws-gov'",
    },
    {
      name: 'bad repository',
      argv: ['trust-policy', '--repo', 'octo-org'],
      message: 'repository must be owner/name',
    },
    {
      name: '--owner-id and its other name',
      argv: ['trust-policy', '--repo', 'o/r', '--owner-id', '1', '--repository-owner-id', '1'],
      message: '--repository-owner-id is another name for --owner-id',
    },
    {
      name: 'a job workflow ref that is not a workflow file',
      argv: ['trust-policy', '--repo', 'o/r', '--job-workflow-ref', 'octo-org/deploy@main'],
      message: 'job workflow ref must be OWNER/REPO/.github/workflows/FILE@REF',
    },
    {
      name: 'bad account ID',
      argv: ['trust-policy', '--repo', 'o/r', '--account-id', '12'],
      message: 'account ID must be 12 digits',
    },
    {
      name: 'ref without refs/',
      argv: ['trust-policy', '--repo', 'o/r', '--ref', 'v1'],
      message: 'ref must start with refs/',
    },
  ])('$name → exit 2', ({ argv, message }) => {
    const result = run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`aws-deploy-role: ${message}`);
  });
});

describe('runCli trust-policy check', () => {
  const SUB = 'repo:octo-org/app:ref:refs/heads/main';
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubOidc',
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: SUB } },
      },
    ],
  };
  const claims = { iss: ISSUER, aud: 'sts.amazonaws.com', sub: SUB };
  const jwt = (payload: object) =>
    ['{"alg":"RS256"}', JSON.stringify(payload), 'signature']
      .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
      .join('.');
  const TOKEN = jwt({ ...claims, sub: 'repo:octo-org/app:pull_request' });
  const files: Record<string, string> = {
    'policy.json': JSON.stringify(policy),
    'role.json': JSON.stringify({
      Role: { AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(policy)) },
    }),
    'claims.json': JSON.stringify(claims),
    'token.jwt': `${TOKEN}\n`,
    'bad.json': '[1]',
  };
  const check = (...args: string[]) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = runCli(
      ['trust-policy', 'check', ...args],
      (s) => stdout.push(s),
      (s) => stderr.push(s),
      (path) => {
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
        return text;
      },
    );
    return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  };

  const ACCOUNT_NOTE =
    "aws-deploy-role: note: the policy names the OIDC provider in account 123456789012 (aws); the role's account is not known, so it was not compared (give the output of aws iam get-role as --policy to compare it)";
  // [case, arguments, exit code, phrases of stdout]
  test.each<[string, string[], number, string[]]>([
    [
      'admitted, claims file',
      ['--policy', 'policy.json', '--claims', 'claims.json'],
      0,
      ['Statement 1 GitHubOidc (Allow): applies', `saw '${SUB}'`, 'ADMITTED'],
    ],
    [
      'admitted, get-role output with a URL-encoded document',
      ['--policy', 'role.json', '--claims', 'claims.json'],
      0,
      ['ADMITTED'],
    ],
    [
      'denied, token file',
      ['--policy', 'policy.json', '--token', 'token.jwt'],
      1,
      ["[no match] sub is 'repo:octo-org/app:pull_request'", `expects '${SUB}'`, 'DENIED'],
    ],
    [
      'denied, a single claim overriding the claims file',
      ['--policy', 'policy.json', '--claims', 'claims.json', '--claim', 'aud=other'],
      1,
      ["aud is 'other'", 'DENIED'],
    ],
    [
      'single claims only',
      [
        '--policy',
        'policy.json',
        '--claim',
        `iss=${ISSUER}`,
        '--claim',
        'aud=sts.amazonaws.com',
        `--claim=sub=${SUB}`,
      ],
      0,
      ['ADMITTED'],
    ],
  ])('%s → exit %d', (_name, args, code, phrases) => {
    const result = check(...args);
    expect(result.code).toBe(code);
    // Notes on the policy go to stderr, as generate's do; stdout holds the report only.
    expect(result.stderr).toBe(ACCOUNT_NOTE);
    expect(result.stdout).not.toContain('note:');
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
    // The token's claims may be shown; the token itself never.
    expect(result.stdout).not.toContain(TOKEN.split('.')[1]);
  });

  // [case, arguments, message]
  test.each<[string, string[], string]>([
    ['no policy', ['--claims', 'claims.json'], '--policy FILE is required'],
    ['no claims', ['--policy', 'policy.json'], "give the run's claims"],
    [
      'claims and token',
      ['--policy', 'policy.json', '--claims', 'claims.json', '--token', 'token.jwt'],
      'not both',
    ],
    [
      'missing file',
      ['--policy', 'nope.json', '--claims', 'claims.json'],
      '--policy: cannot read nope.json (ENOENT)',
    ],
    [
      'policy not a policy',
      ['--policy', 'claims.json', '--claims', 'claims.json'],
      'has no Statement',
    ],
    [
      'claims not an object',
      ['--policy', 'policy.json', '--claims', 'bad.json'],
      'expected a JSON object',
    ],
    [
      'token not a JWT',
      ['--policy', 'policy.json', '--token', 'claims.json'],
      'does not hold a JWT',
    ],
    ['claim without =', ['--policy', 'policy.json', '--claim', 'sub'], 'expects KEY=VALUE'],
  ])('%s → exit 2', (_name, args, message) => {
    const result = check(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  test('a token that is not a JWT is not echoed', () => {
    files['secret.txt'] = 'not-a-jwt-but-secret-looking';
    const result = check('--policy', 'policy.json', '--token', 'secret.txt');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('secret-looking');
  });
});

describe('the documented command', () => {
  test('usage names the checkout command and never an npm package name', () => {
    expect(USAGE).toContain('node dist/cli/index.js trust-policy');
    expect(USAGE).not.toMatch(/npx|npm exec/);
  });

  test.each(['README.md', 'docs/aws-setup.md', 'docs/trust-policy.md'])(
    '%s runs the CLI from a checkout, never through npx',
    (file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/npx\s+aws-deploy-role/);
      expect(text).toContain('node dist/cli/index.js trust-policy');
    },
  );
});
