import { StsCallError } from '../../src/model/errors.js';
import { backoffDelay, isRetryableStsError, retryableFor, withRetry } from '../../src/aws/retry.js';

const sts = (code: string, status: number, message = 'm'): StsCallError =>
  new StsCallError('AssumeRole', code, message, status);
const JWKS_MESSAGE =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

describe('isRetryableStsError', () => {
  test.each([
    { name: 'Throttling', error: sts('Throttling', 400), retryable: true },
    { name: 'ThrottlingException', error: sts('ThrottlingException', 400), retryable: true },
    { name: 'RequestLimitExceeded', error: sts('RequestLimitExceeded', 400), retryable: true },
    { name: '500 InternalFailure', error: sts('InternalFailure', 500), retryable: true },
    { name: '503 ServiceUnavailable', error: sts('ServiceUnavailable', 503), retryable: true },
    { name: 'any 5xx code', error: sts('SomethingNew', 502), retryable: true },
    { name: 'NetworkError', error: sts('NetworkError', 0), retryable: true },
    { name: 'TimeoutError', error: sts('TimeoutError', 0), retryable: true },
    { name: 'IDPCommunicationError', error: sts('IDPCommunicationError', 400), retryable: true },
    {
      name: 'InvalidIdentityToken: JWKS not fetched yet',
      error: sts('InvalidIdentityToken', 400, JWKS_MESSAGE),
      retryable: true,
    },
    {
      name: 'InvalidIdentityToken: wrong audience',
      error: sts('InvalidIdentityToken', 400, 'Incorrect token audience'),
      retryable: false,
    },
    {
      name: 'AccessDenied',
      error: sts('AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity'),
      retryable: false,
    },
    { name: 'ValidationError', error: sts('ValidationError', 400), retryable: false },
    {
      name: 'MalformedPolicyDocument',
      error: sts('MalformedPolicyDocument', 400),
      retryable: false,
    },
    {
      name: 'ExpiredToken',
      error: sts('ExpiredToken', 400, 'The security token included in the request is expired'),
      retryable: false,
    },
    {
      name: 'RegionDisabledException',
      error: sts('RegionDisabledException', 403),
      retryable: false,
    },
    { name: 'PackedPolicyTooLarge', error: sts('PackedPolicyTooLarge', 400), retryable: false },
    { name: 'a plain Error', error: new Error('Throttling'), retryable: false },
    { name: 'a string', error: 'NetworkError', retryable: false },
  ])('$name → $retryable', ({ error, retryable }) => {
    expect(isRetryableStsError(error)).toBe(retryable);
  });
});

describe('retryableFor: a stale web identity token is retried with a fresh one, for OIDC only', () => {
  const web = (code: string, message: string): StsCallError =>
    new StsCallError('AssumeRoleWithWebIdentity', code, message, 400);
  const expiredWeb = web(
    'ExpiredTokenException',
    'Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000',
  );
  const unverified = web(
    'InvalidIdentityToken',
    'The web identity token that was passed could not be validated by AWS.',
  );
  test.each([
    { name: 'OIDC, ExpiredTokenException', kind: 'oidc', error: expiredWeb, retryable: true },
    { name: 'OIDC, could not be validated', kind: 'oidc', error: unverified, retryable: true },
    {
      name: 'OIDC, wrong audience stays permanent',
      kind: 'oidc',
      error: web('InvalidIdentityToken', 'Incorrect token audience'),
      retryable: false,
    },
    {
      name: 'OIDC, no provider stays permanent',
      kind: 'oidc',
      error: web(
        'InvalidIdentityToken',
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
      ),
      retryable: false,
    },
    {
      name: 'OIDC, expired AWS credentials on AssumeRole',
      kind: 'oidc',
      error: sts('ExpiredToken', 400, 'The security token included in the request is expired'),
      retryable: false,
    },
    {
      name: 'token file (a re-read gives the same token)',
      kind: 'web-identity-token-file',
      error: expiredWeb,
      retryable: false,
    },
    { name: 'stored keys', kind: 'static-keys', error: expiredWeb, retryable: false },
    {
      name: 'OIDC, throttling still',
      kind: 'oidc',
      error: sts('Throttling', 400),
      retryable: true,
    },
  ])('$name → $retryable', ({ kind, error, retryable }) => {
    expect(retryableFor(kind)(error)).toBe(retryable);
  });
});

