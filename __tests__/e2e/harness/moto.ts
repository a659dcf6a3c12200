// moto_server (the AWS emulator on the machine image) as an e2e STS backend.
//
// What moto 5.2.1 does with accounts (checked against a live moto_server; see
// harness.test.ts "moto account handling"):
// - The calling account of a request is, in order: env MOTO_ACCOUNT_ID of the
//   *server* process (so never set it here: it would pin every request), an
//   `x-moto-account-id` request header, the account that owns the signing access
//   key id (moto remembers every key it issued), else 123456789012.
// - AssumeRole / AssumeRoleWithWebIdentity take the target account from the
//   RoleArn: assuming arn:aws:iam::222222222222:role/x issues keys owned by
//   222222222222, and GetCallerIdentity signed with them reports Account
//   222222222222 and Arn arn:aws:sts::222222222222:assumed-role/x/SESSION.
//   A chained AssumeRole signed with those keys works the same way.
// - The role does NOT need to exist (documented in moto's sts/models.py and
//   verified): no trust policy, ExternalId, tags or MFA are evaluated. A missing
//   role gets a fresh random AROA id on every call, so GetCallerIdentity's
//   UserId differs from AssumeRole's AssumedRoleId; create the role (createRole)
//   when a test compares role ids.
// - Session tokens are not checked; unknown keys (e.g. AKIAIOSFODNN7EXAMPLE) get
//   Account 123456789012, Arn arn:aws:sts::123456789012:user/moto and UserId
//   AKIAIOSFODNN7EXAMPLE. Signatures are never verified.
// - Unsigned requests are routed by Action: AssumeRoleWithWebIdentity is
//   recognised as STS; other unsigned calls are not (the action signs them).
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { baseEnv, stopChild, which } from './proc.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';

export interface Moto {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Throws unless moto_server is on PATH: e2e tests must fail loudly, never skip. */
export function requireMoto(): string {
  const found = which('moto_server');
  if (found) return found;
  const where =
    process.env.CI === 'true' ? 'CI must run the e2e tests; install it in .ci/run' : 'install it';
  throw new Error(`moto_server is not on PATH (${where}: pip install 'moto[server]==5.2.1')`);
}

/** Asks the OS for a port that is free right now (it may be taken again later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One bounded HTTP call to moto; resolves with status and body. */
export function motoRequest(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      timeout: init.timeoutMs ?? 5000,
    });
    req.on('timeout', () => req.destroy(new Error(`moto request timed out: ${url}`)));
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => (body += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.end(init.body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Polls moto's own API (not "/") so that another server that grabbed the port
// between freePort() and moto's bind cannot pass for moto.
async function waitReady(child: ChildProcess, url: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await motoRequest(`${url}/moto-api/data.json`, { timeoutMs: 1000 });
      if (res.status === 200 && res.body.startsWith('{')) return true;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return false;
}

/** Starts a private moto_server on 127.0.0.1 and waits (at most ~15 s) until it answers. */
export async function startMoto(opts: { timeoutMs?: number } = {}): Promise<Moto> {
  const bin = requireMoto();
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  let lastErr = '';
  // A few tries: the free port can be taken by someone else before moto binds it.
  for (let attempt = 0; attempt < 3 && Date.now() < deadline; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
      env: baseEnv(process.env.HOME ?? '/tmp'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => {
      if (stderr.length < 64_000) stderr += s; // moto logs each request here
    });
    child.on('error', (err) => (lastErr = err.message));
    if (await waitReady(child, url, deadline)) {
      return { url, pid: child.pid ?? -1, stop: () => stopChild(child) };
    }
    await stopChild(child);
    lastErr = stderr.slice(-2000) || lastErr;
    if (!/address already in use|EADDRINUSE/i.test(lastErr)) break;
  }
  throw new Error(`moto_server did not start: ${lastErr || 'no answer before the deadline'}`);
}

/** Empties all of moto's state (roles, issued keys) between tests. */
export async function resetMoto(url: string): Promise<void> {
  const res = await motoRequest(`${url}/moto-api/reset`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`moto reset failed: HTTP ${res.status}`);
}

export interface RoleSpec {
  name: string;
  /** Account that owns the role (default 123456789012). */
  accountId?: string;
  trustPolicy?: object;
  maxSessionDuration?: number;
}

/**
 * Creates an IAM role in moto with one raw Query call. moto does not verify
 * signatures, so a well-formed but fake SigV4 header is enough to route the
 * call to IAM; `x-moto-account-id` picks the owning account.
 */
export async function createRole(
  motoUrl: string,
  spec: RoleSpec,
): Promise<{ arn: string; roleId: string }> {
  const trust = spec.trustPolicy ?? { Version: '2012-10-17', Statement: [] };
  const form = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: spec.name,
    AssumeRolePolicyDocument: JSON.stringify(trust),
  });
  if (spec.maxSessionDuration) form.set('MaxSessionDuration', String(spec.maxSessionDuration));
  const res = await motoRequest(`${motoUrl}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-moto-account-id': spec.accountId ?? DEFAULT_ACCOUNT_ID,
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iam/aws4_request, ' +
        'SignedHeaders=host, Signature=0000',
    },
    body: form.toString(),
  });
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(res.body)?.[1];
  const roleId = /<RoleId>([^<]+)<\/RoleId>/.exec(res.body)?.[1];
  if (res.status !== 200 || !arn || !roleId) {
    throw new Error(
      `moto CreateRole ${spec.name} failed: HTTP ${res.status} ${res.body.slice(0, 300)}`,
    );
  }
  return { arn, roleId };
}
