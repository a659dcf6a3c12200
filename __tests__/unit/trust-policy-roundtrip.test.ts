// Everything `generate` writes, `check` and `audit` understand: the generated policy admits the
// intended run, refuses an outsider's, and audit classifies it as the intended audience.
import { githubClaims } from '../../__fixtures__/github-claims.js';
import { runCli } from '../../src/cli.js';
import type { PolicyDocument } from '../../src/trust-policy/evaluate.js';
import { evaluateTrustPolicy } from '../../src/trust-policy/generator.js';
import { auditTrustPolicy } from '../../src/trust-policy/findings.js';

const REPO = 'octo-org/octo-repo';
const CENTRAL = 'octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main';
const GHES_ISS = 'https://github.example.com/_services/token';
const ENT_ISS = 'https://token.actions.githubusercontent.com/octo-ent';

function generate(args: string[]): PolicyDocument {
  const out: string[] = [];
  const code = runCli(
    ['trust-policy', 'generate', '--repo', REPO, ...args],
    (s) => out.push(s),
    () => undefined,
  );
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as PolicyDocument;
}

type Claims = Record<string, unknown>;
const run = (sub: string, extra: Claims = {}): Claims =>
  githubClaims({ sub, repository: REPO, repository_owner: 'octo-org', ...extra });
const outsider = (context: string, extra: Claims = {}): Claims =>
  githubClaims({
    sub: `repo:evil-org/octo-repo:${context}`,
    repository: 'evil-org/octo-repo',
    repository_owner: 'evil-org',
    ...extra,
  });

test.each<[string, string[], Claims[], Claims[], string]>([
  [
    'two environments',
    ['--environment', 'dev', '--environment', 'staging'],
    [
      run(`repo:${REPO}:environment:dev`, { environment: 'dev' }),
      run(`repo:${REPO}:environment:staging`, { environment: 'staging' }),
    ],
    [
      run(`repo:${REPO}:environment:prod`, { environment: 'prod' }),
      outsider('environment:dev', { environment: 'dev' }),
    ],
    'refs',
  ],
  [
    'a branch and an environment',
    ['--branch', 'main', '--environment', 'prod'],
    [
      run(`repo:${REPO}:ref:refs/heads/main`, { ref: 'refs/heads/main' }),
      run(`repo:${REPO}:environment:prod`, { environment: 'prod' }),
    ],
    [
      run(`repo:${REPO}:ref:refs/heads/dev`, { ref: 'refs/heads/dev' }),
      outsider('ref:refs/heads/main'),
    ],
    'refs',
  ],
  [
    'only the central reusable deploy workflow',
    ['--environment', 'prod', '--job-workflow-ref', CENTRAL],
    [run(`repo:${REPO}:environment:prod`, { environment: 'prod', job_workflow_ref: CENTRAL })],
    [
      run(`repo:${REPO}:environment:prod`, {
        environment: 'prod',
        job_workflow_ref: `${REPO}/.github/workflows/own.yml@refs/heads/main`,
      }),
      outsider('environment:prod', { environment: 'prod', job_workflow_ref: CENTRAL }),
    ],
    'refs',
  ],
  [
    'immutable IDs with ID claim conditions',
    ['--environment', 'prod', '--owner-id', '1001', '--repository-id', '2002'],
    [
      run('repo:octo-org@1001/octo-repo@2002:environment:prod', {
        environment: 'prod',
        repository_owner_id: '1001',
        repository_id: '2002',
      }),
    ],
    [
      githubClaims({
        sub: 'repo:octo-org@1001/octo-repo@2002:environment:prod',
        repository_owner_id: '1001',
        repository_id: '9999',
      }),
    ],
    'refs',
  ],
  [
    'immutable IDs on an enterprise issuer',
    [
      '--branch',
      'main',
      '--issuer',
      ENT_ISS,
      '--repository-owner-id',
      '1001',
      '--repository-id',
      '2002',
    ],
    [
      run('repo:octo-org@1001/octo-repo@2002:ref:refs/heads/main', {
        iss: ENT_ISS,
        ref: 'refs/heads/main',
        repository_owner_id: '1001',
        repository_id: '2002',
      }),
    ],
    [
      run('repo:octo-org@1001/octo-repo@2002:ref:refs/heads/main', {
        ref: 'refs/heads/main',
        repository_owner_id: '1001',
        repository_id: '2002',
      }),
    ],
    'refs',
  ],
  [
    'a custom template with job_workflow_ref',
    [
      '--branch',
      'main',
      '--subject-claims',
      'repo,context,job_workflow_ref',
      '--claim',
      `job_workflow_ref=${CENTRAL}`,
    ],
    [run(`repo:${REPO}:ref:refs/heads/main:job_workflow_ref:${CENTRAL}`)],
    [outsider(`ref:refs/heads/main:job_workflow_ref:${CENTRAL}`)],
    'refs',
  ],
  [
    'GHES, one environment',
    ['--environment', 'prod', '--ghes-host', 'github.example.com'],
    [run(`repo:${REPO}:environment:prod`, { iss: GHES_ISS })],
    [outsider('environment:prod', { iss: GHES_ISS })],
    'refs',
  ],
  [
    'any branch',
    ['--branch', '*'],
    [run(`repo:${REPO}:ref:refs/heads/feature`)],
    [outsider('ref:refs/heads/feature')],
    'repositories',
  ],
  ['no scope', [], [run(`repo:${REPO}:pull_request`)], [outsider('pull_request')], 'repositories'],
])('%s', (_name, args, admitted, refused, audience) => {
  const policy = generate([...args, '--account-id', '123456789012']);
  for (const claims of admitted)
    expect(evaluateTrustPolicy(policy, claims)).toMatchObject({ allowed: true });
  for (const claims of refused) expect(evaluateTrustPolicy(policy, claims).allowed).toBe(false);
  const audit = auditTrustPolicy(policy);
  expect(audit?.audience).toBe(audience);
  expect(audit?.findings.map((f) => f.kind)).not.toContain('missing-aud');
});

test('job_workflow_ref is refused for GHES, where STS evaluates only aud and sub', () => {
  const err: string[] = [];
  const code = runCli(
    [
      'trust-policy',
      '--repo',
      REPO,
      '--ghes-host',
      'github.example.com',
      '--job-workflow-ref',
      CENTRAL,
    ],
    () => undefined,
    (s) => err.push(s),
  );
  expect(code).toBe(2);
  expect(err.join('\n')).toContain(
    'STS evaluates only aud and sub for a GitHub Enterprise Server issuer',
  );
});
