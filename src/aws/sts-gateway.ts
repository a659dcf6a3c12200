import type { Tag } from '../model/tags.js';

/**
 * Credentials as the action handles them. Domain types are camelCase: the SDK's PascalCase
 * shapes stay inside the gateway (sts-client.ts, with its mapping in sts-mapping.ts), the only
 * importers of @aws-sdk/client-sts.
 */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
}

/** Credentials STS issued: always with a session token and an expiry. */
export interface TemporaryCredentials extends AwsCredentials {
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** What one successful assume-role call returned. */
export interface AssumedSession {
  readonly credentials: TemporaryCredentials;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  readonly sourceIdentity: string | undefined;
  readonly packedPolicySize: number | undefined;
  readonly subjectFromWebIdentityToken: string | undefined;
}

/** The identity behind a set of credentials. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly externalId?: string | undefined;
  readonly inlineSessionPolicy?: string | undefined;
  readonly managedSessionPolicies?: readonly string[];
  readonly tags?: readonly Tag[];
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string | undefined;
  readonly mfa?: { readonly serialNumber: string; readonly tokenCode: string } | undefined;
}

export interface WebIdentityRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly webIdentityToken: string;
  readonly inlineSessionPolicy?: string | undefined;
  readonly managedSessionPolicies?: readonly string[];
}

/** Per-call options: a time limit for the attempt and the run's abort signal. */
export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** The STS operations the action uses. Implementations: the SDK gateway (sts-client.ts) and test fakes. */
export interface StsGateway {
  assumeRole(
    request: AssumeRoleRequest,
    caller: AwsCredentials,
    options: CallOptions,
  ): Promise<AssumedSession>;
  assumeRoleWithWebIdentity(
    request: WebIdentityRequest,
    options: CallOptions,
  ): Promise<AssumedSession>;
  getCallerIdentity(caller: AwsCredentials, options: CallOptions): Promise<CallerIdentity>;
  /** A session for long-term keys, with an MFA code when given (STS accepts each code once). */
  getSessionToken(
    request: SessionTokenRequest,
    caller: AwsCredentials,
    options: CallOptions,
  ): Promise<TemporaryCredentials>;
}

export interface SessionTokenRequest {
  readonly durationSeconds: number;
  readonly mfa?: { readonly serialNumber: string; readonly tokenCode: string } | undefined;
}
