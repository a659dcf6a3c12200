import { parseAssumedRoleArn, parseRoleRef } from './arn.js';

/**
 * Why an assumed-role ARN STS returned is not a session of `roleArn`, or undefined when it is.
 * An assumed-role ARN is arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION: it names
 * the role without its path (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns,
 * and https://github.com/hashicorp/terraform-provider-aws/issues/19957 for a pathed role), so
 * partition, account and name are compared. IAM names are unique regardless of case ("Names
 * are not distinguished by case": https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html),
 * so the name is compared that way.
 */
export function assumedRoleMismatch(roleArn: string, assumedRoleArn: string): string | undefined {
  const role = parseRoleRef(roleArn);
  if (typeof role === 'string' || role.kind !== 'arn') return `'${roleArn}' is not a role ARN`;
  const session = parseAssumedRoleArn(assumedRoleArn);
  if (session === undefined) return `'${assumedRoleArn}' is not an assumed-role ARN`;
  const { partition, accountId, name } = role.arn;
  if (session.partition !== partition) return `partition ${session.partition}, not ${partition}`;
  if (session.accountId !== accountId) return `account ${session.accountId}, not ${accountId}`;
  if (session.roleName.toLowerCase() !== name.toLowerCase())
    return `role ${session.roleName}, not ${name}`;
  return undefined;
}
