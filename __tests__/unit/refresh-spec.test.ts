// The refresh helper's pure parts: when a cached session may be served, the credential_process
// JSON it prints, and the session recipe it re-runs.
import {
  REFRESH_MARGIN_SECONDS,
  credentialProcessJson,
  recipeFromSpec,
  refreshMarginSeconds,
  usableCache,
  type RefreshSpec,
} from '../../src/publish/refresh-spec.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const cacheExpiringIn = (seconds: number, overrides: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Version: 1,
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: 'secret',
    SessionToken: 'token',
    Expiration: new Date(NOW.getTime() + seconds * 1000).toISOString(),
    ...overrides,
  });

test.each([
  ['well inside its lifetime', cacheExpiringIn(3600), true],
  ['just outside the refresh margin', cacheExpiringIn(REFRESH_MARGIN_SECONDS + 1), true],
  ['inside the refresh margin', cacheExpiringIn(REFRESH_MARGIN_SECONDS - 1), false],
  ['already expired', cacheExpiringIn(-60), false],
  ['missing a session token', cacheExpiringIn(3600, { SessionToken: '' }), false],
  ['with an unreadable expiry', cacheExpiringIn(3600, { Expiration: 'soon' }), false],
  ['not JSON (a half-written file)', '{"AccessKeyId":', false],
  ['empty (no cache yet)', '', false],
])('a cache %s is served: %s', (_name, text, served) => {
  expect(usableCache(text, NOW) !== undefined).toBe(served);
});

test('credential_process output is version 1 with an ISO expiry, readable back as a cache', () => {
  const json = credentialProcessJson({
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date('2026-11-23T13:00:00Z'),
  });
  expect(JSON.parse(json)).toEqual({
    Version: 1,
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: 's',
    SessionToken: 't',
    Expiration: '2026-11-23T13:00:00.000Z',
  });
  expect(usableCache(json, NOW)?.accessKeyId).toBe('ASIAEXAMPLE');
});

test('the refresh recipe is exactly the profile session, with no guards and no re-issues', () => {
  const spec: RefreshSpec = {
    version: 1,
    profile: 'live',
    region: 'us-east-1',
    partition: 'aws',
    source: { kind: 'oidc', audience: 'sts.amazonaws.com' },
    network: {
      stsEndpoint: 'https://sts.us-east-1.amazonaws.com',
      httpProxy: undefined,
      noProxy: [],
      maxAttempts: 8,
      attemptTimeoutMs: 10_000,
      actionTimeoutMs: undefined,
    },
    hops: [],
    cacheFile: '/tmp/cache-live.json',
  };
  expect(recipeFromSpec(spec)).toEqual({
    name: 'live',
    partition: 'aws',
    hops: [],
    guards: { allowedAccountIds: [] },
    specialCharactersWorkaround: false,
  });
});

test("the refresh margin is 15 minutes, outside botocore's 10-minute mandatory window", () => {
  expect(REFRESH_MARGIN_SECONDS).toBe(900);
  expect(usableCache(cacheExpiringIn(12 * 60), NOW)).toBeUndefined();
});

test.each([
  ['a one-hour session', 3600, 900],
  ['a 30-minute session', 1800, 900],
  ['a 20-minute session: half of it', 1200, 660],
  ['a 25-minute session: half of it', 1500, 750],
  ['the shortest session (15 minutes): still outside the mandatory window', 900, 660],
])('margin for %s', (_name, seconds, margin) => {
  expect(refreshMarginSeconds(seconds)).toBe(margin);
  expect(margin).toBeGreaterThan(600);
});
