import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import type { RunContext } from '../../src/model/run-context.js';
import type { HopResult, RunResult, SessionResult } from '../../src/execute.js';
import type { RawInputs } from '../../src/config/input-names.js';
import type { Plan } from '../../src/plan/plan-run.js';
import {
  type FailureFacts,
  renderFailureSummary,
  renderSuccessSummary,
} from '../../src/publish/summary.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const FIRST = {
  accessKeyId: 'ASIAFIRSTHOPFAKE0001',
  secretAccessKey: 'firstFakeSecret/With+Chars=0001',
  sessionToken: 'FwoGZXIvYXdzEFIRSTFAKETOKEN//////////0001',
};
const FINAL = {
  accessKeyId: 'ASIAFINALHOPFAKE0002',
  secretAccessKey: 'finalFakeSecret/With+Chars=0002',
  sessionToken: 'FwoGZXIvYXdzEFINALFAKETOKEN//////////0002',
  expiration: new Date('2024-06-01T13:00:00Z'),
};
const SECRETS = [
  ...Object.values(FIRST),
  FINAL.accessKeyId,
  FINAL.secretAccessKey,
  FINAL.sessionToken,
];
const ACCOUNTS = ['111111111111', '222222222222'];

/** A two-hop OIDC run (deploy → prod-deploy), or stored keys used as they are, built as execute.ts would. */
function result(
  plan: Plan,
  description = 'GitHub OIDC (sub: repo:octo-org/deploy-app:ref:refs/heads/main)',
): RunResult {
  const sessions = plan.sessions.map((session): SessionResult => {
    const hops = session.hops.map((hop, i): HopResult => {
      const roleArn = hop.role.kind === 'arn' ? hop.role.arn.arn : '';
      const accountId = ACCOUNTS[i] ?? '';
      return {
        hop,
        roleArn,
        accountId,
        assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/${roleArn.split('/').pop() ?? ''}/${hop.sessionName}`,
        assumedRoleId: `AROAFAKE${i}:${hop.sessionName}`,
        expiration: i === 0 ? new Date('2024-06-01T13:00:00Z') : FINAL.expiration,
        sourceIdentity: hop.sourceIdentity,
      };
    });
    const last = hops[hops.length - 1];
    return last === undefined
      ? {
          session,
          credentials: FIRST,
          accountId: '111111111111',
          arn: 'arn:aws:iam::111111111111:user/ci',
          expiration: undefined,
          hops,
        }
      : {
          session,
          credentials: FINAL,
          accountId: last.accountId,
          arn: last.assumedRoleArn,
          expiration: last.expiration,
          hops,
        };
  });
  return {
    sourceKind: plan.source.kind,
    sourceDescription: description,
    sessions,
  };
}

function success(
  inputs: Partial<RawInputs>,
  ctx: RunContext = runContext(),
  description?: string,
): string {
  const plan = planFor({ roleToAssume: ROLE.deploy, roleChain: ROLE.prod, ...inputs }, ctx);
  return renderSuccessSummary(result(plan, description), plan, ctx, NOW);
}

/** Pipes that still separate table cells (escaped ones do not). */
const cellSeparators = (line: string): number => line.replace(/\\\|/g, '').split('|').length - 1;

describe('renderSuccessSummary', () => {
  test.each([
    { name: 'two-hop OIDC session', inputs: {} },
    { name: 'masked accounts', inputs: { maskAwsAccountId: 'true' } },
    { name: 'with profiles', inputs: { profiles: `audit: ${ROLE.audit}`, awsProfile: 'ci' } },
    {
      name: 'stored keys used as they are',
      inputs: {
        roleToAssume: '',
        roleChain: '',
        awsAccessKeyId: FIRST.accessKeyId,
        awsSecretAccessKey: FIRST.secretAccessKey,
      },
    },
  ])('$name: no credential value appears', ({ inputs }) => {
    const markdown = success(inputs);
    for (const secret of SECRETS) expect(markdown).not.toContain(secret);
  });

  test('identity, hops, expiry and the switch-role link', () => {
    const markdown = success({ sourceIdentity: '{actor}' });
    expect(markdown).toContain('### AWS session: prod-deploy in account 222222222222');
    expect(markdown).toContain(
      '| Identity | arn:aws:sts::222222222222:assumed-role/prod-deploy/GitHubActions |',
    );
    expect(markdown).toContain('| Expires | 2024-06-01 13:00:00 UTC (valid for 60 minutes) |');
    expect(markdown).toMatch(
      /^\| 1 \| deploy \| 111111111111 \| GitHubActions \| – \| – \| 3600 s \|$/m,
    );
    expect(markdown).toMatch(
      /^\| 2 \| prod-deploy \| 222222222222 \| GitHubActions \| octocat \| GitHub=Actions, .*Branch=main \| 3600 s \|$/m,
    );
    expect(markdown).toContain(
      '[Open this role in the AWS console](https://signin.aws.amazon.com/switchrole?roleName=prod-deploy&account=222222222222&displayName=prod-deploy%40222222222222)',
    );
  });

  test.each([
    { name: '45 minutes left', expiration: '2024-06-01T12:45:00Z', text: 'valid for 45 minutes' },
    {
      name: 'rounded to the minute',
      expiration: '2024-06-01T12:59:40Z',
      text: 'valid for 60 minutes',
    },
    { name: 'already past', expiration: '2024-06-01T11:00:00Z', text: 'valid for 0 minutes' },
  ])('expiry: $name', ({ expiration, text }) => {
    const ctx = runContext();
    const plan = planFor({ roleToAssume: ROLE.deploy }, ctx);
    const run = result(plan);
    const sessions = run.sessions.map((s) => ({ ...s, expiration: new Date(expiration) }));
    expect(renderSuccessSummary({ ...run, sessions }, plan, ctx, NOW)).toContain(text);
  });

  test('masked: no account ID anywhere, and no switch-role link', () => {
    const markdown = success(
      { maskAwsAccountId: 'true' },
      runContext(),
      'stored keys of arn:aws:iam::111111111111:user/ci',
    );
    for (const account of ACCOUNTS) expect(markdown).not.toContain(account);
    expect(markdown).toContain('in account masked');
    expect(markdown).toContain(
      '| Source | stored keys of arn:aws:iam::\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*:user/ci |',
    );
    expect(markdown).not.toContain('switchrole');
  });

  test('profiles get their own section and the GovCloud sign-in host', () => {
    const ctx = runContext();
    const plan = planFor(
      {
        awsRegion: 'us-gov-west-1',
        roleToAssume: 'arn:aws-us-gov:iam::111111111111:role/deploy',
        profiles: 'audit: arn:aws-us-gov:iam::111111111111:role/audit',
      },
      ctx,
    );
    const markdown = renderSuccessSummary(result(plan), plan, ctx, NOW);
    expect(markdown).toContain('| Exported as | environment credentials |');
    expect(markdown).toContain('| Exported as | profile `audit` |');
    expect(markdown).toContain(
      'https://signin.amazonaws-us-gov.com/switchrole?roleName=audit&account=111111111111',
    );
  });

  test('stored keys without a role: no hop table, no link, no expiry', () => {
    const markdown = success({
      roleToAssume: '',
      roleChain: '',
      awsAccessKeyId: FIRST.accessKeyId,
      awsSecretAccessKey: FIRST.secretAccessKey,
    });
    expect(markdown).toContain('### AWS session: ci in account 111111111111');
    expect(markdown).not.toMatch(/\| Hop \||switchrole|Expires/);
  });

  test.each([
    {
      name: 'pipe in a branch name',
      ctx: { ref: 'refs/heads/fix|pipe' },
      escaped: 'refs/heads/fix\\|pipe',
      raw: 'fix|pipe',
    },
    {
      name: 'bot actor',
      ctx: { actor: 'dependabot[bot]' },
      escaped: 'dependabot\\[bot\\]',
      raw: 'dependabot[bot]',
    },
    {
      name: 'HTML in a workflow name',
      ctx: { workflow: '<img src=x onerror=alert(1)>' },
      escaped: '&lt;img src=x onerror=alert\\(1\\)&gt;',
      raw: '<img',
    },
    {
      name: 'line break in a workflow name',
      ctx: { workflow: 'Deploy\n| injected | row |' },
      escaped: 'Deploy \\| injected \\| row \\|',
      raw: '\n| injected',
    },
  ])('Markdown escaping: $name', ({ ctx, escaped, raw }) => {
    const markdown = success({}, runContext(ctx));
    expect(markdown).toContain(escaped);
    expect(markdown).not.toContain(raw);
    for (const line of markdown
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Hop') && !/^\| \d/.test(l))) {
      expect(cellSeparators(line)).toBe(3);
    }
  });
});

describe('renderFailureSummary', () => {
  const failure: FailureFacts = {
    message:
      'AccessDenied: User: arn:aws:sts::111111111111:assumed-role/deploy/GitHubActions is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/prod-deploy',
    where: 'hop 2 of 2, arn:aws:iam::222222222222:role/prod-deploy',
    code: 'AccessDenied',
    diagnosis: {
      title: 'The trust policy of prod-deploy does not allow deploy',
      lines: [
        'Add arn:aws:iam::111111111111:role/deploy as a principal',
        'Check `sts:TagSession` | too',
      ],
    },
  };

  test.each([
    {
      name: 'not masked',
      inputs: {},
      shows: ['111111111111', '222222222222'],
      hides: ['************'],
    },
    {
      name: 'masked',
      inputs: { maskAwsAccountId: 'true' },
      shows: ['arn:aws:iam::\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*:role/prod-deploy'],
      hides: ['111111111111', '222222222222'],
    },
  ])('$name', ({ inputs, shows, hides }) => {
    const ctx = runContext();
    const markdown = renderFailureSummary(
      failure,
      planFor({ roleToAssume: ROLE.deploy, roleChain: ROLE.prod, ...inputs }, ctx),
      ctx,
    );
    for (const text of shows) expect(markdown).toContain(text);
    for (const text of hides) expect(markdown).not.toContain(text);
    expect(markdown).toContain('| AWS error | `AccessDenied` |');
    expect(markdown).toContain('- Check \\`sts:TagSession\\` \\| too');
    expect(markdown).toMatch(/Nothing was exported\.\n+$/);
  });

  test('diagnosis lines that are list items or indented render as one list, never "- - "', () => {
    const ctx = runContext();
    const markdown = renderFailureSummary(
      {
        ...failure,
        diagnosis: {
          title: 'Refused',
          lines: [
            "This run's token:",
            '  sub: repo:o/r:ref:refs/heads/main',
            '- sub differs by trigger',
            '- the role does not exist',
          ],
        },
      },
      planFor({ roleToAssume: ROLE.deploy }, ctx),
      ctx,
    );
    expect(markdown).toContain(
      "- This run's token:\n  - sub: repo:o/r:ref:refs/heads/main\n- sub differs by trigger\n- the role does not exist\n",
    );
    expect(markdown).not.toMatch(/^\s*- - /m);
  });

  test('a failure before planning (no plan) still renders, unmasked', () => {
    const markdown = renderFailureSummary(
      {
        message: 'Invalid input. `aws-region`: is required',
        where: undefined,
        code: undefined,
        diagnosis: undefined,
      },
      undefined,
      runContext({ ref: 'refs/heads/a|b' }),
    );
    expect(markdown).toContain('| Message | Invalid input. \\`aws-region\\`: is required |');
    expect(markdown).toContain('refs/heads/a\\|b');
    expect(markdown).not.toMatch(/Failed at|AWS error/);
  });
});
