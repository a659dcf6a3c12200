import { StsCallError } from './errors.js';
import { TransportError, type Transport } from './http-transport.js';
import { signRequest, encodeRfc3986, type SigningCredentials } from './sigv4.js';
import { parseStsError, xmlElement, xmlText } from './sts-xml.js';
import type { Tag } from './tags.js';

/** Credentials as the action handles them (camelCase; SDK shapes never leave this file). */
export interface AwsCredentials extends SigningCredentials {
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

/** The STS operations the action uses. Implementations: the HTTP client below, and test fakes. */
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
  /** One MFA session for several roles: the code is sent once, here, never per role. */
  getSessionToken(
    request: SessionTokenRequest,
    caller: AwsCredentials,
    options: CallOptions,
  ): Promise<AwsCredentials>;
}

/** GetSessionToken with an MFA code. */
export interface SessionTokenRequest {
  readonly durationSeconds: number;
  readonly mfa: { readonly serialNumber: string; readonly tokenCode: string };
}

const API_VERSION = '2011-06-15';

/** Form parameters for AssumeRole, in the Query protocol's flattened list syntax. */
export function assumeRoleParams(request: AssumeRoleRequest): Record<string, string> {
  const params: Record<string, string> = {
    Action: 'AssumeRole',
    Version: API_VERSION,
    RoleArn: request.roleArn,
    RoleSessionName: request.sessionName,
    DurationSeconds: String(request.durationSeconds),
  };
  if (request.externalId !== undefined) params['ExternalId'] = request.externalId;
  if (request.sourceIdentity !== undefined) params['SourceIdentity'] = request.sourceIdentity;
  if (request.mfa !== undefined) {
    params['SerialNumber'] = request.mfa.serialNumber;
    params['TokenCode'] = request.mfa.tokenCode;
  }
  request.tags?.forEach((tag, i) => {
    params[`Tags.member.${i + 1}.Key`] = tag.key;
    params[`Tags.member.${i + 1}.Value`] = tag.value;
  });
  request.transitiveTagKeys?.forEach(
    (key, i) => (params[`TransitiveTagKeys.member.${i + 1}`] = key),
  );
  return { ...params, ...policyParams(request) };
}

/** Form parameters for AssumeRoleWithWebIdentity (no tags, source identity or MFA: STS takes none). */
export function webIdentityParams(request: WebIdentityRequest): Record<string, string> {
  return {
    Action: 'AssumeRoleWithWebIdentity',
    Version: API_VERSION,
    RoleArn: request.roleArn,
    RoleSessionName: request.sessionName,
    DurationSeconds: String(request.durationSeconds),
    WebIdentityToken: request.webIdentityToken,
    ...policyParams(request),
  };
}

function policyParams(request: {
  inlineSessionPolicy?: string | undefined;
  managedSessionPolicies?: readonly string[];
}): Record<string, string> {
  const params: Record<string, string> = {};
  if (request.inlineSessionPolicy !== undefined) params['Policy'] = request.inlineSessionPolicy;
  request.managedSessionPolicies?.forEach(
    (arn, i) => (params[`PolicyArns.member.${i + 1}.arn`] = arn),
  );
  return params;
}

