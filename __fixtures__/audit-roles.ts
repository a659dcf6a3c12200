// Seeded generator of GitHub trust policies for the audit's differential test: realistic roles and
// realistically wrong ones. Each role names one owner, one repository and its allowed contexts
// (branch main, environment prod, tag v1); the test's own probes (audit-probes.ts) are built
// from the same names, never from the audit's witness code.

export const ACCOUNT = '111122223333';
export const ISSUERS = [
  'token.actions.githubusercontent.com',
  'token.actions.githubusercontent.com/octo-ent',
  'token.actions.octo.ghe.com',
  'github.example.com/_services/token',
];

/** What a role names: its owner and repository, with their IDs. */
export interface Named {
  readonly owner: string;
  readonly ownerId: string;
  readonly name: string;
  readonly repositoryId: string;
}

export type Condition = Record<string, Record<string, unknown>>;
export interface Role {
  readonly host: string;
  readonly named: Named;
  readonly policy: { Version?: string; Statement: Record<string, unknown>[] };
  /** The features drawn, for the report of counts. */
  readonly features: readonly string[];
}

/** mulberry32: a small seeded PRNG, so that every run generates the same roles. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Feature = [name: string, operator: string, claim: string, value: string | string[]];

/** Condition features on each claim key: exact, wildcards, `?`, variables, IDs, templates. */
function features(n: Named, h: string, ghes: boolean): Feature[] {
  const { owner: o, ownerId: oid, name: r, repositoryId: rid } = n;
  const repo = `${o}/${r}`;
  const list: Feature[] = [
    ['sub exact env', 'StringEquals', 'sub', `repo:${repo}:environment:prod`],
    ['sub exact branch', 'StringEquals', 'sub', `repo:${repo}:ref:refs/heads/main`],
    ['sub exact pr', 'StringEquals', 'sub', `repo:${repo}:pull_request`],
    ['sub repo any', 'StringLike', 'sub', `repo:${repo}:*`],
    ['sub owner any', 'StringLike', 'sub', `repo:${o}/*`],
    ['sub owner prefix', 'StringLike', 'sub', `repo:${o}*`],
    ['sub any', 'StringLike', 'sub', 'repo:*'],
    ['sub star', 'StringLike', 'sub', '*'],
    ['sub any owner of repo', 'StringLike', 'sub', `repo:*/${r}:*`],
    ['sub owner ?', 'StringLike', 'sub', `repo:${o}?/${r}:*`],
    ['sub repo prefix', 'StringLike', 'sub', `repo:${o}/${r}*`],
    ['sub any env prod', 'StringLike', 'sub', 'repo:*:environment:prod'],
    ['sub branches', 'StringLike', 'sub', `repo:${repo}:ref:refs/heads/*`],
    ['sub env prefix', 'StringLike', 'sub', `repo:${repo}:environment:prod*`],
    [
      'sub list',
      'StringEquals',
      'sub',
      [`repo:${repo}:environment:prod`, `repo:${repo}:ref:refs/tags/v1`],
    ],
    ['sub variable repo', 'StringEquals', 'sub', `repo:\${${h}:repository}:environment:prod`],
    ['sub variable any ref', 'StringLike', 'sub', `repo:\${${h}:repository}:*`],
    [
      'template ids',
      'StringEquals',
      'sub',
      `repository_owner_id:${oid}:repository_id:${rid}:environment:prod`,
    ],
    ['template ids any', 'StringLike', 'sub', 'repository_owner_id:*'],
    ['template owner id any repo', 'StringLike', 'sub', `repository_owner_id:${oid}:*`],
    ['template owner', 'StringLike', 'sub', `repository_owner:${o}:*`],
    ['repository any owner', 'StringLike', 'repository', `*/${r}`],
    ['repository owner prefix', 'StringLike', 'repository', `${o}*`],
    ['repository owner ?', 'StringLike', 'repository', `${o}?/${r}`],
    ['repository name prefix', 'StringLike', 'repository', `${repo}*`],
    ['repository exact', 'StringEquals', 'repository', repo],
    ['repository owner', 'StringLike', 'repository', `${o}/*`],
    ['owner id exact', 'StringEquals', 'repository_owner_id', oid],
    ['owner id not 666', 'StringNotEquals', 'repository_owner_id', '666'],
    ['owner id prefix', 'StringLike', 'repository_owner_id', `${oid}*`],
    ['owner id numeric', 'NumericEquals', 'repository_owner_id', oid],
    ['repository id exact', 'StringEquals', 'repository_id', rid],
    ['repository id prefix', 'StringLike', 'repository_id', `${rid}*`],
    ['environment exact', 'StringEquals', 'environment', 'prod'],
    ['environment prefix', 'StringLike', 'environment', 'prod*'],
    ['environment ?', 'StringLike', 'environment', 'pr?d'],
    ['ref main', 'StringEquals', 'ref', 'refs/heads/main'],
    ['ref branches', 'StringLike', 'ref', 'refs/heads/*'],
    ['ref tags', 'StringLike', 'ref', 'refs/tags/v*'],
    [
      'jwr variable',
      'StringEquals',
      'job_workflow_ref',
      `\${${h}:repository}/.github/workflows/deploy.yml@refs/heads/main`,
    ],
    [
      'jwr shared',
      'StringEquals',
      'job_workflow_ref',
      `${o}/shared/.github/workflows/deploy.yml@refs/heads/main`,
    ],
    ['jwr owner', 'StringLike', 'job_workflow_ref', `${o}/*`],
    ['workflow', 'StringLike', 'workflow', 'dep*'],
    ['actor', 'StringEquals', 'actor', 'octocat'],
  ];
  const immutable: Feature[] = [
    ['sub immutable env', 'StringEquals', 'sub', `repo:${o}@${oid}/${r}@${rid}:environment:prod`],
    ['sub immutable owner', 'StringLike', 'sub', `repo:${o}@${oid}/*`],
    ['sub immutable any ids', 'StringLike', 'sub', `repo:*@*/${r}@*:*`],
  ];
  return ghes ? list : [...list, ...immutable];
}

