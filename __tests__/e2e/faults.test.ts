// Fault injection end to end: the bundled action against STS (moto behind the recording
// proxy) and the OIDC stand-in while they throttle, fail, hang, reset or refuse. For each
// credential source: transient faults are retried and succeed, STS being down fails within a
// bound computed from the backoff parameters, permanent errors fail on the first attempt, and
// action-timeout-s stops the step. Every run is leak-checked and the post step must run cleanly.
// afterAll prints a fault → outcome/attempts/time table for the README.
import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unescapeCommandData } from './harness/file-commands.js';
import { freePort } from './harness/moto.js';
import type { OidcFaults, OidcRequest } from './harness/oidc-server.js';
import { createJob, runStep, type Job, type StepResult } from './harness/runner.js';
import type { FaultRule } from './harness/sts-proxy.js';
import {
  STORED_KEYS,
  expectNoLeaks,
  oidcEnv,
  resetStack,
  startStack,
  stopStack,
  stsInputs,
  type Stack,
} from './harness/stack.js';

jest.setTimeout(90_000);

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';

// The retry contract (action.yml, README "Retries"): capped exponential backoff with equal
// jitter, base 200 ms, cap 5 s; the wait before retry k is in [c/2, c], c = min(cap, base·2^(k-1)).
const BASE_MS = 200;
const CAP_MS = 5_000;
const DEFAULT_ATTEMPTS = 8;
const DEFAULT_ATTEMPT_TIMEOUT_S = 10;
/**
 * Node start-up, bundle load and the final successful call, with room for a busy 2-core box:
 * with two whole test runs at once on 2 cores, a step that stops at a 2 s action-timeout-s took
 * 6.4-6.8 s from spawn to exit. Each bound stays below what it rules out (the 8 s first-call
 * delay, the 60 s hang), and the attempt counts prove that no request left after a deadline.
 */
const SLACK_MS = 6_000;

const ceilingMs = (retry: number): number => Math.min(CAP_MS, BASE_MS * 2 ** (retry - 1));
/** Longest total wait between `attempts` attempts. */
function maxBackoffMs(attempts: number): number {
  let total = 0;
  for (let k = 1; k < attempts; k++) total += ceilingMs(k);
  return total;
}
/** Upper bound for a step whose every attempt may use its whole attempt timeout. */
const boundMs = (attempts: number, attemptTimeoutS: number): number =>
  maxBackoffMs(attempts) + attempts * attemptTimeoutS * 1000 + SLACK_MS;

/** Realistic STS error documents for the permanent failures. */
type Operation = 'AssumeRole' | 'AssumeRoleWithWebIdentity';
interface PermanentError {
  code: string;
  status: number;
  message: (op: Operation, caller: string) => string;
  /** Sources that retry it with a fresh token, as AWS advises (diagnostics.test.ts covers them). */
  retriedBy?: string[];
}
const PERMANENT: PermanentError[] = [
  {
    code: 'AccessDenied',
    status: 403,
    message: (op, caller) =>
      op === 'AssumeRole'
        ? `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`
        : 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  },
  {
    code: 'ValidationError',
    status: 400,
    message: () =>
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  },
  { code: 'MalformedPolicyDocument', status: 400, message: () => 'Syntax errors in policy.' },
  {
    code: 'ExpiredToken',
    status: 400,
    message: (op) =>
      op === 'AssumeRole'
        ? 'The security token included in the request is expired'
        : 'Token expired: current date/time 1795403577 must be before the expiration date/time 1795403277',
    retriedBy: ['OIDC'],
  },
  {
    code: 'RegionDisabledException',
    status: 403,
    message: () =>
      'STS is not activated in this region for account:222222222222. Your account administrator ' +
      'can activate STS in this region using the IAM Console.',
  },
];

/** What one source needs in the step under test. */
interface Prepared {
  inputs: Record<string, string>;
  env: Record<string, string>;
  extraSecrets: string[];
}
interface SourceCase {
  name: string;
  operation: Operation;
  /** Sets the job up (runs earlier steps for role chaining) before any fault is injected. */
  prepare(job: Job, debugEnv: Record<string, string>): Promise<Prepared>;
}

