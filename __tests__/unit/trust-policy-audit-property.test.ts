// Audit never under-reports: for generated trust policies whose admitted audience is known by
// construction, the audience audit reports is at least as wide as the truth. Decorations that
// leave the truth unchanged (a missing aud, an unrelated Deny, an unknown key IAM may satisfy,
// an extra narrower Allow, the GHES or enterprise issuer) are mixed in.
import fc from 'fast-check';
import {
  AUDIENCES,
  type Audience,
  audienceRank,
  auditAudience,
} from '../../src/trust-policy/audience.js';
import type { PolicyDocument } from '../../src/trust-policy/evaluate.js';

const ISSUERS = [
  'token.actions.githubusercontent.com',
  'token.actions.githubusercontent.com/octo-ent',
  'token.actions.octocorp.ghe.com',
  'github.example.com/_services/token',
];
const word = fc
  .stringMatching(/^[a-z][a-z0-9-]{1,8}[a-z0-9]$/)
  .filter((w) => !w.includes('outsider'));
const id = fc.integer({ min: 1, max: 99_999 }).map(String);

interface Shape {
  readonly truth: Audience;
  readonly condition: Record<string, Record<string, unknown>>;
}

function shapes(
  h: string,
  o: string,
  n: string,
  env: string,
  oid: string,
  rid: string,
  cut: number,
): Shape[] {
  const sub = `${h}:sub`;
  const ghes = h.endsWith('/_services/token');
  const shapes: Shape[] = [
    { truth: 'any-github-user', condition: {} },
    { truth: 'any-github-user', condition: { StringLike: { [sub]: 'repo:*' } } },
    { truth: 'any-github-user', condition: { StringLike: { [sub]: '*' } } },
    { truth: 'any-github-user', condition: { StringLike: { [sub]: `repo:${o.slice(0, cut)}*` } } },
    { truth: 'any-github-user', condition: { StringLike: { [sub]: `repo:*/${n}:*` } } },
    { truth: 'any-github-user', condition: { StringLike: { [sub]: `repo:*:environment:${env}` } } },
    { truth: 'owner', condition: { StringLike: { [sub]: `repo:${o}/*` } } },
    { truth: 'owner', condition: { StringLike: { [sub]: `repo:${o}/*:environment:${env}` } } },
    { truth: 'owner', condition: { StringLike: { [sub]: `repo:${o}/${n.slice(0, cut)}*` } } },
    { truth: 'repositories', condition: { StringLike: { [sub]: `repo:${o}/${n}:*` } } },
    {
      truth: 'repositories',
      condition: { StringLike: { [sub]: `repo:${o}/${n}:ref:refs/heads/*` } },
    },
    { truth: 'repositories', condition: { StringLike: { [sub]: `repo:${o}/${n}:environment:*` } } },
    { truth: 'refs', condition: { StringEquals: { [sub]: `repo:${o}/${n}:environment:${env}` } } },
    {
      truth: 'refs',
      condition: { StringEquals: { [sub]: `repo:${o}/${n}:ref:refs/heads/${env}` } },
    },
    { truth: 'refs', condition: { StringEquals: { [sub]: `repo:${o}/${n}:pull_request` } } },
    {
      truth: 'refs',
      condition: {
        StringLike: {
          [sub]: [`repo:${o}/${n}:environment:${env}`, `repo:${o}/${n}:ref:refs/tags/v1`],
        },
      },
    },
  ];
  if (ghes) return shapes;
  return [
    ...shapes,
    { truth: 'owner', condition: { StringLike: { [sub]: `repo:${o}@${oid}/*` } } },
    {
      truth: 'repositories',
      condition: { StringLike: { [sub]: `repo:${o}@${oid}/${n}@${rid}:*` } },
    },
    {
      truth: 'refs',
      condition: { StringEquals: { [sub]: `repo:${o}@${oid}/${n}@${rid}:environment:${env}` } },
    },
    { truth: 'any-github-user', condition: { StringLike: { [sub]: `repo:*@*/${n}@*:*` } } },
  ];
}

const arbitraryCase = fc.record({
  issuer: fc.constantFrom(...ISSUERS),
  owner: word,
  name: word,
  env: word,
  oid: id,
  rid: id,
  cut: fc.integer({ min: 1, max: 3 }),
  pick: fc.nat(),
  withAud: fc.boolean(),
  unknownAllow: fc.boolean(),
  unrelatedDeny: fc.boolean(),
  unknownDeny: fc.boolean(),
  narrowerAllow: fc.boolean(),
  closeAll: fc.boolean(),
});

test('audit never reports a narrower audience than the policy admits', () => {
  fc.assert(
    fc.property(arbitraryCase, (c) => {
      const all = shapes(c.issuer, c.owner, c.name, c.env, c.oid, c.rid, c.cut);
      const shape = all[c.pick % all.length] as Shape;
      const h = c.issuer;
      const condition: Record<string, Record<string, unknown>> = { ...shape.condition };
      if (c.withAud)
        condition['StringEquals'] = {
          ...condition['StringEquals'],
          [`${h}:aud`]: 'sts.amazonaws.com',
        };
      if (c.unknownAllow) condition['IpAddress'] = { 'aws:SourceIp': '10.0.0.0/8' };
      const federated = `arn:aws:iam::123456789012:oidc-provider/${h}`;
      const statement = (effect: string, cond?: object): object => ({
        Effect: effect,
        Principal: { Federated: federated },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(cond === undefined ? {} : { Condition: cond }),
      });
      const statements = [statement('Allow', condition)];
      if (c.narrowerAllow)
        statements.push(
          statement('Allow', {
            StringEquals: { [`${h}:sub`]: `repo:${c.owner}/${c.name}:environment:${c.env}` },
          }),
        );
      if (c.unrelatedDeny)
        statements.push(
          statement('Deny', {
            StringEquals: { [`${h}:sub`]: 'repo:evil-org/evil:ref:refs/heads/x' },
          }),
        );
      if (c.unknownDeny)
        statements.push(statement('Deny', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }));
      // A Deny of everything makes the truth "nobody", which every report is at least as wide as.
      if (c.closeAll) statements.push(statement('Deny'));
      const truth: Audience = c.closeAll ? 'nobody' : shape.truth;
      const policy = { Version: '2012-10-17', Statement: statements } as PolicyDocument;
      const reported = auditAudience(policy).audience;
      expect([reported, audienceRank(reported) >= audienceRank(truth)]).toEqual([reported, true]);
      // Without decorations that only widen the doubt, the report is exact.
      if (!c.unknownAllow && !c.closeAll) expect(reported).toBe(truth);
    }),
    { numRuns: 150, seed: 20_261_202 },
  );
});

test('the audiences are ranked widest first', () => {
  expect(AUDIENCES.map(audienceRank)).toEqual([4, 3, 2, 1, 0]);
});
