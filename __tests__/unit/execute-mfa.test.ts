// executePlan's MFA rules against an in-memory StsGateway: a code goes to STS once, and several
// sessions share one GetSessionToken session.
import { KEYS, MFA_DEVICE, NO_OIDC } from '../../__fixtures__/config.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import { StsCallError } from '../../src/model/errors.js';
import type { Retrier } from '../../src/aws/retry.js';
import { executePlan } from '../../src/execute.js';
import type { RawInputs } from '../../src/config/input-names.js';
import { withRetry } from '../../src/aws/retry.js';
import { staticKeysSource } from '../../src/sources/aws-credentials.js';
import type { StsGateway, TemporaryCredentials } from '../../src/aws/sts-gateway.js';

interface Sent {
  action: string;
  signedBy: string;
  tokenCode: string | undefined;
}

/** A gateway that records each call and fails the first `failures` AssumeRole calls with a 503. */
function fakeGateway(failures = 0) {
  const sent: Sent[] = [];
  let issued = 0;
  const issue = (): TemporaryCredentials & { expiration: Date } => ({
    accessKeyId: `ASIAFAKE${++issued}`,
    secretAccessKey: `secret${issued}`,
    sessionToken: `token${issued}`,
    expiration: new Date('2099-01-01T00:00:00Z'),
  });
  const gateway: StsGateway = {
    async assumeRole(request, caller) {
      sent.push({
        action: 'AssumeRole',
        signedBy: caller.accessKeyId,
        tokenCode: request.mfa?.tokenCode,
      });
      if (failures-- > 0) throw new StsCallError('AssumeRole', 'ServiceUnavailable', 'down', 503);
      const account = /::(\d{12}):/.exec(request.roleArn)?.[1] ?? '';
      return {
        credentials: issue(),
        assumedRoleArn: `arn:aws:sts::${account}:assumed-role/r/${request.sessionName}`,
        assumedRoleId: 'AROAFAKE:s',
        sourceIdentity: undefined,
        packedPolicySize: undefined,
        subjectFromWebIdentityToken: undefined,
      };
    },
    assumeRoleWithWebIdentity: () => Promise.reject(new Error('not used')),
    getCallerIdentity: () => Promise.reject(new Error('not used')),
    async getSessionToken(request, caller) {
      sent.push({
        action: 'GetSessionToken',
        signedBy: caller.accessKeyId,
        tokenCode: request.mfa?.tokenCode,
      });
      return issue();
    },
  };
  return { gateway, sent };
}

const retry: Retrier = (_label, operation) =>
  withRetry(operation, {
    maxAttempts: 3,
    isRetryable: (e) => e instanceof StsCallError && e.status >= 500,
    sleep: async () => undefined,
    random: () => 0,
  });

async function run(inputs: Partial<RawInputs>, failures = 0) {
  const plan = planFor(
    {
      ...inputs,
      ...KEYS,
      roleToAssume: ROLE.deploy,
      mfaSerialNumber: MFA_DEVICE,
      mfaTokenCode: '123456',
    },
    NO_OIDC,
  );
  const { gateway, sent } = fakeGateway(failures);
  if (plan.source.kind !== 'static-keys') throw new Error('expected stored keys');
  const result = executePlan(plan, {
    gateway,
    source: staticKeysSource(plan.source),
    mask: () => undefined,
    retry,
    info: () => undefined,
    debug: () => undefined,
    now: () => new Date('2026-11-30T12:00:00Z'),
    attemptTimeoutMs: 1000,
    signal: undefined,
  });
  return { result, sent };
}

test('one session: the code goes with its AssumeRole, signed by the stored keys', async () => {
  const { result, sent } = await run({});
  await expect(result).resolves.toBeDefined();
  expect(sent).toEqual([
    { action: 'AssumeRole', signedBy: KEYS.awsAccessKeyId, tokenCode: '123456' },
  ]);
});

test('three sessions: one GetSessionToken with the code signs every first AssumeRole', async () => {
  const { result, sent } = await run({ profiles: `a: ${ROLE.prod}\nb: ${ROLE.audit}` });
  await expect(result).resolves.toBeDefined();
  expect(sent.filter((s) => s.tokenCode !== undefined)).toEqual([
    { action: 'GetSessionToken', signedBy: KEYS.awsAccessKeyId, tokenCode: '123456' },
  ]);
  const assumed = sent.filter((s) => s.action === 'AssumeRole');
  expect(assumed).toHaveLength(3);
  expect(new Set(assumed.map((s) => s.signedBy))).toEqual(new Set(['ASIAFAKE1']));
});

test('a 503 after the code was sent: no second attempt with the same code', async () => {
  const { result, sent } = await run({}, 1);
  await expect(result).rejects.toThrow(/MFA: the code was already sent once/);
  expect(sent.filter((s) => s.tokenCode === '123456')).toHaveLength(1);
});
