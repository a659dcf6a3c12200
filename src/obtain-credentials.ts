import { ActionTimeoutError, StsCallError, messageOf } from './model/errors.js';
import { executePlan, type RunResult } from './execute.js';
import { checkAllowedAccount } from './plan/guards.js';
import type { Plan } from './plan/plan-run.js';
import { isUnknownRegionHost, retryableFor, withRetry, type Retrier } from './aws/retry.js';
import { unknownRegionError, type RegionCheck } from './plan/region-check.js';
import { raceTimer } from './aws/sleep.js';
import type { Runner } from './publish/runner.js';
import type { SecretRegistry } from './model/secret-registry.js';
import { createSource } from './sources/create.js';
import { envCredentials } from './sources/aws-credentials.js';
import { githubIdTokenFetch } from './sources/github-id-token.js';
import type { CallerIdentity, StsGateway } from './aws/sts-gateway.js';
import type { GatewaySettings } from './aws/sts-client.js';
import type { TokenClaims } from './model/jwt-claims.js';
import type { CredentialSource, SourceCredentials } from './sources/types.js';
import type { Env, WritableEnv } from './model/env.js';
import type { PinnedNetwork } from './aws/network-pin.js';

/**
 * An STS gateway the run owns: destroyed (its sockets closed) when the run is over. The SDK's
 * also tells the network choices it made, which the refresh spec records (fakes may not).
 */
export type OwnedGateway = StsGateway & {
  destroy(): void;
  networkChoices?(): Promise<PinnedNetwork>;
};

/** Builds the run's STS gateway; the default loads the AWS SDK (see createGateway). */
export type GatewayFactory = (settings: GatewaySettings) => OwnedGateway | Promise<OwnedGateway>;

/** What the obtain phase needs of the world. */
export interface ObtainDeps {
  /** The environment after unset-current-credentials. */
  readonly env: WritableEnv;
  readonly runner: Runner;
  readonly secrets: SecretRegistry;
  readonly now: () => Date;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly getIdToken?: ((audience: string) => Promise<string>) | undefined;
  readonly createGateway?: GatewayFactory | undefined;
  /** The region as the SDK's data knows it (prepare checked it); unknown makes ENOTFOUND final. */
  readonly region?: RegionCheck | undefined;
}

/** What the obtain phase ends with: new credentials, or the job's own ones left as they are. */
export type Obtained =
  | { readonly kind: 'issued'; readonly result: RunResult }
  | { readonly kind: 'existing-credentials' };

/**
 * A failure after the source credentials were obtained, carrying what the run learnt by then
 * for the diagnosis: the token's decoded claims, never the token.
 */
export class ObtainFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly claims: TokenClaims | undefined,
  ) {
    super(messageOf(error));
  }
}

/**
 * Obtains the plan's credentials: the gateway, use-existing-credentials, the source, and every
 * hop, under action-timeout-s. Publishes nothing; masks what it learns on arrival.
 */
export async function obtainCredentials(plan: Plan, deps: ObtainDeps): Promise<Obtained> {
  const gateway = lazyGateway(deps.createGateway ?? createSdkGateway, {
    region: plan.region,
    endpoint: plan.network.stsEndpoint,
    httpProxy: plan.network.httpProxy,
    noProxy: plan.network.noProxy,
    attemptTimeoutMs: plan.network.attemptTimeoutMs,
    env: deps.env,
    info: (line) => deps.runner.info(deps.secrets.redact(line)),
    warning: (line) => deps.runner.warning(deps.secrets.redact(line)),
    debug: (line) => deps.runner.debug(deps.secrets.redact(line)),
  });
  try {
    // The group encloses the deadline, so a timeout closes the group before the error is printed.
    return await deps.runner.group('Assume roles', () =>
      withDeadline(plan.network.actionTimeoutMs, (signal) =>
        obtainWithin(plan, deps, gateway, signal),
      ),
    );
  } finally {
    gateway.destroy();
  }
}

/** The run's gateway, created on first use; destroy() closes it once created, if it was. */
interface LazyGateway {
  get(): Promise<OwnedGateway>;
  destroy(): void;
}

