import type { PolicyDocument } from '../trust-policy/evaluate.js';
import { decodePolicyText, parseJson, policyFromJson } from '../trust-policy/input.js';

/**
 * The roles an audit reads from a file: the JSON of `aws iam get-account-authorization-details`
 * (RoleDetailList), `aws iam get-role` (Role) or `aws iam list-roles` (Roles).
 */

export interface AuditedRoleInput {
  readonly name: string;
  readonly arn?: string;
  readonly policy: PolicyDocument;
}

/**
 * A role's trust policy as a listing holds it: URL-encoded text (IAM's API), decoded text, or an
 * object (the AWS CLI and some SDKs decode it), read by the same rules as `check`'s files.
 */
export function decodePolicyDocument(value: unknown, role: string): PolicyDocument {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null))
    throw new Error(`role ${role}: no AssumeRolePolicyDocument`);
  try {
    return policyFromJson(
      typeof value === 'string' ? decodePolicyText(value) : JSON.stringify(value),
    );
  } catch (error) {
    throw new Error(`role ${role}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The roles in a file's JSON; throws naming the file's expected shapes. */
export function rolesFromJson(text: string, file: string): AuditedRoleInput[] {
  // parseJson also refuses duplicate keys, which a plain JSON.parse would resolve silently.
  const value = parseJson(text, `--from-file ${file}`);
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const list: unknown = record['RoleDetailList'] ?? record['Roles'] ?? [record['Role']];
  if (!Array.isArray(list) || list.some((r) => typeof r !== 'object' || r === null)) {
    throw new Error(
      `--from-file ${file}: expected the JSON of aws iam get-account-authorization-details (RoleDetailList), get-role (Role) or list-roles (Roles)`,
    );
  }
  return (list as Record<string, unknown>[]).map((role, index) => {
    const name = typeof role['RoleName'] === 'string' ? role['RoleName'] : `#${index + 1}`;
    const arn = typeof role['Arn'] === 'string' ? role['Arn'] : undefined;
    const policy = decodePolicyDocument(role['AssumeRolePolicyDocument'], name);
    return { name, ...(arn === undefined ? {} : { arn }), policy };
  });
}
