// `trust-policy audit` through the bundled CLI against moto's IAM: 34 roles created with the SDK's
// CreateRole, read live (ListRoles/GetRole) and offline (--from-file of the same roles as
// get-account-authorization-details JSON), with the same report either way. One moto for the file.
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { Ajv } from 'ajv';
import { type Moto, freePort, startMoto } from './harness/moto.js';
import { baseEnv, runBounded, stopChild } from './harness/proc.js';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { REPO_ROOT } from './harness/runner.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const ACCOUNT = '123456789012';
const GH = 'token.actions.githubusercontent.com';
const ENT = `${GH}/octo-ent`;
const GHES = 'github.example.com/_services/token';
const GHECOM = 'token.actions.octocorp.ghe.com';
const provider = (host: string): string => `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
const ACTION = 'sts:AssumeRoleWithWebIdentity';

type Condition = Record<string, Record<string, unknown>>;
const allow = (condition: Condition, host = GH): object => ({
  Effect: 'Allow',
  Principal: { Federated: provider(host) },
  Action: ACTION,
  Condition: condition,
});
const deny = (condition?: Condition): object => ({
  Effect: 'Deny',
  Principal: '*',
  Action: ACTION,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const aud = (host = GH): Record<string, string> => ({ [`${host}:aud`]: 'sts.amazonaws.com' });
const like = (sub: unknown, host = GH): Condition => ({
  StringEquals: aud(host),
  StringLike: { [`${host}:sub`]: sub },
});
const equals = (sub: unknown, host = GH): Condition => ({
  StringEquals: { ...aud(host), [`${host}:sub`]: sub },
});

/** name → statements, the audience audit must report, and finding kinds it must include. */
const ROLES: [string, object[], string, string[]][] = [
  ['any-no-sub', [allow({ StringEquals: aud() })], 'any-github-user', []],
  ['any-repo-star', [allow(like('repo:*'))], 'any-github-user', ['wildcard-crosses-owner']],
  [
    'any-owner-prefix',
    [allow(like('repo:octo-org*'))],
    'any-github-user',
    ['wildcard-crosses-owner'],
  ],
  [
    'any-owner-of-app',
    [allow(like('repo:*/app:*'))],
    'any-github-user',
    ['wildcard-crosses-owner'],
  ],
  ['any-no-condition', [allow({})], 'any-github-user', ['missing-aud']],
  [
    'any-principal-star',
    [{ Effect: 'Allow', Principal: '*', Action: ACTION }],
    'any-github-user',
    ['wildcard-principal'],
  ],
  [
    'any-federated-star',
    [
      {
        Effect: 'Allow',
        Principal: { Federated: '*' },
        Action: ACTION,
        Condition: { StringEquals: aud() },
      },
    ],
    'any-github-user',
    ['wildcard-principal'],
  ],
  [
    'any-custom-template',
    [
      allow(
        equals('job_workflow_ref:octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main'),
      ),
    ],
    'any-github-user',
    [],
  ],
  [
    'any-deny-unknown-key',
    [allow(like('repo:*')), deny({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })],
    'any-github-user',
    ['wildcard-crosses-owner'],
  ],
  [
    'any-enterprise',
    [allow(like('repo:*', ENT), ENT)],
    'any-github-user',
    ['wildcard-crosses-owner'],
  ],
  ['owner-wide', [allow(like('repo:octo-org/*'))], 'owner', ['wildcard-crosses-repository']],
  [
    'owner-main',
    [allow(like('repo:octo-org/*:ref:refs/heads/main'))],
    'owner',
    ['wildcard-crosses-repository'],
  ],
  [
    'owner-immutable',
    [allow(like('repo:octo-org@1001/*'))],
    'owner',
    ['wildcard-crosses-repository'],
  ],
  [
    'owner-deny-closes-repo-star',
    [allow(like('repo:*')), deny({ StringNotLike: { [`${GH}:sub`]: 'repo:octo-org/*' } })],
    'owner',
    [],
  ],
  [
    'owner-central-workflow',
    [
      allow({
        StringEquals: {
          ...aud(),
          [`${GH}:job_workflow_ref`]:
            'octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main',
        },
        StringLike: { [`${GH}:sub`]: 'repo:octo-org/*' },
      }),
    ],
    'owner',
    [],
  ],
  [
    'owner-ghes',
    [allow(like('repo:octo-org/*', GHES), GHES)],
    'owner',
    ['wildcard-crosses-repository'],
  ],
  [
    'owner-ghecom',
    [allow(like('repo:octo-org/*', GHECOM), GHECOM)],
    'owner',
    ['wildcard-crosses-repository'],
  ],
  ['repos-any-ref', [allow(like('repo:octo-org/app:*'))], 'repositories', ['pull-request-subject']],
  ['repos-list', [allow(like(['repo:octo-org/app:*', 'repo:octo-org/web:*']))], 'repositories', []],
  [
    'repos-repository-claim',
    [allow({ StringEquals: { ...aud(), [`${GH}:repository`]: 'octo-org/app' } })],
    'repositories',
    [],
  ],
  [
    'repos-deny-closes-repo-star',
    [allow(like('repo:*')), deny({ StringNotLike: { [`${GH}:sub`]: 'repo:octo-org/app:*' } })],
    'repositories',
    [],
  ],
  [
    'refs-env',
    [allow(equals('repo:octo-org/app:environment:prod'))],
    'refs',
    ['names-only-subject'],
  ],
  [
    'refs-env-immutable',
    [allow(equals('repo:octo-org@1001/app@2002:environment:prod'))],
    'refs',
    [],
  ],
  [
    'refs-envs',
    [allow(equals(['repo:octo-org/app:environment:dev', 'repo:octo-org/app:environment:staging']))],
    'refs',
    [],
  ],
  ['refs-branch', [allow(equals('repo:octo-org/app:ref:refs/heads/main'))], 'refs', []],
  [
    'refs-pull-request',
    [allow(equals('repo:octo-org/app:pull_request'))],
    'refs',
    ['pull-request-subject'],
  ],
  [
    'refs-stringlike-exact',
    [allow(like('repo:octo-org/app:ref:refs/heads/main'))],
    'refs',
    ['stringlike-without-wildcard'],
  ],
  [
    'refs-missing-aud',
    [allow({ StringEquals: { [`${GH}:sub`]: 'repo:octo-org/app:environment:prod' } })],
    'refs',
    ['missing-aud'],
  ],
  [
    'refs-unknown-key',
    [
      allow({
        ...equals('repo:octo-org/app:environment:prod'),
        IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
      }),
    ],
    'refs',
    [],
  ],
  ['refs-ghes', [allow(equals('repo:octo-org/app:environment:prod', GHES), GHES)], 'refs', []],
  ['refs-enterprise', [allow(equals('repo:octo-org/app:environment:prod', ENT), ENT)], 'refs', []],
  ['nobody-deny-all', [allow(equals('repo:octo-org/app:environment:prod')), deny()], 'nobody', []],
  [
    'nobody-contradiction',
    [
      allow({
        StringEquals: {
          ...aud(),
          [`${GH}:sub`]: 'repo:octo-org/app:ref:refs/heads/main',
          [`${GH}:ref`]: 'refs/heads/dev',
        },
      }),
    ],
    'nobody',
    [],
  ],
];
const OTHER = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};

let moto: Moto;
let home: string;
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

beforeAll(async () => {
  moto = await startMoto();
  home = mkdtempSync(join(tmpdir(), 'audit-e2e-'));
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials });
  try {
    for (const [name, statements] of ROLES) {
      const doc = { Version: '2012-10-17', Statement: statements };
      await iam.send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(doc) }),
      );
    }
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ec2-instance',
        AssumeRolePolicyDocument: JSON.stringify(OTHER),
      }),
    );
    // The offline input: the same roles as `aws iam get-account-authorization-details` prints
    // them (the CLI decodes each trust policy into an object).
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    const RoleDetailList = (details.RoleDetailList ?? []).map((role) => ({
      RoleName: role.RoleName,
      Arn: role.Arn,
      AssumeRolePolicyDocument: JSON.parse(
        decodeURIComponent(role.AssumeRolePolicyDocument ?? ''),
      ) as unknown,
    }));
    writeFileSync(join(home, 'details.json'), JSON.stringify({ RoleDetailList }));
  } finally {
    iam.destroy();
  }
});

afterAll(async () => {
  await moto?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

const audit = (args: string[], extraEnv: Record<string, string> = {}) =>
  runBounded(process.execPath, ['dist/cli/index.js', 'trust-policy', 'audit', ...args], {
    env: {
      ...baseEnv(home),
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...extraEnv,
    },
    cwd: REPO_ROOT,
    timeoutMs: 20_000,
  });

interface JsonReport {
  roles: {
    name: string;
    arn?: string;
    audience: string;
    findings: { kind: string; assumptions: string[]; example?: string }[];
  }[];
  skipped: number;
}

test('live: every role is classified by the widest audience it admits, with its flags', async () => {
  const live = await audit(['--endpoint-url', moto.url, '--json']);
  // stderr may hold the SDK's own Node-version notice, but no error of ours.
  expect(live.stderr).not.toContain('aws-deploy-role:');
  expect(live.exitCode).toBe(1);
  const report = JSON.parse(live.stdout) as JsonReport;
  expect(report.skipped).toBe(1);
  const got = Object.fromEntries(report.roles.map((r) => [r.name, r]));
  const problems: string[] = [];
  for (const [name, , audience, kinds] of ROLES) {
    const role = got[name];
    if (role?.audience !== audience) problems.push(`${name}: ${role?.audience} ≠ ${audience}`);
    for (const kind of kinds) {
      if (!role?.findings.some((f) => f.kind === kind)) problems.push(`${name}: no ${kind}`);
    }
  }
  expect(problems).toEqual([]);
  expect(report.roles).toHaveLength(ROLES.length);
  // Findings that rest on an unknown say so; the Deny on aws:SourceIp is assumed not to match.
  expect(got['any-deny-unknown-key']?.findings[0]?.assumptions.join()).toContain('aws:SourceIp');
  expect(got['refs-unknown-key']?.findings[0]?.assumptions.join()).toContain('aws:SourceIp');
  expect(got['refs-env']?.findings[0]?.assumptions).toEqual([]);
  expect(got['any-owner-prefix']?.findings[0]?.example).toMatch(/^repo:octo-org[^/]+\//);

  const offline = await audit(['--from-file', join(home, 'details.json'), '--json']);
  expect(offline.exitCode).toBe(1);
  expect(offline.stdout).toBe(live.stdout);
});

test(
  'the table, SARIF 2.1.0 (schema-valid) and --fail-on exit codes',
  async () => {
    const table = await audit(['--endpoint-url', moto.url]);
    expect(table.exitCode).toBe(1);
    expect(table.stdout).toMatch(/^ROLE +AUDIENCE +ISSUER +FINDINGS$/m);
    expect(table.stdout).toMatch(
      /^any-repo-star +ANY GITHUB USER +token\.actions\.githubusercontent\.com/m,
    );
    expect(table.stdout).toContain('fix: node dist/cli/index.js trust-policy generate --repo');
    expect(table.stdout).toContain(`${ROLES.length} role(s) trust a GitHub issuer`);

    // The SARIF schema, vendored from oasis-tcs/sarif-spec (sarif-2.1/prose/sarif-schema-2.1.0.json
    // at e0583813), is draft-07; its "uri" formats are not checked (ajv-formats is not installed).
    const schema = JSON.parse(
      readFileSync(join(REPO_ROOT, '__fixtures__/sarif-schema-2.1.0.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({
      strict: false,
      validateFormats: false,
      allErrors: true,
      // The schema's language-code pattern is not a valid /u regular expression.
      unicodeRegExp: false,
    }).compile(schema);
    for (const args of [
      ['--endpoint-url', moto.url],
      ['--from-file', join(home, 'details.json')],
    ]) {
      const sarif = await audit([...args, '--sarif']);
      expect(sarif.exitCode).toBe(1);
      const log = JSON.parse(sarif.stdout) as {
        runs: {
          results: {
            ruleId: string;
            locations: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
          }[];
        }[];
      };
      expect(validate(log) ? [] : validate.errors).toEqual([]);
      const results = log.runs[0]?.results ?? [];
      expect(results.filter((r) => r.ruleId.startsWith('audience-'))).toHaveLength(ROLES.length);
      // GitHub code scanning refuses a result without an artifact location (upload-sarif:
      // "locationFromSarifResult: expected artifact location"), and a URI with a scheme.
      const uris = results.map((r) => r.locations[0]?.physicalLocation?.artifactLocation?.uri);
      expect(uris.filter((uri) => uri === undefined || /^[a-z][a-z0-9+.-]+:/i.test(uri))).toEqual(
        [],
      );
    }

    expect((await audit(['--endpoint-url', moto.url, '--fail-on', 'never'])).exitCode).toBe(0);
    const one = join(home, 'one.json');
    writeFileSync(
      one,
      JSON.stringify({
        Role: {
          RoleName: 'r',
          AssumeRolePolicyDocument: encodeURIComponent(
            JSON.stringify({ Version: '2012-10-17', Statement: ROLES[10]?.[1] }),
          ),
        },
      }),
    );
    expect((await audit(['--from-file', one])).exitCode).toBe(0);
    expect((await audit(['--from-file', one, '--fail-on', 'owner'])).exitCode).toBe(1);
    // Six CLI runs of up to 20 s each on a loaded machine.
  },
  6 * 20_000 + 30_000,
);

test('bad input and an unreachable IAM exit 2 with the reason', async () => {
  const bad = await audit(['--fail-on', 'everyone']);
  expect(bad.exitCode).toBe(2);
  expect(bad.stderr).toContain('--fail-on must be one of');
  const closed = await audit(['--endpoint-url', `http://127.0.0.1:${await freePort()}`], {
    AWS_MAX_ATTEMPTS: '1',
  });
  expect(closed.exitCode).toBe(2);
  expect(closed.stderr).toContain('reading roles from IAM failed');
  expect(closed.stderr).not.toContain(credentials.secretAccessKey);
});

