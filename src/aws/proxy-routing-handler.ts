import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { proxyFor, type ProxySettings } from './http-transport.js';
import type { Env } from '../model/env.js';

/**
 * The request handler: one NodeHttpHandler per proxy choice, chosen per request from the
 * resolved endpoint's host (the SDK resolves it after our settings are fixed, so the choice is
 * made here, with the same rules as the OIDC token fetch: http-proxy input, else HTTPS_PROXY /
 * HTTP_PROXY, unless no-proxy / NO_PROXY matches).
 */
export class ProxyRoutingHandler {
  private readonly handlers = new Map<string, Promise<NodeHttpHandler>>();
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(
    private readonly settings: ProxySettings,
    private readonly env: Env,
    private readonly timeoutMs: number,
  ) {}

  async handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options?: Parameters<NodeHttpHandler['handle']>[1],
  ): ReturnType<NodeHttpHandler['handle']> {
    const url = new URL(
      `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`,
    );
    const proxy = proxyFor(url, this.settings, this.env);
    if (proxy !== undefined && request.protocol === 'http:') {
      // Plain HTTP through a proxy: send the absolute URL to the proxy (RFC 7230 absolute-form);
      // the Host header the SDK signed stays the endpoint's.
      const viaProxy = Object.assign(
        Object.create(Object.getPrototypeOf(request) as object),
        request,
        {
          hostname: proxy.hostname,
          port: Number(proxy.port) || 80,
          path: `${url.origin}${request.path}`,
        },
      ) as typeof request;
      return (await this.handlerFor(undefined)).handle(viaProxy, options);
    }
    return (await this.handlerFor(proxy)).handle(request, options);
  }

  private handlerFor(proxy: URL | undefined): Promise<NodeHttpHandler> {
    const key = proxy?.href ?? '';
    let handler = this.handlers.get(key);
    if (handler === undefined) {
      handler = this.createHandler(proxy);
      this.handlers.set(key, handler);
    }
    return handler;
  }

  private async createHandler(proxy: URL | undefined): Promise<NodeHttpHandler> {
    const agentOptions = { keepAlive: true, maxSockets: 50 };
    // Only a proxied run loads the CONNECT agent.
    const agent =
      proxy === undefined
        ? undefined
        : new (await import('https-proxy-agent')).HttpsProxyAgent(proxy, agentOptions);
    return new NodeHttpHandler({
      requestTimeout: this.timeoutMs,
      connectionTimeout: this.timeoutMs,
      httpsAgent: agent ?? new HttpsAgent(agentOptions),
      httpAgent: agent ?? new HttpAgent(agentOptions),
    });
  }

  updateHttpClientConfig(): void {
    // Timeouts are fixed per run; nothing updates them.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.handlers.forEach((handler) => void handler.then((h) => h.destroy()));
  }
}
