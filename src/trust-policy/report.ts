import type { Evaluation, PolicyDocument } from './evaluate.js';
import { type ConditionCheck, describeMismatch } from './operators.js';
import { WEB_IDENTITY_ACTION } from './issuer.js';

/**
 * Renders an evaluation as text, one fact per line: per statement its action, principal and each
 * condition with the value seen, then the verdict. Claims only; a token never reaches this module.
 */
export function formatEvaluation(evaluation: Evaluation): string[] {
  const lines: string[] = [];
  const mark = (ok: boolean): string => (ok ? '[match]   ' : '[no match]');
  for (const s of evaluation.statements) {
    const sid = s.sid === undefined ? '' : ` ${s.sid}`;
    const verdict = s.applies ? 'applies' : 'does not apply';
    lines.push(`Statement ${s.index + 1}${sid} (${s.effect || 'no Effect'}): ${verdict}`);
    lines.push(`  ${mark(s.actionMatched)} Action includes ${WEB_IDENTITY_ACTION}`);
    lines.push(
      s.principalNote === undefined
        ? `  ${mark(s.principalMatched)} Principal.Federated is the OIDC provider for ${s.provider}`
        : `  ${mark(s.principalMatched)} ${s.principalNote}`,
    );
    for (const c of s.conditions) lines.push(`  ${mark(c.matched)} ${describeCheck(c)}`);
    // ForAllValues matches when the request has no value for the key: in an Allow it admits
    // tokens that lack the claim, or a policy whose key is misspelt.
    const risky = s.conditions.filter((c) => c.operator.startsWith('ForAllValues:'));
    if (s.effect === 'Allow' && risky.length > 0) {
      lines.push(
        `  warning: ${risky.map((c) => `${c.operator} ${c.key}`).join(', ')} also matches a token without the claim; prefer StringEquals or StringLike`,
      );
    }
  }
  lines.push(verdictOf(evaluation));
  return lines;
}

function describeCheck(c: ConditionCheck): string {
  if (!c.matched) return describeMismatch(c);
  // A match the checker assumed (a value unknown at check time, in a Deny) says so.
  if (c.assumed === true) return `${c.operator} ${c.key}: ${c.note ?? 'unknown'}`;
  const seen = c.seen === undefined ? `no value (${c.note ?? 'absent'})` : `'${c.seen.join(',')}'`;
  const expected = c.expected.map((e) => `'${e}'`).join(', ');
  return `${c.operator} ${c.key}: saw ${seen}, policy has ${expected}`;
}

/**
 * A warning when the policy has `${...}` in it but no "Version": "2012-10-17": IAM then compares
 * the text literally, which is rarely what its author meant.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function versionWarning(policy: PolicyDocument): string[] {
  if (policy.Version === '2012-10-17' || !JSON.stringify(policy.Statement).includes('${'))
    return [];
  return [
    'warning: the policy has no "Version": "2012-10-17", so IAM compares ${...} as literal text, not as policy variables; add the Version to use them',
  ];
}

/** The one-line verdict: admitted, or denied and why. */
function verdictOf(evaluation: Evaluation): string {
  if (evaluation.allowed) {
    const by = evaluation.statements.find((s) => s.effect === 'Allow' && s.applies);
    return `ADMITTED: statement ${(by?.index ?? 0) + 1} allows ${WEB_IDENTITY_ACTION} for this token`;
  }
  const deny = evaluation.statements.find((s) => s.effect === 'Deny' && s.applies);
  if (deny !== undefined) return `DENIED: statement ${deny.index + 1} is a Deny that matches`;
  return evaluation.statements.some((s) => s.effect === 'Allow')
    ? 'DENIED: no Allow statement applies to this token'
    : 'DENIED: the policy has no Allow statement';
}
