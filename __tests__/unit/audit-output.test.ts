// What `trust-policy audit` tells a reader: a FINDINGS count that matches the blocks, example
// subjects GitHub would issue, a pull-request finding for every owner wildcard, whole-sentence
// messages, and SARIF rules code scanning can rank.
import { runCliAsync } from '../../src/cli.js';

const H = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${H}`;
type Condition = Record<string, Record<string, unknown>>;
const allow = (condition: Condition) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
});
const aud = { [`${H}:aud`]: 'sts.amazonaws.com' };
const like = (sub: string): Condition => ({ StringEquals: aud, StringLike: { [`${H}:sub`]: sub } });
const equals = (sub: string): Condition => ({ StringEquals: { ...aud, [`${H}:sub`]: sub } });

const ROLES: Record<string, object[]> = {
  'no-sub': [allow({ StringEquals: aud })],
  'repo-star': [allow(like('repo:*'))],
  'owner-prefix': [allow(like('repo:my-org*'))],
  'any-owner-of-app': [allow(like('repo:*/app:*'))],
  'owner-wide': [allow(like('repo:my-org/*'))],
  'owner-wide-immutable': [allow(like('repo:my-org@1001/*'))],
  'any-ref': [allow(like('repo:my-org/app:*'))],
  'repository-claim': [
    allow({ StringEquals: aud, StringLike: { [`${H}:repository`]: 'my-org/*' } }),
  ],
  env: [allow(equals('repo:my-org/app:environment:prod'))],
  'env-dev': [allow(equals('repo:my-org/app:environment:dev'))],
  'branch-main': [allow(equals('repo:my-org/app:ref:refs/heads/main'))],
  'pull-request': [allow(equals('repo:my-org/app:pull_request'))],
  'missing-aud': [allow({ StringEquals: { [`${H}:sub`]: 'repo:my-org/app:environment:prod' } })],
  template: [
    allow(equals('job_workflow_ref:my-org/deploy/.github/workflows/deploy.yml@refs/heads/main')),
  ],
};
const FILE = JSON.stringify({
  RoleDetailList: Object.entries(ROLES).map(([name, statements]) => ({
    RoleName: name,
    Arn: `arn:aws:iam::123456789012:role/${name}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements },
  })),
});

async function audit(...flags: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runCliAsync(
    ['trust-policy', 'audit', '--from-file', 'roles.json', ...flags],
    (s) => lines.push(s),
    (s) => lines.push(s),
    { readFile: () => FILE, listRoles: async () => [] },
  );
  return lines;
}

interface Report {
  roles: {
    name: string;
    findings: { kind: string; message: string; example?: string; fix?: string }[];
  }[];
}

