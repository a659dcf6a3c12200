// Failures users can act on: AccessDenied on each path is explained (claims, both policies),
// nothing is exported, nothing secret is printed, no retries; guard rails refuse before STS.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { evaluateTrustPolicy, type PolicyDocument } from '../../src/trust-policy/generator.js';
import { decodeJwt } from './harness/jwt.js';
import { runBounded } from './harness/proc.js';
import { REPO_ROOT } from './harness/runner.js';
import { createJob, runStep } from './harness/runner.js';
import { STORED_KEYS, expectNoLeaks, oidcEnv, stsInputs, useStack } from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

const deny = (action: string, roleArn: string, message: string) =>
  stack.proxy.inject({
    action,
    roleArn,
    fault: { kind: 'error', status: 403, code: 'AccessDenied', message },
  });

function expectNothingExported(step: Awaited<ReturnType<typeof runStep>>): void {
  expect(step.exitCode).not.toBe(0);
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(step.env['AWS_SECRET_ACCESS_KEY']).toBeUndefined();
  expect(step.outputs).toEqual({});
}

test('OIDC denied: the token claims and a condition block that would admit this run', async () => {
  deny(
    'AssumeRoleWithWebIdentity',
    DEPLOY,
    'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  );
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expectNothingExported(step);
  const claims = decodeJwt(stack.oidc.issuedTokens().at(-1) ?? '').claims as Record<string, string>;
  expect(step.log).toContain(claims['sub']);
  expect(step.log).toContain('token.actions.githubusercontent.com:sub');
  expect(step.log).toContain('token.actions.githubusercontent.com:aud');
  expect(step.log).toContain('sts.amazonaws.com');
  expect(step.log).toContain('octo-org/octo-repo');
  expect(step.log).toContain(
    'the role does not exist or the ARN is mistyped: STS answers a missing role with the same AccessDenied; check that account 222222222222 has a role named deploy',
  );
  expect(step.summary).toContain('AccessDenied');
  expect(stack.proxy.records()).toHaveLength(1);
  // Fails fast (one STS call): within start-up time on a loaded 2-core machine, not after retries.
  expect(step.durationMs).toBeLessThan(6_000);
  expect(step.log).not.toMatch(/\n\s+at .*\(.*\.js:\d+/); // no stack trace outside debug mode
  expectNoLeaks(step, stack);
});

// The token's own iss and sub drive the diagnosis: each run is told its subject format and shown a
// statement that admits it, which the shared evaluator confirms; the token itself never appears.
test.each<[string, Record<string, unknown>, string[]]>([
  [
    'immutable-ID subject',
    { sub: 'repo:octo-org@1000/octo-repo@2000:ref:refs/heads/main' },
    ['Subject format: immutable IDs', 'names only (repo:octo-org/octo-repo:ref:refs/heads/main)'],
  ],
  [
    'GHES issuer',
    { iss: 'https://ghe.example.com/_services/token' },
    [
      'oidc-provider/ghe.example.com/_services/token',
      'ghe.example.com/_services/token:sub',
      'Subject format: names only',
    ],
  ],
  [
    'custom subject template',
    {
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main:job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    },
    [
      'Subject format: a customised template',
      'job_workflow_ref=octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    ],
  ],
])(
  'OIDC denied, %s: the log shows the format and a statement that admits this run',
  async (_name, claims, phrases) => {
    const saved = { ...stack.oidc.claims };
    Object.assign(stack.oidc.claims, claims);
    try {
      deny(
        'AssumeRoleWithWebIdentity',
        DEPLOY,
        'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      );
      const step = await runStep({
        entry: 'main',
        env: oidcEnv(stack),
        inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
      });
      expectNothingExported(step);
      for (const phrase of phrases) expect(step.log).toContain(phrase);
      // Rebuild the suggested statement from the log and evaluate it against the token's claims.
      const federated =
        /A statement that admits exactly this run: Principal.Federated (\S+), Condition:/.exec(
          step.log,
        )?.[1];
      const condition = /^.*?(\{"StringEquals":.*\}\})\s*$/m.exec(step.log)?.[1];
      expect(federated).toBe(
        `arn:aws:iam::222222222222:oidc-provider/${String(stack.oidc.claims['iss']).replace('https://', '')}`,
      );
      const token = decodeJwt(stack.oidc.issuedTokens().at(-1) ?? '').claims;
      const statement = {
        Effect: 'Allow',
        Principal: { Federated: federated },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: JSON.parse(condition ?? '{}') as Record<string, Record<string, string>>,
      };
      expect(evaluateTrustPolicy({ Statement: [statement] }, token).allowed).toBe(true);
      expectNoLeaks(step, stack);
    } finally {
      for (const key of Object.keys(stack.oidc.claims)) delete stack.oidc.claims[key];
      Object.assign(stack.oidc.claims, saved);
    }
  },
);

// STS's own texts (AssumeRoleWithWebIdentity, HTTP 400): the message, not the operation, names
// the cause, and neither is a trust-policy problem.
const invalidToken = (message: string, times?: number) =>
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    ...(times === undefined ? {} : { times }),
    fault: { kind: 'error', status: 400, code: 'InvalidIdentityToken', message },
  });

test('no OIDC provider in the account: the create command for this issuer and audience, the CLI fallback, the templates', async () => {
  invalidToken(
    'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
  );
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expectNothingExported(step);
  for (const phrase of [
    'No OIDC provider registered for https://token.actions.githubusercontent.com in account 222222222222',
    'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com',
    '--thumbprint-list ffffffffffffffffffffffffffffffffffffffff',
    'templates/cloudformation/github-oidc-deploy-role.yaml',
    'templates/terraform/github-oidc-role',
  ])
    expect(step.log).toContain(phrase);
  expect(step.log).not.toContain("The role's trust policy did not admit");
  expect(stack.proxy.records()).toHaveLength(1);
  expectNoLeaks(step, stack);
});

test('audience not in the provider: the token audience, the client-ID list, both fixes', async () => {
  invalidToken('Incorrect token audience');
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, audience: 'deploy.example.com' },
  });
  expectNothingExported(step);
  for (const phrase of [
    "The token's audience deploy.example.com is not in the client-ID list of the OIDC provider for token.actions.githubusercontent.com",
    'remove the `audience` input',
    'aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com --client-id deploy.example.com',
  ])
    expect(step.log).toContain(phrase);
  expect(step.log).not.toContain('A statement that admits exactly this run');
  expect(stack.proxy.records()).toHaveLength(1);
  expectNoLeaks(step, stack);
});

