import { AUD_KEY, PROVIDER_ARN, REPO, SUB_KEY } from '../../__fixtures__/github-claims.js';
import { runCli } from '../../src/cli.js';

// The checker must never admit what IAM might refuse: values it cannot know at check time (a
// session name, a source address, an unknown policy variable, a principal form it does not read)
// make a Deny match and an Allow fail. Run through the CLI, as a user runs `trust-policy check`.
const GH = 'token.actions.githubusercontent.com';
const CLAIMS = {
  iss: `https://${GH}`,
  aud: 'sts.amazonaws.com',
  sub: `repo:${REPO}:ref:refs/heads/feature`,
  repository: REPO,
  ref: 'refs/heads/feature',
};
const allow = (overrides: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER_ARN },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' },
    StringLike: { [SUB_KEY]: `repo:${REPO}:*` },
  },
  ...overrides,
});
const deny = (overrides: Record<string, unknown>) => ({ ...allow(), Effect: 'Deny', ...overrides });

function check(policy: unknown, claims: Record<string, unknown> = CLAIMS) {
  const files: Record<string, string> = {
    'policy.json': typeof policy === 'string' ? policy : JSON.stringify(policy),
    'claims.json': JSON.stringify(claims),
  };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runCli(
    ['trust-policy', 'check', '--policy', 'policy.json', '--claims', 'claims.json'],
    (s) => stdout.push(s),
    (s) => stderr.push(s),
    (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
const v2012 = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('trust-policy check: values unknown at check time never admit', () => {
  test('the allow alone admits the feature-branch run (baseline)', () => {
    expect(check(v2012(allow())).code).toBe(0);
  });

  test.each<[string, unknown, string]>([
    [
      'Null with a JSON boolean true (environment absent)',
      { Null: { [`${GH}:environment`]: true } },
      'DENIED: statement 2 is a Deny that matches',
    ],
    [
      'sts:RoleSessionName',
      { StringLike: { 'sts:RoleSessionName': '*' } },
      'condition key sts:RoleSessionName is unknown at check time',
    ],
    [
      'aws:SourceIp',
      { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      'assumed to match in a Deny',
    ],
    [
      'aws:RequestedRegion',
      { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      'condition key aws:RequestedRegion is unknown at check time',
    ],
    [
      'aws:CurrentTime',
      { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      'assumed to match in a Deny',
    ],
    [
      'an unknown policy variable',
      { StringNotEquals: { [`${GH}:repository`]: '${aws:PrincipalTag/repo}' } },
      'policy variable ${aws:PrincipalTag/repo} is unknown at check time',
    ],
    [
      'a policy variable naming a claim the token lacks',
      { StringEquals: { [`${GH}:ref`]: `\${${GH}:environment}` } },
      'is unknown at check time',
    ],
  ])('a Deny on %s denies', (_name, condition, expected) => {
    const result = check(v2012(allow(), deny({ Condition: condition })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(expected);
    expect(result.stdout).toContain('DENIED: statement 2 is a Deny that matches');
  });

  test('Null with JSON false matches a present claim in a Deny', () => {
    const result = check(v2012(allow(), deny({ Condition: { Null: { [`${GH}:ref`]: false } } })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("saw 'refs/heads/feature', policy has 'false'");
  });

  test('an Allow on a session-name key does not admit', () => {
    const condition = { StringLike: { 'sts:RoleSessionName': '*', [SUB_KEY]: `repo:${REPO}:*` } };
    const result = check(v2012(allow({ Condition: condition })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('sts:RoleSessionName is unknown at check time');
    expect(result.stdout).toContain('fails an Allow');
  });
});

describe('trust-policy check: policy variables', () => {
  const onRef = (value: string) => deny({ Condition: { StringEquals: { [`${GH}:ref`]: value } } });

  test('a claim variable is substituted in a 2012-10-17 policy', () => {
    const result = check(v2012(allow(), onRef(`refs/heads/\${${GH}:repository}`)));
    // refs/heads/octo-org/octo-repo is not the run's ref: the Deny does not match.
    expect(result.code).toBe(0);
    const same = check(v2012(allow(), onRef(`\${${GH}:ref}`)));
    expect(same.code).toBe(1);
    expect(same.stdout).toContain("saw 'refs/heads/feature', policy has 'refs/heads/feature'");
  });

  test('${*}, ${?}, ${$} are literal characters and a default stands in for an absent claim', () => {
    expect(check(v2012(allow(), onRef('refs/heads/feature${*}'))).code).toBe(0);
    // Under StringLike, ${*} is a literal asterisk: refs/heads/* is not the run's ref.
    const likeRef = (value: string) =>
      deny({ Condition: { StringLike: { [`${GH}:ref`]: value } } });
    expect(check(v2012(allow(), likeRef('refs/heads/${*}'))).code).toBe(0);
    expect(check(v2012(allow(), likeRef('refs/heads/feat${?}re'))).code).toBe(0);
    expect(check(v2012(allow(), likeRef('refs/heads/*'))).code).toBe(1);
    const shownLike = check(
      v2012(allow({ Condition: { StringLike: { [`${GH}:ref`]: 'x${*}' } } })),
    );
    expect(shownLike.stdout).toContain("the policy expects a match for 'x${*}'");
    const fallback = check(v2012(allow(), onRef(`\${${GH}:environment, 'refs/heads/feature'}`)));
    expect(fallback.code).toBe(1);
  });

  test('without Version 2012-10-17 a variable is literal text', () => {
    const result = check({ Statement: [allow(), onRef(`\${${GH}:ref}`)] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`the policy expects '\${${GH}:ref}'`);
    expect(result.stdout).toContain(
      'warning: the policy has no "Version": "2012-10-17", so IAM compares ${...} as literal text',
    );
    expect(check(v2012(allow(), onRef(`\${${GH}:ref}`))).stdout).not.toContain('warning');
  });
});

describe('trust-policy check: principals', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['{"AWS":"*"}', { Principal: { AWS: '*' } }, 'Principal.Federated is the OIDC provider'],
    [
      'NotPrincipal',
      {
        Principal: undefined,
        NotPrincipal: { Federated: 'arn:aws:iam::1:oidc-provider/x.example' },
      },
      'NotPrincipal is not evaluated here; assumed to apply in a Deny',
    ],
    [
      'a principal form not understood',
      { Principal: { Unknown: 'x' } },
      'this Principal form is not understood here; assumed to apply in a Deny',
    ],
  ])('a Deny with %s applies to the web-identity caller', (_name, overrides, line) => {
    const condition = { StringNotLike: { [`${GH}:ref`]: 'refs/heads/main' } };
    const result = check(v2012(allow(), deny({ ...overrides, Condition: condition })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(line);
  });

  test('a Deny naming only an AWS account does not apply to a web-identity caller', () => {
    const result = check(
      v2012(allow(), deny({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
    );
    expect(result.code).toBe(0);
  });

  test.each<[string, unknown]>([
    ['AWS', { AWS: 'arn:aws:iam::123456789012:root' }],
    ['Service', { Service: 'ec2.amazonaws.com' }],
  ])('an Allow with only an %s principal does not admit', (_name, principal) => {
    const result = check(v2012(allow({ Principal: principal })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('DENIED: no Allow statement applies');
  });

  test('{"AWS":"*"} in an Allow admits like "*"', () => {
    expect(check(v2012(allow({ Principal: { AWS: '*' } }))).code).toBe(0);
  });
});

describe('trust-policy check: malformed statements are bad input', () => {
  test('"Statement":[null] exits 2 naming the statement', () => {
    const result = check('{"Version":"2012-10-17","Statement":[null]}');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('statement 1 of the policy is null, not an object');
  });

  test('"Condition":"x" exits 2 with a clear message', () => {
    const result = check(v2012(allow(), { ...allow(), Condition: 'x' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('statement 2: Condition must be an object of operators');
    expect(result.stderr).not.toContain('condition operator 0');
  });

  test('an operator that does not map keys to values exits 2', () => {
    const result = check(v2012(allow({ Condition: { StringEquals: 'x' } })));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Condition operator StringEquals must map keys to values');
  });
});
