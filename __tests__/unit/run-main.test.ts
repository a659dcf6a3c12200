// runMain wired to fakes at every port (inputs, context, runner, the OIDC token): what a user
// sees when the token endpoint fails, and inputs taken from environment variables.
import { recordingRunner } from '../../__fixtures__/runner.js';
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

async function run(
  inputs: Record<string, string>,
  env: Record<string, string>,
  getIdToken: (audience: string) => Promise<string>,
) {
  const runner = recordingRunner();
  await runMain({
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/token?x=1',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      RUNNER_TEMP: '/tmp',
      ...env,
    },
    runner,
    readInput: (name) => inputs[name] ?? '',
    github,
    getIdToken,
    now: () => new Date('2026-01-01T00:00:00Z'),
    random: () => 0.5,
    sleep: async () => undefined,
  });
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