test.each([
  [
    'ExpiredTokenException',
    'Token expired: current date/time 1795403577 must be before the expiration date/time 1795403277',
  ],
  ['InvalidIdentityToken', 'The web identity token that was passed could not be validated by AWS.'],
])('%s once: retried with a fresh OIDC token, succeeds', async (code, message) => {
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    times: 1,
    fault: { kind: 'error', status: 400, code, message },
  });
  const before = stack.oidc.issuedTokens().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(step.exitCode).toBe(0);
  const tokens = stack.proxy.records().map((r) => r.params['WebIdentityToken']);
  expect(tokens).toHaveLength(2);
  expect(tokens[1]).not.toBe(tokens[0]);
  expect(stack.oidc.issuedTokens().length - before).toBe(2);
  expectNoLeaks(step, stack);
});

test('ExpiredTokenException on every try: bounded by retry-max-attempts, names the runner clock', async () => {
  stack.proxy.inject({
    action: 'AssumeRoleWithWebIdentity',
    fault: {
      kind: 'error',
      status: 400,
      code: 'ExpiredTokenException',
      message:
        'Token expired: current date/time 1795403577 must be before the expiration date/time 1795403277',
    },
  });
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'retry-max-attempts': '2' },
  });
  expectNothingExported(step);
  expect(stack.proxy.records()).toHaveLength(2);
  expect(step.log).toContain('gave up after 2 attempts');
  expect(step.log).toContain("the runner's clock is most likely off");
  expect(step.log).not.toContain('Re-run the job');
  expectNoLeaks(step, stack);
});