/** A token shaped like an EKS/Kubernetes projected service-account token (header.claims.sig). */
function jwtLookingToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: 'RS256', kid: randomBytes(8).toString('hex') }),
    part({
      iss: 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      sub: 'system:serviceaccount:ci:deployer',
      aud: ['sts.amazonaws.com'],
      iat: now,
      exp: now + 3600,
    }),
    randomBytes(64).toString('base64url'),
  ].join('.');
}

const SOURCES: SourceCase[] = [
  {
    name: 'OIDC',
    operation: 'AssumeRoleWithWebIdentity',
    prepare: async () => ({
      inputs: { 'role-to-assume': DEPLOY },
      env: oidcEnv(stack),
      extraSecrets: [],
    }),
  },
  {
    name: 'stored keys',
    operation: 'AssumeRole',
    prepare: async () => ({
      inputs: { ...STORED_KEYS, 'role-to-assume': DEPLOY },
      env: {},
      extraSecrets: Object.values(STORED_KEYS),
    }),
  },
  {
    name: 'token file',
    operation: 'AssumeRoleWithWebIdentity',
    prepare: async (job) => {
      const token = jwtLookingToken();
      writeFileSync(join(job.workspace, 'token.jwt'), token, { mode: 0o600 });
      return {
        inputs: { 'web-identity-token-file': 'token.jwt', 'role-to-assume': DEPLOY },
        env: {},
        extraSecrets: [token],
      };
    },
  },
  {
    name: 'role-chaining',
    operation: 'AssumeRole',
    prepare: async (job, debugEnv) => {
      // Step 1 (no faults yet): OIDC into the gateway role, exported into the job's env.
      const first = await runStep({
        entry: 'main',
        job,
        env: { ...oidcEnv(stack), ...debugEnv },
        inputs: { ...stsInputs(stack), 'role-to-assume': GATEWAY },
      });
      expect(first.exitCode).toBe(0);
      expect(job.env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA/);
      return {
        inputs: { 'role-to-assume': DEPLOY, 'role-chaining': 'true' },
        env: {},
        extraSecrets: [],
      };
    },
  },
];
const byName = (name: string): SourceCase => SOURCES.find((s) => s.name === name) as SourceCase;

interface Row {
  fault: string;
  source: string;
  outcome: string;
  attempts: number;
  ms: number;
}
const rows: Row[] = [];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 30_000);
afterAll(async () => {
  await stopStack(stack);
  if (rows.length === 0) return;
  const head: Row = { fault: 'fault', source: 'source', outcome: 'outcome', attempts: 0, ms: 0 };
  const w = {
    fault: Math.max(...[head, ...rows].map((r) => r.fault.length)),
    source: Math.max(...[head, ...rows].map((r) => r.source.length)),
    outcome: Math.max(...[head, ...rows].map((r) => r.outcome.length)),
  };
  const line = (f: string, s: string, o: string, a: string, t: string) =>
    `| ${f.padEnd(w.fault)} | ${s.padEnd(w.source)} | ${o.padEnd(w.outcome)} | ${a.padStart(8)} | ${t.padStart(8)} |`;
  console.log(
    [
      'Measured fault outcomes (attempts = requests to the failing endpoint; time = whole main step)',
      line('fault', 'source', 'outcome', 'attempts', 'time'),
      line(
        '-'.repeat(w.fault),
        '-'.repeat(w.source),
        '-'.repeat(w.outcome),
        '-------:',
        '-------:',
      ),
      ...rows.map((r) =>
        line(r.fault, r.source, r.outcome, String(r.attempts), `${(r.ms / 1000).toFixed(2)} s`),
      ),
    ].join('\n'),
  );
});
beforeEach(() => resetStack(stack));

interface CaseOptions {
  faults?: FaultRule[];
  oidcFaults?: OidcFaults;
  inputs?: Record<string, string>;
  debug?: boolean;
  /** Replaces sts-endpoint for the step under test only. */
  endpoint?: string;
}
interface CaseResult {
  step: StepResult;
  job: Job;
  prepared: Prepared;
  /** Requests of the source's operation that reached the proxy in the step under test. */
  attempts: number;
  /** Requests to the OIDC token endpoint in the step under test. */
  oidcRequests: OidcRequest[];
  /** The text of the step's ::error:: annotations, unescaped. */
  errorText: string;
}

