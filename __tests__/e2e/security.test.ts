// Findings of the security review, end to end through dist/: a success summary that cannot be
// written never fails a step that exported credentials, a proxy password never prints, secrets
// echoed URL-encoded by an endpoint stay masked, short external IDs are masked, and an odd
// GITHUB_EVENT_PATH can neither print a workflow command nor crash the step. Every failed step
// here is also held to the general rule: a failed step exports no credentials.
import { jest } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { runBounded } from './harness/proc.js';
import { createJob, runStep, type StepResult } from './harness/runner.js';
import { assertNoLeaks } from './harness/leaks.js';
import {
  STORED_KEYS,
  callerIdentity,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  runSecrets,
  stsInputs,
  useStack,
} from './harness/stack.js';
import { collectStep, prepareStep } from '../../scripts/lib/runner.mjs';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

const CREDENTIAL_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
];

/** The general rule: exit code != 0 ⇒ nothing in GITHUB_ENV / GITHUB_OUTPUT carries credentials. */
function expectNoCredentialsExported(step: StepResult): void {
  expect(step.exitCode).not.toBe(0);
  const written = { ...step.env, ...step.outputs };
  for (const name of CREDENTIAL_NAMES) expect(written[name] ?? '').toBe('');
  const issued = runSecrets(stack);
  for (const value of Object.values(written))
    for (const secret of issued) expect(value.includes(secret)).toBe(false);
}

/** Lines of the log that are workflow commands (`::name::` at the start, as the runner reads them). */
const commandLines = (log: string): string[] =>
  log.split(/\r?\n/).filter((line) => /^\s*::[a-z-]+/.test(line));

test.each([
  ['unset', (_dir: string) => undefined],
  ['a directory (unwritable as a file)', (dir: string) => dir],
])(
  'GITHUB_STEP_SUMMARY %s: the step succeeds with a warning naming why, and the credentials work',
  async (_name, summaryPath) => {
    const job = createJob();
    const prepared = prepareStep(job, {
      entry: 'main',
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
    });
    const dir = join(job.root, 'summary-dir');
    mkdirSync(dir);
    const path = summaryPath(dir);
    if (path === undefined) delete prepared.env['GITHUB_STEP_SUMMARY'];
    else prepared.env['GITHUB_STEP_SUMMARY'] = path;
    const run = await runBounded(prepared.cmd, prepared.args, {
      env: prepared.env,
      cwd: prepared.cwd,
      timeoutMs: STEP_TEST_TIMEOUT_MS,
    });
    const step = collectStep(job, prepared, run);
    expectNoLeaks(step, stack);
    expect(step.exitCode).toBe(0);
    expect(step.log).not.toContain('::error::');
    expect(step.log).toMatch(
      /::warning::The step summary was not written \(credentials are exported\): .*(GITHUB_STEP_SUMMARY|EISDIR.*summary-dir)/,
    );
    const cli = await callerIdentity(stack, laterStepEnv(job.env));
    expect(cli.json).toMatchObject({ Account: '222222222222' });
  },
);

describe('a proxy password never prints', () => {
  const PASSWORD = 'proxyPass123';

  test.each([
    ['HTTPS_PROXY', { HTTPS_PROXY: `user:${PASSWORD}@proxy.corp:3128` }],
    ['HTTP_PROXY', { HTTP_PROXY: `user:${PASSWORD}@proxy.corp:3128` }],
    [
      'HTTPS_PROXY, debug on',
      { HTTPS_PROXY: `user:${PASSWORD}@proxy.corp:3128`, RUNNER_DEBUG: '1' },
    ],
  ])(
    'a %s that is not a URL: the error names the variables and shows ***@host, before any request',
    async (_name, proxyEnv) => {
      const step = await runStep({
        entry: 'main',
        env: { ...oidcEnv(stack), ...proxyEnv },
        inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
      });
      expectNoCredentialsExported(step);
      expect(stack.proxy.records()).toHaveLength(0);
      const error = commandLines(step.log).find((line) => line.startsWith('::error::')) ?? '';
      expect(error).toContain('`http-proxy`');
      expect(error).toContain('HTTPS_PROXY or HTTP_PROXY');
      expect(error).toContain("'***@proxy.corp:3128' is not an http(s) URL");
      // The raw value is masked before anything else, and the password is nowhere unmasked.
      expect(step.masks).toContain(`user:${PASSWORD}@proxy.corp:3128`);
      const withoutMaskLines = step.log
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
      expect(withoutMaskLines).not.toContain(PASSWORD);
      expect(step.summary).not.toContain(PASSWORD);
      // Markdown-escaped in the summary.
      expect(step.summary).toContain('\\*\\*\\*@proxy.corp:3128');
    },
  );

  test('a working proxy URL with a password: the password is masked before any print', async () => {
    const proxyUrl = new URL(stack.proxy.url);
    proxyUrl.username = 'user';
    proxyUrl.password = PASSWORD;
    // A named endpoint: loopback is never proxied (as in @actions/http-client); the recording
    // proxy tunnels `.test` hosts back to itself.
    const step = await runStep({
      entry: 'main',
      env: { ...oidcEnv(stack), HTTPS_PROXY: proxyUrl.toString(), RUNNER_DEBUG: '1' },
      inputs: {
        ...stsInputs(stack),
        'sts-endpoint': 'http://sts.proxied.test/',
        'role-to-assume': DEPLOY,
      },
    });
    expect(step.exitCode).toBe(0);
    expect(stack.proxy.records().map((r) => r.viaProxy)).toEqual([true]);
    expect(step.masks).toContain(PASSWORD);
    expectNoLeaks(step, stack, [PASSWORD]);
  });
});