test('role-duration-seconds over an hour with a role-chain is an input error before any network call', async () => {
  const before = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': GATEWAY,
      'role-chain': DEPLOY,
      'role-duration-seconds': '7200',
    },
  });
  expectNothingExported(step);
  expect(step.log).toContain('`role-duration-seconds`: 7200 seconds requested with role-chain');
  expect(step.log).toContain('1 hour');
  expect(step.log).toContain('refresh-credentials');
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.oidc.requests()).toHaveLength(before);
});

test('stored keys denied: names the caller and the role, and both policies that must allow it', async () => {
  const caller = 'arn:aws:iam::123456789012:user/ci';
  deny(
    'AssumeRole',
    DEPLOY,
    `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`,
  );
  const step = await runStep({
    entry: 'main',
    inputs: { ...stsInputs(stack), ...STORED_KEYS, 'role-to-assume': DEPLOY },
  });
  expectNothingExported(step);
  expect(step.log).toContain(caller);
  expect(step.log).toContain(DEPLOY);
  expect(step.log).toMatch(/trust policy/i);
  expect(step.log).toContain('sts:AssumeRole');
  expect(step.log).toContain('account 222222222222 has a role named deploy');
  expect(stack.proxy.records()).toHaveLength(1);
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
});

test('chain denied at hop 2: the failure names the hop, hop 1 credentials are not exported', async () => {
  deny(
    'AssumeRole',
    DEPLOY,
    `User: arn:aws:sts::111111111111:assumed-role/gateway/GitHubActions is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`,
  );
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': GATEWAY, 'role-chain': DEPLOY },
  });
  expectNothingExported(step);
  expect(step.log).toContain('hop 2 of 2');
  expect(step.log).toContain('assumed-role/gateway');
  expect(step.summary).toContain('hop 2 of 2');
  expect(stack.proxy.records().map((r) => r.action)).toEqual([
    'AssumeRoleWithWebIdentity',
    'AssumeRole',
  ]);
  expectNoLeaks(step, stack);
});

test('TagSession missing: the hint names role-skip-session-tagging', async () => {
  deny(
    'AssumeRole',
    DEPLOY,
    `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:TagSession on resource: ${DEPLOY}`,
  );
  const step = await runStep({
    entry: 'main',
    inputs: { ...stsInputs(stack), ...STORED_KEYS, 'role-to-assume': DEPLOY },
  });
  expectNothingExported(step);
  expect(step.log).toContain('role-skip-session-tagging');
});

test.each([
  ['allowed-events', { 'allowed-events': 'workflow_dispatch' }, {}, 'push'],
  ['allowed-refs', { 'allowed-refs': 'refs/tags/v*' }, {}, 'refs/heads/main'],
  ['allowed-account-ids', { 'allowed-account-ids': '999999999999' }, {}, '222222222222'],
])('guard rail %s refuses before any token or STS request', async (rule, inputs, env, detail) => {
  const before = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: { ...oidcEnv(stack), ...env },
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, ...inputs },
  });
  expectNothingExported(step);
  expect(step.log).toContain(`\`${rule}\``);
  expect(step.log).toContain(detail);
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.oidc.requests()).toHaveLength(before);
});

test('allowed-environments: a token without the listed environment is refused before STS', async () => {
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'allowed-environments': 'prod' },
  });
  expectNothingExported(step);
  expect(step.log).toContain('`allowed-environments`');
  expect(stack.proxy.records()).toHaveLength(0);
});

test('bad inputs are all reported together before any network call', async () => {
  const before = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'aws-region': 'mars-1',
      'role-to-assume': 'arn:aws:iam::12:role/x',
      'role-duration-seconds': 'abc',
      'output-credentials': 'yes',
    },
  });
  expectNothingExported(step);
  for (const input of [
    'aws-region',
    'role-to-assume',
    'role-duration-seconds',
    'output-credentials',
  ])
    expect(step.log).toContain(`\`${input}\``);
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.oidc.requests()).toHaveLength(before);
});

