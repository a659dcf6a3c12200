import type { Audience } from '../trust-policy/audience.js';
import type { Finding } from '../trust-policy/findings.js';

/** An audit's result as plain data, and its readable-table and JSON renderings. */

export interface RoleReport {
  readonly name: string;
  readonly arn?: string;
  readonly audience: Audience;
  readonly issuers: readonly string[];
  readonly findings: readonly Finding[];
}

export interface AuditReport {
  readonly roles: readonly RoleReport[];
  /** Roles read that trust no GitHub issuer. */
  readonly skipped: number;
}

const AUDIENCE_TEXT: Record<Audience, string> = {
  'any-github-user': 'ANY GITHUB USER',
  owner: 'any repo of owner',
  repositories: 'listed repos',
  refs: 'specific refs/envs',
  nobody: 'nobody',
};

/** A table of roles, then each role's findings with condition, example, fix and assumptions. */
export function renderTable(report: AuditReport): string[] {
  const header = ['ROLE', 'AUDIENCE', 'ISSUER', 'FINDINGS'];
  const rows = report.roles.map((r) => [
    r.name,
    AUDIENCE_TEXT[r.audience],
    r.issuers.join(', '),
    // Every finding listed below the table, the audience finding included.
    String(r.findings.length),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line), ''];
  for (const role of report.roles) {
    lines.push(`${role.name}${role.arn === undefined ? '' : ` (${role.arn})`}`);
    for (const f of role.findings) {
      const where =
        f.statement === undefined ? '' : ` statement ${f.statement}${f.sid ? ` (${f.sid})` : ''}`;
      lines.push(`  [${f.level}] ${f.kind}${where}: ${f.message}`);
      if (f.condition !== undefined) lines.push(`    condition: ${f.condition}`);
      if (f.example !== undefined) lines.push(`    example sub: ${f.example}`);
      if (f.fix !== undefined) lines.push(`    fix: ${f.fix}`);
      for (const a of f.assumptions) lines.push(`    assumes (unknown offline): ${a}`);
    }
  }
  const counts = report.roles.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.audience]: (acc[r.audience] ?? 0) + 1 }),
    {},
  );
  const summary = Object.entries(counts)
    .map(([audience, n]) => `${n} ${audience}`)
    .join(', ');
  lines.push(
    '',
    `${report.roles.length} role(s) trust a GitHub issuer${summary === '' ? '' : ` (${summary})`}; ${report.skipped} other role(s) skipped`,
  );
  return lines;
}

/** The report as JSON, stable across runs for the same roles. */
export function renderJson(report: AuditReport): string {
  return JSON.stringify({ version: 1, ...report }, null, 2);
}
