// Inputs and the run context: read through small ports (an input reader, @actions/github's
// context), so these tests need no process.env changes.
import { ACTION_YML_DEFAULTS } from '../../__fixtures__/inputs.js';
import {
  INPUT_ENV_VARIABLES,
  readInputs,
  readRunContext,
  type GitHubContext,
} from '../../src/config/read-inputs.js';
import { INPUT, type InputKey } from '../../src/config/input-names.js';

/** Inputs as the runner passes them: action.yml's defaults, then what `with:` sets. */
const reader =
  (given: Record<string, string> = {}) =>
  (name: string): string => {
    const key = (Object.keys(INPUT) as InputKey[]).find((k) => INPUT[k] === name);
    return given[name] ?? (key === undefined ? '' : ACTION_YML_DEFAULTS[key]);
  };

describe('inputs from environment variables (as configure-aws-credentials >= 4.2)', () => {
  test.each([
    ['AWS_REGION fills aws-region', {}, { AWS_REGION: 'eu-west-1' }, 'awsRegion', 'eu-west-1'],
    [
      'an explicit input wins over the variable',
      { 'aws-region': 'us-east-2' },
      { AWS_REGION: 'eu-west-1' },
      'awsRegion',
      'us-east-2',
    ],
    [
      'ROLE_TO_ASSUME fills role-to-assume',
      {},
      { ROLE_TO_ASSUME: 'arn:aws:iam::111111111111:role/deploy' },
      'roleToAssume',
      'arn:aws:iam::111111111111:role/deploy',
    ],
    ['ROLE_CHAINING fills role-chaining', {}, { ROLE_CHAINING: 'true' }, 'roleChaining', 'true'],
    [
      'ROLE_SESSION_NAME is not hidden by a default',
      {},
      { ROLE_SESSION_NAME: 'from-env' },
      'roleSessionName',
      'from-env',
    ],
    [
      'RETRY_MAX_ATTEMPTS is not hidden by a default',
      {},
      { RETRY_MAX_ATTEMPTS: '3' },
      'retryMaxAttempts',
      '3',
    ],
    [
      'HTTPS_PROXY is preferred over HTTP_PROXY',
      {},
      { HTTP_PROXY: 'http://plain:3128', HTTPS_PROXY: 'http://secure:3128' },
      'httpProxy',
      'http://secure:3128',
    ],
    [
      'https_proxy is preferred over HTTPS_PROXY, as @actions/http-client',
      {},
      { https_proxy: 'http://lower:3128', HTTPS_PROXY: 'http://upper:3128' },
      'httpProxy',
      'http://lower:3128',
    ],
    [
      'no_proxy is preferred over NO_PROXY, as @actions/http-client',
      {},
      { no_proxy: 'a.example', NO_PROXY: 'b.example' },
      'noProxy',
      'a.example',
    ],
    [
      'HTTP_PROXY alone fills http-proxy',
      {},
      { HTTP_PROXY: 'http://plain:3128' },
      'httpProxy',
      'http://plain:3128',
    ],
    ['an empty variable is no value', {}, { AWS_REGION: '' }, 'awsRegion', ''],
    [
      'a variable the reference does not read is ignored (keys stay secrets)',
      {},
      { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' },
      'awsAccessKeyId',
      '',
    ],
    [
      'an input set to its old default still wins',
      { 'role-session-name': 'GitHubActions' },
      { ROLE_SESSION_NAME: 'from-env' },
      'roleSessionName',
      'GitHubActions',
    ],
  ] as const)('%s', (_name, given, env, key, expected) => {
    expect(readInputs(reader(given), env)[key]).toBe(expected);
  });

  test.each([
    {
      name: 'ROLE_TO_ASSUME adds no session to a step whose with: asks only for profiles',
      given: { profiles: 'dev = arn:aws:iam::111111111111:role/dev' },
      env: { ROLE_TO_ASSUME: 'arn:aws:iam::222222222222:role/job' },
      key: 'roleToAssume',
      expected: '',
      warning: "ROLE_TO_ASSUME in the environment is ignored: this step's `with:` sets `profiles`",
    },
    {
      name: 'ROLE_TO_ASSUME is not a first hop for a role-chain the step gave',
      given: { 'role-chain': 'arn:aws:iam::111111111111:role/a' },
      env: { ROLE_TO_ASSUME: 'arn:aws:iam::222222222222:role/job' },
      key: 'roleToAssume',
      expected: '',
      warning:
        "ROLE_TO_ASSUME in the environment is ignored: this step's `with:` sets `role-chain`",
    },
    {
      name: 'USE_EXISTING_CREDENTIALS cancels no role-to-assume given in with:',
      given: { 'role-to-assume': 'arn:aws:iam::111111111111:role/deploy' },
      env: { USE_EXISTING_CREDENTIALS: 'true' },
      key: 'useExistingCredentials',
      expected: '',
      warning:
        "USE_EXISTING_CREDENTIALS in the environment is ignored: this step's `with:` sets `role-to-assume`",
    },
    {
      name: 'ROLE_TO_ASSUME beside stored keys in with: adds an AssumeRole, as the reference, and says so',
      given: { 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE' },
      env: { ROLE_TO_ASSUME: 'arn:aws:iam::222222222222:role/job' },
      key: 'roleToAssume',
      expected: 'arn:aws:iam::222222222222:role/job',
      warning:
        "ROLE_TO_ASSUME in the environment changes the session this step's `with:` describes (`aws-access-key-id`): it adds an AssumeRole to the stored keys, so the step exports the role's session instead of the keys, as configure-aws-credentials does. Set `role-to-assume` in `with:` to keep this, or clear the variable for this step (env: ROLE_TO_ASSUME: '').",
    },
    {
      name: 'ROLE_CHAINING=true changes the source of a with: role, and says so',
      given: { 'role-to-assume': 'arn:aws:iam::111111111111:role/deploy' },
      env: { ROLE_CHAINING: 'true' },
      key: 'roleChaining',
      expected: 'true',
      warning:
        "ROLE_CHAINING in the environment changes the session this step's `with:` describes (`role-to-assume`): it makes the job's current credentials sign the first AssumeRole",
    },
    {
      name: 'ROLE_CHAINING=false changes nothing: no warning',
      given: { 'role-to-assume': 'arn:aws:iam::111111111111:role/deploy' },
      env: { ROLE_CHAINING: 'false' },
      key: 'roleChaining',
      expected: 'false',
      warning: undefined,
    },
    {
      name: 'ROLE_CHAINING beside an explicit credential-source changes nothing: no warning',
      given: {
        'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
        'credential-source': 'oidc',
      },
      env: { ROLE_CHAINING: 'true' },
      key: 'roleChaining',
      expected: 'true',
      warning: undefined,
    },
    {
      name: 'WEB_IDENTITY_TOKEN_FILE changes the source of a with: profiles role, and says so',
      given: { profiles: 'dev: arn:aws:iam::111111111111:role/dev' },
      env: { WEB_IDENTITY_TOKEN_FILE: '/tmp/token' },
      key: 'webIdentityTokenFile',
      expected: '/tmp/token',
      warning:
        "WEB_IDENTITY_TOKEN_FILE in the environment changes the session this step's `with:` describes (`profiles`): it makes the token in that file, not GitHub's OIDC token, the source of the first role",
    },
    {
      name: 'WEB_IDENTITY_TOKEN_FILE beside stored keys in with: changes nothing (keys come first)',
      given: {
        'role-to-assume': 'arn:aws:iam::111111111111:role/deploy',
        'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
      },
      env: { WEB_IDENTITY_TOKEN_FILE: '/tmp/token' },
      key: 'webIdentityTokenFile',
      expected: '/tmp/token',
      warning: undefined,
    },
    {
      name: 'ROLE_DURATION_SECONDS only shapes a with: role: used silently, as the reference',
      given: { 'role-to-assume': 'arn:aws:iam::111111111111:role/deploy' },
      env: { ROLE_DURATION_SECONDS: '900' },
      key: 'roleDurationSeconds',
      expected: '900',
      warning: undefined,
    },
    {
      name: 'ROLE_TO_ASSUME still fills a step that names no session',
      given: {},
      env: { ROLE_TO_ASSUME: 'arn:aws:iam::222222222222:role/job' },
      key: 'roleToAssume',
      expected: 'arn:aws:iam::222222222222:role/job',
      warning: undefined,
    },
    {
      name: 'both from the environment keep working together',
      given: {},
      env: {
        ROLE_TO_ASSUME: 'arn:aws:iam::222222222222:role/job',
        USE_EXISTING_CREDENTIALS: 'true',
      },
      key: 'useExistingCredentials',
      expected: 'true',
      warning: undefined,
    },
  ] as const)('$name', ({ given, env, key, expected, warning }) => {
    const warnings: string[] = [];
    expect(readInputs(reader(given), env, (line) => warnings.push(line))[key]).toBe(expected);
    if (warning === undefined) expect(warnings).toEqual([]);
    else expect(warnings).toEqual([expect.stringContaining(warning)]);
  });

  test('inputs without a variable keep their action.yml default', () => {
    const raw = readInputs(reader(), {});
    expect(raw.credentialSource).toBe('auto');
    expect(raw.outputEnvCredentials).toBe('true');
  });

  test('no input that may come from a variable has a default in action.yml (it would hide it)', () => {
    for (const key of Object.keys(INPUT_ENV_VARIABLES) as InputKey[])
      expect([key, ACTION_YML_DEFAULTS[key]]).toEqual([key, '']);
  });
});

describe('run context from @actions/github', () => {
  const github: GitHubContext = {
    eventName: 'push',
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    workflow: 'deploy',
    action: '__run',
    actor: 'octocat',
    job: 'deploy',
    runId: 4242,
    runAttempt: 2,
    serverUrl: 'https://github.example.com',
    repo: { owner: 'octo-org', repo: 'octo-repo' },
  };

  test('carries the context and reads only what it lacks from variables', () => {
    const ctx = readRunContext(github, {
      GITHUB_REF_NAME: 'main',
      GITHUB_WORKSPACE: '/w',
      RUNNER_TEMP: '/t',
      AWS_PROFILE: 'dev',
    });
    expect(ctx).toMatchObject({
      repository: 'octo-org/octo-repo',
      repositoryOwner: 'octo-org',
      ref: 'refs/heads/main',
      refName: 'main',
      runId: '4242',
      runAttempt: '2',
      serverUrl: 'https://github.example.com',
      workspace: '/w',
      runnerTemp: '/t',
      isOidcAvailable: false,
    });
    expect(ctx.ambient.profile).toBe('dev');
  });

  test('outside a workflow: empty values, not NaN or a thrown error', () => {
    const ctx = readRunContext(
      {
        ...github,
        runId: Number.NaN,
        runAttempt: Number.NaN,
        get repo(): never {
          throw new Error('context.repo requires a GITHUB_REPOSITORY environment variable');
        },
      },
      {},
    );
    expect([ctx.repository, ctx.runId, ctx.runAttempt]).toEqual(['', '', '']);
  });
});
