import {
  TransportError,
  exportProxySettings,
  type HttpResponse,
  type ProxySettings,
  type Transport,
} from '../aws/http-transport.js';
import { raceTimer } from '../aws/sleep.js';
import type { WritableEnv } from '../model/env.js';

/**
 * The refresh helper's exchange with the job's OIDC token endpoint, over @actions/http-client:
 * the client under @actions/core's getIDToken in the main step, so both token requests follow
 * the same proxy rules (exportProxySettings). core.getIDToken itself cannot serve here: it
 * prints `::add-mask::<token>` on stdout, which is the AWS client's JSON channel, and core does
 * not export its OIDC client. The client is loaded on a cache miss only.
 *
 * http-client retries 502/503/504 on its own when allowed; here it is not, so that the
 * helper's retrier classifies every failure (sources/oidc.ts isRetryableOidcError). It takes no
 * abort signal, so a request is bounded by its socket timeout and raced against the attempt's
 * time limit and the signal. It follows no redirect: a token endpoint has no reason to send
 * one, and the bearer token must not go elsewhere.
 */
export function createTokenTransport(settings: ProxySettings, env: WritableEnv): Transport {
  return async ({ method, url, headers, body, timeoutMs, signal }) => {
    if (signal?.aborted) throw new TransportError('aborted', 'Aborted');
    exportProxySettings(settings, env);
    const { HttpClient } = await import('@actions/http-client');
    const client = new HttpClient(headers['user-agent'], undefined, {
      allowRetries: false,
      allowRedirects: false,
      socketTimeout: timeoutMs,
    });
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new TransportError('aborted', 'Aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const exchange = async (): Promise<HttpResponse> => {
      const response = await client.request(
        method ?? 'POST',
        url.href,
        body === '' ? null : body,
        headers,
      );
      return { status: response.message.statusCode ?? 0, body: await response.readBody() };
    };
    try {
      return await raceTimer(
        Promise.race([exchange(), aborted]),
        timeoutMs,
        () => new TransportError(`no response within ${timeoutMs / 1000} s`, 'TimeoutError'),
      );
    } catch (error) {
      throw error instanceof TransportError ? error : networkError(error);
    } finally {
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
      client.dispose();
    }
  };
}

/** A refused, reset or timed-out connection, as the retrier understands it. */
function networkError(error: unknown): TransportError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (/^Request timeout/.test(text)) return new TransportError(text, 'TimeoutError');
  return new TransportError(
    `${typeof code === 'string' ? code : 'network error'}: ${text}`,
    'NetworkError',
  );
}
