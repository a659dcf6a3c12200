// Stands in for GitHub's ACTIONS_ID_TOKEN_REQUEST_URL: requires the job's bearer token and
// answers {"value": JWT} with an RS256 token carrying the claims GitHub puts in one.
// A plain-ESM copy of __tests__/e2e/harness/oidc-server.ts (no faults, no recording).
import { createHash, createSign, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const ISSUER = 'https://token.actions.githubusercontent.com';
const b64url = (data) => Buffer.from(data).toString('base64url');

export function signJwt(header, claims, privateKey) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(privateKey))}`;
}

export function githubClaims() {
  const repo = 'octo-org/octo-repo';
  const ref = 'refs/heads/main';
  return {
    iss: ISSUER,
    sub: `repo:${repo}:ref:${ref}`,
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
}

/** Starts the token endpoint on 127.0.0.1 (own key pair, made with node:crypto). */
export async function startOidcServer() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha256')
    .update(privateKey.export({ type: 'pkcs8', format: 'der' }))
    .digest('hex')
    .slice(0, 40);
  const requestToken = randomBytes(24).toString('hex');
  const claims = githubClaims();
  const tokens = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const audience = url.searchParams.get('audience') ?? undefined;
    const answer = (status, body) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    req.resume();
    if (req.method !== 'GET' || url.pathname !== '/token')
      return answer(404, '{"message":"Not Found"}');
    if (req.headers.authorization !== `Bearer ${requestToken}`)
      return answer(401, '{"message":"Bad credentials"}');
    const iat = Math.floor(Date.now() / 1000);
    const aud = audience ?? `https://github.com/${claims.repository_owner}`;
    const payload = { jti: randomUUID(), ...claims, aud, nbf: iat - 600, iat, exp: iat + 300 };
    const token = signJwt({ typ: 'JWT', alg: 'RS256', x5t: kid, kid }, payload, privateKey);
    tokens.push(token);
    return answer(200, JSON.stringify({ count: 1, value: token }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return {
    requestUrl: `http://127.0.0.1:${port}/token?api-version=2.0`,
    requestToken,
    /** Mints a token directly (for the bench's raw STS round trip). */
    mint: (aud = 'sts.amazonaws.com') => {
      const iat = Math.floor(Date.now() / 1000);
      const payload = { jti: randomUUID(), ...claims, aud, nbf: iat - 600, iat, exp: iat + 300 };
      return signJwt({ typ: 'JWT', alg: 'RS256', x5t: kid, kid }, payload, privateKey);
    },
    issuedTokens: () => tokens.slice(),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
