import type {
  AssumeRoleCommandInput,
  AssumeRoleWithWebIdentityCommandInput,
  AssumedRoleUser,
  Credentials,
  GetCallerIdentityCommandOutput,
  GetSessionTokenCommandInput,
} from '@aws-sdk/client-sts';
import { malformedResponse } from './sts-errors.js';
import type {
  AssumeRoleRequest,
  AssumedSession,
  CallerIdentity,
  SessionTokenRequest,
  TemporaryCredentials,
  WebIdentityRequest,
} from './sts-gateway.js';

/*
 * Request and response mapping between the gateway's camelCase domain types and the SDK's
 * PascalCase shapes. Types only from the SDK: the client itself loads in sts-client.ts.
 */

/** The SDK input for AssumeRole: camelCase request in, PascalCase SDK shape out. */
export function toAssumeRoleInput(request: AssumeRoleRequest): AssumeRoleCommandInput {
  return {
    RoleArn: request.roleArn,
    RoleSessionName: request.sessionName,
    DurationSeconds: request.durationSeconds,
    ExternalId: request.externalId,
    SourceIdentity: request.sourceIdentity,
    SerialNumber: request.mfa?.serialNumber,
    TokenCode: request.mfa?.tokenCode,
    Tags: request.tags?.length
      ? request.tags.map((t) => ({ Key: t.key, Value: t.value }))
      : undefined,
    TransitiveTagKeys: request.transitiveTagKeys?.length
      ? [...request.transitiveTagKeys]
      : undefined,
    ...policyInput(request),
  };
}

/** The SDK input for AssumeRoleWithWebIdentity (STS takes no tags, source identity or MFA here). */
export function toWebIdentityInput(
  request: WebIdentityRequest,
): AssumeRoleWithWebIdentityCommandInput {
  return {
    RoleArn: request.roleArn,
    RoleSessionName: request.sessionName,
    DurationSeconds: request.durationSeconds,
    WebIdentityToken: request.webIdentityToken,
    ...policyInput(request),
  };
}

/** The session policies, inline and managed, as both assume-role inputs take them. */
function policyInput(request: {
  inlineSessionPolicy?: string | undefined;
  managedSessionPolicies?: readonly string[];
}): { Policy?: string; PolicyArns?: { arn: string }[] } {
  return {
    ...(request.inlineSessionPolicy === undefined ? {} : { Policy: request.inlineSessionPolicy }),
    ...(request.managedSessionPolicies?.length
      ? { PolicyArns: request.managedSessionPolicies.map((arn) => ({ arn })) }
      : {}),
  };
}

/** An SDK assume-role output, as far as the action reads it. */
interface AssumeOutput {
  readonly Credentials?: Credentials | undefined;
  readonly AssumedRoleUser?: AssumedRoleUser | undefined;
  readonly SourceIdentity?: string | undefined;
  readonly PackedPolicySize?: number | undefined;
  readonly SubjectFromWebIdentityToken?: string | undefined;
}

/**
 * Converts and validates what the action reads from an assume-role answer. The SDK parses
 * the XML, but a proxy or a broken endpoint can still answer 200 without credentials or with
 * an Expiration that is no time: that is a clear error naming the operation, never a crash later.
 */
export function fromAssumeOutput(output: AssumeOutput, operation: string): AssumedSession {
  const credentials = fromCredentials(output.Credentials, operation);
  const user = output.AssumedRoleUser;
  if (!user?.Arn || !user.AssumedRoleId)
    throw malformedResponse(operation, 'the response had no AssumedRoleUser Arn and AssumedRoleId');
  return {
    credentials,
    assumedRoleArn: user.Arn,
    assumedRoleId: user.AssumedRoleId,
    sourceIdentity: output.SourceIdentity,
    packedPolicySize: output.PackedPolicySize,
    subjectFromWebIdentityToken: output.SubjectFromWebIdentityToken,
  };
}

/** Converts and validates STS Credentials (all four fields, Expiration a valid time). */
export function fromCredentials(
  credentials: Credentials | undefined,
  operation: string,
): TemporaryCredentials {
  const missing = (
    ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'] as const
  ).filter((field) => !credentials?.[field]);
  if (credentials === undefined || missing.length > 0)
    throw malformedResponse(operation, `the response's Credentials had no ${missing.join(', ')}`);
  // https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html: 16-128 word
  // characters. Anything else (an undecodable character reference, markup) is no key.
  if (!/^\w{16,128}$/.test((credentials.AccessKeyId ?? '').trim()))
    throw malformedResponse(
      operation,
      "the response's Credentials AccessKeyId is not an access key ID",
    );
  const expiration = credentials.Expiration;
  if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime()))
    throw malformedResponse(operation, "the response's Credentials Expiration is not a valid time");
  return {
    // Trimmed: an XML body wrapped for display (as AWS's documentation samples are) adds spaces.
    accessKeyId: (credentials.AccessKeyId ?? '').trim(),
    secretAccessKey: (credentials.SecretAccessKey ?? '').trim(),
    sessionToken: (credentials.SessionToken ?? '').trim(),
    expiration,
  };
}

/** The SDK input for GetSessionToken: the duration, and the MFA device and code when given. */
export function toSessionTokenInput(request: SessionTokenRequest): GetSessionTokenCommandInput {
  return {
    DurationSeconds: request.durationSeconds,
    SerialNumber: request.mfa?.serialNumber,
    TokenCode: request.mfa?.tokenCode,
  };
}

/** The caller's identity from a GetCallerIdentity answer, all three fields present. */
export function fromCallerIdentityOutput(output: GetCallerIdentityCommandOutput): CallerIdentity {
  if (!output.Account || !output.Arn || !output.UserId)
    throw malformedResponse('GetCallerIdentity', 'the response had no Account, Arn or UserId');
  return { account: output.Account, arn: output.Arn, userId: output.UserId };
}
