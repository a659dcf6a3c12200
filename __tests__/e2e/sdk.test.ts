// What STS through the AWS SDK gives users, end to end through dist/ under each Node runtime:
// clock correction, the SDK's endpoint resolution (AWS_ENDPOINT_URL_STS, FIPS, every partition),
// the action's User-Agent, a non-XML 429 retried, a TLS failure not retried. Requests to real
// AWS endpoints go to the recording proxy as HTTPS_PROXY, which records the CONNECT target and
// refuses it: the resolved host is asserted and nothing leaves the machine.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJob, runStep } from './harness/runner.js';
import {
  NODES,
  STORED_KEYS,
  callerIdentity,
  expectNoLeaks,
  laterStepEnv,
  stsInputs,
  useStack,
} from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
const stack = useStack();

/** A local HTTPS server with a self-signed certificate made now; counts TLS connections. */
async function startSelfSignedServer(): Promise<{
  url: string;
  connections: () => number;
  stop: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 30_000 },
    );
    const server: Server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => res.end(),
    );
    let count = 0;
    server.on('connection', () => count++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      url: `https://127.0.0.1:${port}`,
      connections: () => count,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(NODES)('under %s', (_label, node) => {
  test('a server clock 15 minutes ahead: stored keys → role succeeds after one clock correction', async () => {
    stack.proxy.setClockSkew(15 * 60_000);
    const job = createJob();
    const step = await runStep({
      entry: 'main',
      node,
      job,
      inputs: { ...stsInputs(stack), ...STORED_KEYS, 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    expect(stack.proxy.records().map((r) => [r.action, r.status, r.fault])).toEqual([
      ['AssumeRole', 403, 'clock-skew'],
      ['AssumeRole', 200, undefined],
    ]);
    expect(step.log).toContain('SignatureDoesNotMatch; retry 1 of');
    expect(step.outputs['aws-account-id']).toBe('222222222222');
    expectNoLeaks(step, stack);
  });

  test('a clock the SDK cannot correct fails after one retry, not after every attempt', async () => {
    stack.proxy.setClockSkew(15 * 60_000);
    stack.proxy.inject({
      action: 'AssumeRole',
      fault: {
        kind: 'error',
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'Signature expired: still',
      },
    });
    const step = await runStep({
      entry: 'main',
      node,
      inputs: { ...stsInputs(stack), ...STORED_KEYS, 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).not.toBe(0);
    expect(stack.proxy.records()).toHaveLength(2);
    expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  });

  test('AWS_ENDPOINT_URL_STS is used without an sts-endpoint input; the User-Agent names the action', async () => {
    const job = createJob();
    const step = await runStep({
      entry: 'main',
      node,
      job,
      env: { AWS_ENDPOINT_URL_STS: stack.proxy.url },
      inputs: { 'aws-region': 'us-east-1', ...STORED_KEYS, 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    const [call, ...rest] = stack.proxy.records();
    expect(rest).toEqual([]);
    expect(call?.action).toBe('AssumeRole');
    expect(call?.userAgent).toMatch(/(^| )aws-deploy-role\/1\.0\.0( |$)/);
    expectNoLeaks(step, stack);
    const cli = await callerIdentity(stack, laterStepEnv(job.env));
    expect(cli.json).toMatchObject({ Account: '222222222222' });
  });

  test.each([
    {
      name: 'AWS_USE_FIPS_ENDPOINT=true in us-east-1',
      region: 'us-east-1',
      env: { AWS_USE_FIPS_ENDPOINT: 'true' },
      host: 'sts-fips.us-east-1.amazonaws.com',
    },
    {
      name: 'the European Sovereign Cloud',
      region: 'eusc-de-east-1',
      env: {},
      host: 'sts.eusc-de-east-1.amazonaws.eu',
    },
    {
      name: 'an ISO region',
      region: 'us-iso-east-1',
      env: {},
      host: 'sts.us-iso-east-1.c2s.ic.gov',
    },
    {
      name: 'AWS_USE_DUALSTACK_ENDPOINT=true',
      region: 'eu-west-1',
      env: { AWS_USE_DUALSTACK_ENDPOINT: 'true' },
      host: 'sts.eu-west-1.api.aws',
    },
  ])('$name: the SDK resolves $host', async ({ region, env, host }) => {
    const step = await runStep({
      entry: 'main',
      node,
      env: { ...env, HTTPS_PROXY: stack.proxy.url, RUNNER_DEBUG: '1' },
      inputs: {
        'aws-region': region,
        ...STORED_KEYS,
        'role-to-assume': DEPLOY.replace(
          'arn:aws:',
          `arn:${region.startsWith('eusc') ? 'aws-eusc' : region.includes('iso') ? 'aws-iso' : 'aws'}:`,
        ),
        'disable-retry': 'true',
      },
    });
    expect(step.exitCode).not.toBe(0);
    expect(stack.proxy.connectTargets()).toEqual([`${host}:443`]);
    expect(step.log).toContain(`STS AssumeRole → https://${host}/`);
    expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
  });

  test('a 429 that is not XML (a WAF page) is throttling: retried, then the role is assumed', async () => {
    stack.proxy.inject({
      action: 'AssumeRole',
      times: 1,
      fault: { kind: 'status', status: 429, body: '<html><h1>429 Too Many Requests</h1></html>' },
    });
    const step = await runStep({
      entry: 'main',
      node,
      inputs: { ...stsInputs(stack), ...STORED_KEYS, 'role-to-assume': DEPLOY },
    });
    expect(step.exitCode).toBe(0);
    expect(stack.proxy.records().map((r) => r.status)).toEqual([429, 200]);
    expect(step.log).toContain('Throttling; retry 1 of');
  });

  test('a TLS certificate the runner does not trust fails at once and names NODE_EXTRA_CA_CERTS', async () => {
    const tls = await startSelfSignedServer();
    try {
      const step = await runStep({
        entry: 'main',
        node,
        inputs: {
          'aws-region': 'us-east-1',
          'sts-endpoint': tls.url,
          ...STORED_KEYS,
          'role-to-assume': DEPLOY,
        },
      });
      expect(step.exitCode).not.toBe(0);
      expect(step.log).toMatch(/TlsCertificateError.*NODE_EXTRA_CA_CERTS/);
      expect(step.log).not.toContain('retry 1 of');
      expect(tls.connections()).toBe(1);
      expect(step.env['AWS_ACCESS_KEY_ID']).toBeUndefined();
    } finally {
      await tls.stop();
    }
  });
});
