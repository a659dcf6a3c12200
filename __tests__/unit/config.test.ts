import {
  MFA_DEVICE as MFA,
  KEYS as keys,
  NO_OIDC as noOidc,
  OIDC as oidc,
  configFor as config,
  problemsFor as problems,
} from '../../__fixtures__/config.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import type { Config } from '../../src/config/types.js';
import type { RunContext } from '../../src/model/run-context.js';
import { INPUT, type RawInputs } from '../../src/config/input-names.js';

const mfaKeys = { ...keys, mfaSerialNumber: MFA };

describe('source selection', () => {
  test.each<{ name: string; inputs: Partial<RawInputs>; ctx: RunContext; kind: string }>([
    { name: 'role with id-token: write → oidc', inputs: {}, ctx: oidc, kind: 'oidc' },
    {
      name: 'role without id-token: write → default chain',
      inputs: {},
      ctx: noOidc,
      kind: 'default-chain',
    },
    {
      name: 'force-skip-oidc → default chain',
      inputs: { forceSkipOidc: 'true' },
      ctx: oidc,
      kind: 'default-chain',
    },
    { name: 'stored keys beat OIDC', inputs: keys, ctx: oidc, kind: 'static-keys' },
    {
      name: 'stored keys without a role',
      inputs: { ...keys, roleToAssume: '' },
      ctx: oidc,
      kind: 'static-keys',
    },
    {
      name: 'token file beats OIDC',
      inputs: { webIdentityTokenFile: 'token.jwt' },
      ctx: oidc,
      kind: 'web-identity-token-file',
    },
    {
      name: 'role-chaining beats OIDC',
      inputs: { roleChaining: 'true' },
      ctx: oidc,
      kind: 'role-chaining',
    },
    {
      name: 'profiles only with id-token: write → oidc',
      inputs: { roleToAssume: '', profiles: `prod: ${ROLE.prod}` },
      ctx: oidc,
      kind: 'oidc',
    },
    {
      name: 'explicit default-chain',
      inputs: { credentialSource: 'default-chain' },
      ctx: oidc,
      kind: 'default-chain',
    },
  ])('$name', ({ inputs, ctx, kind }) => {
    expect(config(inputs, ctx).source.kind).toBe(kind);
  });

  test('token file path resolves against the workspace', () => {
    expect(config({ webIdentityTokenFile: 'token.jwt' }).source).toEqual({
      kind: 'web-identity-token-file',
      path: '/home/runner/work/deploy-app/deploy-app/token.jwt',
    });
  });
});

