// Fault injection end to end, per credential source: the bundled action against STS (moto behind
// the recording proxy) while it throttles, fails, hangs, resets or refuses. Transient faults are
// retried and succeed, STS being down fails within a bound computed from the backoff parameters,
// permanent errors fail on the first attempt, and action-timeout-s stops the step. Every run is
// leak-checked and the post step must run cleanly. faults-defaults.test.ts has the default retry
// settings, the OIDC token endpoint's faults and the RUNNER_DEBUG=1 cases (split so that two jest
// workers share them). afterAll prints a fault → outcome/attempts/time table for the README.
import { jest } from '@jest/globals';
import { freePort } from './harness/moto.js';
import {
  boundMs,
  callerFor,
  ceilingMs,
  DEFAULT_ATTEMPTS,
  expectCleanPost,
  expectNoStackTrace,
  expectNothingExported,
  expectSuccess,
  maxBackoffMs,
  PERMANENT,
  record,
  retryLines,
  runCase,
  SLACK_MS,
  SOURCES,
  stack,
  useFaultStack,
} from './harness/faults.js';

jest.setTimeout(90_000);
useFaultStack();

describe.each(SOURCES.map((s) => [s.name, s] as const))('%s', (name, source) => {
  test('throttled twice: retried with backoff (default retry settings), third attempt succeeds', async () => {
    const r = await runCase(source, { faults: [{ times: 2, fault: { kind: 'throttle' } }] });
    record('Throttling ×2', name, r);
    expectSuccess(r);
    const calls = stack.proxy.records().filter((c) => c.action === source.operation);
    expect(calls.slice(-3).map((c) => [c.action, c.status, c.fault])).toEqual([
      [source.operation, 400, 'throttle'],
      [source.operation, 400, 'throttle'],
      [source.operation, 200, undefined],
    ]);
    expect(r.attempts).toBe(3);
    const lines = retryLines(r.step.log);
    expect(lines.map((l) => [l.code, l.n, l.of])).toEqual([
      ['Throttling', 1, DEFAULT_ATTEMPTS - 1],
      ['Throttling', 2, DEFAULT_ATTEMPTS - 1],
    ]);
    lines.forEach((l) => {
      expect(l.delay).toBeGreaterThanOrEqual(ceilingMs(l.n) / 2);
      expect(l.delay).toBeLessThanOrEqual(ceilingMs(l.n));
    });
    r.job.cleanup();
  });

  test('HTTP 503 twice: retried, third attempt succeeds', async () => {
    const r = await runCase(source, {
      faults: [{ times: 2, fault: { kind: 'status', status: 503 } }],
    });
    record('HTTP 503 ×2', name, r);
    expectSuccess(r);
    expect(r.attempts).toBe(3);
    expect(retryLines(r.step.log).map((l) => l.code)).toEqual([
      'ServiceUnavailable',
      'ServiceUnavailable',
    ]);
    r.job.cleanup();
  });

  test('STS down (503 forever), retry-max-attempts 3: fails within the bound, names the endpoint', async () => {
    const r = await runCase(source, {
      faults: [{ fault: { kind: 'status', status: 503 } }],
      inputs: { 'retry-max-attempts': '3', 'attempt-timeout-s': '2' },
    });
    record('STS down: 503 forever (max 3)', name, r, r.attempts, 'ServiceUnavailable');
    expectNothingExported(r);
    expect(r.attempts).toBe(3);
    expect(r.step.durationMs).toBeLessThan(boundMs(3, 2));
    expect(r.errorText).toContain('ServiceUnavailable');
    expect(r.errorText).toContain(stack.proxy.url);
    expect(r.errorText).toContain(source.operation);
    expectNoStackTrace(r.step.log);
    await expectCleanPost(r.job);
  });

  test('STS down (closed port), retry-max-attempts 3: fails within the bound, names the endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const r = await runCase(source, {
      endpoint,
      inputs: { 'retry-max-attempts': '3', 'attempt-timeout-s': '2' },
    });
    const attempts = retryLines(r.step.log).length + 1;
    record('STS down: closed port (max 3)', name, r, attempts, 'ECONNREFUSED');
    expectNothingExported(r);
    expect(r.attempts).toBe(0);
    expect(attempts).toBe(3);
    expect(r.step.durationMs).toBeLessThan(boundMs(3, 2));
    expect(r.errorText).toContain(endpoint);
    expect(r.errorText).toMatch(/ECONNREFUSED/);
    expectNoStackTrace(r.step.log);
    await expectCleanPost(r.job);
  });

  test('connection reset on the first call: retried, succeeds', async () => {
    const r = await runCase(source, { faults: [{ times: 1, fault: { kind: 'reset' } }] });
    record('connection reset ×1', name, r);
    expectSuccess(r);
    expect(r.attempts).toBe(2);
    expect(retryLines(r.step.log)).toHaveLength(1);
    r.job.cleanup();
  });

  test('first call hangs past attempt-timeout-s 1: abandoned, retried, succeeds within the bound', async () => {
    const r = await runCase(source, {
      faults: [{ times: 1, fault: { kind: 'delay', ms: 8_000 } }],
      inputs: { 'attempt-timeout-s': '1' },
    });
    record('delay 8 s ×1 (attempt-timeout-s 1)', name, r);
    expectSuccess(r);
    expect(r.attempts).toBe(2);
    expect(retryLines(r.step.log).map((l) => l.code)).toEqual(['TimeoutError']);
    // One abandoned attempt (1 s), one backoff, one quick success: far below the 8 s delay.
    expect(r.step.durationMs).toBeLessThan(1_000 + maxBackoffMs(2) + SLACK_MS);
    r.job.cleanup();
  });

  test.each(
    PERMANENT.filter((p) => !(p.retriedBy ?? []).includes(name)).map((p) => [p.code, p] as const),
  )('permanent %s: one attempt, fails fast, nothing exported', async (code, p) => {
    // The message names this source's caller, as STS would.
    const r = await runCase(source, {
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
    record(`${code} (${p.status})`, name, r, r.attempts, code);
    expectNothingExported(r);
    expect(r.attempts).toBe(1);
    expect(retryLines(r.step.log)).toEqual([]);
    // Fails fast: within start-up slack, where a retrying action would take tens of seconds.
    expect(r.step.durationMs).toBeLessThan(SLACK_MS);
    expect(r.errorText).toContain(code);
    expectNoStackTrace(r.step.log);
    r.job.cleanup();
  });

  test('action-timeout-s 2 while STS hangs: stopped at the bound, nothing exported, post clean', async () => {
    const r = await runCase(source, {
      faults: [{ fault: { kind: 'delay', ms: 60_000 } }],
      inputs: { 'action-timeout-s': '2' },
    });
    record('STS hangs (action-timeout-s 2)', name, r);
    expectNothingExported(r);
    expect(r.errorText).toContain('action-timeout-s');
    expect(r.step.durationMs).toBeLessThan(2_000 + SLACK_MS);
    expect(r.attempts).toBe(1);
    expectNoStackTrace(r.step.log);
    await expectCleanPost(r.job);
  });
});
