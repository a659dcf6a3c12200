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
import { type Attempt, type Retrier, retryableFor, withRetry } from '../aws/retry.js';
import { abortableSleep } from '../aws/sleep.js';
import { fetchOidcToken, isRetryableOidcError, oidcSource } from '../sources/oidc.js';
import { tokenFileSource } from '../sources/token-file.js';
import type { CredentialSource } from '../sources/types.js';
import type { Transport } from '../aws/http-transport.js';
import type { WritableEnv } from '../model/env.js';
import { messageOf } from '../model/errors.js';
import type { SecretRegistry } from '../model/secret-registry.js';
import { pinEnvironment, pinFromInputs, type PinnedNetwork } from '../aws/network-pin.js';
import {
  attemptFailure,
  checkRefreshedSession,
  helperLine,
  helperSecrets,
} from './refresh-checks.js';

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** Where the helper's stderr lines go: one line each, already scrubbed. */
export type HelperLog = (line: string) => void;

const toStderr: HelperLog = (line) => void process.stderr.write(`${line}\n`);

/**
 * The credential_process helper: prints fresh credentials for one profile in the JSON format
 * AWS clients read, re-running the profile's chain from a new OIDC token when the cache is
 * about to expire. stdout carries only that JSON; every message goes to stderr, one line each
 * (a retry, a refusal, a failure), with no secret in it.
 */
export async function refreshCredentials(
  specFile: string,
  /**
   * The process environment: the network overrides of the step that runs the helper are
   * removed from it and main's proxy variables put back (the SDK and http-client read it).
   */
  env: WritableEnv,
  now: () => Date,
  log: HelperLog = toStderr,
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
  // Main's choices, never this step's: a later step's AWS_ENDPOINT_URL (LocalStack, MinIO) or
  // proxy variables must not receive the deploy role's OIDC token. A version-1 spec did not
  // record them: its inputs stand, and the SDK default stands for the rest.
  const pin = spec.networkChoices ?? pinFromInputs(spec.network.stsEndpoint, spec.network);
  pinEnvironment(env, pin);
  const secrets = helperSecrets(spec, pin, env);
  const say = (text: string): void => log(helperLine(secrets, spec.profile, text));
  try {
    return await refreshWithin(spec, pin, env, now, secrets, say);
  } catch (error) {
    say(`refresh failed: ${messageOf(error).replace(/^aws-deploy-role: /, '')}`);
    throw new ReportedError();
  }
}

/** A failure already reported on stderr: main() adds nothing. */
class ReportedError extends Error {}

async function refreshWithin(
  spec: RefreshSpec,
  pin: PinnedNetwork,
  env: WritableEnv,
  now: () => Date,
  secrets: SecretRegistry,
  say: (text: string) => void,
): Promise<string> {
  // The pinned variables already hold main's proxy settings: nothing is put there again.
  const proxy = { httpProxy: undefined, noProxy: [] };
  const transport = createTokenTransport(proxy, env);
  const retrier =
    (isRetryable: (error: unknown) => boolean) =>
    <T>(label: string, operation: Attempt<T>): Promise<T> =>
      withRetry(operation, {
        maxAttempts: spec.network.maxAttempts,
        isRetryable,
        sleep: (ms) => abortableSleep(ms),
        random: Math.random,
        onRetry: (error, attempt, delay) =>
          say(
            `${label}: ${attemptFailure(error)}; retry ${attempt} of ${spec.network.maxAttempts - 1} in ${delay} ms`,
          ),
      });
  // The same gateway as the main step (the only user of the AWS SDK), loaded on a cache miss only.
  const { createSdkStsGateway } = await import('../aws/sts-client.js');
  const gateway = createSdkStsGateway({
    region: spec.region,
    endpoint: undefined,
    pinned: pin,
    ...proxy,
    attemptTimeoutMs: spec.network.attemptTimeoutMs,
    env,
  });
  const noop = (): void => undefined;
  const session = await obtainSession(
    recipeFromSpec(spec),
    webIdentitySource(spec, env, transport, secrets, retrier(isRetryableOidcError)),
    {
      gateway,
      mask: secrets.add,
      retry: retrier(retryableFor(spec.source.kind)),
      info: noop,
      debug: noop,
      now,
      attemptTimeoutMs: spec.network.attemptTimeoutMs,
      signal: undefined,
    },
  ).finally(() => gateway.destroy());
  checkRefreshedSession(spec, pin, session);
  const json = credentialProcessJson(session.credentials);
  await saveToCache(spec.cacheFile, json, (message) =>
    say(message.replace(/^aws-deploy-role: /, '')),
  );
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
 * AWS SDK's default chain out. Tokens are registered for scrubbing stderr, never masked with
 * the runner: stdout is the JSON channel, and no workflow command may be printed on it.
 */
function webIdentitySource(
  spec: RefreshSpec,
  env: Readonly<Record<string, string | undefined>>,
  transport: Transport,
  secrets: SecretRegistry,
  retry: Retrier,
): CredentialSource {
  if (spec.source.kind === 'web-identity-token-file')
    return tokenFileSource(spec.source.path, secrets.add);
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
        mask: secrets.add,
      }),
    retry: (operation) => retry('OIDC token request', operation),
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
    if (!(error instanceof ReportedError)) toStderr(oneLine(messageOf(error)));
    return 1;
  }
}