function lazyGateway(factory: GatewayFactory, settings: GatewaySettings): LazyGateway {
  let created: Promise<OwnedGateway> | undefined;
  let closed = false;
  return {
    get: () => {
      // After the run is over (a source that failed first) nothing loads the SDK any more.
      if (closed && created === undefined)
        return Promise.reject(new Error('the STS gateway was not needed'));
      return (created ??= Promise.resolve().then(() => factory(settings)));
    },
    destroy: () => {
      closed = true;
      void created?.then(
        (gateway) => gateway.destroy(),
        () => undefined, // creation failed: nothing to close, and the error was reported
      );
    },
  };
}

/**
 * The AWS SDK loads only here, after the configuration validated: a run that fails on its
 * inputs never pays its start-up cost. sts-client.ts imports it with static named imports, so
 * the bundler keeps only the STS client.
 */
async function createSdkGateway(settings: GatewaySettings): Promise<OwnedGateway> {
  const { createSdkStsGateway } = await import('./aws/sts-client.js');
  return createSdkStsGateway(settings);
}

/**
 * Obtains the source credentials and the gateway side by side. The gateway (the SDK's tens of
 * milliseconds of loading) starts when the source says its GitHub token request is out (which
 * first loads @actions/core, then waits tens to hundreds of milliseconds from a hosted runner),
 * so the loading fits in that wait instead of adding to it; for any other source, once the
 * source has its credentials. A source that fails first never loads the SDK. Both are awaited
 * together, so a failing source leaves no unobserved rejection.
 */
async function sourceAndGateway(
  source: CredentialSource,
  gateway: LazyGateway,
  tokenRequested: Promise<void>,
): Promise<[SourceCredentials, OwnedGateway]> {
  const obtaining = source.obtain();
  const sourceDone = obtaining.then(
    () => undefined,
    () => new Promise<never>(() => undefined), // failed: the gateway is not needed
  );
  const start = Promise.race([tokenRequested, sourceDone]);
  return Promise.all([obtaining, start.then(() => gateway.get())]);
}

async function obtainWithin(
  plan: Plan,
  deps: ObtainDeps,
  gateway: LazyGateway,
  signal: AbortSignal | undefined,
): Promise<Obtained> {
  if (plan.useExistingCredentials) {
    const existing = await existingCredentialsIdentity(deps.env, gateway, plan, signal);
    if (existing !== undefined) {
      // The account guard applies on this path too: working credentials of a foreign
      // account must not pass for a deployment credential.
      if (plan.output.maskAccountId) deps.secrets.add(existing.account);
      checkAllowedAccount(
        plan,
        existing.account,
        'The existing credentials (use-existing-credentials)',
      );
      return { kind: 'existing-credentials' };
    }
  }
  deps.runner.info(`Credential source: ${plan.source.kind} (${plan.sourceReason})`);
  const retry = stsRetrier(plan, deps, signal);
  let tokenRequested = (): void => undefined;
  const requested = new Promise<void>((resolve) => (tokenRequested = resolve));
  const source = sourceFor(plan, deps, signal, tokenRequested);
  // Obtained here rather than inside executePlan, so that a failure of any hop can carry the
  // token's decoded claims to the diagnosis as a value.
  const [obtained, sts] = await sourceAndGateway(source, gateway, requested);
  try {
    const result = await executePlan(plan, {
      gateway: sts,
      source: { obtain: async () => obtained },
      mask: deps.secrets.add,
      retry,
      info: (m) => deps.runner.info(m),
      debug: (m) => deps.runner.debug(deps.secrets.redact(m)),
      now: deps.now,
      attemptTimeoutMs: plan.network.attemptTimeoutMs,
      signal,
    });
    // Only refresh specs record them: other runs do not pay for asking the SDK.
    const network = plan.output.refreshCredentials ? await sts.networkChoices?.() : undefined;
    return { kind: 'issued', result: { ...result, network } };
  } catch (error) {
    throw new ObtainFailure(error, claimsOf(obtained));
  }
}