/** A --from-file input of roles, each with these statements, as get-account-authorization-details. */
function rolesFile(file: string, roles: [string, object[]][]): string {
  const path = join(home, file);
  const RoleDetailList = roles.map(([name, statements]) => ({
    RoleName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements },
  }));
  writeFileSync(path, JSON.stringify({ RoleDetailList }));
  return path;
}

test('a Deny with a 14-wildcard StringLike pattern does not stall the audit', async () => {
  // Before the two-pointer matcher, this pattern became /^.*a.*a...b$/, which backtracks through
  // every split of the subject: one such role kept the audit running for minutes.
  const subject = `repo:octo-org/app:environment:${'a'.repeat(2000)}`;
  const file = rolesFile('stall.json', [
    [
      'deny-14-wildcards',
      [allow(equals(subject)), deny({ StringLike: { [`${GH}:sub`]: `${'*a'.repeat(14)}*b` } })],
    ],
    ['open', [allow(like('repo:*'))]],
  ]);
  const run = await audit(['--from-file', file, '--json']);
  expect(run.timedOut).toBe(false);
  expect(run.exitCode).toBe(1);
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.roles.map((r) => [r.name, r.audience])).toEqual([
    ['deny-14-wildcards', 'refs'],
    ['open', 'any-github-user'],
  ]);
});