/** Prepares the source, injects the faults, runs the step under test and leak-checks it. */
async function runCase(source: SourceCase, opts: CaseOptions = {}): Promise<CaseResult> {
  const debugEnv: Record<string, string> = opts.debug ? { RUNNER_DEBUG: '1' } : {};
  const job = createJob();
  const prepared = await source.prepare(job, debugEnv);
  const mark = stack.proxy.records().length;
  const oidcMark = stack.oidc.requests().length;
  for (const rule of opts.faults ?? []) stack.proxy.inject({ action: source.operation, ...rule });
  if (opts.oidcFaults) stack.oidc.setFaults(opts.oidcFaults);
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...prepared.env, ...debugEnv },
    inputs: {
      ...stsInputs(stack),
      ...(opts.endpoint ? { 'sts-endpoint': opts.endpoint } : {}),
      ...prepared.inputs,
      ...opts.inputs,
    },
    timeoutMs: 120_000,
  });
  expect(step.timedOut).toBe(false);
  expectNoLeaks(step, stack, prepared.extraSecrets);
  const attempts = stack.proxy
    .records()
    .slice(mark)
    .filter((r) => r.action === source.operation).length;
  const errorText = step.log
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .map((l) => unescapeCommandData(l.slice('::error::'.length)))
    .join('\n');
  const oidcRequests = stack.oidc.requests().slice(oidcMark);
  return { step, job, prepared, attempts, oidcRequests, errorText };
}

function record(
  fault: string,
  source: string,
  r: CaseResult,
  attempts = r.attempts,
  code?: string,
): void {
  const outcome =
    r.step.exitCode === 0
      ? 'success'
      : `failed${code ? ` (${code})` : ''}${/action-timeout-s/.test(r.errorText) ? ' (action timeout)' : ''}`;
  rows.push({ fault, source, outcome, attempts, ms: r.step.durationMs });
}

/** Retry lines the action logs: "<Operation> <role>: <Code>; retry N of M in D ms". */
function retryLines(log: string): { code: string; n: number; of: number; delay: number }[] {
  return [...log.matchAll(/^\S+ \S+: (\S+); retry (\d+) of (\d+) in (\d+) ms\r?$/gm)].map((m) => ({
    code: m[1] ?? '',
    n: Number(m[2]),
    of: Number(m[3]),
    delay: Number(m[4]),
  }));
}

function expectSuccess(r: CaseResult): void {
  expect(r.errorText).toBe('');
  expect(r.step.exitCode).toBe(0);
  expect(r.step.outputs['aws-account-id']).toBe('222222222222');
  expect(r.step.env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA/);
}

/** Failed, and nothing reached later steps: no env, no outputs, no state to undo. */
function expectNothingExported(r: CaseResult): void {
  expect(r.step.exitCode).not.toBe(0);
  expect(r.errorText).not.toBe('');
  expect(r.step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(r.step.env).toEqual({});
  expect(r.step.outputs).toEqual({});
}

/** The post step after a failed main: exits 0, no error or warning, changes nothing. */
async function expectCleanPost(job: Job, debug = false): Promise<void> {
  const post = await runStep({ entry: 'post', job, env: debug ? { RUNNER_DEBUG: '1' } : {} });
  expect(post.exitCode).toBe(0);
  expect(post.log).not.toMatch(/^::(error|warning)::/m);
  expect(post.env).toEqual({});
  job.cleanup();
}

/** No stack trace outside ::debug:: lines (the runner shows those only with RUNNER_DEBUG). */
function expectNoStackTrace(log: string): void {
  const visible = log
    .split('\n')
    .filter((l) => !l.startsWith('::debug::'))
    .map(unescapeCommandData)
    .join('\n');
  expect(visible).not.toMatch(/^\s+at \S.*(\(|:\d+:\d+)/m);
  expect(visible).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError):/);
}

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

/** The caller identity STS would name in an AccessDenied for AssumeRole from this source. */
function callerFor(source: SourceCase): string {
  return source.name === 'role-chaining'
    ? 'arn:aws:sts::111111111111:assumed-role/gateway/GitHubActions'
    : 'arn:aws:iam::123456789012:user/moto';
}

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
