// What the fault-injection suites share (faults.test.ts, faults-defaults.test.ts): the retry
// contract's bounds, the permanent STS errors, the four credential sources, and runCase, which
// prepares a source, injects the faults, runs the bundled step and leak-checks it. Split from one
// file so that two jest workers can share the fault suites (CONTRIBUTING.md, "Test timing").
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unescapeCommandData } from './file-commands.js';
import type { OidcFaults, OidcRequest } from './oidc-server.js';
import { createJob, runStep, type Job, type StepResult } from './runner.js';
import type { FaultRule } from './sts-proxy.js';
import {
  STORED_KEYS,
  expectNoLeaks,
  oidcEnv,
  resetStack,
  startStack,
  stopStack,
  stsInputs,
  type Stack,
} from './stack.js';

export const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
export const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';

// The retry contract (action.yml, README "Retries"): capped exponential backoff with equal
// jitter, base 200 ms, cap 5 s; the wait before retry k is in [c/2, c], c = min(cap, base·2^(k-1)).
export const BASE_MS = 200;
export const CAP_MS = 5_000;
export const DEFAULT_ATTEMPTS = 8;
export const DEFAULT_ATTEMPT_TIMEOUT_S = 10;
/**
 * Node start-up, bundle load and the final successful call, with room for a busy 2-core box:
 * with two whole test runs at once on 2 cores, a step that stops at a 2 s action-timeout-s took
 * 6.4-6.8 s from spawn to exit. Each bound stays below what it rules out (the 8 s first-call
 * delay, the 60 s hang), and the attempt counts prove that no request left after a deadline.
 */
export const SLACK_MS = 6_000;

export const ceilingMs = (retry: number): number => Math.min(CAP_MS, BASE_MS * 2 ** (retry - 1));
/** Longest total wait between `attempts` attempts. */
export function maxBackoffMs(attempts: number): number {
  let total = 0;
  for (let k = 1; k < attempts; k++) total += ceilingMs(k);
  return total;
}
/** Upper bound for a step whose every attempt may use its whole attempt timeout. */
export const boundMs = (attempts: number, attemptTimeoutS: number): number =>
  maxBackoffMs(attempts) + attempts * attemptTimeoutS * 1000 + SLACK_MS;

/** Realistic STS error documents for the permanent failures. */
export type Operation = 'AssumeRole' | 'AssumeRoleWithWebIdentity';
export interface PermanentError {
  code: string;
  status: number;
  message: (op: Operation, caller: string) => string;
  /** Sources that retry it with a fresh token, as AWS advises (diagnostics.test.ts covers them). */
  retriedBy?: string[];
}
export const PERMANENT: PermanentError[] = [
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
export interface Prepared {
  inputs: Record<string, string>;
  env: Record<string, string>;
  extraSecrets: string[];
}
export interface SourceCase {
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

export const SOURCES: SourceCase[] = [
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
export const byName = (name: string): SourceCase =>
  SOURCES.find((s) => s.name === name) as SourceCase;

interface Row {
  fault: string;
  source: string;
  outcome: string;
  attempts: number;
  ms: number;
}
const rows: Row[] = [];

/** The stack every case runs against; a live binding, set by useFaultStack's beforeAll. */
export let stack: Stack;

/**
 * Starts the stack before the file's tests and stops it after, printing the file's fault →
 * outcome table; resets it before each test. Call once, at the top of a test file.
 */
export function useFaultStack(): void {
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
}

export interface CaseOptions {
  faults?: FaultRule[];
  oidcFaults?: OidcFaults;
  inputs?: Record<string, string>;
  debug?: boolean;
  /** Replaces sts-endpoint for the step under test only. */
  endpoint?: string;
}
export interface CaseResult {
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
export async function runCase(source: SourceCase, opts: CaseOptions = {}): Promise<CaseResult> {
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

export function record(
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
export function retryLines(log: string): { code: string; n: number; of: number; delay: number }[] {
  return [...log.matchAll(/^\S+ \S+: (\S+); retry (\d+) of (\d+) in (\d+) ms\r?$/gm)].map((m) => ({
    code: m[1] ?? '',
    n: Number(m[2]),
    of: Number(m[3]),
    delay: Number(m[4]),
  }));
}

export function expectSuccess(r: CaseResult): void {
  expect(r.errorText).toBe('');
  expect(r.step.exitCode).toBe(0);
  expect(r.step.outputs['aws-account-id']).toBe('222222222222');
  expect(r.step.env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA/);
}

/** Failed, and nothing reached later steps: no env, no outputs, no state to undo. */
export function expectNothingExported(r: CaseResult): void {
  expect(r.step.exitCode).not.toBe(0);
  expect(r.errorText).not.toBe('');
  expect(r.step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  expect(r.step.env).toEqual({});
  expect(r.step.outputs).toEqual({});
}

/** The post step after a failed main: exits 0, no error or warning, changes nothing. */
export async function expectCleanPost(job: Job, debug = false): Promise<void> {
  const post = await runStep({ entry: 'post', job, env: debug ? { RUNNER_DEBUG: '1' } : {} });
  expect(post.exitCode).toBe(0);
  expect(post.log).not.toMatch(/^::(error|warning)::/m);
  expect(post.env).toEqual({});
  job.cleanup();
}

/** No stack trace outside ::debug:: lines (the runner shows those only with RUNNER_DEBUG). */
export function expectNoStackTrace(log: string): void {
  const visible = log
    .split('\n')
    .filter((l) => !l.startsWith('::debug::'))
    .map(unescapeCommandData)
    .join('\n');
  expect(visible).not.toMatch(/^\s+at \S.*(\(|:\d+:\d+)/m);
  expect(visible).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError):/);
}

/** The caller identity STS would name in an AccessDenied for AssumeRole from this source. */
export function callerFor(source: SourceCase): string {
  return source.name === 'role-chaining'
    ? 'arn:aws:sts::111111111111:assumed-role/gateway/GitHubActions'
    : 'arn:aws:iam::123456789012:user/moto';
}
