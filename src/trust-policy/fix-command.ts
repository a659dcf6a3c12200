import { generateTrustPolicy } from './generator.js';
import { GITHUB_OIDC_HOST } from './issuer.js';
import type { PolicyLiterals } from './witnesses.js';

/** How the audit's fixes start: the command a reader runs from a checkout of the action. */
const COMMAND = 'node dist/cli/index.js trust-policy generate';

/**
 * The `generate` command (and the condition it writes) for a role scoped to one environment, or,
 * given the subject a finding is about, to that subject's own repository and scope (so the fix for
 * `repo:o/r:environment:dev` regenerates dev, not some other environment of the policy).
 */
export function fixFor(
  literals: PolicyLiterals,
  issuer: string,
  immutable: boolean,
  sub?: string,
): string {
  const fromSub = sub === undefined ? undefined : scopeOfSubject(sub);
  const repository =
    fromSub?.repository ??
    [...literals.repositories][0] ??
    `${[...literals.owners][0] ?? 'OWNER'}/REPOSITORY`;
  const environment =
    (literals.byClaim.get('environment') ?? []).find((e) => !/[*?$]/.test(e)) ??
    [...literals.environments][0] ??
    'prod';
  const scopeArgs = fromSub?.scope ?? ['--environment', environment];
  const ghes = issuer.endsWith('/_services/token');
  const issuerArgs = ghes
    ? ['--ghes-host', issuer.split('/')[0] ?? '']
    : issuer === GITHUB_OIDC_HOST
      ? []
      : ['--issuer', `https://${issuer}`];
  const ids = immutable ? ['--owner-id', 'OWNER_ID', '--repository-id', 'REPOSITORY_ID'] : [];
  const args = ['--repo', repository, ...scopeArgs, ...issuerArgs, ...ids];
  const command = `${COMMAND} ${args.join(' ')}`;
  if (immutable) return command;
  try {
    const { policy } = generateTrustPolicy({
      repository,
      environment,
      ...(ghes ? { ghesHost: issuer.split('/')[0] ?? '' } : { issuer: `https://${issuer}` }),
    });
    return `${command} (writes ${JSON.stringify(policy.Statement[0]?.Condition)})`;
  } catch {
    return command;
  }
}

/** The repository and `generate` scope arguments a names-only subject spells, if it spells one. */
function scopeOfSubject(sub: string): { repository: string; scope?: string[] } | undefined {
  const match = /^repo:([^/:@*?]+\/[^/:@*?]+)(?::(.*))?$/.exec(sub);
  if (match === null) return undefined;
  const [, repository = '', context = ''] = match;
  if (/[*?$]/.test(context)) return { repository };
  const environment = /^environment:(.+)$/.exec(context)?.[1];
  if (environment !== undefined) return { repository, scope: ['--environment', environment] };
  const branch = /^ref:refs\/heads\/(.+)$/.exec(context)?.[1];
  if (branch !== undefined) return { repository, scope: ['--branch', branch] };
  const ref = /^ref:(.+)$/.exec(context)?.[1];
  if (ref !== undefined) return { repository, scope: ['--ref', ref] };
  if (context === 'pull_request') return { repository, scope: ['--pull-request'] };
  return { repository };
}