test('policy text cannot print a workflow command or a raw control character', async () => {
  const hostile = [
    '::stop-commands::x',
    '\n::notice::audit clean',
    'ok\rnobody',
    '\u001b[2K\u001b[1A',
    '\u202e',
    '##[stop-commands]t',
  ];
  const file = rolesFile(
    'hostile.json',
    hostile.map((text, i) => [
      `${text}-${i}`,
      [allow(like([...hostile.map((h) => `repo:${h}*`), `repo:${text}/app:*`]))],
    ]),
  );
  const table = await audit(['--from-file', file]);
  const policy = join(home, 'hostile-policy.json');
  writeFileSync(
    policy,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [allow(like(hostile.map((h) => `repo:${h}*`)))],
    }),
  );
  const check = await runBounded(
    process.execPath,
    [
      'dist/cli/index.js',
      'trust-policy',
      'check',
      '--policy',
      policy,
      '--claim',
      `sub=${hostile[1]}`,
    ],
    { env: baseEnv(home), cwd: REPO_ROOT, timeoutMs: 20_000 },
  );
  for (const run of [table, check]) {
    const lines = `${run.stdout}${run.stderr}`.split(/\r\n|\r|\n/);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((l) => /^\s*::/.test(l) || l.includes('##['))).toEqual([]);
    expect(lines.filter((l) => /[\p{Cc}\p{Cf}]/u.test(l))).toEqual([]);
  }
  expect(table.stdout).toContain('\\u003A:stop-commands::x');
});

test('a reader that closes the pipe early (audit | head -1) ends the audit quietly', async () => {
  // Enough output to fill the pipe, so that writes go on after the reader has gone.
  const file = rolesFile(
    'many.json',
    Array.from({ length: 300 }, (_, i): [string, object[]] => [
      `role-${i}`,
      [allow(like(`repo:octo-org/app-${i}:*`))],
    ]),
  );
  const child = spawn(
    process.execPath,
    ['dist/cli/index.js', 'trust-policy', 'audit', '--from-file', file, '--fail-on', 'never'],
    { cwd: REPO_ROOT, env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    // Read one chunk, as head -1 does, then close the read end.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  } finally {
    await stopChild(child);
  }
}, 60_000);
