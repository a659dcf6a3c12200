// A thin recording proxy in front of moto. moto answers STS but evaluates no
// trust policy and never throttles, so tests put this in between to see what
// the action sent (parameters, signing key) and to inject AWS-like failures.
// It serves both as the STS endpoint (sts-endpoint input) and as an HTTP
// forward proxy (http-proxy input / HTTP_PROXY): both go to moto. A CONNECT to a
// host under the reserved `.test` domain (RFC 2606) is tunnelled back into this
// proxy, so a proxied STS endpoint can be named without DNS.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect as netConnect } from 'node:net';
import {
  faultResponse,
  FaultRules,
  RateLimiter,
  stsErrorXml,
  type Fault,
  type FaultRule,
} from './sts-faults.js';

export type { Fault, FaultRule } from './sts-faults.js';

export interface StsRecord {
  action: string;
  /** Decoded form body (and query string), keys exactly as sent, e.g. Tags.member.1.Key. */
  params: Record<string, string>;
  /** Access key id from the SigV4 Authorization header's Credential=AKID/...; absent if unsigned. */
  accessKeyId?: string;
  /** Region from the SigV4 credential scope. */
  region?: string;
  hasSessionToken: boolean;
  /** HTTP status the client got; 0 = none (reset, or the client left first). */
  status: number;
  /** Why the proxy answered itself instead of moto. */
  fault?: Fault['kind'] | 'rate-limit' | 'upstream' | 'too-large' | 'clock-skew';
  /** AccessKeyId in moto's answer, to check that hop N+1 is signed with hop N's key. */
  issuedAccessKeyId?: string;
  /** Every secret in moto's answer (key ID, secret key, session token), for the leak checks. */
  issuedSecrets?: string[];
  /**
   * The request came through a proxy setting: in absolute form (POST http://host:port/ HTTP/1.1),
   * or through a CONNECT tunnel to a `.test` host.
   */
  viaProxy?: true;
  userAgent?: string;
  at: number;
}

export interface StsProxy {
  url: string;
  records(): StsRecord[];
  /**
   * host:port of every CONNECT (HTTPS through this proxy as HTTPS_PROXY). Each is refused, so a
   * request to a real AWS endpoint is seen here and never leaves the machine.
   */
  connectTargets(): string[];
  /** The Proxy-Authorization header of every CONNECT, in order ('' when none was sent). */
  connectAuthorizations(): string[];
  /**
   * Emulates a server clock `ms` ahead of the runner's: a signed request whose X-Amz-Date is
   * more than 5 minutes from that clock gets STS's "Signature expired" answer, and every answer
   * carries a Date header from that clock (what the SDK corrects its clock from). 0 turns it off.
   */
  setClockSkew(ms: number): void;
  clear(): void;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  stop(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 15_000;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'upgrade',
  'content-length',
]);

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size <= MAX_BODY ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function describe(
  req: IncomingMessage,
  path: string,
  body: Buffer,
): Omit<StsRecord, 'status' | 'at'> {
  const params: Record<string, string> = {};
  const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  const rec: Omit<StsRecord, 'status' | 'at'> = {
    action: params.Action ?? '',
    params,
    hasSessionToken: req.headers['x-amz-security-token'] !== undefined,
  };
  const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '');
  if (scope?.[1] && scope[2]) {
    rec.accessKeyId = scope[1];
    rec.region = scope[2];
  }
  if (req.headers['user-agent']) rec.userAgent = req.headers['user-agent'];
  if (/^https?:\/\//i.test(req.url ?? '') || tunnelled.has(req.socket.remotePort ?? -1))
    rec.viaProxy = true;
  return rec;
}

/** STS's answer to a request signed more than 5 minutes away from `serverNow`, if it is one. */
/** Local ports of the tunnels' own connections into this proxy. */
const tunnelled = new Set<number>();

