// What the runner reads from the bundled action's stdout and environment: user-controlled text
// printed in the log cannot start a workflow command, and inputs may come from environment
// variables as with configure-aws-credentials (>= 4.2), not hidden by action.yml defaults.
import { jest } from '@jest/globals';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { createJob, runStep } from './harness/runner.js';
import { expectNoLeaks, oidcEnv, useStack } from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

/** Lines the runner would read as a command (actions/runner ActionCommand.cs). */
const commandLines = (log: string, command: string): string[] =>
  log.split(/\r?\n|\r/).filter((line) => line.trimStart().startsWith(`::${command}::`));

test('a token file path holding a newline and ::stop-commands:: does not stop later masks', async () => {
  const job = createJob();
  // The file name is the user's (an input); the action prints it when naming the source.
  const name = 'token\n::stop-commands::pwned\n.jwt';
  const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJmaWxlLXRva2VuIn0.c2ln';
  writeFileSync(join(job.workspace, name), token);
  chmodSync(join(job.workspace, name), 0o600);
  const step = await runStep({
    entry: 'main',
    job,
    inputs: {
      'aws-region': 'us-east-1',
      'sts-endpoint': stack.proxy.url,
      'web-identity-token-file': name,
      'role-to-assume': DEPLOY,
    },
  });
  expect(step.exitCode).toBe(0);
  // The path is in the log (users need it), but not as a command line.
  expect(step.log).toContain('::stop-commands::pwned');
  expect(commandLines(step.log, 'stop-commands')).toEqual([]);
  // Masks registered after the path was printed still reach the runner, before any print.
  expect(step.masks).toEqual(
    expect.arrayContaining([step.env['AWS_SECRET_ACCESS_KEY'], step.env['AWS_SESSION_TOKEN']]),
  );
  expectNoLeaks(step, stack, [token]);
});

test('env AWS_REGION and ROLE_SESSION_NAME with no inputs: used, not hidden by defaults', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...oidcEnv(stack), AWS_REGION: 'eu-west-1', ROLE_SESSION_NAME: 'from-env' },
    inputs: { 'sts-endpoint': stack.proxy.url, 'role-to-assume': DEPLOY },
  });
  expect(step.exitCode).toBe(0);
  expect(step.env['AWS_REGION']).toBe('eu-west-1');
  expect(step.summary).toContain('eu-west-1');
  expect(stack.proxy.records()[0]?.params['RoleSessionName']).toBe('from-env');
  expect(step.outputs['aws-assumed-role-arn']).toBe(
    'arn:aws:sts::222222222222:assumed-role/deploy/from-env',
  );
  expectNoLeaks(step, stack);
});

test('an explicit input wins over its environment variable', async () => {
  const job = createJob();
  const step = await runStep({
    entry: 'main',
    job,
    env: { ...oidcEnv(stack), AWS_REGION: 'eu-west-1', ROLE_SESSION_NAME: 'from-env' },
    inputs: {
      'aws-region': 'us-east-2',
      'sts-endpoint': stack.proxy.url,
      'role-to-assume': DEPLOY,
      'role-session-name': 'from-input',
    },
  });
  expect(step.exitCode).toBe(0);
  expect(step.env['AWS_REGION']).toBe('us-east-2');
  expect(stack.proxy.records()[0]?.params['RoleSessionName']).toBe('from-input');
  expectNoLeaks(step, stack);
});
