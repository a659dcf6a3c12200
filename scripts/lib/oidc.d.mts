// Types for oidc.mjs (hand-written: the scripts run under plain node, with no build step).
import type { KeyObject } from 'node:crypto';

export interface OidcFaults {
  /** Answer HTTP 500 (or failFirstStatus) to this many (authorized) requests first. */
  failFirst?: number;
  failFirstStatus?: number;
  /** Answer 200 with a body that is not JSON. */
  malformed?: boolean;
  /** Answer 401 even to the right bearer token. */
  unauthorized?: boolean;
  /** Never answer (recorded with status 0). */
  hang?: boolean;
  /** Answer 503 to every request. */
  unavailable?: boolean;
}

export interface OidcRequest {
  audience?: string;
  authorized: boolean;
  status: number;
}

export interface OidcServerOptions {
  /** Sets the environment claim and makes sub repo:OWNER/REPO:environment:NAME. */
  environment?: string;
  /** Overrides (or adds) claims; applied after the defaults. */
  claims?: Record<string, unknown>;
  faults?: OidcFaults;
  /** Token lifetime; GitHub's is 5 minutes after iat. */
  ttlSeconds?: number;
  /** Holds every request this long before answering it (the bench's far-endpoint case). */
  delayMs?: number;
}

export interface OidcServer {
  /** Like GitHub's: already has ?api-version=2.0; the client appends &audience=. */
  requestUrl: string;
  requestToken: string;
  /** Base claims of every token (before iat/exp/jti/aud); callers may change it. */
  claims: Record<string, unknown>;
  publicKey: KeyObject;
  /** Signs a token directly, without HTTP (default audience sts.amazonaws.com). */
  mint(audience?: string): string;
  /** Every token signed so far, served or minted. */
  issuedTokens(): string[];
  /** Every HTTP request answered so far (minted tokens make none). */
  requests(): OidcRequest[];
  /** Replaces the current faults (pass {} to clear them). */
  setFaults(faults: OidcFaults): void;
  stop(): Promise<void>;
}

export function startOidcServer(opts?: OidcServerOptions): Promise<OidcServer>;
