import type { Partition } from '../model/arn.js';
import type { RunContext } from '../model/run-context.js';
import type { RunResult, SessionResult } from '../execute.js';
import type { Plan } from '../plan/plan-run.js';

const MASKED_ACCOUNT = '************';

/** Escapes text for a Markdown table cell: no markup, no HTML, no line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}

/** Hides account IDs inside any text when masking is on. */
function hideAccounts(text: string, accounts: readonly string[], masked: boolean): string {
  return masked ? accounts.reduce((out, id) => out.split(id).join(MASKED_ACCOUNT), text) : text;
}

/** Keeps table cells readable: long values (a full commit SHA) are cut with an ellipsis. */
function shorten(value: string, max = 20): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** "2026-11-23 04:05:06 UTC (valid for 60 minutes)". */
function describeExpiry(expiration: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((expiration.getTime() - now.getTime()) / 60_000));
  return `${expiration
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC')} (valid for ${minutes} minutes)`;
}

const SIGNIN_HOST: Readonly<Partial<Record<Partition, string>>> = {
  aws: 'signin.aws.amazon.com',
  'aws-cn': 'signin.amazonaws.cn',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
};

/** The console "switch role" link for a role; undefined where the console host is not public. */
function switchRoleLink(
  partition: Partition,
  accountId: string,
  roleNameWithPath: string,
  displayName: string,
): string | undefined {
  const host = SIGNIN_HOST[partition];
  if (host === undefined) return undefined;
  const query = new URLSearchParams({
    roleName: roleNameWithPath,
    account: accountId,
    displayName: displayName.slice(0, 64),
  });
  return `https://${host}/switchrole?${query.toString()}`;
}

function workflowRows(ctx: RunContext): string[] {
  const run = `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}`;
  return [
    `| Workflow | ${escapeMarkdown(`${ctx.repository} @ ${ctx.ref} (${ctx.sha.slice(0, 7)})`)} |`,
    `| Trigger | ${escapeMarkdown(`${ctx.eventName} by ${ctx.actor}`)} |`,
    `| Run | [${escapeMarkdown(`${ctx.workflow} #${ctx.runId}`)}](${encodeURI(run)}) |`,
  ];
}

function sessionSection(
  session: SessionResult,
  plan: Plan,
  ctx: RunContext,
  sourceDescription: string,
  now: Date,
): string[] {
  const masked = plan.output.maskAccountId;
  const accounts = [session.accountId, ...session.hops.map((h) => h.accountId)].filter(
    (id) => id !== '',
  );
  const hide = (text: string): string => escapeMarkdown(hideAccounts(text, accounts, masked));
  const title = session.session.profileName
    ? `profile \`${escapeMarkdown(session.session.profileName)}\``
    : 'environment credentials';
  const lines = [
    `### AWS session: ${hide(session.arn.split('/')[1] ?? session.arn)} in account ${masked ? 'masked' : escapeMarkdown(session.accountId)}`,
    '',
    '| | |',
    '|---|---|',
    `| Exported as | ${title} |`,
    `| Source | ${hide(sourceDescription)} |`,
    `| Identity | ${hide(session.arn)} |`,
    `| Region | ${escapeMarkdown(plan.region)} |`,
  ];
  if (session.expiration !== undefined)
    lines.push(`| Expires | ${describeExpiry(session.expiration, now)} |`);
  lines.push(...workflowRows(ctx));
  if (session.hops.length > 0) {
    lines.push(
      '',
      '| Hop | Role | Account | Session name | Source identity | Tags | Duration |',
      '|---|---|---|---|---|---|---|',
    );
    for (const hop of session.hops) {
      const tags = hop.hop.tags.map((t) => `${t.key}=${shorten(t.value)}`).join(', ') || '–';
      lines.push(
        `| ${hop.hop.number} | ${hide(hop.roleArn.split(':role/')[1] ?? hop.roleArn)} | ${masked ? 'masked' : escapeMarkdown(hop.accountId)} | ` +
          `${escapeMarkdown(hop.hop.sessionName)} | ${escapeMarkdown(hop.sourceIdentity ?? '–')} | ${hide(tags)} | ${hop.hop.durationSeconds} s |`,
      );
    }
    const last = session.hops[session.hops.length - 1];
    if (last !== undefined && !masked) {
      const roleName = last.roleArn.split(':role/')[1] ?? '';
      const link = switchRoleLink(
        plan.partition,
        last.accountId,
        roleName,
        `${roleName}@${last.accountId}`,
      );
      if (link !== undefined) lines.push('', `[Open this role in the AWS console](${link})`);
    }
  }
  return [...lines, ''];
}

/** The step-summary section for a successful run: one heading per session, never a secret. */
export function renderSuccessSummary(
  result: RunResult,
  plan: Plan,
  ctx: RunContext,
  now: Date,
): string {
  return (
    result.sessions
      .flatMap((s) => sessionSection(s, plan, ctx, result.sourceDescription, now))
      .join('\n') + '\n'
  );
}

/**
 * A diagnosis line as a Markdown list item: a line that already is one ("- cause") is not
 * bulleted twice, and an indented line (a command, a claim) nests under the line before it.
 */
function listItem(line: string): string {
  const nested = /^\s/.test(line) ? '  ' : '';
  return `${nested}- ${line.trim().replace(/^- /, '')}`;
}

/** What the failure summary shows; the message is already redacted by the caller. */
export interface FailureFacts {
  readonly message: string;
  readonly where: string | undefined;
  readonly code: string | undefined;
  readonly diagnosis: { readonly title: string; readonly lines: readonly string[] } | undefined;
}

/** The step-summary section for a failed run. */
export function renderFailureSummary(
  failure: FailureFacts,
  plan: Plan | undefined,
  ctx: RunContext,
): string {
  const masked = plan?.output.maskAccountId ?? false;
  const hide = (text: string): string =>
    masked ? text.replace(/\b\d{12}\b/g, MASKED_ACCOUNT) : text;
  const lines = ['### AWS session failed', '', '| | |', '|---|---|'];
  if (failure.where !== undefined)
    lines.push(`| Failed at | ${escapeMarkdown(hide(failure.where))} |`);
  if (failure.code !== undefined) lines.push(`| AWS error | \`${escapeMarkdown(failure.code)}\` |`);
  lines.push(`| Message | ${escapeMarkdown(hide(failure.message))} |`, ...workflowRows(ctx));
  if (failure.diagnosis !== undefined) {
    lines.push('', `**${escapeMarkdown(hide(failure.diagnosis.title))}**`, '');
    for (const line of failure.diagnosis.lines) lines.push(listItem(escapeMarkdown(hide(line))));
  }
  lines.push('', 'Nothing was exported.', '');
  return lines.join('\n') + '\n';
}