/**
 * The subjects GitHub issues, written from its docs (not from the audit's code): the default
 * template with a ref, an environment or pull_request, its immutable-ID form, or a customised
 * template's key:value pairs. Owners: letters, digits and inner single hyphens.
 * https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
const OWNER = '[A-Za-z0-9](?:-?[A-Za-z0-9])*';
const NAME = '[A-Za-z0-9._-]+';
const CONTEXT = '(?:ref:refs/(?:heads|tags)/[^:]+|environment:[^:]+|pull_request)';
const ISSUED = [
  new RegExp(`^repo:${OWNER}/${NAME}:${CONTEXT}$`),
  new RegExp(`^repo:${OWNER}@\\d+/${NAME}@\\d+:${CONTEXT}$`),
  /^job_workflow_ref:[^:]+\/\.github\/workflows\/[^:]+@refs\/[^:]+$/,
];

describe('audit output', () => {
  test('FINDINGS counts every finding listed under the role, the audience finding included', async () => {
    const lines = await audit();
    const rows = new Map<string, number>();
    for (const line of lines.slice(1, 1 + Object.keys(ROLES).length)) {
      const cells = line.split(/\s{2,}/);
      rows.set(cells[0] ?? '', Number(cells[cells.length - 1]));
    }
    const blocks = new Map<string, number>();
    let role = '';
    for (const line of lines) {
      const head = /^(\S+) \(arn:/.exec(line);
      if (head) role = head[1] ?? '';
      else if (/^ {2}\[(error|warning|note)\]/.test(line))
        blocks.set(role, (blocks.get(role) ?? 0) + 1);
    }
    expect(rows.size).toBe(Object.keys(ROLES).length);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(blocks));
  });

  test('every example sub is one GitHub would issue', async () => {
    const report = JSON.parse((await audit('--json')).join('\n')) as Report;
    const examples = report.roles.flatMap((r) =>
      r.findings.flatMap((f) =>
        f.example === undefined ? [] : [`${r.name} ${f.kind}: ${f.example}`],
      ),
    );
    expect(examples.length).toBeGreaterThan(20);
    expect(examples.filter((e) => !ISSUED.some((re) => re.test(e.split(': ')[1] ?? '')))).toEqual(
      [],
    );
    // The audience finding of every role that some run can assume shows one.
    const missing = report.roles.filter(
      (r) => !r.findings.some((f) => f.kind.startsWith('audience-') && f.example !== undefined),
    );
    expect(missing.map((r) => r.name)).toEqual([]);
  });

  test.each([
    ['repo-star', 'repo:*'],
    ['owner-prefix', 'repo:my-org*'],
    ['any-owner-of-app', 'repo:*/app:*'],
    ['owner-wide', 'repo:my-org/*'],
    ['any-ref', 'repo:my-org/app:*'],
  ])('%s (%s) gets the pull-request finding, with a pull_request example', async (name) => {
    const report = JSON.parse((await audit('--json')).join('\n')) as Report;
    const pr = report.roles
      .find((r) => r.name === name)
      ?.findings.find((f) => f.kind === 'pull-request-subject');
    expect(pr?.example).toMatch(/:pull_request$/);
  });

  test.each([
    ['env-dev', '--environment dev '],
    ['env', '--environment prod '],
    ['branch-main', '--branch main '],
  ])("%s: the names-only fix regenerates the subject's own scope (%s)", async (name, scope) => {
    const report = JSON.parse((await audit('--json')).join('\n')) as Report;
    const fix = report.roles
      .find((r) => r.name === name)
      ?.findings.find((f) => f.kind === 'names-only-subject')?.fix;
    expect(fix).toBe(
      `node dist/cli/index.js trust-policy generate --repo my-org/app ${scope}--owner-id OWNER_ID --repository-id REPOSITORY_ID`,
    );
  });

  test('messages are whole sentences, and so is each part of a SARIF message', async () => {
    const report = JSON.parse((await audit('--json')).join('\n')) as Report;
    const messages = report.roles.flatMap((r) => r.findings.map((f) => f.message));
    expect(messages.filter((m) => !/^['A-Z].*[.]$/s.test(m))).toEqual([]);
    const sarif = JSON.parse((await audit('--sarif')).join('\n')) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    const texts = sarif.runs[0]?.results.map((r) => r.message.text) ?? [];
    expect(texts.length).toBeGreaterThan(0);
    // "... is admitted Condition: ..." ran two sentences together.
    expect(texts.filter((t) => /[^.] (Condition|Example sub|Fix|Assumes)\b/.test(t))).toEqual([]);
  });

  test('SARIF rules are tagged security, with a security-severity and a precision', async () => {
    const sarif = JSON.parse((await audit('--sarif')).join('\n')) as {
      runs: {
        tool: {
          driver: {
            rules: {
              id: string;
              properties: { tags: string[]; 'security-severity': string; precision: string };
            }[];
          };
        };
      }[];
    };
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThan(10);
    const severity = Object.fromEntries(
      rules.map((r) => [r.id, Number(r.properties['security-severity'])]),
    );
    for (const rule of rules) {
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
      expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties.precision);
    }
    // GitHub: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, below that low.
    expect(severity['audience-any-github-user']).toBe(9.5);
    expect(severity['wildcard-crosses-owner']).toBeGreaterThan(9);
    expect(severity['audience-owner']).toBe(7.5);
    expect(severity['audience-repositories']).toBeLessThan(7);
    expect(severity['audience-refs']).toBeLessThan(severity['audience-repositories'] ?? 0);
  });
});
