// Claims of GitHub Actions OIDC tokens, trimmed to the ones trust policies and diagnoses look at.
// Shapes follow the example payload in GitHub's OpenID Connect reference
// (https://docs.github.com/en/actions/reference/security/oidc), including the default `sub`
// template: environment first, then pull_request, then the ref. Names and values are made up.

export const REPO = 'octo-org/octo-repo';
export const ISSUER = 'https://token.actions.githubusercontent.com';
export const AUD_KEY = 'token.actions.githubusercontent.com:aud';
export const SUB_KEY = 'token.actions.githubusercontent.com:sub';
export const PROVIDER_ARN =
  'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

export type Claims = Record<string, unknown>;

/** A push to main of REPO, without an environment; any claim can be overridden or removed. */
export function githubClaims(overrides: Claims = {}): Claims {
  return {
    iss: ISSUER,
    aud: 'sts.amazonaws.com',
    sub: `repo:${REPO}:ref:refs/heads/main`,
    repository: REPO,
    repository_owner: 'octo-org',
    ref: 'refs/heads/main',
    event_name: 'push',
    job_workflow_ref: `${REPO}/.github/workflows/deploy.yml@refs/heads/main`,
    actor: 'octocat',
    sha: 'd6fde92930d4715a2b49857d24b940956b26d2d3',
    run_id: '1658821493',
    ...overrides,
  };
}

/** A job that deploys to an environment: its sub names the environment, whatever the branch. */
export const environmentClaims = (environment = 'prod'): Claims =>
  githubClaims({ sub: `repo:${REPO}:environment:${environment}`, environment });

export const branchClaims = (branch: string): Claims =>
  githubClaims({ sub: `repo:${REPO}:ref:refs/heads/${branch}`, ref: `refs/heads/${branch}` });

export const tagClaims = (tag: string): Claims =>
  githubClaims({ sub: `repo:${REPO}:ref:refs/tags/${tag}`, ref: `refs/tags/${tag}` });

export const pullRequestClaims = (): Claims =>
  githubClaims({
    sub: `repo:${REPO}:pull_request`,
    event_name: 'pull_request',
    ref: 'refs/pull/7/merge',
  });
