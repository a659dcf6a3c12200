// Fault injection end to end, continued from faults.test.ts (split so that two jest workers share
// them): STS down under the default retry settings, the GitHub OIDC token endpoint's faults, and
// the same faults with RUNNER_DEBUG=1, whose debug output must not carry a secret either. Every
// run is leak-checked. afterAll prints a fault → outcome/attempts/time table for the README.
import { jest } from '@jest/globals';
import { freePort } from './harness/moto.js';
import {
  boundMs,
  byName,
  callerFor,
  ceilingMs,
  DEFAULT_ATTEMPT_TIMEOUT_S,
  DEFAULT_ATTEMPTS,
  expectCleanPost,
  expectNoStackTrace,
  expectNothingExported,
  expectSuccess,
  PERMANENT,
  record,
  retryLines,
  runCase,
  SLACK_MS,
  SOURCES,
  stack,
  useFaultStack,
  type PermanentError,
} from './harness/faults.js';

jest.setTimeout(90_000);
useFaultStack();

describe('retry defaults (retry-max-attempts 8, attempt-timeout-s 10)', () => {
  test('STS down with no retry inputs: exactly 8 attempts, waits follow the backoff schedule', async () => {
    const r = await runCase(byName('OIDC'), {
      faults: [{ fault: { kind: 'status', status: 503 } }],
    });
    record('STS down: 503 forever (defaults)', 'OIDC', r, r.attempts, 'ServiceUnavailable');
    expectNothingExported(r);
    expect(r.attempts).toBe(DEFAULT_ATTEMPTS);
    const lines = retryLines(r.step.log);
    expect(lines.map((l) => l.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines.every((l) => l.of === DEFAULT_ATTEMPTS - 1)).toBe(true);
    lines.forEach((l) => {
      expect(l.delay).toBeGreaterThanOrEqual(ceilingMs(l.n) / 2);
      expect(l.delay).toBeLessThanOrEqual(ceilingMs(l.n));
    });
    expect(r.errorText).toContain(stack.proxy.url);
    expect(r.step.durationMs).toBeLessThan(boundMs(DEFAULT_ATTEMPTS, DEFAULT_ATTEMPT_TIMEOUT_S));
    await expectCleanPost(r.job);
  });

  test('action-timeout-s 2 while STS is down: stops retrying at the deadline', async () => {
    const r = await runCase(byName('OIDC'), {
      faults: [{ fault: { kind: 'status', status: 503 } }],
      inputs: { 'action-timeout-s': '2' },
    });
    record('STS down: 503 forever (action-timeout-s 2)', 'OIDC', r);
    expectNothingExported(r);
    expect(r.errorText).toContain('action-timeout-s');
    expect(r.step.durationMs).toBeLessThan(2_000 + SLACK_MS);
    // Attempt 6 cannot start before 100+200+400+800+1600 ms = 3.1 s of backoff (the minimum
    // of equal jitter), so a run that stops at the 2 s deadline makes at most 5 attempts.
    // More means requests were still sent after the deadline.
    expect(r.attempts).toBeLessThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      stack.proxy.records().filter((c) => c.action === 'AssumeRoleWithWebIdentity'),
    ).toHaveLength(r.attempts);
    await expectCleanPost(r.job);
  });
});

describe('GitHub OIDC token endpoint faults', () => {
  const oidc = () => byName('OIDC');

  test('HTTP 500 twice, then a token: retried, succeeds', async () => {
    const r = await runCase(oidc(), { oidcFaults: { failFirst: 2 } });
    record('OIDC endpoint 500 ×2', 'OIDC', r, r.oidcRequests.length);
    expectSuccess(r);
    expect(r.oidcRequests.map((q) => q.status)).toEqual([500, 500, 200]);
    expect(r.attempts).toBe(1);
    r.job.cleanup();
  });

  test('malformed JSON: clear error about the token endpoint, no stack trace, no STS call', async () => {
    const r = await runCase(oidc(), { oidcFaults: { malformed: true } });
    record('OIDC endpoint malformed JSON', 'OIDC', r, r.oidcRequests.length, 'not JSON');
    expectNothingExported(r);
    expect(r.errorText).toMatch(/OIDC token endpoint/);
    expect(r.errorText).toMatch(/not JSON/);
    expectNoStackTrace(r.step.log);
    // Stack traces belong in debug lines only (shown when the job runs with debug logging).
    const visible = r.step.log.split('\n').filter((line) => !line.startsWith('::debug::'));
    expect(visible.join('\n')).not.toMatch(/%0A\s+at /);
    expect(stack.proxy.records()).toHaveLength(0);
    await expectCleanPost(r.job);
  });

  test('HTTP 401: the error says the job needs id-token: write; no STS call', async () => {
    const r = await runCase(oidc(), { oidcFaults: { unauthorized: true } });
    record('OIDC endpoint 401', 'OIDC', r, r.oidcRequests.length, 'HTTP 401');
    expectNothingExported(r);
    expect(r.errorText).toContain('id-token: write');
    expect(r.errorText).toContain('401');
    // A refusal is not retried.
    expect(r.oidcRequests.map((q) => q.status)).toEqual([401]);
    expect(stack.proxy.records()).toHaveLength(0);
    expectNoStackTrace(r.step.log);
    await expectCleanPost(r.job);
  });
});

