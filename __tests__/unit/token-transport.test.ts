// The refresh helper's token transport over @actions/http-client, against a local HTTP server:
// what reaches the endpoint, and how each failure reaches the helper's retrier.
import { jest } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { TransportError } from '../../src/aws/http-transport.js';
import { createTokenTransport } from '../../src/refresh/token-transport.js';

// Real sockets on a loaded 2-core machine: above each request's own 5-10 s limits.
jest.setTimeout(30_000);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let handler: Handler;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transport = (env: Record<string, string | undefined> = {}) =>
  createTokenTransport({ httpProxy: undefined, noProxy: [] }, env);

const get = (
  path: string,
  options: { timeoutMs?: number; signal?: AbortSignal; env?: Record<string, string> } = {},
) =>
  transport(options.env)({
    method: 'GET',
    url: new URL(`${base}${path}`),
    headers: { authorization: 'Bearer request-token', 'user-agent': 'aws-deploy-role' },
    body: '',
    timeoutMs: options.timeoutMs ?? 5_000,
    signal: options.signal,
  });

test('sends the request as given and returns status and body', async () => {
  let seen: IncomingMessage | undefined;
  handler = (req, res) => {
    seen = req;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":"jwt"}');
  };
  await expect(get('/token?audience=sts.amazonaws.com')).resolves.toEqual({
    status: 200,
    body: '{"value":"jwt"}',
  });
  expect(seen?.method).toBe('GET');
  expect(seen?.url).toBe('/token?audience=sts.amazonaws.com');
  expect(seen?.headers['authorization']).toBe('Bearer request-token');
  expect(seen?.headers['user-agent']).toBe('aws-deploy-role');
});

test('an error status is an answer, not a failure: the caller classifies it', async () => {
  handler = (_req, res) => res.writeHead(503).end('busy');
  await expect(get('/token')).resolves.toEqual({ status: 503, body: 'busy' });
});

test('a redirect is not followed: the bearer token goes nowhere else', async () => {
  let requests = 0;
  handler = (_req, res) => {
    requests++;
    res.writeHead(302, { location: `${base}/elsewhere` }).end();
  };
  await expect(get('/token')).resolves.toMatchObject({ status: 302 });
  expect(requests).toBe(1);
});

test('an endpoint that never answers is a TimeoutError within the time limit', async () => {
  handler = () => undefined; // holds the request open
  const started = Date.now();
  const failure = await get('/token', { timeoutMs: 300 }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(TransportError);
  expect((failure as TransportError).code).toBe('TimeoutError');
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('a refused connection is a NetworkError naming the cause', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const address = closed.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const failure = await transport()({
    method: 'GET',
    url: new URL(`http://127.0.0.1:${port}/token`),
    headers: {},
    body: '',
    timeoutMs: 5_000,
    signal: undefined,
  }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(TransportError);
  expect((failure as TransportError).code).toBe('NetworkError');
  expect((failure as TransportError).message).toContain('ECONNREFUSED');
});

test('an aborted run sends nothing', async () => {
  let requests = 0;
  handler = (_req, res) => {
    requests++;
    res.end('{}');
  };
  const failure = await get('/token', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
  expect((failure as TransportError).code).toBe('Aborted');
  expect(requests).toBe(0);
});

test('an abort while the endpoint is silent ends the request at once', async () => {
  handler = () => undefined; // holds the request open
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  const failure = await get('/token', { signal: controller.signal, timeoutMs: 10_000 }).catch(
    (e: unknown) => e,
  );
  expect((failure as TransportError).code).toBe('Aborted');
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('the http-proxy input is used: the request reaches the endpoint through the proxy', async () => {
  // A CONNECT proxy that tunnels every request to the local endpoint, whatever host it names.
  const tunnels: string[] = [];
  const proxy = createServer();
  proxy.on('connect', (req: IncomingMessage, client: Socket) => {
    tunnels.push(req.url ?? '');
    const address = server.address();
    const upstream = connect(
      typeof address === 'object' && address ? address.port : 0,
      '127.0.0.1',
    );
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyAddress = proxy.address();
  const proxyUrl = `http://127.0.0.1:${typeof proxyAddress === 'object' && proxyAddress ? proxyAddress.port : 0}`;
  handler = (_req, res) => res.end('{"value":"via-proxy"}');
  // @actions/http-client reads the process environment; put it back afterwards.
  const saved = { ...process.env };
  try {
    delete process.env['no_proxy'];
    delete process.env['NO_PROXY'];
    const response = await createTokenTransport(
      { httpProxy: proxyUrl, noProxy: [] },
      process.env,
    )({
      method: 'GET',
      // Not loopback (the client never proxies loopback); the proxy resolves nothing.
      url: new URL(`http://token.endpoint.test:4242/token`),
      headers: {},
      body: '',
      timeoutMs: 5_000,
      signal: undefined,
    });
    expect(response).toEqual({ status: 200, body: '{"value":"via-proxy"}' });
    expect(tunnels).toEqual(['token.endpoint.test:4242']);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});

test('the http-proxy and no-proxy inputs are put where @actions/http-client reads them', async () => {
  handler = (_req, res) => res.end('{}');
  const env: Record<string, string | undefined> = {};
  await createTokenTransport(
    { httpProxy: 'http://proxy.internal:3128', noProxy: ['127.0.0.1'] },
    env,
  )({
    method: 'GET',
    url: new URL(`${base}/token`),
    headers: {},
    body: '',
    timeoutMs: 5_000,
    signal: undefined,
  });
  expect(env).toEqual({
    https_proxy: 'http://proxy.internal:3128',
    http_proxy: 'http://proxy.internal:3128',
    no_proxy: '127.0.0.1',
  });
});
