import type { Plan } from '../plan/plan-run.js';
import { withRetry } from '../aws/retry.js';
import { defaultChainSource, roleChainingSource, staticKeysSource } from './aws-credentials.js';
import { isRetryableOidcError, oidcSource, type FetchToken } from './oidc.js';
import { tokenFileSource } from './token-file.js';
import type { CredentialSource, MaskSecret } from './types.js';
import type { Env } from '../model/env.js';

export interface SourceDeps {
  readonly env: Env;
  /** The job's OIDC token for an audience (core.getIDToken in the main step). */
  readonly oidcToken: (audience: string) => FetchToken;
  readonly mask: MaskSecret;
  /** Waits between token-endpoint retries. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly maxAttempts: number;
}

/** The strategy for the plan's source; the only place that branches on the source kind. */
export function createSource(plan: Plan, deps: SourceDeps): CredentialSource {
  const source = plan.source;
  switch (source.kind) {
    case 'oidc':
      return oidcSource({
        // core.getIDToken already masked the token with the runner; this also lets redact() know it.
        fetchToken: async () => {
          const token = await deps.oidcToken(source.audience)();
          deps.mask(token);
          return token;
        },
        retry: (operation) =>
          withRetry(operation, {
            maxAttempts: deps.maxAttempts,
            isRetryable: isRetryableOidcError,
            sleep: deps.sleep,
            random: deps.random,
          }),
      });
    case 'static-keys':
      return staticKeysSource(source);
    case 'web-identity-token-file':
      return tokenFileSource(source.path, deps.mask);
    case 'role-chaining':
      return roleChainingSource(deps.env);
    case 'default-chain':
      return defaultChainSource();
  }
}
