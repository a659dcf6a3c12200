import { OidcTokenError } from '../model/errors.js';
import { TransportError, type Transport } from '../aws/http-transport.js';
import { claimString, decodeJwtClaims } from '../model/jwt-claims.js';
import type { CredentialSource, MaskSecret } from './types.js';

export interface OidcOptions {
  readonly requestUrl: string;
  readonly requestToken: string;
  readonly audience: string;
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly mask: MaskSecret;
}

/** What a refusal of the token endpoint means for the user. */
export const ID_TOKEN_HELP =
  'The job needs `permissions: id-token: write` (pull requests from forks never get it; use pull_request_target with care, or stored keys).';

/**
 * Fetches a GitHub OIDC token for an audience from the job's token endpoint over our own
 * transport. The refresh helper uses this one: core.getIDToken prints `::add-mask::` on stdout,
 * which is the AWS client's JSON channel there. The main step uses github-id-token.ts.
 */
export async function fetchOidcToken(options: OidcOptions): Promise<string> {
  const url = new URL(options.requestUrl);
  url.searchParams.set('audience', options.audience);
  const response = await options.transport({
    method: 'GET',
    url,
    headers: {
      authorization: `Bearer ${options.requestToken}`,
      accept: 'application/json',
      'user-agent': 'aws-deploy-role',
    },
    body: '',
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  if (response.status !== 200) throw oidcStatusError(response.status);
  let value: unknown;
  try {
    value = (JSON.parse(response.body) as { value?: unknown }).value;
  } catch {
    throw new OidcTokenError(
      'The GitHub OIDC token endpoint answered with something that is not JSON; try re-running the job.',
    );
  }
  if (typeof value !== 'string' || value === '') {
    throw new OidcTokenError(
      'The GitHub OIDC token endpoint answered without a token ("value" missing).',
    );
  }
  options.mask(value);
  return value;
}

/**
 * What a token endpoint's answer other than 200 means for the user: a refusal or another 4xx
 * points at the job's `id-token: write`; a 5xx is the endpoint's own trouble (retried).
 */
export function oidcStatusError(status: number): OidcTokenError {
  if (status === 401 || status === 403)
    return new OidcTokenError(
      `The GitHub OIDC token endpoint refused the request (HTTP ${status}). ${ID_TOKEN_HELP}`,
      status,
    );
  if (status >= 500)
    return new OidcTokenError(`The GitHub OIDC token endpoint answered HTTP ${status}.`, status);
  return new OidcTokenError(
    `The GitHub OIDC token endpoint answered HTTP ${status}. ${ID_TOKEN_HELP}`,
    status,
  );
}

/**
 * True for token-endpoint failures worth another attempt: 5xx, and an endpoint that could not be
 * reached or did not answer in time (not the run's own abort, nor a refusal).
 */
export function isRetryableOidcError(error: unknown): boolean {
  return (
    (error instanceof OidcTokenError && ((error.status ?? 0) >= 500 || error.retryable)) ||
    (error instanceof TransportError && error.code !== 'Aborted')
  );
}

/** How a source gets a token for its audience: from the job's endpoint, once per call. */
export type FetchToken = () => Promise<string>;

/** What the OIDC source needs: a fetch for the audience, retried on 5xx and network faults. */
export interface OidcSourceOptions {
  readonly fetchToken: FetchToken;
  readonly retry: <T>(operation: () => Promise<T>) => Promise<T>;
}

/** The GitHub OIDC source: AssumeRoleWithWebIdentity with a token for the configured audience. */
export function oidcSource(options: OidcSourceOptions): CredentialSource {
  return {
    async obtain() {
      let current = await options.retry(options.fetchToken);
      const claims = decodeJwtClaims(current);
      const subject = claimString(claims, 'sub');
      return {
        kind: 'web-identity',
        claims,
        description: subject === undefined ? 'GitHub OIDC' : `GitHub OIDC (sub: ${subject})`,
        token: async (fresh) => {
          if (fresh) current = await options.retry(options.fetchToken);
          return current;
        },
      };
    },
  };
}