describe('conflicts and cross-field rules', () => {
  test.each<{
    name: string;
    inputs: Partial<RawInputs>;
    ctx?: RunContext;
    input: string;
    says: string;
  }>([
    {
      name: 'keys with explicit oidc',
      inputs: { ...keys, credentialSource: 'oidc' },
      input: INPUT.awsAccessKeyId,
      says: 'credential source is oidc',
    },
    {
      name: 'secret without key id',
      inputs: { awsSecretAccessKey: 'x' },
      input: INPUT.awsAccessKeyId,
      says: 'is required with',
    },
    {
      name: 'key id without secret',
      inputs: { awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      input: INPUT.awsSecretAccessKey,
      says: 'is required with',
    },
    {
      name: 'token file with keys',
      inputs: { ...keys, webIdentityTokenFile: 't' },
      input: INPUT.webIdentityTokenFile,
      says: 'static-keys',
    },
    {
      name: 'token file with explicit oidc',
      inputs: { credentialSource: 'oidc', webIdentityTokenFile: 't' },
      input: INPUT.webIdentityTokenFile,
      says: 'oidc',
    },
    {
      name: 'token-file source without a file',
      inputs: { credentialSource: 'web-identity-token-file' },
      input: INPUT.webIdentityTokenFile,
      says: 'is required',
    },
    {
      name: 'role-chaining with another source',
      inputs: { roleChaining: 'true', credentialSource: 'oidc' },
      input: INPUT.roleChaining,
      says: 'oidc',
    },
    {
      name: 'role-chaining + unset-current-credentials',
      inputs: { roleChaining: 'true', unsetCurrentCredentials: 'true' },
      input: INPUT.unsetCurrentCredentials,
      says: 'role-chaining',
    },
    {
      name: 'oidc without ACTIONS_ID_TOKEN_*',
      inputs: { credentialSource: 'oidc' },
      ctx: noOidc,
      input: INPUT.credentialSource,
      says: 'id-token: write',
    },
    {
      name: 'unknown credential-source',
      inputs: { credentialSource: 'magic' },
      input: INPUT.credentialSource,
      says: "'magic'",
    },
    {
      name: 'bare role name with OIDC',
      inputs: { roleToAssume: 'deploy' },
      input: INPUT.roleToAssume,
      says: 'bare role name',
    },
    {
      name: 'bare role name in a profile with OIDC',
      inputs: { roleToAssume: '', profiles: 'prod: deploy' },
      input: INPUT.profiles,
      says: 'bare role name',
    },
    {
      name: 'invalid role ARN',
      inputs: { roleToAssume: 'arn:aws:iam::123:role/x' },
      input: INPUT.roleToAssume,
      says: '12-digit',
    },
    {
      name: 'no role and no keys',
      inputs: { roleToAssume: '' },
      ctx: noOidc,
      input: INPUT.roleToAssume,
      says: 'is required',
    },
    {
      name: 'role-chain without role-to-assume',
      inputs: { roleToAssume: '', roleChain: ROLE.prod },
      ctx: noOidc,
      input: INPUT.roleChain,
      says: 'first hop',
    },
    {
      name: 'refresh with stored keys',
      inputs: { ...keys, awsProfile: 'dev', refreshCredentials: 'true' },
      input: INPUT.refreshCredentials,
      says: 'stored keys',
    },
    {
      name: 'refresh without a profile',
      inputs: { refreshCredentials: 'true' },
      input: INPUT.refreshCredentials,
      says: INPUT.awsProfile,
    },
    {
      name: 'refresh with role-chaining',
      inputs: { roleChaining: 'true', awsProfile: 'dev', refreshCredentials: 'true' },
      input: INPUT.refreshCredentials,
      says: 'role-chaining',
    },
    {
      name: 'MFA with OIDC',
      inputs: { mfaSerialNumber: MFA, mfaTokenCode: '123456' },
      input: INPUT.mfaSerialNumber,
      says: 'AssumeRoleWithWebIdentity',
    },
    {
      name: 'MFA code of five digits',
      inputs: { ...mfaKeys, mfaTokenCode: '12345' },
      input: INPUT.mfaTokenCode,
      says: 'six digits',
    },
    {
      name: 'MFA code with a letter',
      inputs: { ...mfaKeys, mfaTokenCode: '12345a' },
      input: INPUT.mfaTokenCode,
      says: 'six digits',
    },
    {
      name: 'MFA code and TOTP secret both',
      inputs: { ...mfaKeys, mfaTokenCode: '123456', mfaTotpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' },
      input: INPUT.mfaSerialNumber,
      says: 'exactly one',
    },
    {
      name: 'bad TOTP secret',
      inputs: { ...mfaKeys, mfaTotpSecret: 'not-base32-at-all!' },
      input: INPUT.mfaTotpSecret,
      says: 'base32',
    },
    {
      name: 'MFA code without a device',
      inputs: { ...keys, mfaTokenCode: '123456' },
      input: INPUT.mfaSerialNumber,
      says: 'is required',
    },
    {
      name: 'source-identity with one OIDC hop',
      inputs: { sourceIdentity: '{actor}' },
      input: INPUT.sourceIdentity,
      says: 'AssumeRoleWithWebIdentity',
    },
    {
      name: 'profile defined twice',
      inputs: { awsProfile: 'prod', profiles: `prod: ${ROLE.prod}` },
      input: INPUT.profiles,
      says: 'twice',
    },
    {
      name: 'bad external id',
      inputs: { roleExternalId: 'has space' },
      input: INPUT.roleExternalId,
      says: '2-1224',
    },
    {
      name: 'inline policy not JSON',
      inputs: { inlineSessionPolicy: '{nope' },
      input: INPUT.inlineSessionPolicy,
      says: 'not valid JSON',
    },
    {
      name: 'bad aws-profile name',
      inputs: { awsProfile: 'my profile' },
      input: INPUT.awsProfile,
      says: '1-64',
    },
  ])('$name → $input', ({ inputs, ctx, input, says }) => {
    const found = problems(inputs, ctx ?? oidc).filter((p) => p.input === input);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(says);
  });

  test.each<{ name: string; inputs: Partial<RawInputs>; expected: Partial<Config> }>([
    {
      name: 'source-identity with OIDC and a chained hop',
      inputs: { sourceIdentity: '{actor}', roleChain: ROLE.prod },
      expected: {},
    },
    {
      name: 'MFA code with stored keys',
      inputs: { ...mfaKeys, mfaTokenCode: '123456' },
      expected: { mfa: { serialNumber: MFA, kind: 'code', code: '123456' } },
    },
    {
      name: 'TOTP secret normalized',
      inputs: { ...mfaKeys, mfaTotpSecret: 'jbsw y3dp ehpk 3pxp' },
      expected: { mfa: { serialNumber: MFA, kind: 'totp', secret: 'JBSWY3DPEHPK3PXP' } },
    },
    {
      name: 'use-existing-credentials without a role',
      inputs: { roleToAssume: '', useExistingCredentials: 'true' },
      expected: { useExistingCredentials: true, primaryChain: undefined },
    },
  ])('accepts $name', ({ inputs, expected }) => {
    expect(config(inputs)).toMatchObject(expected);
  });
});

test.each([
  ['stored keys', { awsAccessKeyId: 'AKIAEXAMPLE', awsSecretAccessKey: 'secret-example' }],
  ['role chaining', { roleChaining: 'true' }],
])(
  'allowed-environments with %s is an input error (no OIDC claim to check)',
  (_name, overrides) => {
    const errors = problems({
      roleToAssume: 'arn:aws:iam::123456789012:role/deploy',
      allowedEnvironments: 'prod',
      ...overrides,
    });
    expect(errors.map((e: { input: string }) => e.input)).toContain('allowed-environments');
  },
);

test('allowed-environments with OIDC is accepted', () => {
  expect(() =>
    config({
      roleToAssume: 'arn:aws:iam::123456789012:role/deploy',
      allowedEnvironments: 'prod',
    }),
  ).not.toThrow();
});
