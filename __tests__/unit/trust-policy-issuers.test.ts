// The generator for every issuer kind and subject format, round-tripped through the evaluator:
// each generated policy admits the run it was made for and denies its neighbours.
import { REPO, githubClaims } from '../../__fixtures__/github-claims.js';
import {
  type TrustPolicyOptions,
  evaluateTrustPolicy,
  generateTrustPolicy,
} from '../../src/trust-policy/generator.js';

const ACCOUNT = '123456789012';
const ENTERPRISE_ISS = 'https://token.actions.githubusercontent.com/octo-ent';
const GHES_ISS = 'https://ghe.example.com/_services/token';
const IMMUTABLE_SUB = 'repo:octo-org@1001/octo-repo@2002:ref:refs/heads/main';
const NAMES_SUB = `repo:${REPO}:ref:refs/heads/main`;
const WORKFLOW = 'octo-org/shared/.github/workflows/deploy.yml@refs/heads/main';

/** Options where undefined removes a default (branch main, the account). */
type Loose = { [K in keyof TrustPolicyOptions]?: TrustPolicyOptions[K] | undefined };
const generate = (options: Loose) => {
  const merged = { repository: REPO, accountId: ACCOUNT, branch: 'main', ...options };
  const defined = Object.entries(merged).filter(([, value]) => value !== undefined);
  return generateTrustPolicy(Object.fromEntries(defined) as unknown as TrustPolicyOptions);
};

const NAMES_ONLY = 'note: names-only subject';

