// runMain wired to fakes at every port (inputs, context, runner, the OIDC token, STS): what a
// user sees at the end of the step, for each way a run ends. Assertions are on final state
// (exports, outputs, masks before prints, saved state, summary) and on what STS received.
import { githubClaims } from '../../__fixtures__/github-claims.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { recordingRunner } from '../../__fixtures__/runner.js';
import { fakeStsGateway, type FakeStsGateway } from '../../__fixtures__/sts-gateway.js';
import type { GitHubContext } from '../../src/config/read-inputs.js';
import { runMain } from '../../src/run.js';

const REQUEST_TOKEN = 'request-token-abcdef123456';
const github: GitHubContext = {
  eventName: 'push',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  workflow: 'deploy',
  action: '__run',
  actor: 'octocat',
  job: 'deploy',
  runId: 4242,
  runAttempt: 1,
  serverUrl: 'https://github.com',
  repo: { owner: 'octo-org', repo: 'octo-repo' },
};

/** An unsigned JWT carrying GitHub's claims (STS checks signatures; the action only decodes). */
const ID_TOKEN = ['{"alg":"RS256","typ":"JWT"}', JSON.stringify(githubClaims())]
  .map((part) => Buffer.from(part).toString('base64url'))
  .concat('c2lnbmF0dXJl')
  .join('.');
const issueIdToken = async (): Promise<string> => ID_TOKEN;

const OIDC_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/token?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
};

/** Runs the main step against fakes; the gateway is created only when the run reaches STS. */
async function runWith(options: {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  getIdToken?: (audience: string) => Promise<string>;
  gateway?: FakeStsGateway;
  onGatewayCreated?: () => void;
}) {
  const runner = recordingRunner();
  const gateway = options.gateway ?? fakeStsGateway();
  let gatewayCreated = false;
  await runMain({
    env: { RUNNER_TEMP: '/tmp', ...(options.env ?? OIDC_ENV) },
    runner,
    readInput: (name) => options.inputs[name] ?? '',
    github,
    getIdToken: options.getIdToken ?? issueIdToken,
    createGateway: () => {
      gatewayCreated = true;
      options.onGatewayCreated?.();
      return gateway;
    },
    now: () => new Date('2026-01-01T00:00:00Z'),
    random: () => 0.5,
    sleep: async () => undefined,
  });
  return { runner, gateway, gatewayCreated };
}

async function run(
  inputs: Record<string, string>,
  env: Record<string, string>,
  getIdToken: (audience: string) => Promise<string>,
) {
  const { runner } = await runWith({ inputs, env: { ...OIDC_ENV, ...env }, getIdToken });
  return runner;
}

const refused = async (): Promise<string> => {
  throw new Error(
    'Error message: Failed to get ID Token. \n Error Code : 401\n Error Message: Bad credentials',
  );
};

