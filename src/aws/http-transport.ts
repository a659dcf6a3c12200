import type { Env, WritableEnv } from '../model/env.js';

/** The response of one HTTP exchange. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Sends one request and returns the response: the port of the refresh helper's OIDC token fetch
 * (sources/oidc.ts), implemented over @actions/http-client in refresh/token-transport.ts. STS
 * goes through the AWS SDK, the main step's token through @actions/core.
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

/**
 * @actions/http-client (under core.getIDToken in the main step, and the refresh helper's token
 * transport) takes its proxy from https_proxy/http_proxy and its exceptions from no_proxy (lower
 * case first, then upper case), and never proxies loopback addresses. The http-proxy input is
 * put where it looks; the no-proxy input is added to the job's own exceptions, as proxyFor
 * combines them for STS. Without the inputs the job's variables stay as they are.
 */
export function exportProxySettings(settings: ProxySettings, env: WritableEnv): void {
  if (settings.httpProxy !== undefined) {
    env['https_proxy'] = settings.httpProxy;
    env['http_proxy'] = settings.httpProxy;
  }
  if (settings.noProxy.length > 0) {
    const job = (env['no_proxy'] || env['NO_PROXY'] || '').split(',');
    const entries = [...job, ...settings.noProxy].map((entry) => entry.trim());
    env['no_proxy'] = [...new Set(entries.filter((entry) => entry !== ''))].join(',');
  }
}
