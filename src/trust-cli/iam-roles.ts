/**
 * Reads every role's trust policy from IAM: ListRoles (paginated), and GetRole only for a role
 * whose listing lacks its trust policy. The only import of @aws-sdk/client-iam, loaded late so
 * that `generate` and `check` never pay for it. Credentials come from the SDK's standard chain.
 * Minimum permissions: iam:ListRoles and iam:GetRole.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
 */

/** A role as IAM lists it; the trust policy is the URL-encoded text the API returns. */
export interface ListedRole {
  readonly name: string;
  readonly arn: string;
  readonly policyDocument: string | undefined;
}

export interface IamConnection {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

/** Every role in the account, with its trust policy as IAM returns it. */
export async function listIamRoles(connection: IamConnection): Promise<ListedRole[]> {
  const { IAMClient, GetRoleCommand, paginateListRoles } = await import('@aws-sdk/client-iam');
  // IAM is global; the SDK still needs a region to sign for, us-east-1 in the aws partition.
  const client = new IAMClient({
    region: connection.region ?? 'us-east-1',
    ...(connection.profile === undefined ? {} : { profile: connection.profile }),
    ...(connection.endpointUrl === undefined ? {} : { endpoint: connection.endpointUrl }),
  });
  try {
    const roles: ListedRole[] = [];
    for await (const page of paginateListRoles({ client }, {})) {
      for (const role of page.Roles ?? []) {
        const name = role.RoleName ?? '';
        let policyDocument = role.AssumeRolePolicyDocument;
        if (policyDocument === undefined) {
          const got = await client.send(new GetRoleCommand({ RoleName: name }));
          policyDocument = got.Role?.AssumeRolePolicyDocument;
        }
        roles.push({ name, arn: role.Arn ?? '', policyDocument });
      }
    }
    return roles;
  } finally {
    client.destroy();
  }
}
