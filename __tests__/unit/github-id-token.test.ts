// The main step's OIDC token fetch over core.getIDToken (faked at its port): failures are
// classified from core's text-only errors, each call is bounded, and the proxy inputs reach
// @actions/http-client's variables.
import {
  diagnoseFailure,
  formatDiagnosis,
  type Diagnosis,
} from '../../src/diagnose/diagnose-failure.js';
import { OidcTokenError } from '../../src/model/errors.js';
import { classify, githubIdTokenFetch } from '../../src/sources/github-id-token.js';
import { isRetryableOidcError } from '../../src/sources/oidc.js';

/** The error core.getIDToken throws (lib/oidc-utils.js) for an HttpClient failure. */
const coreError = (status: number | undefined, message: string): Error =>
  new Error(
    `Error message: Failed to get ID Token. \n \n        Error Code : ${status}\n \n        Error Message: ${message}`,
  );

const advice = (error: OidcTokenError): string =>
  formatDiagnosis(diagnoseFailure(error, { sourceKind: 'oidc' }) as Diagnosis);

describe('core.getIDToken failures, classified', () => {
  test.each([
    [
      '401: the permission, not retried',
      coreError(401, 'Bad credentials'),
      /id-token: write/,
      false,
    ],
    ['403: the permission, not retried', coreError(403, 'Forbidden'), /id-token: write/, false],
    ['500: GitHub’s side, retried', coreError(500, 'Internal Server Error'), /HTTP 500/, true],
    ['503 after core’s own retries: retried', coreError(503, 'Unavailable'), /HTTP 503/, true],
    [
      'not JSON / no value: GitHub’s side, not retried',
      new Error('Error message: Response json body do not have ID Token field'),
      /not JSON/,
      false,
    ],
    [
      'unreachable endpoint: retried',
      coreError(undefined, 'connect ECONNREFUSED 127.0.0.1:9'),
      /Could not reach the GitHub OIDC token endpoint: connect ECONNREFUSED/,
      true,
    ],
  ])('%s', (_name, error, message, retryable) => {
    const classified = classify(error);
    expect(classified.message).toMatch(message);
    expect(isRetryableOidcError(classified)).toBe(retryable);
  });

  test.each([
    ['a 401', coreError(401, 'Bad credentials'), true],
    [
      'malformed JSON',
      new Error('Error message: Response json body do not have ID Token field'),
      false,
    ],
    ['a 503', coreError(503, 'Unavailable'), false],
    ['an unreachable endpoint', coreError(undefined, 'socket hang up'), false],
  ])('%s blames the permission only when it is a refusal', (_name, error, blames) => {
    expect(advice(classify(error)).includes('id-token: write')).toBe(blames);
  });
});

describe('githubIdTokenFetch', () => {
  const base = { audience: 'sts.amazonaws.com', timeoutMs: 50, httpProxy: undefined, noProxy: [] };

  test('returns the token for the audience', async () => {
    const audiences: string[] = [];
    const fetch = githubIdTokenFetch({
      ...base,
      env: {},
      getIdToken: async (audience) => {
        audiences.push(audience);
        return 'header.payload.signature';
      },
    });
    await expect(fetch()).resolves.toBe('header.payload.signature');
    expect(audiences).toEqual(['sts.amazonaws.com']);
  });

  test('a call that never answers fails as retryable instead of hanging', async () => {
    const fetch = githubIdTokenFetch({
      ...base,
      env: {},
      getIdToken: () => new Promise<string>(() => undefined),
    });
    const error = await fetch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcTokenError);
    expect((error as Error).message).toMatch(/did not answer within/);
    expect(isRetryableOidcError(error)).toBe(true);
  });

  test('http-proxy and no-proxy inputs become the variables @actions/http-client reads', async () => {
    const env: Record<string, string | undefined> = { HTTPS_PROXY: 'http://job:3128' };
    let seen: Record<string, string | undefined> = {};
    const fetch = githubIdTokenFetch({
      ...base,
      httpProxy: 'http://input:3128',
      noProxy: ['internal.example', '.corp'],
      env,
      getIdToken: async () => {
        seen = { ...env };
        return 't.t.t';
      },
    });
    await fetch();
    expect(seen).toMatchObject({
      https_proxy: 'http://input:3128',
      http_proxy: 'http://input:3128',
      no_proxy: 'internal.example,.corp',
    });
  });

  test('the no-proxy input adds to the job’s NO_PROXY, as for STS, once per entry', async () => {
    const env: Record<string, string | undefined> = { NO_PROXY: 'ghes.corp, .internal' };
    const fetch = githubIdTokenFetch({
      ...base,
      noProxy: ['s3.internal', 'ghes.corp'],
      env,
      getIdToken: async () => 't.t.t',
    });
    await fetch();
    await fetch(); // a retry adds nothing twice
    expect(env['no_proxy']).toBe('ghes.corp,.internal,s3.internal');
  });

  test('the token request is reported as sent, after core is loaded and before it answers', async () => {
    const events: string[] = [];
    await githubIdTokenFetch({
      ...base,
      env: {},
      getIdToken: async () => {
        events.push('request');
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('answer');
        return 't.t.t';
      },
      onRequested: () => events.push('requested'),
    })();
    expect(events).toEqual(['request', 'requested', 'answer']);
  });

  test('without the inputs the job’s own proxy variables are left alone', async () => {
    const env: Record<string, string | undefined> = { HTTPS_PROXY: 'http://job:3128' };
    await githubIdTokenFetch({ ...base, env, getIdToken: async () => 't.t.t' })();
    expect(env).toEqual({ HTTPS_PROXY: 'http://job:3128' });
  });
});