describe('generateTrustPolicy: issuers', () => {
  // [case, options, provider resource and condition-key prefix]
  test.each<[string, Loose, string]>([
    ['github.com', {}, 'token.actions.githubusercontent.com'],
    [
      'GHE Cloud enterprise issuer',
      { issuer: ENTERPRISE_ISS },
      'token.actions.githubusercontent.com/octo-ent',
    ],
    ['GHES host', { ghesHost: 'ghe.example.com' }, 'ghe.example.com/_services/token'],
    [
      'GHES host given as a URL',
      { ghesHost: 'https://ghe.example.com/' },
      'ghe.example.com/_services/token',
    ],
    [
      'GHES issuer given as --issuer',
      { issuer: `${GHES_ISS}/` },
      'ghe.example.com/_services/token',
    ],
  ])('%s', (_name, options, host) => {
    const { policy, notes } = generate(options);
    const statement = policy.Statement[0]!;
    expect(statement.Principal.Federated).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`);
    expect(Object.keys(statement.Condition['StringEquals']!)).toEqual([
      `${host}:aud`,
      `${host}:sub`,
    ]);
    // Only github.com and GHE Cloud issue immutable-ID subjects: a names-only policy says so.
    const ghes = host.endsWith('/_services/token');
    expect(notes.filter((note) => !note.startsWith(NAMES_ONLY))).toEqual([]);
    expect(notes.some((note) => note.startsWith(NAMES_ONLY))).toBe(!ghes);
  });

  // [case, policy options, token iss, admitted]
  test.each<[string, Loose, string, boolean]>([
    ['enterprise policy, enterprise token', { issuer: ENTERPRISE_ISS }, ENTERPRISE_ISS, true],
    [
      'enterprise policy, github.com token',
      { issuer: ENTERPRISE_ISS },
      'https://token.actions.githubusercontent.com',
      false,
    ],
    ['github.com policy, enterprise token', {}, ENTERPRISE_ISS, false],
    ['GHES policy, GHES token', { ghesHost: 'ghe.example.com' }, GHES_ISS, true],
    [
      'GHES policy, other GHES token',
      { ghesHost: 'ghe.example.com' },
      'https://ghe.other.com/_services/token',
      false,
    ],
  ])('%s → %s', (_name, options, iss, admitted) => {
    const result = evaluateTrustPolicy(generate(options).policy, githubClaims({ iss }));
    expect(result.allowed).toBe(admitted);
    if (!admitted) expect(result.reasons.join('\n')).toMatch(/Principal.Federated|is not a claim/);
  });

  test.each<[string, Loose, string]>([
    [
      'both issuer and GHES host',
      { issuer: ENTERPRISE_ISS, ghesHost: 'ghe.example.com' },
      'not both',
    ],
    ['issuer without https', { issuer: 'token.actions.githubusercontent.com' }, 'https:// URL'],
    ['GHES host with a path', { ghesHost: 'ghe.example.com/x' }, 'host name'],
    [
      'immutable IDs on GHES',
      { ghesHost: 'ghe.example.com', ownerId: '1' },
      'does not issue immutable',
    ],
    ['non-numeric owner ID', { ownerId: 'octo', repositoryId: '2' }, '--owner-id must be a number'],
    ['unknown template key', { subjectClaims: ['repo', 'colour'] }, 'unknown claim key colour'],
  ])('rejects %s', (_name, options, message) => {
    expect(() => generate(options)).toThrow(message);
  });
});

describe('generateTrustPolicy: subject formats', () => {
  // [case, options, expected sub, operator, claims of a run it must admit, a run it must deny]
  test.each<[string, Loose, string, string, Record<string, unknown>, Record<string, unknown>]>([
    ['names only', {}, NAMES_SUB, 'StringEquals', { sub: NAMES_SUB }, { sub: IMMUTABLE_SUB }],
    [
      'immutable IDs',
      { ownerId: '1001', repositoryId: '2002' },
      IMMUTABLE_SUB,
      'StringEquals',
      // generate also conditions the ID claims; a real token carries the IDs of its subject.
      { sub: IMMUTABLE_SUB, repository_owner_id: '1001', repository_id: '2002' },
      { sub: NAMES_SUB },
    ],
    [
      'immutable IDs on an enterprise issuer',
      { ownerId: '1001', repositoryId: '2002', issuer: ENTERPRISE_ISS },
      IMMUTABLE_SUB,
      'StringEquals',
      {
        sub: IMMUTABLE_SUB,
        iss: ENTERPRISE_ISS,
        repository_owner_id: '1001',
        repository_id: '2002',
      },
      { sub: 'repo:octo-org@1001/octo-repo@9999:ref:refs/heads/main', iss: ENTERPRISE_ISS },
    ],
    [
      'custom template repo, context, job_workflow_ref',
      {
        subjectClaims: ['repo', 'context', 'job_workflow_ref'],
        claimValues: { job_workflow_ref: WORKFLOW },
      },
      `repo:${REPO}:ref:refs/heads/main:job_workflow_ref:${WORKFLOW}`,
      'StringEquals',
      { sub: `repo:${REPO}:ref:refs/heads/main:job_workflow_ref:${WORKFLOW}` },
      {
        sub: `repo:${REPO}:ref:refs/heads/main:job_workflow_ref:octo-org/other/.github/workflows/x.yml@refs/heads/main`,
      },
    ],
    [
      'custom template repository_owner_id only, from --owner-id',
      { subjectClaims: ['repository_owner_id'], ownerId: '1001', branch: undefined },
      'repository_owner_id:1001',
      'StringEquals',
      { sub: 'repository_owner_id:1001', repository_owner_id: '1001' },
      { sub: 'repository_owner_id:1002' },
    ],
    [
      'custom template with an environment key',
      { subjectClaims: ['repository', 'environment'], environment: 'prod', branch: undefined },
      `repository:${REPO}:environment:prod`,
      'StringEquals',
      { sub: `repository:${REPO}:environment:prod` },
      { sub: `repository:${REPO}:environment:dev` },
    ],
    [
      'custom template, context for any run',
      { subjectClaims: ['repo', 'context'], branch: undefined },
      `repo:${REPO}:*`,
      'StringLike',
      { sub: `repo:${REPO}:pull_request` },
      { sub: 'repo:octo-org/other:pull_request' },
    ],
  ])('%s', (_name, options, sub, operator, admitted, denied) => {
    const { policy } = generate(options);
    const host =
      options.issuer === undefined
        ? 'token.actions.githubusercontent.com'
        : 'token.actions.githubusercontent.com/octo-ent';
    expect(policy.Statement[0]!.Condition[operator]?.[`${host}:sub`]).toBe(sub);
    expect(evaluateTrustPolicy(policy, githubClaims(admitted)).allowed).toBe(true);
    const refused = evaluateTrustPolicy(policy, githubClaims(denied));
    expect(refused.allowed).toBe(false);
    expect(refused.reasons.join('\n')).toContain(`sub is '${String(denied['sub'])}'`);
  });
});

describe('generateTrustPolicy: notes on stderr', () => {
  // [case, options, placeholders in the policy, phrases of the notes (in order)]
  test.each<[string, Loose, string[], string[]]>([
    [
      'no account',
      { accountId: undefined },
      ['<ACCOUNT_ID>'],
      ['fill in <ACCOUNT_ID>', 'IAM rejects'],
    ],
    [
      'owner ID only',
      { ownerId: '1001' },
      ['octo-repo@<REPOSITORY_ID>'],
      ['fill in <REPOSITORY_ID>', '--repository-id'],
    ],
    [
      'repository ID only',
      { repositoryId: '2002' },
      ['octo-org@<OWNER_ID>'],
      ['fill in <OWNER_ID>', '--owner-id'],
    ],
    [
      'template key with no value',
      { subjectClaims: ['repo', 'job_workflow_ref'] },
      ['job_workflow_ref:<JOB_WORKFLOW_REF>'],
      ['fill in <JOB_WORKFLOW_REF>', '--claim job_workflow_ref=VALUE'],
    ],
    [
      'every run of the repository',
      { branch: undefined },
      [],
      ['warning: this policy admits every run of octo-org/octo-repo'],
    ],
    [
      'every run, immutable format',
      { branch: undefined, ownerId: '1', repositoryId: '2' },
      [],
      ['warning: this policy admits every run'],
    ],
    [
      'a template that pins no trigger',
      { branch: undefined, subjectClaims: ['repository_owner_id'], ownerId: '1' },
      [],
      ['warning: this policy admits every run'],
    ],
  ])('%s', (_name, options, placeholders, phrases) => {
    const { policy, notes } = generate(options);
    const text = JSON.stringify(policy);
    for (const placeholder of placeholders) expect(text).toContain(placeholder);
    const own = notes.filter((note) => !note.startsWith(NAMES_ONLY));
    expect(own).toHaveLength(phrases.length > 1 && phrases[0]?.startsWith('fill') ? 1 : own.length);
    const joined = notes.join('\n');
    for (const phrase of phrases) expect(joined).toContain(phrase);
    // A placeholder never matches a real token: the policy fails closed until it is filled in.
    if (placeholders.length > 0) {
      expect(evaluateTrustPolicy(policy, githubClaims({ sub: IMMUTABLE_SUB })).allowed).toBe(false);
    }
  });

  test('a scoped policy with an account and both IDs has no notes', () => {
    const options = {
      environment: 'prod',
      branch: undefined,
      ownerId: '1001',
      repositoryId: '2002',
    };
    expect(generate(options).notes).toEqual([]);
  });

  test('a names-only policy says in one short note which format it uses and the other flags', () => {
    const { notes } = generate({ environment: 'prod', branch: undefined });
    expect(notes).toHaveLength(1);
    for (const phrase of [
      'note: names-only subject repo:octo-org/octo-repo:...',
      'created, renamed or transferred since 15 July 2026',
      'repo:OWNER@OWNER_ID/NAME@REPO_ID:...',
      '--owner-id and --repository-id',
      'gh api repos/octo-org/octo-repo --jq .owner.id,.id',
    ]) {
      expect(notes[0]).toContain(phrase);
    }
    // Issue 25: the note was about 600 characters; now under half of that.
    expect(notes[0]?.length).toBeLessThanOrEqual(280);
  });

  test.each<[string, Record<string, unknown>]>([
    ['immutable IDs given', { ownerId: '1001', repositoryId: '2002' }],
    ['GitHub Enterprise Server (names only there)', { ghesHost: 'github.example.com' }],
    ['a custom subject template', { subjectClaims: ['repo', 'context'] }],
  ])('no subject-format note when it does not apply: %s', (_name, options) => {
    const { notes } = generate({ environment: 'prod', branch: undefined, ...options });
    expect(notes.filter((n) => n.includes('names-only'))).toEqual([]);
  });
});
