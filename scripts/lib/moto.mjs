// moto_server (the AWS emulator on the machine image) as a local STS backend.
// Same rules as __tests__/e2e/harness/moto.ts: roles need not exist, signatures are not
// verified, AssumeRole* takes the target account from the RoleArn. Never set MOTO_ACCOUNT_ID.
import { baseEnv, freePort, sleep, spawnTracked, stopChild, which } from './proc.mjs';

export const DEFAULT_ACCOUNT_ID = '123456789012';

async function answers(url) {
  try {
    const res = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(1000) });
    const body = await res.text();
    return res.status === 200 && body.startsWith('{');
  } catch {
    return false;
  }
}

/** Starts a private moto_server on 127.0.0.1 (free port) and waits until its API answers. */
export async function startMoto({ timeoutMs = 20_000, home = process.env.HOME ?? '/tmp' } = {}) {
  const bin = which('moto_server');
  if (!bin) throw new Error("moto_server is not on PATH (pip install 'moto[server]==5.2.1')");
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  for (let attempt = 0; attempt < 3 && Date.now() < deadline; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawnTracked(bin, ['-H', '127.0.0.1', '-p', String(port)], {
      env: baseEnv(home),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s) => {
      if (stderr.length < 64_000) stderr += s;
    });
    child.on('error', (err) => (lastErr = err.message));
    while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
      if (await answers(url)) return { url, pid: child.pid, stop: () => stopChild(child) };
      await sleep(50);
    }
    await stopChild(child);
    lastErr = stderr.slice(-2000) || lastErr;
    if (!/address already in use|EADDRINUSE/i.test(lastErr)) break;
  }
  throw new Error(`moto_server did not start: ${lastErr || 'no answer before the deadline'}`);
}

/**
 * Creates an IAM role in moto with one raw Query call (moto does not verify signatures, so a
 * well-formed fake SigV4 header routes it to IAM; x-moto-account-id picks the owning account).
 */
export async function createRole(motoUrl, { name, accountId = DEFAULT_ACCOUNT_ID, trustPolicy }) {
  const form = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: name,
    AssumeRolePolicyDocument: JSON.stringify(
      trustPolicy ?? { Version: '2012-10-17', Statement: [] },
    ),
  });
  const res = await fetch(`${motoUrl}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-moto-account-id': accountId,
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iam/aws4_request, ' +
        'SignedHeaders=host, Signature=0000',
    },
    body: form.toString(),
    signal: AbortSignal.timeout(5000),
  });
  const body = await res.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(body)?.[1];
  if (res.status !== 200 || !arn)
    throw new Error(`moto CreateRole ${name}: HTTP ${res.status} ${body.slice(0, 300)}`);
  return { arn, roleId: /<RoleId>([^<]+)<\/RoleId>/.exec(body)?.[1] };
}
