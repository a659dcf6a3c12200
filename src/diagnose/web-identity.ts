import { claimString } from '../model/jwt-claims.js';
import {
  type TrustStatement,
  conditionBlockFor,
  evaluateTrustPolicy,
} from '../trust-policy/generator.js';
import { WEB_IDENTITY_ACTION } from '../trust-policy/issuer.js';
import { subjectShape } from '../trust-policy/subject.js';
import { providerTarget } from './provider-target.js';

/**
 * The OIDC part of the failure diagnosis: what this run's token says, which subject format it
 * uses, and a statement built from its own iss, aud and sub that the shared evaluator confirms
 * admits it. Claims only: the token itself never reaches this module.
 */

type ClaimSet = Readonly<Record<string, unknown>>;

/** The claims trust policies match on, one line per group; sub and aud decide most refusals. */
const CLAIM_GROUPS =
  'sub; aud; repository repository_owner ref environment event_name; iss job_workflow_ref'.split(
    '; ',
  );

/** Lines on the token: claims, subject format, and the statement that would admit this run. */
export function tokenLines(
  claims: ClaimSet,
  audience: string | undefined,
  roleArn: string | undefined,
): string[] {
  const lines = ["This run's token (trust policies match on these claims):", ...claimLines(claims)];
  const sub = claimString(claims, 'sub');
  if (sub !== undefined) lines.push(formatLine(sub, claims));
  const statement = admittingStatement(claims, audience, roleArn);
  // The suggestion goes through the same evaluator as `trust-policy check`; show it only if it
  // really admits this token (it cannot when the token lacks sub or aud).
  if (evaluateTrustPolicy({ Statement: [statement] }, claims).allowed) {
    lines.push(
      `A statement that admits exactly this run: Principal.Federated ${statement.Principal.Federated}, Condition:`,
    );
    lines.push(`  ${JSON.stringify(statement.Condition)}`);
  }
  return lines;
}

/** Allow AssumeRoleWithWebIdentity for the token's own issuer, audience and subject. */
export function admittingStatement(
  claims: ClaimSet,
  audience: string | undefined,
  roleArn: string | undefined,
): TrustStatement {
  return {
    Effect: 'Allow',
    Principal: { Federated: providerTarget(claims, audience, roleArn).arn },
    Action: WEB_IDENTITY_ACTION,
    Condition: conditionBlockFor(claims, audience),
  };
}

/** Which subject format the token uses, told from the shape of sub, and what that means. */
function formatLine(sub: string, claims: ClaimSet): string {
  const shape = subjectShape(sub);
  if (shape.format === 'immutable') {
    const names = sub.replace(/@\d+\//, '/').replace(/@\d+:/, ':');
    return `Subject format: immutable IDs (repo:OWNER@OWNER_ID/REPO@REPO_ID:...); a policy written with names only (${names}) does not match it.`;
  }
  if (shape.format === 'names') {
    const ownerId = claimString(claims, 'repository_owner_id') ?? 'OWNER_ID';
    const repoId = claimString(claims, 'repository_id') ?? 'REPO_ID';
    const [owner, name] = (shape.repository ?? '/').split('/');
    const immutable = sub.replace(`${owner}/${name}:`, `${owner}@${ownerId}/${name}@${repoId}:`);
    return `Subject format: names only (repo:OWNER/REPO:...); a policy written for immutable IDs (${immutable}) does not match it.`;
  }
  const included = shape.claimKeys.map((key) => {
    const value = key === 'repo' ? claimString(claims, 'repository') : claimString(claims, key);
    return value === undefined || key === 'context' ? key : `${key}=${value}`;
  });
  return `Subject format: a customised template (not GitHub's default); its sub includes: ${included.join(', ') || 'claims this action cannot tell apart'}.`;
}

/** Present claims as indented "name: value" lines, one line per group. */
function claimLines(claims: ClaimSet): string[] {
  const pair = (name: string): string[] => {
    const value = claimString(claims, name);
    return value === undefined ? [] : [`${name}: ${value}`];
  };
  const lines = CLAIM_GROUPS.map((group) => group.split(' ').flatMap(pair).join(', '));
  return lines.filter((line) => line !== '').map((line) => `  ${line}`);
}
