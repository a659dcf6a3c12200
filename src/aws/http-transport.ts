import type { RequestOptions } from 'node:https';
import type { Env } from '../model/env.js';

/** The response of one HTTP exchange. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Sends one request and returns the response. Used only by the refresh helper's OIDC token fetch:
 * there core.getIDToken cannot be used (it prints `::add-mask::` on stdout, the AWS client's
 * JSON channel) and @actions/core does not export its OIDC client. STS goes through the AWS SDK,
 * the main step's token through @actions/core.
 */
export type Transport = (request: {
  readonly method?: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}) => Promise<HttpResponse>;

/** A transport failure (refused, reset, timed out): always worth a retry. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface ProxySettings {
  readonly httpProxy: string | undefined;
  readonly noProxy: readonly string[];
}

/** The proxy for a URL: the http-proxy input, else HTTPS_PROXY / HTTP_PROXY, unless NO_PROXY matches. */
export function proxyFor(url: URL, settings: ProxySettings, env: Env): URL | undefined {
  const fromEnv =
    url.protocol === 'https:'
      ? (env['HTTPS_PROXY'] ?? env['https_proxy'])
      : (env['HTTP_PROXY'] ?? env['http_proxy']);
  const proxy = settings.httpProxy ?? (fromEnv || undefined);
  if (proxy === undefined) return undefined;
  const bypass = [...settings.noProxy, ...(env['NO_PROXY'] ?? env['no_proxy'] ?? '').split(',')]
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const host = url.hostname.toLowerCase();
  const hostPort = `${host}:${url.port}`;
  const isBypassed = bypass.some(
    (entry) =>
      entry === '*' ||
      entry === host ||
      entry === hostPort ||
      host.endsWith(entry.startsWith('.') ? entry : `.${entry}`),
  );
  return isBypassed ? undefined : new URL(proxy);
}

/** Builds the node:http(s) transport, honouring proxies. */
export function createHttpTransport(settings: ProxySettings, env: Env): Transport {
  return async ({ method, url, headers, body, timeoutMs, signal }) => {
    const proxy = proxyFor(url, settings, env);
    const options: RequestOptions = {
      method: method ?? 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    };
    let target = url;
    if (proxy !== undefined && url.protocol === 'https:') {
      // Only the proxied-HTTPS path needs a CONNECT agent, so it is loaded only then.
      const { HttpsProxyAgent } = await import('https-proxy-agent');
      options.agent = new HttpsProxyAgent(proxy);
    } else if (proxy !== undefined) {
      // Plain HTTP through a proxy: send the absolute URL to the proxy (RFC 7230 absolute-form).
      target = proxy;
      options.path = url.href;
    }
    // Loaded on first use: a run that fails on its inputs never pays for the HTTP stack.
    const client =
      target.protocol === 'https:' ? await import('node:https') : await import('node:http');
    return send(client.request, target, options, body, timeoutMs, signal);
  };
}

function send(
  open: typeof import('node:https').request,
  target: URL,
  options: RequestOptions,
  body: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    // An abort that came first (the action timeout, during a backoff wait) never fires the
    // listener below: refuse here, or the request would go out after the deadline.
    if (signal?.aborted) {
      reject(new TransportError('aborted', 'Aborted'));
      return;
    }
    const request = open(target, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', (error) =>
        reject(new TransportError(`response failed: ${error.message}`, 'NetworkError')),
      );
    });
    const timer = setTimeout(() => {
      request.destroy(
        new TransportError(`no response within ${timeoutMs / 1000} s`, 'TimeoutError'),
      );
    }, timeoutMs);
    const onAbort = (): void => {
      request.destroy(new TransportError('aborted', 'Aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error instanceof TransportError
          ? error
          : new TransportError(
              `${error.code ?? 'network error'}: ${error.message}`,
              'NetworkError',
            ),
      );
    });
    request.on('close', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
    request.end(body);
  });
}
