// parseConfig's value rules: strict booleans, durations, session names, regions, network,
// guard lists and tags, and reporting every problem at once.
import {
  NO_OIDC as noOidc,
  OIDC as oidc,
  configFor as config,
  problemsFor as problems,
} from '../../__fixtures__/config.js';
import { ACTION_YML_DEFAULTS, ROLE, rawInputs } from '../../__fixtures__/inputs.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { InputErrors } from '../../src/model/errors.js';
import { INPUT, type InputKey, type RawInputs } from '../../src/config/input-names.js';

describe('strict booleans', () => {
  const booleanKeys = (Object.keys(ACTION_YML_DEFAULTS) as InputKey[]).filter((k) =>
    /^(true|false)$/.test(ACTION_YML_DEFAULTS[k]),
  );

  test.each(booleanKeys.map((key) => ({ key, input: INPUT[key] })))(
    "'ture' in $input is an error naming it",
    ({ key, input }) => {
      const found = problems({ [key]: 'ture' }).filter((p) => p.input === input);
      expect(found).toEqual([
        { input, message: `\`${input}\`: expected true or false, got 'ture'` },
      ]);
    },
  );

  test.each([
    { name: 'TRUE', value: 'TRUE', expected: true },
    { name: 'False', value: 'False', expected: false },
    { name: 'empty → default', value: '', expected: true },
  ])('output-env-credentials $name', ({ value, expected }) => {
    expect(config({ outputEnvCredentials: value }).output.envCredentials).toBe(expected);
  });

  test('use-existing-credentials: ture without a role is reported once', () => {
    const found = problems({ roleToAssume: '', useExistingCredentials: 'ture' }, noOidc);
    expect(found.filter((p) => p.input === INPUT.useExistingCredentials)).toHaveLength(1);
  });
});

describe('durations', () => {
  test.each([
    { name: 'minimum', inputs: { roleDurationSeconds: '900' }, duration: 900 },
    {
      name: 'maximum for a first OIDC hop',
      inputs: { roleDurationSeconds: '43200' },
      duration: 43200,
    },
    { name: 'unset', inputs: {}, duration: undefined },
    {
      name: 'one hour with role-chaining',
      inputs: { roleChaining: 'true', roleDurationSeconds: '3600' },
      duration: 3600,
    },
  ])('accepts $name', ({ inputs, duration }) => {
    expect(config(inputs).primaryChain?.[0].durationSeconds).toBe(duration);
  });

  test.each<{ name: string; inputs: Partial<RawInputs>; input: string; says: string }>([
    {
      name: 'below 900',
      inputs: { roleDurationSeconds: '899' },
      input: INPUT.roleDurationSeconds,
      says: '900-43200',
    },
    {
      name: 'above 43200',
      inputs: { roleDurationSeconds: '43201' },
      input: INPUT.roleDurationSeconds,
      says: '900-43200',
    },
    {
      name: 'not a number',
      inputs: { roleDurationSeconds: '1h' },
      input: INPUT.roleDurationSeconds,
      says: "'1h'",
    },
    {
      name: 'two hours on a role-chain hop',
      inputs: { roleChain: `${ROLE.prod} duration=7200` },
      input: INPUT.roleChain,
      says: '1 hour',
    },
    {
      name: 'two hours on role-to-assume with a role-chain (the exported session would get 1 hour)',
      inputs: { roleDurationSeconds: '7200', roleChain: ROLE.prod },
      input: INPUT.roleDurationSeconds,
      says: 'refresh-credentials',
    },
    {
      name: 'two hours with role-chaining: true',
      inputs: { roleChaining: 'true', roleDurationSeconds: '7200' },
      input: INPUT.roleDurationSeconds,
      says: 'role-chaining',
    },
    {
      name: "two hours on a profile's second hop",
      inputs: { profiles: `p: ${ROLE.prod} -> ${ROLE.audit} duration=7200` },
      input: INPUT.profiles,
      says: '1 hour',
    },
    {
      name: 'two hours on the first hop of a profile that goes on (it would export 1 hour)',
      inputs: { profiles: `p: ${ROLE.prod} duration=7200 -> ${ROLE.audit}` },
      input: INPUT.profiles,
      says: 'refresh-credentials',
    },
  ])('refuses $name', ({ inputs, input, says }) => {
    const found = problems(inputs).filter((p) => p.input === input);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(says);
  });
});

test("two hours on a profile's only hop stays allowed (not chained)", () => {
  expect(() => config({ profiles: `p: ${ROLE.prod} duration=7200` })).not.toThrow();
});

describe('session names', () => {
  test.each([
    { name: 'default', value: '', expected: 'GitHubActions' },
    { name: 'literal', value: 'deploy-prod', expected: 'deploy-prod' },
    { name: 'placeholders', value: '{repo}-{run_id}', expected: '{repo}-{run_id}' },
  ])('accepts $name', ({ value, expected }) => {
    expect(config({ roleSessionName: value }).session.sessionName).toBe(expected);
  });

  test.each([
    { name: 'literal with a space', value: 'my session', says: "'my session' must be 2-64" },
    { name: 'one character', value: 'a', says: 'must be 2-64' },
    { name: 'unknown placeholder', value: 'gh-{branch}', says: 'unknown placeholder {branch}' },
  ])('refuses $name', ({ value, says }) => {
    expect(problems({ roleSessionName: value })).toEqual([
      { input: INPUT.roleSessionName, message: expect.stringContaining(says) },
    ]);
  });
});

