/** AWS partitions this action knows the STS endpoints and OIDC audiences of. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** A parsed IAM role ARN. */
export interface RoleArn {
  readonly arn: string;
  readonly partition: Partition;
  readonly accountId: string;
  /** The role's path without leading/trailing slashes, '' for the root path. */
  readonly path: string;
  readonly name: string;
}

/** A role as the user wrote it: a full ARN, or a bare name resolved in the caller's account. */
export type RoleRef =
  | { readonly kind: 'arn'; readonly arn: RoleArn }
  | { readonly kind: 'name'; readonly name: string; readonly path: string };

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const ROLE_NAME = /^((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const ASSUMED_ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const ANY_ARN_ACCOUNT = /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}):/;

/** Parses a role-to-assume value; returns a problem description when it is neither ARN nor name. */
export function parseRoleRef(text: string): RoleRef | string {
  const arnMatch = ROLE_ARN.exec(text);
  if (arnMatch) {
    const [, partition, accountId, path, name] = arnMatch as unknown as [
      string,
      Partition,
      string,
      string,
      string,
    ];
    return {
      kind: 'arn',
      arn: { arn: text, partition, accountId, path: path.replace(/\/$/, ''), name },
    };
  }
  if (text.startsWith('arn:')) {
    return (
      `'${text}' is not a valid IAM role ARN; expected arn:PARTITION:iam::ACCOUNT_ID:role/NAME ` +
      `with a 12-digit account ID, e.g. arn:aws:iam::123456789012:role/deploy`
    );
  }
  const nameMatch = ROLE_NAME.exec(text);
  if (nameMatch) {
    const [, path, name] = nameMatch as unknown as [string, string, string];
    return { kind: 'name', name, path: path.replace(/\/$/, '') };
  }
  return `'${text}' is neither a role ARN nor a role name (1-64 characters of letters, digits and +=,.@_-)`;
}

/** Builds the ARN of a role given by name, in the caller's partition and account. */
export function resolveRoleArn(ref: RoleRef, partition: Partition, accountId: string): RoleArn {
  if (ref.kind === 'arn') return ref.arn;
  const pathPart = ref.path === '' ? '' : `${ref.path}/`;
  return {
    arn: `arn:${partition}:iam::${accountId}:role/${pathPart}${ref.name}`,
    partition,
    accountId,
    path: ref.path,
    name: ref.name,
  };
}

/** A short, human label for a role reference (its ARN, or its name when unresolved). */
export function describeRole(ref: RoleRef): string {
  return ref.kind === 'arn' ? ref.arn.arn : ref.path === '' ? ref.name : `${ref.path}/${ref.name}`;
}

/** True for region names shaped like AWS's (us-east-1, cn-north-1, us-gov-west-1, ...). */
export function isRegionName(region: string): boolean {
  return REGION.test(region);
}

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The default GitHub OIDC audience for a partition: China's STS expects its own. */
export function defaultAudience(partition: Partition): string {
  return partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
}

/** The regional STS endpoint for a region. */
export function regionalStsEndpoint(region: string): string {
  const suffix = partitionOfRegion(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sts.${region}.${suffix}`;
}

/** Parts of an assumed-role ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), if it is one. */
export function parseAssumedRoleArn(
  arn: string,
): { partition: Partition; accountId: string; roleName: string; sessionName: string } | undefined {
  const match = ASSUMED_ROLE_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, accountId, roleName, sessionName] = match as unknown as [
    string,
    Partition,
    string,
    string,
    string,
  ];
  return { partition, accountId, roleName, sessionName };
}

/** The account ID embedded in any ARN, if present. */
export function accountOfArn(arn: string): string | undefined {
  return ANY_ARN_ACCOUNT.exec(arn)?.[1];
}
