// Every credential source, end to end through dist/ under each Node runtime, with the
// exported credentials proved by a real AWS CLI call in a later step.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createJob, runStep } from './harness/runner.js';
import {
  NODES,
  STORED_KEYS,
  callerIdentity,
  expectNoLeaks,
  laterStepEnv,
  oidcEnv,
  stsInputs,
  useStack,
} from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

describe.each(NODES)('under %s', (_label, node) => {
  test('OIDC → role: AssumeRoleWithWebIdentity, masked export, real client sees the role', async () => {
    const job = createJob();
    const step = await runStep({
      entry: 'main',
      node,
      job,
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    const calls = stack.proxy.records();
    expect(calls.map((r) => r.action)).toEqual(['AssumeRoleWithWebIdentity']);
    expect(calls[0]?.params['WebIdentityToken']).toBe(stack.oidc.issuedTokens().at(-1));
    expect(calls[0]?.params['RoleSessionName']).toBe('GitHubActions');
    expect(stack.oidc.requests().at(-1)?.audience).toBe('sts.amazonaws.com');
    expect(step.env['AWS_REGION']).toBe('us-east-1');
    expect(step.outputs['aws-account-id']).toBe('222222222222');
    expect(step.outputs['aws-assumed-role-arn']).toBe(
      'arn:aws:sts::222222222222:assumed-role/deploy/GitHubActions',
    );
    expect(step.outputs['aws-secret-access-key']).toBeUndefined();
    expect(new Date(step.outputs['aws-expiration'] ?? '').getTime()).toBeGreaterThan(
      Date.now() + 50 * 60_000,
    );
    expect(step.masks).toEqual(
      expect.arrayContaining([
        step.env['AWS_ACCESS_KEY_ID'],
        step.env['AWS_SECRET_ACCESS_KEY'],
        step.env['AWS_SESSION_TOKEN'],
      ]),
    );
    expectNoLeaks(step, stack);
    const cli = await callerIdentity(stack, laterStepEnv(job.env));
    expect(cli.json).toMatchObject({
      Account: '222222222222',
      Arn: 'arn:aws:sts::222222222222:assumed-role/deploy/GitHubActions',
    });
    job.cleanup();
  });

  test('stored keys → role: AssumeRole signed with the stored key, tags from the context', async () => {
    const job = createJob();
    const step = await runStep({
      entry: 'main',
      node,
      job,
      inputs: {
        ...stsInputs(stack),
        ...STORED_KEYS,
        'role-to-assume': DEPLOY,
        'role-external-id': 'ext-123',
      },
    });
    expect(step.exitCode).toBe(0);
    const [call] = stack.proxy.records();
    expect(call?.action).toBe('AssumeRole');
    expect(call?.accessKeyId).toBe(STORED_KEYS['aws-access-key-id']);
    expect(call?.params['ExternalId']).toBe('ext-123');
    const tags = Object.fromEntries(
      Object.entries(call?.params ?? {})
        .filter(([k]) => /^Tags\.member\.\d+\.Key$/.test(k))
        .map(([k, v]) => [v, call?.params[k.replace('Key', 'Value')]]),
    );
    expect(tags).toMatchObject({
      Repository: 'octo-org/octo-repo',
      Actor: 'octocat',
      Branch: 'main',
      Workflow: 'deploy',
    });
    expectNoLeaks(step, stack, Object.values(STORED_KEYS));
    const cli = await callerIdentity(stack, laterStepEnv(job.env));
    expect(cli.json).toMatchObject({ Account: '222222222222' });
    job.cleanup();
  });
});

test('stored keys without a role: validated with GetCallerIdentity and exported as they are', async () => {
  const step = await runStep({ entry: 'main', inputs: { ...stsInputs(stack), ...STORED_KEYS } });
  expect(step.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => r.action)).toEqual(['GetCallerIdentity']);
  expect(step.env['AWS_ACCESS_KEY_ID']).toBe(STORED_KEYS['aws-access-key-id']);
  expect(step.env['AWS_SESSION_TOKEN']).toBe('');
  expect(step.outputs['aws-account-id']).toBe('123456789012');
  expect(step.masks).toEqual(expect.arrayContaining(Object.values(STORED_KEYS)));
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
});

test('a bare role name with stored keys resolves in the caller account (one GetCallerIdentity)', async () => {
  const step = await runStep({
    entry: 'main',
    inputs: { ...stsInputs(stack), ...STORED_KEYS, 'role-to-assume': 'deploy' },
  });
  expect(step.exitCode).toBe(0);
  expect(stack.proxy.records().map((r) => r.action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
  expect(stack.proxy.records()[1]?.params['RoleArn']).toBe('arn:aws:iam::123456789012:role/deploy');
});

test('web-identity token file: AssumeRoleWithWebIdentity with the file token; symlinks refused', async () => {
  const job = createJob();
  const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJmaWxlLXRva2VuIn0.c2ln';
  writeFileSync(join(job.workspace, 'token.jwt'), token);
  chmodSync(join(job.workspace, 'token.jwt'), 0o600);
  const ok = await runStep({
    entry: 'main',
    job,
    inputs: {
      ...stsInputs(stack),
      'web-identity-token-file': 'token.jwt',
      'role-to-assume': DEPLOY,
    },
  });
  expect(ok.exitCode).toBe(0);
  expect(stack.proxy.records()[0]?.params['WebIdentityToken']).toBe(token);
  expectNoLeaks(ok, stack, [token]);

  stack.proxy.clear();
  symlinkSync(join(job.workspace, 'token.jwt'), join(job.workspace, 'link.jwt'));
  const refused = await runStep({
    entry: 'main',
    job,
    inputs: {
      ...stsInputs(stack),
      'web-identity-token-file': 'link.jwt',
      'role-to-assume': DEPLOY,
    },
  });
  expect(refused.exitCode).not.toBe(0);
  expect(refused.log).toContain('symbolic link');
  expect(stack.proxy.records()).toHaveLength(0);
  job.cleanup();
});

test('role-chaining in a second step chains from step 1 even though id-token: write is granted', async () => {
  const job = createJob();
  const first = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': 'arn:aws:iam::111111111111:role/gateway' },
  });
  expect(first.exitCode).toBe(0);
  const tokensBefore = stack.oidc.issuedTokens().length;
  const second = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY, 'role-chaining': 'true' },
  });
  expect(second.exitCode).toBe(0);
  expect(stack.oidc.issuedTokens()).toHaveLength(tokensBefore);
  const chained = stack.proxy.records()[1];
  expect(chained?.action).toBe('AssumeRole');
  expect(chained?.accessKeyId).toBe(first.env['AWS_ACCESS_KEY_ID']);
  const cli = await callerIdentity(stack, laterStepEnv(job.env));
  expect(cli.json).toMatchObject({
    Account: '222222222222',
    Arn: expect.stringContaining(':assumed-role/deploy/'),
  });
  job.cleanup();
});