/** Deny statements: ones that close a hole (only the named repository), and ones that do not. */
function denies(n: Named): [string, Condition][] {
  const repo = `${n.owner}/${n.name}`;
  return [
    ['deny closes to repo', { StringNotLike: { sub: `repo:${repo}:*` } }],
    ['deny closes to owner id', { StringNotEquals: { repository_owner_id: n.ownerId } }],
    ['deny closes to owner', { StringNotLike: { repository: `${n.owner}/*` } }],
    ['deny pull requests', { StringLike: { sub: '*:pull_request' } }],
    ['deny unrelated', { StringEquals: { sub: 'repo:evil-corp/x:ref:refs/heads/x' } }],
    ['deny wildcard owner', { StringLike: { sub: `repo:${n.owner}-*` } }],
  ];
}

const OWNERS: Named[] = [
  { owner: 'octo-org', ownerId: '1001', name: 'app', repositoryId: '2002' },
  { owner: 'acme', ownerId: '12345', name: 'infra', repositoryId: '67890' },
];

/** One role: an Allow of one to three features (some negated, set-prefixed or IfExists). */
export function generateRole(random: () => number): Role {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const host = pick(ISSUERS);
  const named = pick(OWNERS);
  const all = features(named, host, host.endsWith('/_services/token'));
  const drawn: string[] = [];
  const key = (claim: string): string => `${host}:${claim}`;
  const allowCondition = (): Condition => {
    const condition: Condition = {};
    if (chance(0.8)) condition['StringEquals'] = { [key('aud')]: 'sts.amazonaws.com' };
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const [name, base, claim, value] = pick(all);
      let operator = base;
      if (chance(0.1)) operator = operator.replace('String', 'StringNot').replace('NotNot', '');
      if (chance(0.1)) operator = `${pick(['ForAnyValue:', 'ForAllValues:'])}${operator}`;
      if (chance(0.1)) operator = `${operator}IfExists`;
      drawn.push(`${name} (${operator})`);
      condition[operator] = { ...condition[operator], [key(claim)]: value };
    }
    if (chance(0.05)) {
      condition['Null'] = { [key('environment')]: pick(['true', 'false']) };
      drawn.push('Null environment');
    }
    return condition;
  };
  const federated = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
  const statement = (effect: string, Condition: Condition): Record<string, unknown> => ({
    Effect: effect,
    Principal: chance(0.05) ? '*' : { Federated: federated },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition,
  });
  const Statement = [statement('Allow', allowCondition())];
  if (chance(0.2)) Statement.push(statement('Allow', allowCondition()));
  if (chance(0.3)) {
    const [name, condition] = pick(denies(named));
    drawn.push(name);
    const prefixed = Object.fromEntries(
      Object.entries(condition).map(([op, entries]) => [
        op,
        Object.fromEntries(Object.entries(entries).map(([k, v]) => [key(k), v])),
      ]),
    );
    Statement.push(statement('Deny', prefixed));
  }
  const policy = chance(0.95) ? { Version: '2012-10-17', Statement } : { Statement };
  return { host, named, policy, features: drawn };
}
