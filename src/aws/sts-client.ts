import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { StsCallError } from '../model/errors.js';
import type { ProxySettings } from './http-transport.js';
import { ProxyRoutingHandler } from './proxy-routing-handler.js';
import { proxyVariablesOf, type PinnedNetwork } from './network-pin.js';
import { chooseStsEndpoint } from './sts-endpoint.js';
import { cleartextEndpointWarning } from './cleartext-endpoint.js';
import { toStsCallError } from './sts-errors.js';
import {
  fromAssumeOutput,
  fromCallerIdentityOutput,
  fromCredentials,
  toAssumeRoleInput,
  toSessionTokenInput,
  toWebIdentityInput,
} from './sts-mapping.js';
import { ACTION_NAME, ACTION_VERSION } from './version.js';
import type { AwsCredentials, CallOptions, StsGateway } from './sts-gateway.js';
import type { WritableEnv } from '../model/env.js';

/** What the gateway needs from the plan and the process. */
export interface GatewaySettings extends ProxySettings {
  readonly region: string;
  /** The `sts-endpoint` input; undefined lets the SDK resolve it (env, FIPS, dual-stack, partition). */
  readonly endpoint: string | undefined;
  readonly attemptTimeoutMs: number;
  /** The process environment: the proxy inputs are put there for http-client's rule (proxyFor). */
  readonly env: WritableEnv;
  /** Told, once, of an endpoint the user chose (sts-endpoint or AWS_ENDPOINT_URL*): never silent. */
  readonly info?: (line: string) => void;
  /** Told, once, of a chosen endpoint that would carry the token and credentials in cleartext. */
  readonly warning?: (line: string) => void;
  /** Receives one line per request naming the resolved endpoint URL (never a header or body). */
  readonly debug?: (line: string) => void;
  /**
   * The refresh helper's pin: main's endpoint, FIPS and dual-stack choices, used as they are;
   * neither sts-endpoint nor any variable is consulted then. Main leaves it out.
   */
  readonly pinned?: PinnedNetwork | undefined;
  /** Tests only: an in-memory HTTP handler at the SDK's own boundary, instead of the network. */
  readonly requestHandler?: Pick<NodeHttpHandler, 'handle'> | undefined;
}

/**
 * The StsGateway over @aws-sdk/client-sts. One client per caller key, kept for the whole run,
 * so the clock correction the SDK learns from a skew error sticks for the retry; a new client
 * starts from the last offset learned. The SDK's own retries are off (maxAttempts 1): our
 * retrier (retry.ts) fetches a fresh OIDC token per attempt, logs each attempt and keeps the
 * action's classification (AccessDenied never retried, IDPCommunicationError and the JWKS case
 * retried, one retry after a clock correction), which the SDK's standard strategy does not.
 * No logger is given to the SDK: nothing it could print (a request, a signed header) reaches
 * the job log, also with RUNNER_DEBUG=1.
 */