describe('backoffDelay', () => {
  test.each([
    { attempt: 1, random: 0, expected: 100 },
    { attempt: 1, random: 0.5, expected: 150 },
    { attempt: 1, random: 0.999999, expected: 200 },
    { attempt: 2, random: 0, expected: 200 },
    { attempt: 3, random: 0.5, expected: 600 },
    { attempt: 5, random: 0, expected: 1600 },
    { attempt: 6, random: 0, expected: 2500 },
    { attempt: 20, random: 0.999999, expected: 5000 },
  ])('attempt $attempt, random $random → $expected ms', ({ attempt, random, expected }) => {
    expect(backoffDelay(attempt, () => random)).toBe(expected);
  });

  test.each([1, 2, 3, 4, 5, 6, 10, 30])(
    'attempt %i stays within [ceiling/2, ceiling]',
    (attempt) => {
      const ceiling = Math.min(5000, 200 * 2 ** (attempt - 1));
      for (const r of [0, 0.25, 0.5, 0.75, 0.999999]) {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    },
  );

  test('custom base and cap', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 0, 1000, 2500))).toEqual([
      500, 1000, 1250, 1250,
    ]);
  });
});

describe('withRetry', () => {
  /** Runs withRetry over scripted outcomes; returns what a caller sees plus the waits it slept. */
  async function run(outcomes: readonly (string | Error)[], maxAttempts: number) {
    const delays: number[] = [];
    const retried: string[] = [];
    const result = await withRetry(
      async (attempt) => {
        const outcome =
          outcomes[attempt - 1] ?? new Error(`no outcome scripted for attempt ${attempt}`);
        if (outcome instanceof Error) throw outcome;
        return `${outcome} on attempt ${attempt}`;
      },
      {
        maxAttempts,
        isRetryable: isRetryableStsError,
        sleep: async (ms) => void delays.push(ms),
        random: () => 0.5,
        onRetry: (error, attempt, delay) =>
          retried.push(`${(error as StsCallError).code}#${attempt}:${delay}`),
      },
    ).then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    return { ...result, delays, retried };
  }

  const throttled = (n: number) => sts('Throttling', 400, `throttled ${n}`);

  test.each([
    {
      name: 'first try succeeds',
      outcomes: ['ok'],
      max: 8,
      value: 'ok on attempt 1',
      delays: [] as number[],
    },
    {
      name: 'succeeds after two throttles',
      outcomes: [throttled(1), sts('NetworkError', 0), 'ok'],
      max: 8,
      value: 'ok on attempt 3',
      delays: [150, 300],
    },
    {
      name: 'succeeds on the last allowed attempt',
      outcomes: [throttled(1), throttled(2), 'ok'],
      max: 3,
      value: 'ok on attempt 3',
      delays: [150, 300],
    },
  ])('$name', async ({ outcomes, max, value, delays }) => {
    expect(await run(outcomes, max)).toMatchObject({ value, error: undefined, delays });
  });

  test.each([
    {
      name: 'gives up after maxAttempts with the last error',
      outcomes: [throttled(1), throttled(2), throttled(3), 'ok'],
      max: 3,
      error: 'throttled 3',
      delays: [150, 300],
    },
    {
      name: 'a permanent error is thrown at once',
      outcomes: [sts('AccessDenied', 403, 'denied'), 'ok'],
      max: 8,
      error: 'denied',
      delays: [],
    },
    {
      name: 'a permanent error after a retry',
      outcomes: [throttled(1), sts('ValidationError', 400, 'bad'), 'ok'],
      max: 8,
      error: 'bad',
      delays: [150],
    },
    {
      name: 'maxAttempts 1 (disable-retry) never waits',
      outcomes: [throttled(1), 'ok'],
      max: 1,
      error: 'throttled 1',
      delays: [],
    },
  ])('$name', async ({ outcomes, max, error, delays }) => {
    const outcome = await run(outcomes, max);
    expect(outcome.value).toBeUndefined();
    expect((outcome.error as StsCallError).awsMessage).toBe(error);
    expect(outcome.delays).toEqual(delays);
  });

  test('onRetry sees each retried error with its delay', async () => {
    expect((await run([throttled(1), sts('InternalFailure', 500), 'ok'], 8)).retried).toEqual([
      'Throttling#1:150',
      'InternalFailure#2:300',
    ]);
  });

  test('a long outage waits at most the cap between attempts', async () => {
    const outcome = await run(
      Array.from({ length: 10 }, (_, i) => throttled(i + 1)),
      10,
    );
    expect(outcome.delays).toEqual([150, 300, 600, 1200, 2400, 3750, 3750, 3750, 3750]);
    expect((outcome.error as StsCallError).awsMessage).toBe('throttled 10');
  });
});

test('each attempt sees what made the previous one fail (a token retry fetches a fresh token)', async () => {
  const seen: unknown[] = [];
  const first = new StsCallError(
    'AssumeRoleWithWebIdentity',
    'IDPCommunicationError',
    'try again',
    400,
  );
  const result = await withRetry(
    async (attempt, previousError) => {
      seen.push(previousError);
      if (attempt === 1) throw first;
      return 'ok';
    },
    { maxAttempts: 3, isRetryable: () => true, sleep: async () => undefined, random: () => 0 },
  );
  expect(result).toBe('ok');
  expect(seen).toEqual([undefined, first]);
});
