import type { TokenClaims } from '../model/jwt-claims.js';
import type { AwsCredentials } from '../aws/sts-gateway.js';

/**
 * What a source hands the executor: a web identity token (with a way to get a fresh one), or
 * AWS credentials that sign the first AssumeRole. The executor never looks deeper.
 */
export type SourceCredentials =
  | {
      readonly kind: 'web-identity';
      /** Returns the token; `fresh` forces a new one (the old one may have expired). */
      readonly token: (fresh: boolean) => Promise<string>;
      readonly claims: TokenClaims | undefined;
      readonly description: string;
    }
  | { readonly kind: 'aws'; readonly credentials: AwsCredentials; readonly description: string };

/** A strategy that produces source credentials. */
export interface CredentialSource {
  obtain(): Promise<SourceCredentials>;
}

/** Registers a value as a secret with the runner before anything can print it. */
export type MaskSecret = (value: string) => void;