export function createSdkStsGateway(
  settings: GatewaySettings,
): StsGateway & { destroy(): void; networkChoices(): Promise<PinnedNetwork> } {
  const handler = new ProxyRoutingHandler(settings, settings.env, settings.attemptTimeoutMs);
  const clients = new Map<string, STSClient>();
  const corrected = new Set<string>();
  let clockOffset = 0;
  const pinned = settings.pinned;
  const chosen =
    pinned === undefined
      ? chooseStsEndpoint(settings.endpoint, settings.env)
      : pinned.endpoint === 'sdk-default'
        ? undefined
        : pinned.endpoint;
  // Only the origin is ever printed: a URL from AWS_ENDPOINT_URL* may carry user:password@ or a
  // query, which nothing registered as a secret.
  const chosenOrigin = chosen === undefined ? '' : originOf(chosen.url);
  if (chosen !== undefined) settings.info?.(`STS endpoint: ${chosenOrigin} (from ${chosen.from})`);
  const cleartext = cleartextEndpointWarning(chosen);
  if (cleartext !== undefined) settings.warning?.(cleartext);
  let lastEndpoint = chosenOrigin;
  const clientFor = (caller: AwsCredentials | undefined): STSClient => {
    const key = caller?.accessKeyId ?? '';
    const existing = clients.get(key);
    if (existing !== undefined) return existing;
    const client = new STSClient({
      region: settings.region,
      ...(chosen === undefined ? {} : { endpoint: chosen.url }),
      // Endpoints in shared config files are never used (chooseStsEndpoint says why).
      ignoreConfiguredEndpointUrls: true,
      // Pinned, the SDK reads neither AWS_USE_*_ENDPOINT nor a config file's use_*_endpoint.
      ...(pinned === undefined
        ? {}
        : {
            useFipsEndpoint: pinned.useFipsEndpoint,
            useDualstackEndpoint: pinned.useDualstackEndpoint,
          }),
      customUserAgent: [[ACTION_NAME, ACTION_VERSION]],
      maxAttempts: 1,
      systemClockOffset: clockOffset,
      requestHandler: (settings.requestHandler ?? handler) as NodeHttpHandler,
      credentials:
        caller === undefined
          ? // AssumeRoleWithWebIdentity is unsigned: the token is the credential.
            async () => Promise.reject(new Error('this STS call is unsigned'))
          : {
              accessKeyId: caller.accessKeyId,
              secretAccessKey: caller.secretAccessKey,
              ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
            },
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as {
          protocol?: string;
          hostname?: string;
          port?: number;
          path?: string;
        };
        const origin = `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${request.port ? `:${request.port}` : ''}`;
        lastEndpoint = origin;
        settings.debug?.(
          `STS ${String(context.commandName).replace(/Command$/, '')} → ${origin}${request.path ?? '/'}`,
        );
        return next(args);
      },
      { step: 'finalizeRequest', name: 'awsDeployRoleEndpointLine', priority: 'low' },
    );
    clients.set(key, client);
    return client;
  };
  const send = async <T>(
    operation: string,
    caller: AwsCredentials | undefined,
    options: CallOptions,
    run: (client: STSClient, abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const client = clientFor(caller);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const abortSignal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await run(client, abortSignal);
    } catch (error) {
      if (timeout.aborted && !options.signal?.aborted)
        throw new StsCallError(
          operation,
          'TimeoutError',
          `no response within ${options.timeoutMs / 1000} s (endpoint ${lastEndpoint})`,
          0,
        );
      const failure = toStsCallError(error, operation, lastEndpoint);
      const key = caller?.accessKeyId ?? '';
      if (!failure.clockSkewCorrected || !corrected.has(key)) {
        if (failure.clockSkewCorrected) corrected.add(key);
        throw failure;
      }
      // Corrected once already: a second skew error is final, not another retry.
      throw new StsCallError(failure.operation, failure.code, failure.awsMessage, failure.status);
    } finally {
      clockOffset = client.config.systemClockOffset ?? clockOffset;
      clients.forEach((c) => (c.config.systemClockOffset = clockOffset));
    }
  };
  return {
    assumeRole: (request, caller, options) =>
      send('AssumeRole', caller, options, async (client, abortSignal) =>
        fromAssumeOutput(
          await client.send(new AssumeRoleCommand(toAssumeRoleInput(request)), { abortSignal }),
          'AssumeRole',
        ),
      ),
    assumeRoleWithWebIdentity: (request, options) =>
      send('AssumeRoleWithWebIdentity', undefined, options, async (client, abortSignal) =>
        fromAssumeOutput(
          await client.send(new AssumeRoleWithWebIdentityCommand(toWebIdentityInput(request)), {
            abortSignal,
          }),
          'AssumeRoleWithWebIdentity',
        ),
      ),
    getCallerIdentity: (caller, options) =>
      send('GetCallerIdentity', caller, options, async (client, abortSignal) =>
        fromCallerIdentityOutput(
          await client.send(new GetCallerIdentityCommand({}), { abortSignal }),
        ),
      ),
    getSessionToken: (request, caller, options) =>
      send('GetSessionToken', caller, options, async (client, abortSignal) => {
        const output = await client.send(new GetSessionTokenCommand(toSessionTokenInput(request)), {
          abortSignal,
        });
        return fromCredentials(output.Credentials, 'GetSessionToken');
      }),
    destroy: () => handler.destroy(),
    networkChoices: async () => {
      // What the SDK resolved for this run's clients (variables or config file), as it used it.
      const { config } = clientFor(undefined);
      return {
        endpoint: chosen === undefined ? 'sdk-default' : { url: chosen.url, from: chosen.from },
        useFipsEndpoint: await config.useFipsEndpoint(),
        useDualstackEndpoint: await config.useDualstackEndpoint(),
        // After the handler put the proxy inputs there: what http-client and proxyFor read.
        proxyEnv: proxyVariablesOf(settings.env),
      };
    },
  };
}

/** A URL's scheme, host and port, without credentials, path or query. */
function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? '(not an http(s) URL)' : origin;
  } catch {
    return '(not a URL)';
  }
}