/** Encodes form parameters as application/x-www-form-urlencoded. */
export function encodeForm(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`)
    .join('&');
}

/** An StsGateway that speaks STS's Query protocol over HTTPS, signing with SigV4. */
export function createStsGateway(options: {
  endpoint: string;
  region: string;
  transport: Transport;
  now?: () => Date;
}): StsGateway {
  const url = new URL(options.endpoint);
  const now = options.now ?? (() => new Date());
  const call = async (
    params: Record<string, string>,
    caller: SigningCredentials | undefined,
    call: CallOptions,
  ): Promise<string> => {
    const body = encodeForm(params);
    const base = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    // AssumeRoleWithWebIdentity is the one unsigned call: the token is the credential.
    const headers = caller
      ? signRequest({
          method: 'POST',
          url,
          headers: base,
          body,
          region: options.region,
          service: 'sts',
          credentials: caller,
          now: now(),
        })
      : { ...base, host: url.host };
    let response;
    try {
      response = await options.transport({
        url,
        headers,
        body,
        timeoutMs: call.timeoutMs,
        signal: call.signal,
      });
    } catch (error) {
      if (error instanceof TransportError)
        throw new StsCallError(
          params['Action'] ?? '',
          error.code,
          `${error.message} (endpoint ${url.origin})`,
          0,
        );
      throw error;
    }
    if (response.status >= 200 && response.status < 300) return response.body;
    const parsed = parseStsError(response.body);
    throw new StsCallError(
      params['Action'] ?? '',
      parsed?.code ?? (response.status >= 500 ? 'ServiceUnavailable' : `HTTP${response.status}`),
      parsed?.message ?? `HTTP ${response.status} from ${url.origin}`,
      response.status,
    );
  };
  return {
    async assumeRole(request, caller, callOptions) {
      return parseAssumeResult(
        await call(assumeRoleParams(request), caller, callOptions),
        'AssumeRole',
      );
    },
    async assumeRoleWithWebIdentity(request, callOptions) {
      return parseAssumeResult(
        await call(webIdentityParams(request), undefined, callOptions),
        'AssumeRoleWithWebIdentity',
      );
    },
    async getSessionToken(request, caller, callOptions) {
      const xml = await call(
        {
          Action: 'GetSessionToken',
          Version: API_VERSION,
          DurationSeconds: String(request.durationSeconds),
          SerialNumber: request.mfa.serialNumber,
          TokenCode: request.mfa.tokenCode,
        },
        caller,
        callOptions,
      );
      const credentials = xmlElement(xml, 'Credentials');
      const accessKeyId = credentials && xmlText(credentials, 'AccessKeyId');
      const secretAccessKey = credentials && xmlText(credentials, 'SecretAccessKey');
      const sessionToken = credentials && xmlText(credentials, 'SessionToken');
      const expiration = credentials && xmlText(credentials, 'Expiration');
      if (!accessKeyId || !secretAccessKey || !sessionToken || !expiration)
        throw new StsCallError(
          'GetSessionToken',
          'MalformedResponse',
          'the response had no complete Credentials element',
          200,
        );
      return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiration) };
    },
    async getCallerIdentity(caller, callOptions) {
      const xml = await call(
        { Action: 'GetCallerIdentity', Version: API_VERSION },
        caller,
        callOptions,
      );
      return {
        account: xmlText(xml, 'Account') ?? '',
        arn: xmlText(xml, 'Arn') ?? '',
        userId: xmlText(xml, 'UserId') ?? '',
      };
    },
  };
}

/** Reads an AssumeRole(WithWebIdentity) response into an AssumedSession. */
export function parseAssumeResult(xml: string, operation: string): AssumedSession {
  const credentials = xmlElement(xml, 'Credentials');
  const user = xmlElement(xml, 'AssumedRoleUser');
  const accessKeyId = credentials && xmlText(credentials, 'AccessKeyId');
  const secretAccessKey = credentials && xmlText(credentials, 'SecretAccessKey');
  const sessionToken = credentials && xmlText(credentials, 'SessionToken');
  const expiration = credentials && xmlText(credentials, 'Expiration');
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expiration || !user) {
    throw new StsCallError(
      operation,
      'MalformedResponse',
      'the response had no complete Credentials element',
      200,
    );
  }
  const packed = xmlText(xml, 'PackedPolicySize');
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiration) },
    assumedRoleArn: xmlText(user, 'Arn') ?? '',
    assumedRoleId: xmlText(user, 'AssumedRoleId') ?? '',
    sourceIdentity: xmlText(xml, 'SourceIdentity'),
    packedPolicySize: packed === undefined ? undefined : Number(packed),
    subjectFromWebIdentityToken: xmlText(xml, 'SubjectFromWebIdentityToken'),
  };
}