describe('region, partition and endpoints', () => {
  test.each([
    {
      region: 'us-east-1',
      partition: 'aws',
      audience: 'sts.amazonaws.com',
    },
    {
      region: 'eu-central-2',
      partition: 'aws',
      audience: 'sts.amazonaws.com',
    },
    {
      region: 'cn-north-1',
      partition: 'aws-cn',
      audience: 'sts.amazonaws.com.cn',
    },
    {
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      audience: 'sts.amazonaws.com',
    },
    { region: 'eusc-de-east-1', partition: 'aws-eusc', audience: 'sts.amazonaws.com' },
    { region: 'us-iso-east-1', partition: 'aws-iso', audience: 'sts.amazonaws.com' },
    { region: 'us-isob-east-1', partition: 'aws-iso-b', audience: 'sts.amazonaws.com' },
  ])(
    '$region: partition, audience, and the endpoint left to the SDK',
    ({ region, partition, audience }) => {
      const parsed = config({
        awsRegion: region,
        roleToAssume: `arn:${partition}:iam::111111111111:role/deploy`,
      });
      expect({
        partition: parsed.partition,
        source: parsed.source,
        endpoint: parsed.network.stsEndpoint,
      }).toEqual({
        partition,
        source: { kind: 'oidc', audience },
        endpoint: undefined,
      });
    },
  );

  test.each(['', 'useast1', 'US-EAST-1', 'us-east', 'mars-north-1x'])(
    "refuses region '%s'",
    (region) => {
      expect(problems({ awsRegion: region }).map((p) => p.input)).toEqual([INPUT.awsRegion]);
    },
  );

  test('an explicit audience and sts-endpoint win', () => {
    const parsed = config({
      awsRegion: 'cn-north-1',
      audience: 'custom',
      stsEndpoint: 'http://127.0.0.1:5000',
    });
    expect([parsed.source, parsed.network.stsEndpoint]).toEqual([
      { kind: 'oidc', audience: 'custom' },
      'http://127.0.0.1:5000',
    ]);
  });

  test.each(['ftp://sts.example.com', 'not a url'])("refuses sts-endpoint '%s'", (value) => {
    expect(problems({ stsEndpoint: value })).toEqual([
      { input: INPUT.stsEndpoint, message: expect.stringContaining('http(s) URL') },
    ]);
  });
});

describe('network, guards and tags', () => {
  test.each([
    { name: 'default', inputs: {}, attempts: 8 },
    { name: 'retry-max-attempts 3', inputs: { retryMaxAttempts: '3' }, attempts: 3 },
    { name: 'disable-retry', inputs: { retryMaxAttempts: '5', disableRetry: 'true' }, attempts: 1 },
  ])('max attempts: $name', ({ inputs, attempts }) => {
    expect(config(inputs).network).toMatchObject({
      maxAttempts: attempts,
      attemptTimeoutMs: 10_000,
      actionTimeoutMs: undefined,
    });
  });

  test.each<{ name: string; inputs: Partial<RawInputs>; input: string }>([
    {
      name: 'retry-max-attempts 0',
      inputs: { retryMaxAttempts: '0' },
      input: INPUT.retryMaxAttempts,
    },
    {
      name: 'retry-max-attempts 21',
      inputs: { retryMaxAttempts: '21' },
      input: INPUT.retryMaxAttempts,
    },
    {
      name: 'retry-max-attempts x',
      inputs: { retryMaxAttempts: 'x' },
      input: INPUT.retryMaxAttempts,
    },
    {
      name: 'short account id',
      inputs: { allowedAccountIds: '111111111111, 1234' },
      input: INPUT.allowedAccountIds,
    },
    {
      name: 'account id with a letter',
      inputs: { allowedAccountIds: '11111111111a' },
      input: INPUT.allowedAccountIds,
    },
    {
      name: 'custom-tags not JSON',
      inputs: { customTags: 'Team=payments' },
      input: INPUT.customTags,
    },
    { name: 'custom-tags array', inputs: { customTags: '["Team"]' }, input: INPUT.customTags },
    {
      name: 'custom-tags nested value',
      inputs: { customTags: '{"Team":{"name":"x"}}' },
      input: INPUT.customTags,
    },
    {
      name: 'custom-tags bad key',
      inputs: { customTags: '{"Team!":"x"}' },
      input: INPUT.customTags,
    },
    {
      name: 'custom-tags bad value',
      inputs: { customTags: '{"Team":"a<b>"}' },
      input: INPUT.customTags,
    },
  ])('refuses $name', ({ inputs, input }) => {
    expect(problems(inputs).map((p) => p.input)).toEqual([input]);
  });

  test('accepted lists and tags', () => {
    const parsed = config({
      allowedAccountIds: '111111111111,\n222222222222',
      customTags: '{"Team":"payments","Tier":2,"Live":true}',
    });
    expect(parsed.guards.allowedAccountIds).toEqual(['111111111111', '222222222222']);
    expect(parsed.session.customTags).toEqual([
      { key: 'Team', value: 'payments' },
      { key: 'Tier', value: '2' },
      { key: 'Live', value: 'true' },
    ]);
  });
});

test('every problem is reported at once', () => {
  let thrown: unknown;
  try {
    parseConfig(
      rawInputs({
        awsRegion: 'nowhere',
        roleToAssume: ROLE.deploy,
        maskAwsAccountId: 'ture',
        roleDurationSeconds: '60',
        allowedAccountIds: '42',
        customTags: '{',
      }),
      oidc,
    );
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputErrors);
  const errors = (thrown as InputErrors).errors;
  expect(errors.map((e) => e.input).sort()).toEqual(
    [
      INPUT.awsRegion,
      INPUT.maskAwsAccountId,
      INPUT.roleDurationSeconds,
      INPUT.allowedAccountIds,
      INPUT.customTags,
    ].sort(),
  );
  expect((thrown as Error).message).toMatch(/^5 inputs need fixing:/);
});
