// moto_server (the AWS emulator on the machine image) as a local STS backend, shared by the
// demo/bench scripts and the e2e harness (harness/moto.ts re-exports this; types in moto.d.mts).
//
// What moto 5.2.1 does with accounts (checked against a live moto_server; see
// __tests__/e2e/harness.test.ts "moto account handling"):
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
//   when a caller compares role ids.
// - Session tokens are not checked; unknown keys (e.g. AKIAIOSFODNN7EXAMPLE) get
//   Account 123456789012, Arn arn:aws:sts::123456789012:user/moto and UserId
//   AKIAIOSFODNN7EXAMPLE. Signatures are never verified.
// - Unsigned requests are routed by Action: AssumeRoleWithWebIdentity is
//   recognised as STS; other unsigned calls are not (the action signs them).
import { request } from 'node:http';
import { baseEnv, freePort, sleep, spawnTracked, stopChild, which } from './proc.mjs';

export const DEFAULT_ACCOUNT_ID = '123456789012';

/** Throws unless moto_server is on PATH: e2e tests must fail loudly, never skip. */
export function requireMoto() {
  const found = which('moto_server');
  if (found) return found;
  const where =
    process.env.CI === 'true' ? 'CI must run the e2e tests; install it in .ci/run' : 'install it';
  throw new Error(`moto_server is not on PATH (${where}: pip install 'moto[server]==5.2.1')`);
}

/** One bounded HTTP call to moto; resolves with status and body. */
export function motoRequest(url, init = {}) {
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
      res.setEncoding('utf8').on('data', (s) => (body += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.end(init.body);
  });
}

// Polls moto's own API (not "/") so that another server that grabbed the port
// between freePort() and moto's bind cannot pass for moto.
async function waitReady(child, url, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await motoRequest(`${url}/moto-api/data.json`, { timeoutMs: 1000 });
      if (res.status === 200 && res.body.startsWith('{')) return true;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return false;
}

/**
 * Starts a private moto_server on 127.0.0.1 and waits (default at most 20 s: the bench starts
 * it next to an ncc build) until it answers. Tracked by PID, so a script's stopAll() stops it.
 */
export async function startMoto({ timeoutMs = 20_000, home = process.env.HOME ?? '/tmp' } = {}) {
  const bin = requireMoto();
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  // A few tries: the free port can be taken by someone else before moto binds it.
  for (let attempt = 0; attempt < 3 && Date.now() < deadline; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawnTracked(bin, ['-H', '127.0.0.1', '-p', String(port)], {
      env: baseEnv(home),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s) => {
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
export async function resetMoto(url) {
  const res = await motoRequest(`${url}/moto-api/reset`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`moto reset failed: HTTP ${res.status}`);
}

/**
 * Creates an IAM role in moto with one raw Query call. moto does not verify
 * signatures, so a well-formed but fake SigV4 header is enough to route the
 * call to IAM; `x-moto-account-id` picks the owning account.
 */
export async function createRole(motoUrl, spec) {
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
