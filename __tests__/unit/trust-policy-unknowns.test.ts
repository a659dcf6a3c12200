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
    // Notes and warnings about the policy go to stderr (issue 25), the report to stdout.
    expect(result.stderr).toContain(
      'warning: the policy has no "Version": "2012-10-17", so IAM compares ${...} as literal text',
    );
    expect(check(v2012(allow(), onRef(`\${${GH}:ref}`))).stderr).not.toContain('warning');
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

// Issue 18: each case was decided unsafely (or silently) before the fix.
describe('trust-policy check: issue 18 soundness defects', () => {
  const onKey = (operator: string, claim: string, value: unknown) => ({
    [operator]: { [`${GH}:${claim}`]: value },
  });
  const getRole = (policy: unknown, roleArn: string) => ({
    Role: { Arn: roleArn, AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(policy)) },
  });

  test.each<[string, unknown, Record<string, unknown>, number, string]>([
    [
      'a default on an STS-time key does not stand in for it',
      v2012(
        allow({
          Condition: {
            StringEquals: { [`${GH}:ref`]: "${sts:RoleSessionName, 'refs/heads/feature'}" },
          },
        }),
      ),
      CLAIMS,
      1,
      'policy variable ${sts:RoleSessionName, ',
    ],
    [
      "a default without IAM's ', ' separator is not a default",
      v2012(
        allow(),
        deny({
          Condition: onKey('StringEquals', 'ref', `\${${GH}:environment,'refs/heads/feature'}`),
        }),
      ),
      CLAIMS,
      1,
      'is unknown at check time; assumed to match in a Deny',
    ],
    [
      'repository_owner_id is a SAR key: a Deny on it applies',
      v2012(allow(), deny({ Condition: onKey('StringEquals', 'repository_owner_id', '1001') })),
      { ...CLAIMS, repository_owner_id: '1001' },
      1,
      'DENIED: statement 2 is a Deny that matches',
    ],
    [
      'GHES: GitHub claim keys are not in the SAR, so they do not satisfy an Allow',
      v2012(
        allow({
          Principal: {
            Federated: 'arn:aws:iam::123456789012:oidc-provider/ghe.example.com/_services/token',
          },
          Condition: { StringEquals: { 'ghe.example.com/_services/token:repository': REPO } },
        }),
      ),
      { ...CLAIMS, iss: 'https://ghe.example.com/_services/token' },
      1,
      'not in the Service Authorization Reference for this issuer',
    ],
    [
      'ForAnyValue:…IfExists on an absent key does not match',
      v2012(allow({ Condition: onKey('ForAnyValue:StringEqualsIfExists', 'environment', 'prod') })),
      CLAIMS,
      1,
      'no environment claim',
    ],
    [
      'a forged ARN that merely ends in oidc-provider/HOST is not the provider',
      v2012(
        allow({
          Principal: { Federated: `arn:aws:iam::123456789012:saml-provider/x:oidc-provider/${GH}` },
        }),
      ),
      CLAIMS,
      1,
      `[no match] Principal.Federated is the OIDC provider for ${GH}`,
    ],
    [
      'a numeric operator on a claim is evaluated',
      v2012(allow({ Condition: onKey('NumericLessThan', 'repository_id', '5000') })),
      { ...CLAIMS, repository_id: '4242' },
      0,
      "NumericLessThan token.actions.githubusercontent.com:repository_id: saw '4242'",
    ],
  ])('%s', (_name, policy, claims, code, line) => {
    const result = check(policy, claims);
    expect(result.stdout + result.stderr).toContain(line);
    expect(result.code).toBe(code);
  });

  test.each<[string, string]>([
    ['arn:aws:iam::999999999999:role/deploy', 'but the role is in account 999999999999 (aws)'],
    [
      'arn:aws-cn:iam::123456789012:role/deploy',
      'but the role is in account 123456789012 (aws-cn)',
    ],
  ])("get-role output for %s: a provider elsewhere is not the role's", (roleArn, line) => {
    const result = check(getRole(v2012(allow()), roleArn));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(line);
    expect(check(getRole(v2012(allow()), 'arn:aws:iam::123456789012:role/deploy')).code).toBe(0);
  });

  test('a bare policy gets a note that the account was not compared', () => {
    const result = check(v2012(allow()));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "note: the policy names the OIDC provider in account 123456789012 (aws); the role's account is not known",
    );
  });

  test.each<[string, unknown, string]>([
    [
      'the generator placeholder <ACCOUNT_ID>',
      v2012(allow({ Principal: { Federated: `arn:aws:iam::<ACCOUNT_ID>:oidc-provider/${GH}` } })),
      "the policy still holds the generator's placeholder <ACCOUNT_ID> (at Statement[0].Principal.Federated)",
    ],
    [
      'duplicate keys',
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${PROVIDER_ARN}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${SUB_KEY}":"repo:other/repo:*"},"StringEquals":{"${AUD_KEY}":"sts.amazonaws.com"}}}]}`,
      'the policy file has the key "StringEquals" twice in one object (at Statement[0].Condition)',
    ],
    [
      'a multi-valued aud under a negated operator without a set prefix',
      v2012(allow(), deny({ Condition: { StringNotEquals: { [AUD_KEY]: 'sts.amazonaws.com' } } })),
      'needs ForAllValues: or ForAnyValue:',
    ],
  ])('%s is bad input (exit 2)', (_name, policy, message) => {
    const result = check(policy, { ...CLAIMS, aud: ['sts.amazonaws.com', 'other'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
