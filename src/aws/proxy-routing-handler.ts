import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { exportProxySettings, proxyFor, type ProxySettings } from './http-transport.js';
import type { WritableEnv } from '../model/env.js';

/**
 * The request handler: one NodeHttpHandler per proxy choice, chosen per request from the
 * resolved endpoint's URL (the SDK resolves it after our settings are fixed) by proxyFor, which
 * is @actions/http-client's own rule. As with http-client's tunnel agents, both HTTPS and plain
 * HTTP go through the proxy as a CONNECT tunnel that carries the proxy URL's credentials
 * (Proxy-Authorization), so a proxy that asks for them answers neither with a 407.
 */
export class ProxyRoutingHandler {
  private readonly handlers = new Map<string, Promise<NodeHttpHandler>>();
  readonly metadata = { handlerProtocol: 'http/1.1' };

  /** Puts the http-proxy and no-proxy inputs where http-client (and proxyFor) reads them. */
  constructor(
    settings: ProxySettings,
    env: WritableEnv,
    private readonly timeoutMs: number,
  ) {
    exportProxySettings(settings, env);
  }

  async handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options?: Parameters<NodeHttpHandler['handle']>[1],
  ): ReturnType<NodeHttpHandler['handle']> {
    const url = new URL(
      `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`,
    );
    return (await this.handlerFor(proxyFor(url))).handle(request, options);
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