test('a refused token request: the error explains id-token: write; nothing exported', async () => {
  const runner = await run(
    { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::111111111111:role/deploy' },
    {},
    refused,
  );
  expect(runner.failed).toMatch(/HTTP 401/);
  expect(runner.failed).toMatch(/id-token: write/);
  expect(runner.exported).toEqual({});
  expect(runner.outputs).toEqual({});
  expect(runner.unmaskedBeforePrint([REQUEST_TOKEN])).toBeUndefined();
  expect(runner.masks).toContain(REQUEST_TOKEN);
});

test('a 500 is retried up to retry-max-attempts, and then does not blame the permission', async () => {
  let calls = 0;
  const runner = await run(
    {
      'aws-region': 'us-east-1',
      'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
      'retry-max-attempts': '3',
    },
    {},
    async () => {
      calls++;
      throw new Error(
        'Error message: Failed to get ID Token. \n Error Code : 500\n Error Message: x',
      );
    },
  );
  expect(calls).toBe(3);
  expect(runner.failed).toMatch(/HTTP 500/);
  expect(runner.failed).not.toMatch(/id-token: write/);
});

test('AWS_REGION and ROLE_TO_ASSUME from the environment stand in for missing inputs', async () => {
  const audiences: string[] = [];
  const runner = await run(
    {},
    { AWS_REGION: 'eu-west-1', ROLE_TO_ASSUME: 'arn:aws:iam::111111111111:role/deploy' },
    async (audience) => {
      audiences.push(audience);
      return refused();
    },
  );
  // The inputs validated (no input error); the run got as far as the token request.
  expect(runner.failed).not.toMatch(/aws-region|role-to-assume/);
  expect(audiences).toEqual(['sts.amazonaws.com']);
});

const REGION = { 'aws-region': 'us-east-1' };
const GATEWAY_ROLE = 'arn:aws:iam::111111111111:role/ci-gateway';
const STORED_KEYS = {
  'aws-access-key-id': 'AKIAFAKESTOREDKEY001',
  'aws-secret-access-key': 'storedSecretAccessKeyFAKE0000000000000001',
};
const STORED_USER = 'arn:aws:iam::111111111111:user/ci';
const EXTERNAL_ID = 'external-id-secret-42';

/** The env credentials the step exported, as later steps see them. */
const exportedCredentials = (gateway: FakeStsGateway, index: number) => {
  const issued = gateway.issued[index];
  return {
    AWS_ACCESS_KEY_ID: issued?.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey,
    AWS_SESSION_TOKEN: issued?.sessionToken,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
  };
};

/** Every secret a run could print: the tokens, stored keys, external IDs and issued credentials. */
const secretsOf = (gateway: FakeStsGateway): string[] => [
  ID_TOKEN,
  REQUEST_TOKEN,
  STORED_KEYS['aws-secret-access-key'],
  EXTERNAL_ID,
  ...gateway.issued.flatMap((c) => [c.secretAccessKey, c.sessionToken]),
];

describe('success', () => {
  test('OIDC: one AssumeRoleWithWebIdentity; env, outputs, state and summary describe it', async () => {
    const { runner, gateway } = await runWith({
      inputs: { ...REGION, 'role-to-assume': ROLE.deploy },
    });
    expect(runner.failed).toBeUndefined();
    expect(gateway.calls.map((c) => [c.operation, c.roleArn, c.callerKeyId])).toEqual([
      ['AssumeRoleWithWebIdentity', ROLE.deploy, undefined],
    ]);
    expect(runner.exported).toEqual(exportedCredentials(gateway, 0));
    expect(runner.outputs).toMatchObject({
      'aws-account-id': '111111111111',
      'aws-assumed-role-arn': expect.stringMatching(
        /^arn:aws:sts::111111111111:assumed-role\/deploy\//,
      ),
    });
    // The post step empties exactly what was exported.
    expect(JSON.parse(runner.state['exportedVariables'] ?? '[]').sort()).toEqual(
      Object.keys(runner.exported).sort(),
    );
    expect(runner.masks).toEqual(expect.arrayContaining(secretsOf(gateway).slice(0, 2)));
    expect(runner.unmaskedBeforePrint(secretsOf(gateway))).toBeUndefined();
    expect(runner.summary).toHaveLength(1);
    expect(runner.summary[0]).toContain('arn:aws:sts::111111111111:assumed-role/deploy/');
    expect(runner.summary[0]).toContain('GitHub OIDC');
    expect(secretsOf(gateway).filter((s) => runner.summary[0]?.includes(s))).toEqual([]);
    expect(gateway.destroyed).toBe(true);
  });

  test('stored keys and a 2-hop chain: each hop is signed by the previous hop, the last exported', async () => {
    const gateway = fakeStsGateway();
    gateway.knowKeys(STORED_KEYS['aws-access-key-id'], STORED_USER);
    const { runner } = await runWith({
      inputs: {
        ...REGION,
        ...STORED_KEYS,
        'role-to-assume': GATEWAY_ROLE,
        'role-chain': `${ROLE.prod} external-id=${EXTERNAL_ID}`,
      },
      env: {},
      gateway,
    });
    expect(runner.failed).toBeUndefined();
    const assumed = gateway.calls.filter((c) => c.operation === 'AssumeRole');
    expect(assumed.map((c) => [c.roleArn, c.callerKeyId, c.externalId])).toEqual([
      [GATEWAY_ROLE, STORED_KEYS['aws-access-key-id'], undefined],
      [ROLE.prod, gateway.issued[0]?.accessKeyId, EXTERNAL_ID],
    ]);
    expect(runner.exported).toEqual(exportedCredentials(gateway, 1));
    expect(runner.outputs['aws-account-id']).toBe('222222222222');
    expect(runner.masks).toEqual(
      expect.arrayContaining([STORED_KEYS['aws-secret-access-key'], EXTERNAL_ID]),
    );
    expect(runner.unmaskedBeforePrint(secretsOf(gateway))).toBeUndefined();
    expect(runner.summary[0]).toContain('arn:aws:sts::222222222222:assumed-role/prod-deploy/');
    expect(runner.summary[0]).toMatch(/\| 1 \| ci-gateway \| 111111111111 \|/);
    expect(runner.summary[0]).toMatch(/\| 2 \| prod-deploy \| 222222222222 \|/);
    expect(secretsOf(gateway).filter((s) => runner.summary[0]?.includes(s))).toEqual([]);
  });
});

describe('failures: nothing exported, the error says why', () => {
  test('bad input: names the input, masked, before any STS call', async () => {
    const { runner, gateway, gatewayCreated } = await runWith({
      inputs: {
        ...REGION,
        ...STORED_KEYS,
        'role-to-assume': ROLE.deploy,
        'role-external-id': EXTERNAL_ID,
        'role-duration-seconds': 'abc',
      },
      env: {},
    });
    expect(runner.failed).toMatch(/role-duration-seconds/);
    // Input secrets are masked before parsing, so even an input error cannot print one.
    expect(runner.masks).toEqual(
      expect.arrayContaining([STORED_KEYS['aws-secret-access-key'], EXTERNAL_ID]),
    );
    expect(runner.unmaskedBeforePrint(secretsOf(gateway))).toBeUndefined();
    expect(gatewayCreated).toBe(false);
    expect(gateway.calls).toEqual([]);
    expect(runner.exported).toEqual({});
    expect(runner.outputs).toEqual({});
    expect(runner.state).toEqual({});
    expect(runner.summary.join('\n')).toMatch(/role-duration-seconds/);
  });

  test('AccessDenied on a chained hop: the diagnosis is printed and the summary names the hop', async () => {
    const gateway = fakeStsGateway();
    gateway.knowKeys(STORED_KEYS['aws-access-key-id'], STORED_USER);
    gateway.failRole(ROLE.prod, 'AccessDenied');
    const { runner } = await runWith({
      inputs: {
        ...REGION,
        ...STORED_KEYS,
        'role-to-assume': GATEWAY_ROLE,
        'role-chain': ROLE.prod,
      },
      env: {},
      gateway,
    });
    expect(runner.failed).toMatch(/not authorized to perform: sts:AssumeRole/);
    expect(runner.failed).toMatch(/trust policy/i);
    expect(runner.exported).toEqual({});
    expect(runner.outputs).toEqual({});
    expect(runner.state).toEqual({});
    expect(runner.summary.join('\n')).toMatch(/AccessDenied/);
    expect(runner.summary.join('\n')).toContain(`hop 2 of 2: ${ROLE.prod}`);
    expect(runner.unmaskedBeforePrint(secretsOf(gateway))).toBeUndefined();
    expect(gateway.destroyed).toBe(true);
  });

  test("AccessDenied for the OIDC role: the diagnosis shows the token's claims", async () => {
    const gateway = fakeStsGateway();
    gateway.failRole(ROLE.deploy, 'AccessDenied');
    const { runner } = await runWith({
      inputs: { ...REGION, 'role-to-assume': ROLE.deploy },
      gateway,
    });
    expect(runner.failed).toMatch(/did not admit this workflow's OIDC token/);
    // The claims reach the diagnosis from the obtain phase's failure, decoded, never the token.
    expect(runner.failed).toContain('repo:octo-org/octo-repo:ref:refs/heads/main');
    expect(runner.failed).not.toContain(ID_TOKEN);
    expect(runner.exported).toEqual({});
    expect(runner.outputs).toEqual({});
    expect(runner.summary.join('\n')).toMatch(/AccessDenied/);
  });

  test('the OIDC token is refused: no STS call, the summary says so', async () => {
    const { runner, gateway } = await runWith({
      inputs: { ...REGION, 'role-to-assume': ROLE.deploy },
      getIdToken: refused,
    });
    expect(runner.failed).toMatch(/id-token: write/);
    expect(gateway.calls).toEqual([]);
    expect(runner.exported).toEqual({});
    expect(runner.state).toEqual({});
    expect(runner.summary.join('\n')).toMatch(/id-token: write/);
  });

  test('action timeout: a hanging STS call is abandoned and reported', async () => {
    const gateway = fakeStsGateway();
    gateway.hangRole(ROLE.deploy);
    const { runner } = await runWith({
      inputs: { ...REGION, 'role-to-assume': ROLE.deploy, 'action-timeout-s': '1' },
      gateway,
    });
    expect(runner.failed).toMatch(/action-timeout-s|1 s/);
    expect(runner.exported).toEqual({});
    expect(runner.outputs).toEqual({});
    expect(runner.state).toEqual({});
    expect(runner.summary).toHaveLength(1);
    // The group closed before the error was printed.
    expect(runner.log.map((e) => e.kind).slice(-2)).toEqual(['endgroup', 'error']);
    expect(gateway.destroyed).toBe(true);
  });
});

describe('use-existing-credentials', () => {
  const EXISTING = {
    AWS_ACCESS_KEY_ID: 'ASIAEXISTINGKEY00001',
    AWS_SECRET_ACCESS_KEY: 'existingSecretFAKE0000000000000000000001',
    AWS_SESSION_TOKEN: 'existing-session-token',
  };

  test('working credentials: nothing changes and no role is assumed', async () => {
    const gateway = fakeStsGateway();
    gateway.knowKeys(EXISTING.AWS_ACCESS_KEY_ID, 'arn:aws:sts::111111111111:assumed-role/ci/x');
    const { runner } = await runWith({
      inputs: { ...REGION, 'role-to-assume': ROLE.deploy, 'use-existing-credentials': 'true' },
      env: { ...OIDC_ENV, ...EXISTING },
      gateway,
    });
    expect(runner.failed).toBeUndefined();
    expect(gateway.calls.map((c) => [c.operation, c.callerKeyId])).toEqual([
      ['GetCallerIdentity', EXISTING.AWS_ACCESS_KEY_ID],
    ]);
    expect(runner.exported).toEqual({});
    expect(runner.outputs).toEqual({});
    expect(runner.state).toEqual({});
    expect(runner.summary).toEqual([]);
    expect(runner.printed()).toMatch(/already has working credentials; nothing was changed/);
  });

  test('credentials of an account outside allowed-account-ids fail the step', async () => {
    const gateway = fakeStsGateway();
    gateway.knowKeys(EXISTING.AWS_ACCESS_KEY_ID, 'arn:aws:sts::999999999999:assumed-role/ci/x');
    const { runner } = await runWith({
      inputs: {
        ...REGION,
        'role-to-assume': ROLE.deploy,
        'use-existing-credentials': 'true',
        'allowed-account-ids': '111111111111',
      },
      env: { ...OIDC_ENV, ...EXISTING },
      gateway,
    });
    expect(runner.failed).toMatch(/existing credentials.*999999999999.*not in the allowed list/);
    expect(gateway.calls.map((c) => c.operation)).toEqual(['GetCallerIdentity']);
    expect(runner.exported).toEqual({});
    expect(runner.outputs).toEqual({});
    expect(runner.state).toEqual({});
  });
});

test('a source that fails before any request never creates the STS gateway (no SDK load)', async () => {
  const { runner, gatewayCreated } = await runWith({
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
      'web-identity-token-file': '/nonexistent/aws-deploy-role/token',
    },
    env: {},
  });
  expect(runner.failed).toMatch(/nonexistent/);
  expect(gatewayCreated).toBe(false);
});

test('the STS gateway is created while the token request is out, before it answers', async () => {
  const events: string[] = [];
  const { runner } = await runWith({
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
    },
    getIdToken: async () => {
      events.push('token requested');
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('token answered');
      return ID_TOKEN;
    },
    onGatewayCreated: () => events.push('gateway created'),
  });
  expect(runner.failed).toBeUndefined();
  expect(events).toEqual(['token requested', 'gateway created', 'token answered']);
});
