/** The AWS partitions (the AWS SDK's partition data names the same ones; a unit test checks). */
export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;
export type Partition = (typeof PARTITIONS)[number];

const PARTITION = PARTITIONS.join('|');

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

const ROLE_ARN = new RegExp(
  `^arn:(${PARTITION}):iam::(\\d{12}):role\\/((?:[\\w+=,.@-]+\\/)*)([\\w+=,.@-]{1,64})$`,
);
const ROLE_NAME = /^((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const REGION = /^([a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1,2}$/;
const ASSUMED_ROLE_ARN = new RegExp(
  `^arn:(${PARTITION}):sts::(\\d{12}):assumed-role\\/([^/]+)\\/(.+)$`,
);
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

/**
 * The partition a region belongs to, by the region patterns of the AWS SDK's partition data.
 * Kept here rather than read from the SDK (`partition()` of @aws-sdk/core/client): the
 * configuration is validated before the SDK loads, so a bad-input run never pays for it, and
 * that entry point loads the whole client runtime. __tests__/unit/partition.test.ts checks
 * this rule against the SDK's own data, so an SDK update that adds a partition fails a test.
 */
export function partitionOfRegion(region: string): Partition {
  const rule = PARTITION_OF_REGION.find(([pattern]) => pattern.test(region));
  return rule?.[1] ?? 'aws';
}

const PARTITION_OF_REGION: readonly (readonly [RegExp, Partition])[] = [
  [/^cn-/, 'aws-cn'],
  [/^us-gov-/, 'aws-us-gov'],
  [/^us-iso-/, 'aws-iso'],
  [/^us-isob-/, 'aws-iso-b'],
  [/^eu-isoe-/, 'aws-iso-e'],
  [/^us-isof-/, 'aws-iso-f'],
  [/^eusc-/, 'aws-eusc'],
];

/** The default GitHub OIDC audience for a partition: China's STS expects its own. */
export function defaultAudience(partition: Partition): string {
  return partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
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
