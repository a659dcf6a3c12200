// Load: 50 concurrent runs of the bundled action (GitHub OIDC source) against one emulator
// stack whose proxy throttles above 20 requests per second, spread over three target accounts.
// Every run must succeed, through the action's own retries, with its own account's session:
// outputs and exported keys are checked for all 50, and a real AWS CLI call for one per account.
// Prints p50/p95 step time (a 2-core machine runs 50 node processes at once here).
import { jest } from '@jest/globals';
import { startMoto } from './harness/moto.js';
import { startOidcServer } from './harness/oidc-server.js';
import { runStep, type StepResult } from './harness/runner.js';
import {
  callerIdentity,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  stopStack,
  stsInputs,
  type Stack,
} from './harness/stack.js';
import { startStsProxy } from './harness/sts-proxy.js';

jest.setTimeout(90_000);

const RUNS = 50;
const RATE_LIMIT_PER_SECOND = 20;
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const accountOf = (i: number): string => ACCOUNTS[i % ACCOUNTS.length] as string;
const roleOf = (i: number): string => `arn:aws:iam::${accountOf(i)}:role/deploy`;

let stack: Stack | undefined;

beforeAll(async () => {
  const [moto, oidc] = await Promise.all([startMoto(), startOidcServer()]);
  const proxy = await startStsProxy(moto.url, {
    rateLimit: { perSecond: RATE_LIMIT_PER_SECOND },
  });
  stack = { moto, proxy, oidc };
}, 30_000);
afterAll(() => stopStack(stack));

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

test(`${RUNS} concurrent OIDC runs into ${ACCOUNTS.length} accounts, STS throttled above ${RATE_LIMIT_PER_SECOND}/s`, async () => {
  const s = stack as Stack;
  const started = Date.now();
  // All at once (concurrency 50): each run is its own job with its own files.
  const steps: StepResult[] = await Promise.all(
    Array.from({ length: RUNS }, (_, i) =>
      runStep({
        entry: 'main',
        env: oidcEnv(s),
        inputs: {
          ...stsInputs(s),
          'role-to-assume': roleOf(i),
          'role-session-name': `load-${i}`,
        },
        timeoutMs: 120_000,
      }),
    ),
  );
  const wallMs = Date.now() - started;

  const failed = steps
    .map((step, i) => ({ i, step }))
    .filter(({ step }) => step.exitCode !== 0 || step.timedOut);
  expect(
    failed.map(({ i, step }) => `run ${i}: exit ${step.exitCode}: ${step.log.slice(-600)}`),
  ).toEqual([]);

  // Which role each issued key belongs to, from STS's answers as the proxy saw them.
  const records = s.proxy.records();
  const roleOfKey = new Map(
    records
      .filter((r) => r.status === 200 && r.issuedAccessKeyId)
      .map((r) => [r.issuedAccessKeyId as string, r.params['RoleArn']]),
  );
  steps.forEach((step, i) => {
    const account = accountOf(i);
    expect(step.outputs['aws-account-id']).toBe(account);
    expect(step.outputs['aws-assumed-role-arn']).toBe(
      `arn:aws:sts::${account}:assumed-role/deploy/load-${i}`,
    );
    const keyId = step.env['AWS_ACCESS_KEY_ID'] ?? '';
    expect(keyId).toMatch(/^ASIA/);
    expect(roleOfKey.get(keyId)).toBe(roleOf(i));
    expect(step.env['AWS_SECRET_ACCESS_KEY']).toBeTruthy();
    expect(step.env['AWS_SESSION_TOKEN']).toBeTruthy();
    expectNoLeaks(step, s);
  });
  // 50 distinct sessions: no run got another run's credentials.
  expect(new Set(steps.map((st) => st.env['AWS_ACCESS_KEY_ID'])).size).toBe(RUNS);

  // The limiter did bite, and every request the action made was a web-identity call.
  const calls = records.filter((r) => r.action === 'AssumeRoleWithWebIdentity');
  const throttled = calls.filter((r) => r.fault === 'rate-limit').length;
  expect(calls).toHaveLength(records.length);
  expect(calls.filter((r) => r.status === 200)).toHaveLength(RUNS);
  expect(calls.length).toBe(RUNS + throttled);

  // A real client with the exported keys, one run per account.
  for (const i of [0, 1, 2]) {
    const cli = await callerIdentity(s, laterStepEnv(steps[i]?.env ?? {}));
    expect(cli.exitCode).toBe(0);
    expect(cli.json).toMatchObject({
      Account: accountOf(i),
      Arn: `arn:aws:sts::${accountOf(i)}:assumed-role/deploy/load-${i}`,
    });
  }

  const times = steps.map((st) => st.durationMs).sort((a, b) => a - b);
  const retried = steps.filter((st) => / retry \d+ of \d+ in \d+ ms/.test(st.log)).length;
  console.log(
    [
      `load: ${RUNS} concurrent runs, ${ACCOUNTS.length} accounts, proxy limit ${RATE_LIMIT_PER_SECOND} req/s`,
      `  step time p50 ${(percentile(times, 50) / 1000).toFixed(2)} s, p95 ${(percentile(times, 95) / 1000).toFixed(2)} s, max ${((times.at(-1) ?? 0) / 1000).toFixed(2)} s; wall ${(wallMs / 1000).toFixed(2)} s`,
      `  STS requests ${calls.length} (${throttled} throttled by the limiter); runs that retried: ${retried}`,
    ].join('\n'),
  );
});
