import type { PolicyDocument } from '../model/trust-policy-evaluate.js';
import { policyFromJson } from '../model/trust-policy-input.js';

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
 * A trust policy as IAM's API returns it: URL-encoded per RFC 3986, which IAM's docs say to undo
 * with a URL decoder such as java.net.URLDecoder (so '+' is a space); the AWS CLI and some SDKs
 * hand it over already decoded, as text or as an object. All three are accepted.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
 */
export function decodePolicyDocument(value: unknown, role: string): PolicyDocument {
  let text: string;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    try {
      text = trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed.replace(/\+/g, '%20'));
    } catch {
      throw new Error(
        `role ${role}: AssumeRolePolicyDocument is neither JSON nor URL-encoded JSON`,
      );
    }
  } else if (typeof value === 'object' && value !== null) {
    text = JSON.stringify(value);
  } else {
    throw new Error(`role ${role}: no AssumeRolePolicyDocument`);
  }
  try {
    return policyFromJson(text);
  } catch (error) {
    throw new Error(`role ${role}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The roles in a file's JSON; throws naming the file's expected shapes. */
export function rolesFromJson(text: string, file: string): AuditedRoleInput[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`--from-file ${file}: not JSON`);
  }
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