test('role-chaining asks for more than an hour: input error before any STS call', async () => {
  const step = await runStep({
    entry: 'main',
    env: {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secretsecret',
      AWS_SESSION_TOKEN: 'tok',
    },
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': DEPLOY,
      'role-chaining': 'true',
      'role-duration-seconds': '7200',
    },
  });
  expect(step.exitCode).not.toBe(0);
  expect(step.log).toContain('`role-duration-seconds`');
  expect(step.log).toContain('1 hour');
  expect(stack.proxy.records()).toHaveLength(0);
  expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
});

test('post step empties exactly what main exported', async () => {
  const job = createJob();
  const main = await runStep({
    entry: 'main',
    job,
    env: oidcEnv(stack),
    inputs: { ...stsInputs(stack), 'role-to-assume': DEPLOY },
  });
  expect(main.exitCode).toBe(0);
  const exported = Object.keys(main.env).sort();
  const post = await runStep({ entry: 'post', job });
  expect(post.exitCode).toBe(0);
  expect(Object.keys(post.env).sort()).toEqual(exported);
  expect(Object.values(post.env).every((v) => v === '')).toBe(true);
  job.cleanup();
});

// The stand-in credential_process is a #!/bin/sh script, which Windows cannot run as a command;
// the default chain's own handling (timeouts, exit codes) is the same on every OS.
const describeWhereShScriptsRun = process.platform === 'win32' ? describe.skip : describe;

describeWhereShScriptsRun('the default chain reads a credential_process from ~/.aws/config', () => {
  /** Writes ~/.aws/config for the job with a credential_process running `script`. */
  function withCredentialProcess(script: string) {
    const job = createJob();
    const scriptFile = join(job.root, 'credential-process.sh');
    writeFileSync(scriptFile, `#!/bin/sh\n${script}\n`);
    chmodSync(scriptFile, 0o700);
    mkdirSync(join(job.home, '.aws'), { recursive: true });
    writeFileSync(
      join(job.home, '.aws', 'config'),
      `[default]\ncredential_process = ${scriptFile}\n`,
    );
    return job;
  }
  const defaultChainInputs = () => ({ ...stsInputs(stack), 'role-to-assume': DEPLOY });

  test('a credential_process that hangs: action-timeout-s ends the step, nothing exported', async () => {
    const job = withCredentialProcess(`echo $$ > "${'$'}(dirname "$0")/pid"\nexec sleep 300`);
    try {
      const step = await runStep({
        entry: 'main',
        job,
        env: { AWS_EC2_METADATA_DISABLED: 'true' },
        inputs: { ...defaultChainInputs(), 'action-timeout-s': '3' },
        // Far beyond the 3 s timeout: only a step that does not end reaches it.
        timeoutMs: 30_000,
      });
      expect(step.timedOut).toBe(false);
      expect(step.exitCode).not.toBe(0);
      expect(step.log).toContain('action-timeout-s');
      expect(step.env).toEqual({});
    } finally {
      // The hanging credential_process outlives the step, as on a runner: stop it by its PID.
      const pidFile = join(job.root, 'pid');
      if (existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8').trim()));
        } catch {
          // already gone
        }
      }
    }
  });

  test('a credential_process with invalid output: the error keeps that cause, no id-token advice', async () => {
    const job = withCredentialProcess('echo "this is not JSON"');
    const step = await runStep({
      entry: 'main',
      job,
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
      inputs: defaultChainInputs(),
    });
    expect(step.exitCode).not.toBe(0);
    expect(step.log).toMatch(/::error::.*credential_process returned invalid JSON/);
    // The source line still says why the default chain was used; the error gives no OIDC advice.
    expect(step.log).not.toMatch(/::error::.*id-token/);
    expect(step.log).not.toContain('Add `permissions: id-token: write`');
    expect(step.env).toEqual({});
  });
});
