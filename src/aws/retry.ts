import { StsCallError } from '../model/errors.js';

/** STS error codes that can succeed when the same request is sent again. */
const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'IDPCommunicationError',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  'NetworkError',
  'TimeoutError',
]);

/**
 * True for failures a retry can fix: throttling, 5xx, network faults, and the IdP's keys not
 * being fetched yet, and one try after a clock correction. AccessDenied, validation errors,
 * malformed policies and TLS certificate errors (status 0, code TlsCertificateError) fail at once.
 */
export function isRetryableStsError(error: unknown): boolean {
  if (!(error instanceof StsCallError)) return false;
  // The SDK moved its clock to the server's Date after a skew error; the gateway flags this
  // once per client, so a skewed runner gets exactly one more try, signed for the server's time.
  if (error.clockSkewCorrected) return true;
  // A 429 is throttling whatever its body (a WAF or proxy answers in HTML or JSON).
  if (error.status === 429) return true;
  if (RETRYABLE_CODES.has(error.code) || error.status >= 500) return true;
  // STS says this while it cannot yet fetch the provider's signing keys (JWKS); it clears up.
  return (
    error.code === 'InvalidIdentityToken' &&
    /retrieve verification key|JWKS|fetch/i.test(error.awsMessage)
  );
}

/**
 * True when STS refused a web identity token as expired (ExpiredTokenException) or unverifiable
 * (InvalidIdentityToken "... could not be validated"). AWS documents both as "get a new identity
 * token from the identity provider and then retry the request":
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
 */
export function isStaleWebIdentityToken(error: unknown): boolean {
  if (!(error instanceof StsCallError) || error.operation !== 'AssumeRoleWithWebIdentity')
    return false;
  if (error.code.replace(/Exception$/, '') === 'ExpiredToken') return true;
  return error.code === 'InvalidIdentityToken' && /could not be validated/i.test(error.awsMessage);
}

/**
 * True when DNS did not know STS's host for `unknownRegion`, a region the SDK's data does not
 * list (sts.REGION.amazonaws.com, sts-fips.REGION...): a misspelt region, which no retry mends.
 * For a listed region the same ENOTFOUND is a network fault (a DNS outage), and is retried.
 */
export function isUnknownRegionHost(error: unknown, unknownRegion: string | undefined): boolean {
  if (unknownRegion === undefined || !(error instanceof StsCallError)) return false;
  return error.unresolvedHost?.toLowerCase().split('.').includes(unknownRegion) === true;
}

/**
 * The retry rule for a run whose source is `sourceKind`: transient STS failures, and for the
 * OIDC source also a stale token, since each retry fetches a fresh one (a token file re-read
 * would hold the same token, so that source fails at once). With `unknownRegion` (a region the
 * SDK does not list), its STS host not resolving is final.
 */
export function retryableFor(
  sourceKind: string,
  unknownRegion?: string,
): (error: unknown) => boolean {
  const transient = (error: unknown): boolean =>
    isRetryableStsError(error) && !isUnknownRegionHost(error, unknownRegion);
  if (sourceKind !== 'oidc') return transient;
  return (error) => transient(error) || isStaleWebIdentityToken(error);
}

export interface RetryOptions {
  readonly maxAttempts: number;
  readonly isRetryable: (error: unknown) => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** The wait before retry number `attempt` (1-based): capped exponential backoff with equal jitter. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseDelayMs = 200,
  maxDelayMs = 5_000,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** One try of a retried call: its 1-based number and what made the previous try fail. */
export type Attempt<T> = (attempt: number, previousError: unknown) => Promise<T>;

/** Runs a labelled operation under the run's retry policy (the label names it in retry logs). */
export type Retrier = <T>(label: string, operation: Attempt<T>) => Promise<T>;

/** Runs `operation` until it succeeds, fails permanently, or runs out of attempts. */
export async function withRetry<T>(operation: Attempt<T>, options: RetryOptions): Promise<T> {
  let previousError: unknown;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt, previousError);
    } catch (error) {
      previousError = error;
      if (attempt >= options.maxAttempts || !options.isRetryable(error)) throw error;
      const delay = backoffDelay(attempt, options.random, options.baseDelayMs, options.maxDelayMs);
      options.onRetry?.(error, attempt, delay);
      await options.sleep(delay);
    }
  }
}