const claimsOf = (obtained: SourceCredentials): TokenClaims | undefined =>
  obtained.kind === 'web-identity' ? obtained.claims : undefined;

function sourceFor(
  plan: Plan,
  deps: ObtainDeps,
  signal: AbortSignal | undefined,
  onTokenRequested: () => void,
): CredentialSource {
  const { env, getIdToken } = deps;
  return createSource(plan, {
    env,
    oidcToken: (audience) =>
      githubIdTokenFetch({
        audience,
        timeoutMs: plan.network.attemptTimeoutMs,
        httpProxy: plan.network.httpProxy,
        noProxy: plan.network.noProxy,
        env,
        onRequested: onTokenRequested,
        ...(getIdToken === undefined ? {} : { getIdToken }),
      }),
    mask: deps.secrets.add,
    sleep: (ms) => deps.sleep(ms, signal),
    random: deps.random,
    maxAttempts: plan.network.maxAttempts,
  });
}

/** The identity of the job's current env credentials, when they work. */
async function existingCredentialsIdentity(
  env: Env,
  gateway: LazyGateway,
  plan: Plan,
  signal: AbortSignal | undefined,
): Promise<CallerIdentity | undefined> {
  const credentials = envCredentials(env);
  // Without env credentials there is nothing to check, and no reason to load the SDK yet.
  if (credentials === undefined) return undefined;
  const sts = await gateway.get();
  try {
    return await sts.getCallerIdentity(credentials, {
      timeoutMs: plan.network.attemptTimeoutMs,
      signal,
    });
  } catch {
    return undefined;
  }
}

function stsRetrier(plan: Plan, deps: ObtainDeps, signal: AbortSignal | undefined): Retrier {
  const unknown = deps.region?.known === false ? deps.region : undefined;
  const isRetryable = retryableFor(plan.source.kind, unknown?.region);
  return (label, operation) =>
    withRetry(operation, {
      maxAttempts: plan.network.maxAttempts,
      isRetryable,
      sleep: (ms) => deps.sleep(ms, signal),
      random: deps.random,
      onRetry: (error, attempt, delay) =>
        // Redacted: an error message can echo the request (e.g. a URL-encoded external ID).
        deps.runner.info(
          deps.secrets.redact(
            `${label}: ${error instanceof StsCallError ? error.code : messageOf(error)}; retry ${attempt} of ${plan.network.maxAttempts - 1} in ${delay} ms`,
          ),
        ),
    }).catch((error: unknown) => {
      if (
        unknown !== undefined &&
        error instanceof StsCallError &&
        isUnknownRegionHost(error, unknown.region)
      )
        throw unknownRegionError(unknown, error.unresolvedHost ?? '');
      throw isRetryable(error) ? gaveUp(error, plan) : error;
    });
}

/**
 * A retryable STS error that still escaped withRetry used up every attempt: say so, and name
 * the endpoint (an STS error document does not), so "STS is down" reads as such.
 */
function gaveUp(error: unknown, plan: Plan): unknown {
  if (!(error instanceof StsCallError)) return error;
  const configured = plan.network.stsEndpoint;
  const endpoint = configured === undefined ? undefined : new URL(configured).origin;
  const attempts = plan.network.maxAttempts;
  const where =
    endpoint === undefined || error.awsMessage.includes(endpoint) ? '' : `endpoint ${endpoint}; `;
  return new StsCallError(
    error.operation,
    error.code,
    `${error.awsMessage} (${where}gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
    error.status,
  );
}

/** Runs body under the action timeout; on expiry aborts in-flight requests and throws. */
async function withDeadline<T>(
  timeoutMs: number | undefined,
  body: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (timeoutMs === undefined) return body(undefined);
  const controller = new AbortController();
  try {
    return await raceTimer(body(controller.signal), timeoutMs, () => {
      controller.abort();
      return new ActionTimeoutError(timeoutMs / 1000);
    });
  } finally {
    // Whatever the body still has in flight (a source retrying while the gateway failed) stops.
    controller.abort();
  }
}
