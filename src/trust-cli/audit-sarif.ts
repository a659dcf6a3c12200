import { FINDING_KINDS, type FindingKind } from '../trust-policy/findings.js';
import type { AuditReport } from './audit-report.js';

/**
 * The report as SARIF 2.1.0, the format GitHub code scanning ingests: one rule per finding kind,
 * one result per finding of each role, located at the role (a logical location) and at the
 * --from-file file, or without one at a path naming the role.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export function renderSarif(report: AuditReport, fromFile: string | undefined): string {
  const kinds = Object.keys(FINDING_KINDS) as FindingKind[];
  const rules = kinds.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: FINDING_KINDS[id] },
    help: {
      text: `${FINDING_KINDS[id]}. See docs/trust-policy.md, "Audit: who can assume your roles".`,
    },
    properties: {
      tags: ['security'],
      'security-severity': RANKING[id].severity,
      precision: RANKING[id].precision,
    },
  }));
  const results = report.roles.flatMap((role) =>
    role.findings.map((f) => ({
      ruleId: f.kind,
      ruleIndex: kinds.indexOf(f.kind),
      level: f.level,
      message: {
        // Whole sentences: each part ends with a full stop before the next begins.
        text: [
          `Role ${role.name}: ${f.message}`,
          f.condition === undefined ? '' : `Condition: ${f.condition}.`,
          f.example === undefined ? '' : `Example sub: ${f.example}.`,
          f.fix === undefined ? '' : `Fix: ${f.fix}.`,
          f.assumptions.length === 0
            ? ''
            : `Assumes (unknown offline): ${f.assumptions.join('; ')}.`,
        ]
          .map((part) => (part === '' || /[.!?]$/.test(part) ? part : `${part}.`))
          .filter((s) => s !== '')
          .join(' '),
      },
      locations: [
        {
          // Code scanning refuses a result without physicalLocation.artifactLocation.uri ("expected
          // artifact location"), and only takes relative paths or file URIs there, so a live
          // audit names the role as a path under aws-iam/roles/ (no file in the repository).
          physicalLocation: { artifactLocation: { uri: fromFile ?? roleUri(role.name) } },
          logicalLocations: [
            {
              name: role.name,
              ...(role.arn === undefined ? {} : { fullyQualifiedName: role.arn }),
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: {
        'roleFinding/v1': `${role.arn ?? role.name}|${f.kind}|${f.statement ?? 0}|${f.condition ?? ''}`,
      },
      properties: {
        audience: role.audience,
        ...(f.statement === undefined ? {} : { statement: f.statement }),
        assumed: f.assumptions.length > 0,
      },
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aws-deploy-role trust-policy audit', rules } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/**
 * How code scanning ranks each rule: security-severity, a number as a string, where over 9.0 is
 * critical, 7.0 to 8.9 high, 4.0 to 6.9 medium and 0.1 to 3.9 low (read only with the "security"
 * tag), and precision (very-high, high, medium, low). A role any GitHub user can assume is
 * critical, one any repository of the owner can assume high, narrower ones lower.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
 */
const RANKING: Record<FindingKind, { severity: string; precision: string }> = {
  'audience-any-github-user': { severity: '9.5', precision: 'high' },
  'wildcard-principal': { severity: '9.5', precision: 'very-high' },
  'wildcard-crosses-owner': { severity: '9.5', precision: 'high' },
  'audience-owner': { severity: '7.5', precision: 'high' },
  'wildcard-crosses-repository': { severity: '7.5', precision: 'high' },
  'pull-request-subject': { severity: '6.5', precision: 'high' },
  'missing-aud': { severity: '5.0', precision: 'very-high' },
  'audience-repositories': { severity: '4.0', precision: 'high' },
  'names-only-subject': { severity: '3.0', precision: 'medium' },
  'stringlike-without-wildcard': { severity: '2.0', precision: 'very-high' },
  'audience-refs': { severity: '1.0', precision: 'high' },
  'audience-nobody': { severity: '0.5', precision: 'high' },
};

/** A relative path naming a role, for results that have no file: aws-iam/roles/NAME. */
function roleUri(roleName: string): string {
  return `aws-iam/roles/${encodeURIComponent(roleName)}`;
}