test('an endpoint that echoes the form body: the external ID never shows, raw or URL-encoded', async () => {
  const externalId = 'ext+id/secret=9';
  const encoded = encodeURIComponent(externalId);
  expect(encoded).toBe('ext%2Bid%2Fsecret%3D9');
  stack.proxy.inject({
    action: 'AssumeRole',
    roleArn: DEPLOY,
    fault: { kind: 'echo-body', status: 403, code: 'AccessDenied' },
  });
  const step = await runStep({
    entry: 'main',
    env: { RUNNER_DEBUG: '1' },
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': DEPLOY,
      'role-external-id': externalId,
    },
  });
  expectNoCredentialsExported(step);
  // The proxy did reflect it: the request carried the encoded external ID.
  expect(stack.proxy.records().find((r) => r.action === 'AssumeRole')?.params['ExternalId']).toBe(
    externalId,
  );
  const error = commandLines(step.log).find((line) => line.startsWith('::error::')) ?? '';
  expect(error).toContain('ExternalId=***');
  assertNoLeaks(step.log, [externalId, encoded]);
  expect(step.summary).not.toContain(externalId);
  expect(step.summary).not.toContain(encoded);
  expect(step.summary).toContain('ExternalId=\\*\\*\\*');
});

test('a retried 5xx whose error code echoes the body: the retry line shows the external ID as ***', async () => {
  const externalId = 'ext+id/secret=9';
  const encoded = encodeURIComponent(externalId);
  stack.proxy.inject({
    action: 'AssumeRole',
    roleArn: DEPLOY,
    fault: { kind: 'echo-body', status: 500, code: 'InternalFailure', inCode: true },
  });
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': DEPLOY,
      'role-external-id': externalId,
      'retry-max-attempts': '2',
    },
  });
  expectNoCredentialsExported(step);
  expect(stack.proxy.records().filter((r) => r.action === 'AssumeRole')).toHaveLength(2);
  const retryLine = step.log.split('\n').find((line) => /retry 1 of 1/.test(line)) ?? '';
  expect(retryLine).toContain('ExternalId=***');
  assertNoLeaks(step.log, [externalId, encoded]);
  expect(step.summary).not.toContain(encoded);
});

test('a 2-character external ID is masked (STS accepts 2 to 1224 characters)', async () => {
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': DEPLOY,
      'role-external-id': 'x9',
    },
  });
  expect(step.exitCode).toBe(0);
  expect(stack.proxy.records().find((r) => r.action === 'AssumeRole')?.params['ExternalId']).toBe(
    'x9',
  );
  expect(step.masks).toContain('x9');
  expect(step.log.indexOf('::add-mask::x9')).toBeGreaterThanOrEqual(0);
});

describe('GITHUB_EVENT_PATH', () => {
  test('a missing path holding a newline and a command prints no workflow command and no raw line', async () => {
    const step = await runStep({
      entry: 'main',
      env: {
        ...oidcEnv(stack),
        GITHUB_EVENT_PATH: '/nonexistent/event.json\n::warning::injected',
      },
      inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    expect(step.log).not.toContain('does not exist');
    expect(commandLines(step.log).filter((line) => line.includes('injected'))).toEqual([]);
  });

  test('an event file that is not JSON: the step still runs and reports normally', async () => {
    const job = createJob();
    writeFileSync(job.eventPath, '{ not json');
    const step = await runStep({
      entry: 'main',
      job,
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    expect(step.log).not.toMatch(/SyntaxError|Unexpected token/);
    expect(step.env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA/);
  });
});
