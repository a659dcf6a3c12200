import * as core from '@actions/core';
import { OidcTokenError } from '../model/errors.js';
import { ID_TOKEN_HELP, oidcStatusError, type FetchToken } from './oidc.js';
import { exportProxySettings } from '../aws/http-transport.js';
import { raceTimer } from '../aws/sleep.js';
import type { WritableEnv } from '../model/env.js';

export interface GitHubIdTokenOptions {
  readonly audience: string;
  /** Bounds one call: core.getIDToken takes no abort signal, so the call is raced against this. */
  readonly timeoutMs: number;
  /** The http-proxy input, for the token endpoint too; undefined leaves the job's variables. */
  readonly httpProxy: string | undefined;
  readonly noProxy: readonly string[];
  /** The process environment, which @actions/http-client reads its proxy settings from. */
  readonly env: WritableEnv;
  /** `core.getIDToken` in the action; tests pass a fake. */
  readonly getIdToken?: (audience: string) => Promise<string>;
  /** Told when a token request is on its way, so the caller can do other work meanwhile. */
  readonly onRequested?: () => void;
}

/**
 * The main step's token fetch: `core.getIDToken`, which registers the token with the runner
 * (`::add-mask::`) before returning it. What it does on failure, read from @actions/core 3.0.1
 * lib/oidc-utils.js and @actions/http-client lib/index.js: one HttpClient with up to 10 retries,
 * only for HTTP 502/503/504, waiting 10 ms doubling to 5.12 s (≈10.2 s in all); no retry for
 * 500, other statuses or network errors; a 3-minute socket timeout; no abort signal. Every
 * failure becomes one `Error` whose text holds "Error Code : <status>". So each call here is
 * bounded by `timeoutMs` (the attempt timeout) and its failure is classified for our own retry
 * (withRetry, `retry-max-attempts`), and the run as a whole by `action-timeout-s`; an
 * abandoned call is left behind, and main.ts ends the process when the run is over.
 */
export function githubIdTokenFetch(options: GitHubIdTokenOptions): FetchToken {
  return async () => {
    exportProxySettings(options, options.env);
    const getIdToken = options.getIdToken ?? ((audience: string) => core.getIDToken(audience));
    try {
      const token = getIdToken(options.audience);
      // core's client reaches http.request through promise callbacks alone, so the request is
      // out before any I/O callback (such as the SDK chunk's compile) gets to run.
      options.onRequested?.();
      return await raceTimer(
        token,
        options.timeoutMs,
        () =>
          new OidcTokenError(
            `The GitHub OIDC token endpoint did not answer within ${options.timeoutMs / 1000} s.`,
            undefined,
            true,
          ),
      );
    } catch (error) {
      throw error instanceof OidcTokenError ? error : classify(error);
    }
  };
}

/** Turns core.getIDToken's text-only error into one the retry and the diagnosis understand. */
export function classify(error: unknown): OidcTokenError {
  const text = error instanceof Error ? error.message : String(error);
  if (/do not have ID Token field/i.test(text))
    return new OidcTokenError(
      'The GitHub OIDC token endpoint answered without a token (not JSON, or no "value"); try re-running the job.',
    );
  const code = /Error Code : (\d{3})/.exec(text)?.[1];
  const status = code === undefined ? undefined : Number(code);
  const detail = /Error Message: ([^\n]*)/.exec(text)?.[1]?.trim() ?? text;
  if (status !== undefined) return oidcStatusError(status);
  if (/ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test(text))
    return new OidcTokenError(`${detail.replace(/^Error message: /, '')}. ${ID_TOKEN_HELP}`);
  return new OidcTokenError(
    `Could not reach the GitHub OIDC token endpoint: ${detail}`,
    undefined,
    true,
  );
}
