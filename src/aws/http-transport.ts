import { getProxyUrl } from '@actions/http-client/lib/proxy';
import type { WritableEnv } from '../model/env.js';

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

/**
 * The proxy for a URL, decided by @actions/http-client itself (its public `./lib/proxy` entry,
 * listed in the package's "exports" map), so STS goes where the OIDC token request goes:
 * https_proxy before HTTPS_PROXY (http_proxy before HTTP_PROXY for plain HTTP), an empty one
 * counting as unset; no_proxy before NO_PROXY, matched on the host and on host:port with the
 * scheme's default port filled in; loopback never proxied. It reads process.env, so the inputs
 * must have been put there first (exportProxySettings).
 */
export function proxyFor(url: URL): URL | undefined {
  const proxy = getProxyUrl(url);
  // A value that parses as a URL but has no host (`proxy.corp:3128` reads as a scheme) is no
  // proxy to http-client either (its `useProxy` checks the hostname).
  return proxy === undefined || proxy.hostname === '' ? undefined : new URL(proxy.href);
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
