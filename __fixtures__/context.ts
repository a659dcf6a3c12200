// A RunContext as the runner's GITHUB_* variables describe a push to main with
// `id-token: write` granted. Values follow the shapes GitHub documents for the default
// variables (https://docs.github.com/en/actions/reference/variables-reference).
import type { AmbientFacts, RunContext } from '../src/model/run-context.js';

export const NO_AMBIENT_CREDENTIALS: AmbientFacts = {
  hasAccessKeyId: false,
  hasSessionToken: false,
  profile: undefined,
  configFile: undefined,
  credentialsFile: undefined,
};

/** Builds a RunContext; every field can be overridden. */
export function runContext(overrides: Partial<RunContext> = {}): RunContext {
  return {
    repository: 'octo-org/deploy-app',
    repositoryOwner: 'octo-org',
    ref: 'refs/heads/main',
    refName: 'main',
    sha: 'ffac537e6cbbf934b08745a378932722df287a53',
    eventName: 'push',
    workflow: 'Deploy',
    job: 'deploy',
    runId: '1658821493',
    runAttempt: '1',
    actor: 'octocat',
    action: '__self',
    serverUrl: 'https://github.com',
    workspace: '/home/runner/work/deploy-app/deploy-app',
    runnerTemp: '/home/runner/work/_temp',
    isOidcAvailable: true,
    ambient: NO_AMBIENT_CREDENTIALS,
    ...overrides,
  };
}
