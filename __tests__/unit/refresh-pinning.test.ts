// The refresh helper's pure network rules (issue 24): what the spec records, how a version-1
// spec is read, which variables of the helper's own step are dropped, and the check that a
// refreshed session is the spec's role in the spec's account.
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import {
  isNetworkOverride,
  pinEnvironment,
  pinFromInputs,
  type PinnedNetwork,
} from '../../src/aws/network-pin.js';
import { assumedRoleMismatch } from '../../src/model/assumed-role-check.js';
import { refreshSpecFor } from '../../src/publish/refresh-spec.js';
import { helperLine, helperSecrets } from '../../src/refresh/refresh-checks.js';

const PIN: PinnedNetwork = {
  endpoint: { url: 'http://sts.corp.example:8080', from: 'AWS_ENDPOINT_URL_STS' },
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  proxyEnv: { https_proxy: 'http://proxy.corp:3128', NO_PROXY: '.corp' },
};

test('the spec records the network choices main made, as version 2', () => {
  const plan = planFor({
    roleToAssume: ROLE.deploy,
    awsProfile: 'live',
    refreshCredentials: 'true',
  });
  if (plan.source.kind !== 'oidc') throw new Error('expected OIDC');
  const spec = refreshSpecFor(plan, plan.source, 'live', [], '/tmp/cache-live.json', PIN);
  expect(spec.version).toBe(2);
  expect(JSON.parse(JSON.stringify(spec)).networkChoices).toEqual(PIN);
});

test.each([
  {
    name: 'no inputs: the SDK default, FIPS and dual-stack off, no proxy',
    endpoint: undefined,
    proxy: { httpProxy: undefined, noProxy: [] },
    expected: {
      endpoint: 'sdk-default',
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      proxyEnv: {},
    },
  },
  {
    name: 'sts-endpoint and the proxy inputs: kept, put where http-client reads them',
    endpoint: 'https://sts.corp.example',
    proxy: { httpProxy: 'http://proxy.corp:3128', noProxy: ['.corp', 'localhost'] },
    expected: {
      endpoint: { url: 'https://sts.corp.example', from: 'sts-endpoint' },
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      proxyEnv: {
        https_proxy: 'http://proxy.corp:3128',
        http_proxy: 'http://proxy.corp:3128',
        no_proxy: '.corp,localhost',
      },
    },
  },
])('a version-1 spec: $name', ({ endpoint, proxy, expected }) => {
  expect(pinFromInputs(endpoint, proxy)).toEqual(expected);
});

test.each([
  ['AWS_ENDPOINT_URL', true],
  ['AWS_ENDPOINT_URL_STS', true],
  ['AWS_ENDPOINT_URL_S3', true],
  ['aws_endpoint_url_sts', true],
  ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', true],
  ['AWS_USE_FIPS_ENDPOINT', true],
  ['AWS_USE_DUALSTACK_ENDPOINT', true],
  ['HTTPS_PROXY', true],
  ['https_proxy', true],
  ['Https_Proxy', true],
  ['HTTP_PROXY', true],
  ['no_proxy', true],
  ['No_Proxy', true],
  ['AWS_REGION', false],
  ['AWS_PROFILE', false],
  ['ACTIONS_ID_TOKEN_REQUEST_URL', false],
  ['ALL_PROXY', false],
])("the helper's own %s is dropped: %s", (name, dropped) => {
  expect(isNetworkOverride(name)).toBe(dropped);
});

test("pinning leaves the step's other variables, and main's proxy variables only", () => {
  const env: Record<string, string | undefined> = {
    PATH: '/usr/bin',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    AWS_USE_FIPS_ENDPOINT: 'true',
    HTTPS_PROXY: 'http://other:1',
    Http_Proxy: 'http://other:2',
    no_proxy: '*',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
  };
  pinEnvironment(env, PIN);
  expect(env).toEqual({
    PATH: '/usr/bin',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
    https_proxy: 'http://proxy.corp:3128',
    NO_PROXY: '.corp',
  });
});

test.each([
  [
    'the role, root path',
    ROLE.deploy,
    'arn:aws:sts::111111111111:assumed-role/deploy/GitHubActions',
    undefined,
  ],
  [
    'a pathed role (the path is not in an assumed-role ARN)',
    'arn:aws:iam::111111111111:role/ci/team/deploy',
    'arn:aws:sts::111111111111:assumed-role/deploy/s',
    undefined,
  ],
  [
    'the name in another case (IAM names ignore case)',
    ROLE.deploy,
    'arn:aws:sts::111111111111:assumed-role/Deploy/s',
    undefined,
  ],
  [
    'another account',
    ROLE.deploy,
    'arn:aws:sts::123456789012:assumed-role/deploy/s',
    'account 123456789012, not 111111111111',
  ],
  [
    'another role',
    ROLE.deploy,
    'arn:aws:sts::111111111111:assumed-role/admin/s',
    'role admin, not deploy',
  ],
  [
    'another partition',
    ROLE.deploy,
    'arn:aws-cn:sts::111111111111:assumed-role/deploy/s',
    'partition aws-cn, not aws',
  ],
  [
    'not an assumed-role ARN',
    ROLE.deploy,
    'arn:aws:iam::111111111111:user/deploy',
    "'arn:aws:iam::111111111111:user/deploy' is not an assumed-role ARN",
  ],
])('a session of %s', (_name, roleArn, assumedRoleArn, problem) => {
  expect(assumedRoleMismatch(roleArn, assumedRoleArn)).toBe(problem);
});

test("the helper's stderr lines are one line each and scrubbed of the request token, external IDs and passwords", () => {
  const plan = planFor({
    profiles: `live: ${ROLE.deploy} external-id=ext-secret-1`,
    refreshCredentials: 'true',
  });
  if (plan.source.kind !== 'oidc') throw new Error('expected OIDC');
  const hops = plan.sessions[0]?.hops ?? [];
  const pin: PinnedNetwork = { ...PIN, proxyEnv: { https_proxy: 'http://u:pr0xy-pass@proxy:1' } };
  const spec = refreshSpecFor(plan, plan.source, 'live', hops, '/tmp/c.json', pin);
  const secrets = helperSecrets(spec, pin, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token-9' });
  const line = helperLine(
    secrets,
    'live',
    'echoed ext-secret-1 and req-token-9\n  through pr0xy-pass',
  );
  expect(line).toBe("aws-deploy-role (profile 'live'): echoed *** and *** through ***");
});

test('a helper line never carries a workflow command or a control character from STS text', () => {
  const plan = planFor({ profiles: `live: ${ROLE.deploy}`, refreshCredentials: 'true' });
  if (plan.source.kind !== 'oidc') throw new Error('expected OIDC');
  const hops = plan.sessions[0]?.hops ?? [];
  const spec = refreshSpecFor(plan, plan.source, 'live', hops, '/tmp/c.json', PIN);
  const line = helperLine(
    helperSecrets(spec, PIN, {}),
    'live',
    'STS said ##[stop-commands]x and \u001b[2J then \u202e',
  );
  expect(line).not.toContain('##[');
  // eslint-disable-next-line no-control-regex -- the control characters are what is checked
  expect(line).not.toMatch(/[\u0000-\u001f\u202e]/);
  expect(line).toContain('STS said ##\\u005Bstop-commands]x');
});
