/**
 * STS limits, named once. Source: the STS API reference for AssumeRole and
 * AssumeRoleWithWebIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
 * and the IAM quotas page (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const MIN_DURATION_SECONDS = 900;
/** A role's MaxSessionDuration can be raised to 12 hours, never more. */
export const MAX_DURATION_SECONDS = 43_200;
export const DEFAULT_DURATION_SECONDS = 3_600;
/**
 * "Role chaining limits your session to a maximum of one hour" (IAM user guide:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining).
 */
export const MAX_CHAINED_DURATION_SECONDS = 3_600;

/** RoleSessionName and SourceIdentity: 2-64 chars of [\w+=,.@-]. */
export const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
export const SESSION_NAME_MIN = 2;
export const SESSION_NAME_MAX = 64;
export const SESSION_NAME_DISALLOWED = /[^\w+=,.@-]/g;

/** ExternalId: 2-1224 chars of [\w+=,.@:/-]. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
/** What an external ID that fails EXTERNAL_ID_PATTERN is told. */
export const EXTERNAL_ID_RULE = '2-1224 characters of letters, digits and +=,.@:/_-';

/** Session tags: at most 50, keys 1-128 chars, values 0-256 chars, from this set. */
export const MAX_SESSION_TAGS = 50;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const TAG_DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/** Managed session policies: at most 10 ARNs. Inline policy: at most 2048 characters. */
export const MAX_MANAGED_SESSION_POLICIES = 10;
export const MAX_INLINE_POLICY_CHARS = 2_048;

/** Our own bound: chains longer than this are almost certainly a mistake. */
export const MAX_HOPS = 10;

/** AWS account IDs are 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
