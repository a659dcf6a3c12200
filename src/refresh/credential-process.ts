import { promises as fs } from 'node:fs';
import { replaceSecretFile } from '../publish/profile-store.js';
import { obtainSession } from '../execute/walk-session.js';
import { createTokenTransport } from './token-transport.js';
import {
  credentialProcessJson,
  recipeFromSpec,
  refreshMarginSeconds,
  type RefreshSpec,
  usableCache,
} from '../publish/refresh-spec.js';
import { type Attempt, retryableFor, withRetry } from '../aws/retry.js';
import { abortableSleep } from '../aws/sleep.js';
import { fetchOidcToken, isRetryableOidcError, oidcSource } from '../sources/oidc.js';
import { tokenFileSource } from '../sources/token-file.js';
import type { CredentialSource } from '../sources/types.js';
import type { Transport } from '../aws/http-transport.js';
import type { WritableEnv } from '../model/env.js';

/**
 * The credential_process helper: prints fresh credentials for one profile in the JSON format
 * AWS clients read, re-running the profile's chain from a new OIDC token when the cache is
 * about to expire. stdout carries only that JSON; every message goes to stderr.
 */
export async function refreshCredentials(
  specFile: string,
  /** The process environment: the token transport's proxy settings are put into it. */
  env: WritableEnv,
  now: () => Date,
): Promise<string> {
  const spec = JSON.parse(await fs.readFile(specFile, 'utf8')) as RefreshSpec;
  const cached = await fs.readFile(spec.cacheFile, 'utf8').catch(() => '');
  const sessionSeconds = spec.hops[spec.hops.length - 1]?.durationSeconds ?? 3600;
  const usable = usableCache(cached, now(), refreshMarginSeconds(sessionSeconds));
  if (usable !== undefined) return credentialProcessJson(usable);
  if (
    spec.source.kind === 'oidc' &&
    !(env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'])
  ) {
    throw new Error(
      "aws-deploy-role: cannot refresh: the job's OIDC token endpoint is gone (ACTIONS_ID_TOKEN_REQUEST_URL is not set in this step). " +
        'Refresh works only inside the job that configured it, in steps that keep `id-token: write`.',
    );
  }
  const transport = createTokenTransport(
    { httpProxy: spec.network.httpProxy, noProxy: spec.network.noProxy },
    env,
  );
  const retry = <T>(_label: string, operation: Attempt<T>): Promise<T> =>
    withRetry(operation, {
      maxAttempts: spec.network.maxAttempts,
      isRetryable: retryableFor(spec.source.kind),
      sleep: (ms) => abortableSleep(ms),
      random: Math.random,
    });
  const noop = (): void => undefined;
  // The same gateway as the main step (the only user of the AWS SDK), loaded on a cache miss only.
  const { createSdkStsGateway } = await import('../aws/sts-client.js');
  const gateway = createSdkStsGateway({
    region: spec.region,
    endpoint: spec.network.stsEndpoint,
    httpProxy: spec.network.httpProxy,
    noProxy: spec.network.noProxy,
    attemptTimeoutMs: spec.network.attemptTimeoutMs,
    env,
  });
  const session = await obtainSession(
    recipeFromSpec(spec),
    webIdentitySource(spec, env, transport),
    {
      gateway,
      mask: noop,
      retry,
      info: noop,
      debug: noop,
      now,
      attemptTimeoutMs: spec.network.attemptTimeoutMs,
      signal: undefined,
    },
  ).finally(() => gateway.destroy());
  const json = credentialProcessJson(session.credentials);
  await saveToCache(spec.cacheFile, json, (message) => process.stderr.write(`${message}\n`));
  return json;
}

/**
 * Saves fresh credentials to the cache, best-effort: the credentials are already obtained and
 * valid, so a cache that cannot be written (a Windows sharing violation that outlasted the
 * retries, a full disk) costs only a refresh on the next call, and is reported on stderr (the
 * error names the file, never its content) instead of failing the client.
 */
export async function saveToCache(
  cacheFile: string,
  json: string,
  warn: (message: string) => void,
  replace: typeof replaceSecretFile = replaceSecretFile,
): Promise<void> {
  try {
    // Named so the post step recognises a leftover (REFRESH_TEMP_FILE) and removes it too.
    await replace(cacheFile, json, `${cacheFile}.${process.pid}.tmp`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(
      `aws-deploy-role: could not update the credentials cache ${cacheFile} (${reason}); the fresh credentials are used, and the next call refreshes again.`,
    );
  }
}

/**
 * The refresh source: only the web-identity kinds can refresh, so the helper bundle leaves the
 * AWS SDK's default chain out. Nothing is masked here: stdout is the JSON channel, and no
 * workflow command may be printed on it.
 */
function webIdentitySource(
  spec: RefreshSpec,
  env: Readonly<Record<string, string | undefined>>,
  transport: Transport,
): CredentialSource {
  const noop = (): void => undefined;
  if (spec.source.kind === 'web-identity-token-file')
    return tokenFileSource(spec.source.path, noop);
  const audience = spec.source.audience;
  return oidcSource({
    // @actions/http-client, not core.getIDToken: that one prints ::add-mask:: on stdout.
    fetchToken: () =>
      fetchOidcToken({
        requestUrl: env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '',
        requestToken: env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '',
        audience,
        transport,
        timeoutMs: spec.network.attemptTimeoutMs,
        signal: undefined,
        mask: noop,
      }),
    retry: (operation) =>
      withRetry(operation, {
        maxAttempts: spec.network.maxAttempts,
        isRetryable: isRetryableOidcError,
        sleep: (ms) => abortableSleep(ms),
        random: Math.random,
      }),
  });
}

/** Entry: `node credential-process/index.js SPEC_FILE`. */
export async function main(argv: readonly string[]): Promise<number> {
  const specFile = argv[0];
  if (specFile === undefined) {
    process.stderr.write('usage: credential-process SPEC_FILE\n');
    return 2;
  }
  try {
    process.stdout.write(`${await refreshCredentials(specFile, process.env, () => new Date())}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