test('stale credentials from an earlier step that would shadow a profile get a warning', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: {
      ...oidcEnv(stack),
      AWS_ACCESS_KEY_ID: 'AKIASTALEKEYEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'stale-secret-value',
    },
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEPLOY,
      'aws-profile': 'deploy',
      'output-env-credentials': 'false',
    },
  });
  expect(step.exitCode).toBe(0);
  expect(step.log).toMatch(/::warning::.*unset-current-credentials/);
  job.cleanup();
});

test('the bundled CLI, run as documented, prints a trust policy that admits the stand-in token of that repository only', async () => {
  // Fetch a token from the stand-in, as a job would, and evaluate the CLI's policy against it.
  const url = new URL(stack.oidc.requestUrl);
  url.searchParams.set('audience', 'sts.amazonaws.com');
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${stack.oidc.requestToken}` },
  });
  const claims = decodeJwt(((await response.json()) as { value: string }).value).claims;
  const policyFor = async (repo: string) => {
    const cli = await runBounded(
      process.execPath,
      [
        'dist/cli/index.js',
        'trust-policy',
        '--repo',
        repo,
        '--branch',
        'main',
        '--account-id',
        '222222222222',
      ],
      {
        env: { PATH: process.env['PATH'] ?? '' },
        cwd: REPO_ROOT,
        timeoutMs: 20_000,
      },
    );
    expect(cli.exitCode).toBe(0);
    // A trailing newline, so a shell prompt or the stderr note never runs onto the closing brace.
    expect(cli.stdout.endsWith('}\n')).toBe(true);
    return JSON.parse(cli.stdout) as PolicyDocument;
  };
  expect(evaluateTrustPolicy(await policyFor('octo-org/octo-repo'), claims).allowed).toBe(true);
  const other = evaluateTrustPolicy(await policyFor('octo-org/other-repo'), claims);
  expect(other.allowed).toBe(false);
  expect(other.reasons.join(' ')).toContain('repo:octo-org/octo-repo:ref:refs/heads/main');
});

test('the bundled CLI checks a policy against a token file: exit 0 admitted, 1 denied, the token never printed', async () => {
  const job = createJob();
  const token = stack.oidc.mint();
  const tokenFile = join(job.runnerTemp, 'token.jwt');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const check = async (sub: string, account = '222222222222', roleAccount = '222222222222') => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': sub },
          },
        },
      ],
    };
    const policyFile = join(job.runnerTemp, 'role.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        Role: {
          Arn: `arn:aws:iam::${roleAccount}:role/deploy`,
          AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(policy)),
        },
      }),
    );
    return runBounded(
      process.execPath,
      ['dist/cli/index.js', 'trust-policy', 'check', '--policy', policyFile, '--token', tokenFile],
      { env: { PATH: process.env['PATH'] ?? '' }, cwd: REPO_ROOT, timeoutMs: 20_000 },
    );
  };
  const admitted = await check('repo:octo-org/octo-repo:ref:refs/heads/*');
  expect(admitted.exitCode).toBe(0);
  expect(admitted.stdout).toContain('ADMITTED');
  const denied = await check('repo:octo-org/octo-repo:environment:prod');
  expect(denied.exitCode).toBe(1);
  expect(denied.stdout).toContain(
    "[no match] sub is 'repo:octo-org/octo-repo:ref:refs/heads/main'",
  );
  // The provider must be in the role's account: get-role output names it (issue 18).
  const otherAccount = await check('repo:octo-org/octo-repo:*', '333333333333');
  expect(otherAccount.exitCode).toBe(1);
  expect(otherAccount.stdout).toContain('but the role is in account 222222222222 (aws)');
  // The generator's placeholder left in: bad input, exit 2, naming it (issue 18).
  const placeholder = await check('repo:octo-org/octo-repo:*', '<ACCOUNT_ID>');
  expect(placeholder.exitCode).toBe(2);
  expect(placeholder.stderr).toContain(
    "the policy still holds the generator's placeholder <ACCOUNT_ID>",
  );
  for (const run of [admitted, denied, otherAccount, placeholder]) {
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(run.stdout + run.stderr).not.toContain(token.split('.')[2] ?? token);
  }
});