describe('GitHub OIDC token endpoint faults under action-timeout-s', () => {
  // core.getIDToken takes no abort signal, waits up to 3 minutes for a silent socket and retries
  // 502/503/504 itself for about 10 s: the step must still end at the action's deadline.
  test.each([
    ['never answers', { hang: true }],
    ['answers 503 forever', { unavailable: true }],
  ] as const)(
    'endpoint %s: the step ends at the deadline, nothing exported',
    async (_name, fault) => {
      const r = await runCase(byName('OIDC'), {
        oidcFaults: fault,
        inputs: { 'action-timeout-s': '2' },
      });
      expectNothingExported(r);
      expect(r.errorText).toContain('action-timeout-s');
      expect(r.errorText).not.toContain('id-token: write');
      expect(r.oidcRequests.length).toBeGreaterThan(0);
      expect(stack.proxy.records()).toHaveLength(0);
      await expectCleanPost(r.job);
    },
  );
});

// The same faults with RUNNER_DEBUG=1: debug output (attempt lines, stack traces) must not
// carry a secret before its ::add-mask:: line either. runCase leak-checks every run.
describe('with RUNNER_DEBUG=1', () => {
  test.each(SOURCES.map((s) => [s.name, s] as const))(
    '%s: throttled twice, then success',
    async (name, source) => {
      const r = await runCase(source, {
        debug: true,
        faults: [{ times: 2, fault: { kind: 'throttle' } }],
      });
      record('Throttling ×2 (RUNNER_DEBUG)', name, r);
      expectSuccess(r);
      expect(r.attempts).toBe(3);
      expect(r.step.log).toMatch(/^::debug::/m);
      r.job.cleanup();
    },
  );

  test.each([
    ['OIDC', 'AccessDenied'],
    ['stored keys', 'ExpiredToken'],
    ['role-chaining', 'AccessDenied'],
  ])('%s: permanent %s', async (name, code) => {
    const source = byName(name);
    const p = PERMANENT.find((e) => e.code === code) as PermanentError;
    const r = await runCase(source, {
      debug: true,
      faults: [
        {
          fault: {
            kind: 'error',
            status: p.status,
            code,
            message: p.message(source.operation, callerFor(source)),
          },
        },
      ],
    });
    record(`${code} (RUNNER_DEBUG)`, name, r, r.attempts, code);
    expectNothingExported(r);
    expect(r.attempts).toBe(1);
    await expectCleanPost(r.job, true);
  });

  test('token file: action-timeout-s 2 while STS hangs', async () => {
    const r = await runCase(byName('token file'), {
      debug: true,
      faults: [{ fault: { kind: 'delay', ms: 60_000 } }],
      inputs: { 'action-timeout-s': '2' },
    });
    record('STS hangs (action-timeout-s 2, RUNNER_DEBUG)', 'token file', r);
    expectNothingExported(r);
    expect(r.errorText).toContain('action-timeout-s');
    expect(r.step.durationMs).toBeLessThan(2_000 + SLACK_MS);
    await expectCleanPost(r.job, true);
  });

  test('OIDC: malformed token response (stack trace only as debug output)', async () => {
    const r = await runCase(byName('OIDC'), { debug: true, oidcFaults: { malformed: true } });
    record(
      'OIDC endpoint malformed JSON (RUNNER_DEBUG)',
      'OIDC',
      r,
      r.oidcRequests.length,
      'not JSON',
    );
    expectNothingExported(r);
    expect(r.errorText).toMatch(/OIDC token endpoint/);
    expectNoStackTrace(r.step.log);
    await expectCleanPost(r.job, true);
  });

  test('stored keys: STS on a closed port', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const r = await runCase(byName('stored keys'), {
      debug: true,
      endpoint,
      inputs: { 'retry-max-attempts': '3', 'attempt-timeout-s': '2' },
    });
    record(
      'STS down: closed port (RUNNER_DEBUG)',
      'stored keys',
      r,
      retryLines(r.step.log).length + 1,
      'ECONNREFUSED',
    );
    expectNothingExported(r);
    expect(r.errorText).toContain(endpoint);
    await expectCleanPost(r.job, true);
  });
});
