import { AUDIENCES, type Audience, audienceRank } from '../trust-policy/audience.js';
import { auditTrustPolicy } from '../trust-policy/findings.js';
import { roleAccountOf } from '../trust-policy/input.js';
import { type AuditedRoleInput, decodePolicyDocument, rolesFromJson } from './audit-input.js';
import { type AuditReport, renderJson, renderTable } from './audit-report.js';
import { renderSarif } from './audit-sarif.js';
import type { ReadFile } from './check-command.js';
import type { IamConnection, ListedRole } from './iam-roles.js';
import { UsageError, parseFlags } from './parse-args.js';

/** `trust-policy audit`: who can assume each role that trusts a GitHub OIDC issuer. */

const AUDIT_FLAGS = {
  '--from-file': 'value',
  '--profile': 'value',
  '--region': 'value',
  '--endpoint-url': 'value',
  '--json': 'switch',
  '--sarif': 'switch',
  '--fail-on': 'value',
} as const;

const FAIL_ON = [...AUDIENCES.filter((a) => a !== 'nobody'), 'never'] as const;

export interface AuditPorts {
  readonly readFile: ReadFile;
  readonly listRoles: (connection: IamConnection) => Promise<ListedRole[]>;
}

/** An IAM or credential failure: exit 2, like bad input, with the API's own error name. */
export class ApiError extends Error {}

/**
 * Exit codes: 0 when no role's audience is at or above --fail-on, 1 when one is, 2 on bad input
 * (thrown as UsageError/Error) or an API error (ApiError).
 */
export async function runAudit(
  args: readonly string[],
  ports: AuditPorts,
  out: (s: string) => void,
): Promise<number> {
  const { values, switches } = parseFlags(args, AUDIT_FLAGS);
  const fromFile = values['--from-file'];
  const connection = {
    ...(values['--profile'] === undefined ? {} : { profile: values['--profile'] }),
    ...(values['--region'] === undefined ? {} : { region: values['--region'] }),
    ...(values['--endpoint-url'] === undefined ? {} : { endpointUrl: values['--endpoint-url'] }),
  };
  if (fromFile !== undefined && Object.keys(connection).length > 0) {
    throw new UsageError(
      '--from-file reads roles offline: drop --profile, --region and --endpoint-url',
    );
  }
  if (switches.has('--json') && switches.has('--sarif')) {
    throw new UsageError('give --json or --sarif, not both');
  }
  const endpoint = connection.endpointUrl;
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(endpoint)) {
    throw new UsageError(`--endpoint-url must be an http(s) URL, got '${endpoint}'`);
  }
  const failOn = values['--fail-on'] ?? 'any-github-user';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got '${failOn}'`);
  }
  const roles =
    fromFile !== undefined
      ? readRoles(ports.readFile, fromFile)
      : await liveRoles(ports, connection);
  const report = auditRoles(roles);
  // One line per call: the JSON renderings hold no raw newline inside a string.
  const lines = switches.has('--json')
    ? renderJson(report).split('\n')
    : switches.has('--sarif')
      ? renderSarif(report, fromFile).split('\n')
      : renderTable(report);
  for (const line of lines) out(line);
  if (failOn === 'never') return 0;
  const threshold = audienceRank(failOn as Audience);
  return report.roles.some((r) => audienceRank(r.audience) >= threshold) ? 1 : 0;
}

/** Audits each role, sorted by name so that live and offline runs print the same report. */
export function auditRoles(roles: readonly AuditedRoleInput[]): AuditReport {
  const audited = [...roles]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((role) => {
      // STS looks the provider up in the role's own account: compare it when the ARN is known.
      const owner = role.arn === undefined ? undefined : roleAccountOf(role.arn);
      const audit = auditTrustPolicy(role.policy, owner);
      if (audit === undefined) return [];
      return [{ name: role.name, ...(role.arn === undefined ? {} : { arn: role.arn }), ...audit }];
    });
  return { roles: audited, skipped: roles.length - audited.length };
}

function readRoles(readFile: ReadFile, file: string): AuditedRoleInput[] {
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(
      `--from-file: cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
  return rolesFromJson(text, file);
}

async function liveRoles(
  ports: AuditPorts,
  connection: IamConnection,
): Promise<AuditedRoleInput[]> {
  let listed: ListedRole[];
  try {
    listed = await ports.listRoles(connection);
  } catch (error) {
    // The SDK's error name (AccessDenied, CredentialsProviderError, ...) and message, never a key.
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      `reading roles from IAM failed: ${name}: ${message} (audit needs iam:ListRoles and iam:GetRole, and credentials from the standard chain or --profile)`,
    );
  }
  return listed.map((role) => ({
    name: role.name,
    arn: role.arn,
    policy: decodePolicyDocument(role.policyDocument, role.name),
  }));
}
