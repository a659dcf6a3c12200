// The audit's classification, per policy shape: the widest audience each admits and its flags.
import type { PolicyDocument } from '../../src/trust-policy/evaluate.js';
import { auditTrustPolicy, wildcardBoundary } from '../../src/trust-policy/findings.js';

const H = 'token.actions.githubusercontent.com';
const ARN = `arn:aws:iam::123456789012:oidc-provider/${H}`;

function policy(
  condition: Record<string, Record<string, unknown>>,
  extra: object[] = [],
  federated = ARN,
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: federated },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
      ...extra,
    ],
  } as PolicyDocument;
}
const aud = { [`${H}:aud`]: 'sts.amazonaws.com' };

describe('auditTrustPolicy', () => {
  test.each<[string, PolicyDocument, string, string[]]>([
    ['no sub condition', policy({ StringEquals: aud }), 'any-github-user', []],
    [
      'repo:*',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:*' } }),
      'any-github-user',
      ['wildcard-crosses-owner'],
    ],
    [
      'repo:octo-org*',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:octo-org*' } }),
      'any-github-user',
      ['wildcard-crosses-owner'],
    ],
    [
      'repo:*/app:*',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:*/app:*' } }),
      'any-github-user',
      ['wildcard-crosses-owner'],
    ],
    [
      'owner-wide',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:octo-org/*' } }),
      'owner',
      ['wildcard-crosses-repository'],
    ],
    [
      'repo any ref',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:octo-org/app:*' } }),
      'repositories',
      ['pull-request-subject'],
    ],
    [
      'environment',
      policy({ StringEquals: { ...aud, [`${H}:sub`]: 'repo:octo-org/app:environment:prod' } }),
      'refs',
      ['names-only-subject'],
    ],
    [
      'immutable environment',
      policy({ StringEquals: { ...aud, [`${H}:sub`]: 'repo:octo-org@1/app@2:environment:prod' } }),
      'refs',
      [],
    ],
    [
      'pull request',
      policy({ StringEquals: { ...aud, [`${H}:sub`]: 'repo:octo-org/app:pull_request' } }),
      'refs',
      ['pull-request-subject'],
    ],
    [
      'missing aud',
      policy({ StringEquals: { [`${H}:sub`]: 'repo:octo-org/app:ref:refs/heads/main' } }),
      'refs',
      ['missing-aud'],
    ],
    [
      'StringLike exact',
      policy({
        StringEquals: aud,
        StringLike: { [`${H}:sub`]: 'repo:octo-org/app:ref:refs/heads/main' },
      }),
      'refs',
      ['stringlike-without-wildcard'],
    ],
    [
      'unknown aws:SourceIp in the Allow',
      policy({ StringEquals: aud, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
      'any-github-user',
      [],
    ],
    [
      'Deny closes repo:*',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:*' } }, [
        {
          Effect: 'Deny',
          Principal: { Federated: ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringNotLike: { [`${H}:sub`]: 'repo:octo-org/app:*' } },
        },
      ]),
      'repositories',
      [],
    ],
    [
      'Deny on an unknown key does not close it',
      policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:*' } }, [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ]),
      'any-github-user',
      [],
    ],
    [
      'nobody',
      policy({ StringEquals: { ...aud, [`${H}:sub`]: 'repo:octo-org/app:ref:refs/heads/main' } }, [
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' },
      ]),
      'nobody',
      [],
    ],
    [
      'Principal *',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }],
      },
      'any-github-user',
      ['wildcard-principal'],
    ],
    [
      'GHES',
      policy(
        {
          StringEquals: {
            'github.example.com/_services/token:sub': 'repo:octo-org/app:ref:refs/heads/main',
          },
        },
        [],
        'arn:aws:iam::123456789012:oidc-provider/github.example.com/_services/token',
      ),
      'refs',
      ['missing-aud'],
    ],
    [
      'GHE Cloud enterprise owner-wide',
      policy({ StringLike: { [`${H}/octo-ent:sub`]: 'repo:octo-org/*' } }, [], `${ARN}/octo-ent`),
      'owner',
      ['wildcard-crosses-repository'],
    ],
    [
      'repository claim',
      policy({ StringEquals: { ...aud, [`${H}:repository`]: 'octo-org/app' } }),
      'repositories',
      [],
    ],
    [
      'custom template without repo',
      policy({ StringEquals: { ...aud, [`${H}:sub`]: 'context:ref:refs/heads/main' } }),
      'any-github-user',
      [],
    ],
  ])('%s → %s', (_name, doc, audience, kinds) => {
    const result = auditTrustPolicy(doc);
    expect(result?.audience).toBe(audience);
    const found = (result?.findings ?? []).map((f) => f.kind);
    for (const kind of kinds) expect(found).toContain(kind);
  });

  // Issue 23's under-reports: each was reported narrower than IAM admits (most as nobody).
  const E = `${H}:environment`;
  test.each<[string, PolicyDocument, string]>([
    [
      'repository */app',
      policy({ StringLike: { [`${H}:repository`]: '*/app' } }),
      'any-github-user',
    ],
    [
      'repository OWNER*',
      policy({ StringLike: { [`${H}:repository`]: 'octo-org*' } }),
      'any-github-user',
    ],
    [
      'repository OWNER?/app',
      policy({ StringLike: { [`${H}:repository`]: 'octo-org?/app' } }),
      'any-github-user',
    ],
    [
      'repository OWNER/app*',
      policy({ StringLike: { [`${H}:repository`]: 'octo-org/app*' } }),
      'owner',
    ],
    ['environment prod*', policy({ StringLike: { [E]: 'prod*' } }), 'any-github-user'],
    [
      'ForAllValues:StringLike repository */app',
      policy({ 'ForAllValues:StringLike': { [`${H}:repository`]: '*/app' } }),
      'any-github-user',
    ],
    [
      'StringNotLike repository in a Deny',
      policy({ StringEquals: aud }, [
        {
          Effect: 'Deny',
          Principal: { Federated: ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringNotLike: { [`${H}:repository`]: '*/app' } },
        },
      ]),
      'any-github-user',
    ],
    [
      "job_workflow_ref with the requester's repository",
      policy({
        StringEquals: {
          [`${H}:job_workflow_ref`]: `\${${H}:repository}/.github/workflows/deploy.yml@refs/heads/main`,
        },
      }),
      'any-github-user',
    ],
    [
      "sub with the requester's repository",
      policy({ StringEquals: { [`${H}:sub`]: `repo:\${${H}:repository}:environment:prod` } }),
      'any-github-user',
    ],
    [
      'StringLike repository_owner_id 12345* alone',
      policy({ StringLike: { [`${H}:repository_owner_id`]: '12345*' } }),
      'any-github-user',
    ],
    [
      'custom template pinned to an owner ID',
      policy({ StringLike: { [`${H}:sub`]: 'repository_owner_id:1001:repository_id:*' } }),
      'owner',
    ],
  ])('%s → %s', (_name, doc, audience) => {
    expect(auditTrustPolicy(doc)?.audience).toBe(audience);
  });

  test('a provider in another account than the role admits nobody (STS looks in the role’s account)', () => {
    const open = policy({ StringEquals: aud, StringLike: { [`${H}:sub`]: 'repo:*' } });
    expect(auditTrustPolicy(open, { partition: 'aws', accountId: '999999999999' })?.audience).toBe(
      'nobody',
    );
    expect(auditTrustPolicy(open, { partition: 'aws', accountId: '123456789012' })?.audience).toBe(
      'any-github-user',
    );
  });

  test('a role that trusts no GitHub issuer is not audited', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    expect(auditTrustPolicy(doc as PolicyDocument)).toBeUndefined();
  });

  test('a finding that rests on an unknown says so', () => {
    const result = auditTrustPolicy(
      policy({ StringEquals: aud, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
    );
    expect(result?.findings[0]?.assumptions.join()).toContain('aws:SourceIp');
  });

  test('a policy with more combinations than the audit tries is reported at the widest audience', () => {
    const many = Object.fromEntries(
      [
        'actor',
        'workflow',
        'ref',
        'job_workflow_ref',
        'enterprise_id',
        'actor_id',
        'repository_id',
      ].map((claim) => [`${H}:${claim}`, ['a*', 'b*', 'c*', 'd*', 'e*', 'f*']]),
    );
    const sub = { [`${H}:sub`]: 'repo:octo-org/app:environment:prod' };
    const result = auditTrustPolicy(policy({ StringEquals: { ...aud, ...sub }, StringLike: many }));
    expect(result?.audience).toBe('any-github-user');
    expect(result?.findings[0]?.assumptions.join()).toContain('assumes the widest audience');
  });

  // A crafted policy must not stall the audit (issue 23): 20 named repositories and environments
  // and 20 owner-prefix subjects made candidate generation run for minutes before any evaluation.
  test('a policy naming too many owners, repositories and contexts is reported at the widest audience, at once', () => {
    const n = 20;
    const range = (f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
    const result = auditTrustPolicy(
      policy({
        StringEquals: {
          ...aud,
          [`${H}:repository`]: range((i) => `org${i}/app${i}`),
          [`${H}:environment`]: range((i) => `env${i}`),
        },
        StringLike: { [`${H}:sub`]: range((i) => `repo:org${i}*/*:environment:*${i}`) },
      }),
    );
    expect(result?.audience).toBe('any-github-user');
    expect(result?.findings[0]?.assumptions.join()).toContain(
      'names too many owners, repositories and contexts for the audit to try each subject',
    );
  }, 20_000);

  test.each([
    ['repo:*', 'owner'],
    ['repo:octo*', 'owner'],
    ['*', 'owner'],
    ['repo:octo-org/*', 'repository'],
    ['repo:octo-org/app*', 'repository'],
    ['repo:octo-org/app:*', undefined],
  ])('wildcardBoundary(%s) = %s', (pattern, boundary) => {
    expect(wildcardBoundary(pattern)).toBe(boundary);
  });
});
