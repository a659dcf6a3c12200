// The refresh helper's way into execution: a SessionRecipe built from the spec, walked by the
// same code as the main step, against an in-memory StsGateway and a web-identity source.
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import type { Retrier } from '../../src/aws/retry.js';
import type { StsGateway } from '../../src/aws/sts-gateway.js';
import { obtainSession } from '../../src/execute/walk-session.js';
import { recipeFromSpec, refreshSpecFor } from '../../src/publish/refresh-spec.js';
import type { CredentialSource } from '../../src/sources/types.js';

const EXPIRATION = new Date('2099-01-01T00:00:00Z');

/** Records which operation each request was, and what signed it (a token or a key id). */
function fakeGateway() {
  const sent: { action: string; roleArn: string; signedBy: string }[] = [];
  let issued = 0;
  const session = (roleArn: string, sessionName: string) => ({
    credentials: {
      accessKeyId: `ASIAFAKE${++issued}`,
      secretAccessKey: `secret${issued}`,
      sessionToken: `token${issued}`,
      expiration: EXPIRATION,
    },
    assumedRoleArn: `arn:aws:sts::${/::(\d{12}):/.exec(roleArn)?.[1] ?? ''}:assumed-role/r/${sessionName}`,
    assumedRoleId: 'AROAFAKE:s',
    sourceIdentity: undefined,
    packedPolicySize: undefined,
    subjectFromWebIdentityToken: undefined,
  });
  const gateway: StsGateway = {
    async assumeRole(request, caller) {
      sent.push({ action: 'AssumeRole', roleArn: request.roleArn, signedBy: caller.accessKeyId });
      return session(request.roleArn, request.sessionName);
    },
    async assumeRoleWithWebIdentity(request) {
      sent.push({
        action: 'AssumeRoleWithWebIdentity',
        roleArn: request.roleArn,
        signedBy: request.webIdentityToken,
      });
      return session(request.roleArn, request.sessionName);
    },
    getCallerIdentity: () => Promise.reject(new Error('a web identity has no caller')),
    getSessionToken: () => Promise.reject(new Error('not used')),
  };
  return { gateway, sent };
}

const webIdentity: CredentialSource = {
  obtain: async () => ({
    kind: 'web-identity',
    token: async () => 'jwt-1',
    claims: undefined,
    description: 'test token',
  }),
};
const once: Retrier = (_label, operation) => operation(1, undefined);

test("the helper re-walks the profile's chain as main planned it: web identity, then signed by hop 1", async () => {
  const plan = planFor({
    profiles: `live: ${ROLE.deploy} -> ${ROLE.prod}`,
    refreshCredentials: 'true',
  });
  const hops = plan.sessions[0]?.hops ?? [];
  if (plan.source.kind !== 'oidc') throw new Error('expected OIDC');
  const spec = refreshSpecFor(plan, plan.source, 'live', hops, '/tmp/cache-live.json', undefined);
  const { gateway, sent } = fakeGateway();
  const session = await obtainSession(recipeFromSpec(spec), webIdentity, {
    gateway,
    mask: () => undefined,
    retry: once,
    info: () => undefined,
    debug: () => undefined,
    now: () => new Date('2026-11-30T12:00:00Z'),
    attemptTimeoutMs: 1000,
    signal: undefined,
  });
  expect(sent).toEqual([
    { action: 'AssumeRoleWithWebIdentity', roleArn: ROLE.deploy, signedBy: 'jwt-1' },
    { action: 'AssumeRole', roleArn: ROLE.prod, signedBy: 'ASIAFAKE1' },
  ]);
  expect(session.credentials.accessKeyId).toBe('ASIAFAKE2');
  expect(session.hops.map((h) => h.roleArn)).toEqual([ROLE.deploy, ROLE.prod]);
});
