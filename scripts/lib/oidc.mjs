// Stands in for GitHub's ACTIONS_ID_TOKEN_REQUEST_URL: requires the job's bearer token
// (ACTIONS_ID_TOKEN_REQUEST_TOKEN) and answers {"value": JWT} with an RS256 token carrying the
// claims GitHub puts in one. Shared by the demo/bench scripts and the e2e harness
// (harness/oidc-server.ts re-exports this; types in oidc.d.mts). Tests inject faults and read
// back every request; the bench mints tokens directly for its raw STS round trip.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { signJwt } from './jwt.mjs';

const ISSUER = 'https://token.actions.githubusercontent.com';

function githubClaims(environment) {
  const repo = 'octo-org/octo-repo';
  const ref = 'refs/heads/main';
  const claims = {
    iss: ISSUER,
    sub: environment ? `repo:${repo}:environment:${environment}` : `repo:${repo}:ref:${ref}`,
    repository: repo,
    repository_owner: 'octo-org',
    repository_owner_id: '1000',
    repository_id: '2000',
    repository_visibility: 'private',
    ref,
    ref_type: 'branch',
    ref_protected: 'true',
    sha: 'a'.repeat(40),
    event_name: 'push',
    workflow: 'deploy',
    workflow_ref: `${repo}/.github/workflows/deploy.yml@${ref}`,
    job_workflow_ref: `${repo}/.github/workflows/deploy.yml@${ref}`,
    actor: 'octocat',
    actor_id: '583231',
    run_id: '4242',
    run_number: '7',
    run_attempt: '1',
    runner_environment: 'github-hosted',
  };
  if (environment) claims.environment = environment;
  return claims;
}

/** Starts the token endpoint on 127.0.0.1 with its own key pair (made with node:crypto). */
export async function startOidcServer(opts = {}) {
  // One key pair per server: RSA generation is the slow part (~50-200 ms).
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 40);
  const requestToken = randomBytes(24).toString('hex');
  const claims = { ...githubClaims(opts.environment), ...opts.claims };
  const ttl = opts.ttlSeconds ?? 300;
  let faults = { ...opts.faults };
  const tokens = [];
  const log = [];

  // Every token, served or minted, is recorded: leak checks need each one.
  const issue = (aud) => {
    const iat = Math.floor(Date.now() / 1000);
    const payload = { jti: randomUUID(), ...claims, aud, nbf: iat - 600, iat, exp: iat + ttl };
    const token = signJwt({ typ: 'JWT', alg: 'RS256', x5t: kid, kid }, payload, privateKey);
    tokens.push(token);
    return token;
  };

  const delayMs = opts.delayMs ?? 0;
  const server = createServer((req, res) => {
    if (delayMs > 0) {
      req.pause();
      setTimeout(() => handle(req, res), delayMs);
    } else handle(req, res);
  });
  function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const audience = url.searchParams.get('audience') ?? undefined;
    const authorized = req.headers.authorization === `Bearer ${requestToken}`;
    const answer = (status, body, type = 'application/json') => {
      const entry = { authorized, status };
      if (audience !== undefined) entry.audience = audience;
      log.push(entry);
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    req.resume(); // GET has no body; drain anything sent anyway
    if (req.method !== 'GET' || url.pathname !== '/token')
      return answer(404, '{"message":"Not Found"}');
    if (!authorized || faults.unauthorized) return answer(401, '{"message":"Bad credentials"}');
    if (faults.hang) {
      log.push({ authorized, status: 0 });
      return undefined; // never answers; stop() closes the connection
    }
    if (faults.unavailable) return answer(503, '{"message":"Service Unavailable"}');
    if ((faults.failFirst ?? 0) > 0) {
      faults = { ...faults, failFirst: (faults.failFirst ?? 0) - 1 };
      return answer(faults.failFirstStatus ?? 500, '{"message":"Internal Server Error"}');
    }
    if (faults.malformed) return answer(200, '<html>upstream hiccup</html>', 'text/html');
    // Without an audience GitHub uses the repository owner's URL.
    const token = issue(audience ?? `https://github.com/${String(claims.repository_owner)}`);
    return answer(200, JSON.stringify({ count: 1, value: token }));
  }
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    requestUrl: `http://127.0.0.1:${port}/token?api-version=2.0`,
    requestToken,
    claims,
    publicKey,
    mint: (audience = 'sts.amazonaws.com') => issue(audience),
    issuedTokens: () => tokens.slice(),
    requests: () => log.slice(),
    setFaults: (f) => {
      faults = { ...f };
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
