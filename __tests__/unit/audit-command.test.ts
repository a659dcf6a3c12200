// `trust-policy audit` through runCliAsync with in-memory ports: inputs, decoding, exit codes.
import { runCliAsync } from '../../src/cli.js';
import type { ListedRole } from '../../src/trust-cli/iam-roles.js';
import { decodePolicyDocument } from '../../src/trust-cli/audit-input.js';

const H = 'token.actions.githubusercontent.com';
const doc = (sub: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${H}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${H}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${H}:sub`]: sub },
        },
      },
    ],
  });

async function audit(
  args: string[],
  options: { roles?: ListedRole[] | Error; files?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string; listed: number }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let listed = 0;
  const code = await runCliAsync(
    ['trust-policy', 'audit', ...args],
    (s) => stdout.push(s),
    (s) => stderr.push(s),
    {
      readFile: (path) => {
        const text = options.files?.[path];
        if (text === undefined) throw Object.assign(new Error('no file'), { code: 'ENOENT' });
        return text;
      },
      listRoles: async () => {
        listed++;
        if (options.roles instanceof Error) throw options.roles;
        return options.roles ?? [];
      },
    },
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), listed };
}

const open: ListedRole = {
  name: 'open',
  arn: 'arn:aws:iam::123456789012:role/open',
  policyDocument: encodeURIComponent(doc('repo:*')),
};
const scoped: ListedRole = {
  name: 'scoped',
  arn: 'arn:aws:iam::123456789012:role/scoped',
  policyDocument: encodeURIComponent(doc('repo:octo-org/app:environment:prod')),
};

describe('trust-policy audit', () => {
  test.each<[string, string[], string]>([
    [
      'unknown --fail-on',
      ['--fail-on', 'everyone'],
      '--fail-on must be one of any-github-user, owner, repositories, refs, never',
    ],
    ['--json and --sarif', ['--json', '--sarif'], 'give --json or --sarif, not both'],
    [
      '--from-file with --profile',
      ['--from-file', 'x.json', '--profile', 'p'],
      '--from-file reads roles offline',
    ],
    ['a bad endpoint', ['--endpoint-url', 'localhost:1'], '--endpoint-url must be an http(s) URL'],
    ['an unknown flag', ['--role', 'x'], "unknown argument '--role'"],
  ])('%s is bad input: exit 2 before any IAM call', async (_name, args, message) => {
    const result = await audit(args, { roles: [open] });
    expect(result).toMatchObject({ code: 2, stdout: '', listed: 0 });
    expect(result.stderr).toContain(message);
  });

  test('an IAM error exits 2 naming the permissions', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: iam:ListRoles'), {
      name: 'AccessDenied',
    });
    const result = await audit([], { roles: denied });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'reading roles from IAM failed: AccessDenied: User is not authorized',
    );
    expect(result.stderr).toContain('iam:ListRoles and iam:GetRole');
  });

  test.each<[string, ListedRole[], string[], number]>([
    ['an open role fails the default threshold', [open, scoped], [], 1],
    ['a scoped role passes it', [scoped], [], 0],
    ['--fail-on refs fails on a scoped role', [scoped], ['--fail-on', 'refs'], 1],
    ['--fail-on never never fails', [open], ['--fail-on', 'never'], 0],
  ])('%s', async (_name, roles, args, code) => {
    expect((await audit(args, { roles })).code).toBe(code);
  });

  test('a role with StringLike repository "*/app" is open to any GitHub user: exit 1', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${H}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${H}:aud`]: 'sts.amazonaws.com' },
            StringLike: { [`${H}:repository`]: '*/app' },
          },
        },
      ],
    };
    const role: ListedRole = {
      name: 'any-app',
      arn: 'arn:aws:iam::123456789012:role/any-app',
      policyDocument: encodeURIComponent(JSON.stringify(policy)),
    };
    const json = await audit(['--json'], { roles: [role] });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      roles: [{ name: 'any-app', audience: 'any-github-user' }],
    });
    const table = await audit([], { roles: [role] });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('audience-any-github-user');
  });

  test('the same roles from a get-role file give the same audience', async () => {
    const files = {
      'role.json': JSON.stringify({
        Role: { RoleName: 'open', AssumeRolePolicyDocument: open.policyDocument },
      }),
    };
    const result = await audit(['--from-file', 'role.json', '--json'], { files });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      roles: [{ name: 'open', audience: 'any-github-user' }],
      skipped: 0,
    });
  });

  test('a missing file and a file of the wrong shape are bad input', async () => {
    expect((await audit(['--from-file', 'none.json'])).stderr).toContain(
      '--from-file: cannot read none.json (ENOENT)',
    );
    const wrong = await audit(['--from-file', 'x.json'], { files: { 'x.json': '{"Users": []}' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('get-account-authorization-details (RoleDetailList)');
  });
});

describe('decodePolicyDocument', () => {
  const json = doc('repo:octo-org/app:environment:prod');
  test.each<[string, unknown]>([
    ['URL-encoded (RFC 3986), as IAM returns it', encodeURIComponent(json)],
    [
      'form-encoded, spaces as +',
      encodeURIComponent(JSON.stringify(JSON.parse(json), null, 1)).replace(/%20/g, '+'),
    ],
    ['decoded text', json],
    ['an object, as the AWS CLI prints it', JSON.parse(json)],
  ])('%s', (_name, value) => {
    expect(decodePolicyDocument(value, 'r')).toEqual(JSON.parse(json));
  });

  test('a document that is neither is bad input naming the role', () => {
    expect(() => decodePolicyDocument('%E0%A4%A', 'deploy')).toThrow(
      'role deploy: AssumeRolePolicyDocument is neither JSON nor URL-encoded JSON',
    );
  });
});