function signatureExpired(req: IncomingMessage, serverNow: number): string | undefined {
  const amzDate = req.headers['x-amz-date'];
  if (typeof amzDate !== 'string') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, se] = match;
  const signedAt = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${se}Z`);
  if (Math.abs(signedAt - serverNow) <= 5 * 60_000) return undefined;
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
  return `Signature expired: ${amzDate} is now earlier than ${stamp(serverNow - 5 * 60_000)} (${stamp(serverNow)} - 5 min.)`;
}

function forward(
  target: URL,
  req: IncomingMessage,
  path: string,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const up = request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path,
      headers,
      timeout: UPSTREAM_TIMEOUT_MS,
    });
    up.on('timeout', () => up.destroy(new Error('upstream timeout')));
    up.on('error', reject);
    up.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
      });
    });
    up.end(body);
  });
}

function reply(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string | string[]> = { 'content-type': 'text/xml' },
): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Starts the proxy on 127.0.0.1 (ephemeral port), forwarding to `targetUrl` (moto). */
export async function startStsProxy(
  targetUrl: string,
  opts: { rateLimit?: { perSecond: number } } = {},
): Promise<StsProxy> {
  const target = new URL(targetUrl);
  const rules = new FaultRules();
  const limiter = opts.rateLimit ? new RateLimiter(opts.rateLimit.perSecond) : undefined;
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  let recs: StsRecord[] = [];
  let connects: string[] = [];
  let connectAuths: string[] = [];
  let skewMs = 0;
  let stopped = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => finish(), ms), done: () => finish() };
      function finish() {
        clearTimeout(entry.timer);
        timers.delete(entry);
        resolve();
      }
      timers.add(entry);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const path = /^https?:\/\//i.test(rawUrl)
      ? new URL(rawUrl).pathname + new URL(rawUrl).search
      : rawUrl;
    const body = await readBody(req);
    // Recorded on arrival so records() keeps arrival order; status is filled in later.
    const rec: StsRecord = {
      ...describe(req, path, body ?? Buffer.alloc(0)),
      status: 0,
      at: Date.now(),
    };
    if (!path.startsWith('/moto-api/')) recs.push(rec);
    if (!body) {
      rec.fault = 'too-large';
      rec.status = 413;
      return reply(res, 413, stsErrorXml('RequestEntityTooLarge', 'Request body too large', 413));
    }
    const expired = skewMs === 0 ? undefined : signatureExpired(req, Date.now() + skewMs);
    if (expired !== undefined) {
      rec.fault = 'clock-skew';
      rec.status = 403;
      return reply(res, 403, stsErrorXml('SignatureDoesNotMatch', expired, 403), {
        'content-type': 'text/xml',
        date: new Date(Date.now() + skewMs).toUTCString(),
      });
    }
    const fault = rules.take(rec.action, rec.params.RoleArn);
    if (fault) rec.fault = fault.kind;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const canned = fault ? faultResponse(fault) : undefined;
    if (canned) {
      rec.status = canned.status;
      return reply(res, canned.status, canned.body);
    }
    if (fault?.kind === 'echo-body') {
      rec.status = fault.status;
      const echoed = `Request was: ${body.toString('utf8')}`;
      const [code, message] = fault.inCode ? [echoed, 'reflected'] : [fault.code, echoed];
      return reply(res, fault.status, stsErrorXml(code, message, fault.status));
    }
    if (!fault && limiter?.overLimit()) {
      rec.fault = 'rate-limit';
      rec.status = 400;
      return reply(res, 400, faultResponse({ kind: 'throttle' })?.body ?? '');
    }
    if (fault?.kind === 'delay') {
      await wait(fault.ms);
      // The client gave up (its attempt timeout) or the proxy is stopping: nothing to answer.
      if (stopped || req.socket.destroyed) return;
    }
    try {
      const up = await forward(target, req, path, body);
      rec.status = up.status;
      const issued = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(up.body.toString('utf8'))?.[1];
      if (issued) rec.issuedAccessKeyId = issued;
      const text = up.body.toString('utf8');
      const secrets = ['AccessKeyId', 'SecretAccessKey', 'SessionToken']
        .map((tag) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(text)?.[1])
        .filter((v): v is string => v !== undefined);
      if (secrets.length > 0) rec.issuedSecrets = secrets;
      if (skewMs !== 0) up.headers['date'] = new Date(Date.now() + skewMs).toUTCString();
      reply(res, up.status, up.body, up.headers);
    } catch (err) {
      rec.fault = 'upstream';
      rec.status = 502;
      reply(res, 502, stsErrorXml('BadGateway', `proxy: ${(err as Error).message}`, 502));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  // HTTPS through the proxy (CONNECT) is not emulated: record the target and refuse it plainly,
  // except for a `.test` host, whose tunnel leads back into this proxy (plain HTTP inside).
  server.on('connect', (req, socket) => {
    connects.push(req.url ?? '');
    connectAuths.push(req.headers['proxy-authorization'] ?? '');
    if (!/^[^:]+\.test:\d+$/.test(req.url ?? '')) {
      socket.end('HTTP/1.1 501 Not Implemented\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const inner = netConnect(port, '127.0.0.1', () => {
      if (inner.localPort !== undefined) tunnelled.add(inner.localPort);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      inner.pipe(socket);
      socket.pipe(inner);
    });
    const close = () => {
      inner.destroy();
      socket.destroy();
    };
    inner.on('error', close);
    socket.on('error', close);
    socket.on('close', close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    records: () => recs.slice(),
    connectTargets: () => connects.slice(),
    connectAuthorizations: () => connectAuths.slice(),
    setClockSkew: (ms) => {
      skewMs = ms;
    },
    clear: () => {
      recs = [];
      connects = [];
      connectAuths = [];
      skewMs = 0;
    },
    inject: (rule) => rules.add(rule),
    clearFaults: () => rules.clear(),
    stop: async () => {
      stopped = true;
      for (const t of [...timers]) t.done();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
