import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PARTITIONS, type Partition } from './model/arn.js';
import { UsageError, keyValues, parseFlags } from './trust-cli/parse-args.js';
import { type ReadFile, runCheck } from './trust-cli/check-command.js';
import { type AuditPorts, runAudit } from './trust-cli/audit-command.js';
import { lineWriter, logSafeLine } from './trust-cli/log-safe.js';
import { type TrustPolicyOptions, generateTrustPolicy } from './trust-policy/generator.js';

/**
 * Command-line helpers for setting up AWS. Run from a checkout of this action (never through an
 * npm package name: this one is not published, so npx would fetch whatever holds the name):
 *   node dist/cli/index.js trust-policy ...
 */

const COMMAND = 'node dist/cli/index.js';

export const USAGE = `Usage:
  ${COMMAND} trust-policy [generate] --repo OWNER/NAME [scope] [subject] [issuer] [options]
  ${COMMAND} trust-policy check --policy FILE (--claims FILE | --token FILE | --claim KEY=VALUE ...)
  ${COMMAND} trust-policy audit [--from-file FILE | --profile NAME --region REGION] [--json | --sarif]

Run it from a checkout of the action (git clone, then the command above; no npm install needed).

generate prints an IAM role trust policy (JSON) that lets GitHub Actions runs of one repository
assume the role with OIDC; notes on placeholders to fill in and warnings go to stderr.

Scope (repeatable, and combinable: the policy admits each scope given; without one, any run of
the repository is admitted, with a warning):
  --environment NAME     jobs that deploy to this GitHub environment (several environments
                         also get a condition on the environment claim)
  --branch NAME          runs on this branch (* and ? are wildcards)
  --ref REF              runs on this full ref, e.g. 'refs/tags/v*'
  --pull-request         runs triggered by pull_request

Claim conditions (keys STS evaluates for github.com, GHE Cloud and GHE.com issuers):
  --job-workflow-ref REF only runs of this reusable workflow, e.g.
                         octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main
  --owner-id and --repository-id (below) also write repository_owner_id and repository_id

Subject format (default: names only, repo:OWNER/NAME:...):
  --owner-id ID          immutable subject repo:OWNER@OWNER_ID/NAME@REPO_ID:... (github.com and
  --repository-id ID     GHE Cloud); give both, a missing one becomes a placeholder
  --subject-claims KEYS  a customised subject template: its claim keys, comma-separated, in order
                         (e.g. repo,context,job_workflow_ref)
  --claim KEY=VALUE      the value of a template claim key (repeatable)

Issuer (default: github.com, https://token.actions.githubusercontent.com):
  --issuer URL           the token's iss, e.g. https://token.actions.githubusercontent.com/SLUG
                         for a GHE Cloud enterprise with its own issuer
  --ghes-host HOST       GitHub Enterprise Server: issuer https://HOST/_services/token

Options:
  --audience AUD         token audience (default sts.amazonaws.com, or sts.amazonaws.com.cn in aws-cn)
  --account-id ID        12-digit account that holds the OIDC provider (default: <ACCOUNT_ID>)
  --partition NAME       ${PARTITIONS.join(', ')} (default aws)

check evaluates a trust policy as IAM does for sts:AssumeRoleWithWebIdentity and prints, per
statement, each condition with the value it saw. Exit 0 admitted, 1 denied, 2 bad input.
  --policy FILE          a policy document, or the output of aws iam get-role
  --claims FILE          the token's claims as JSON
  --token FILE           a JWT; only its claims are read and shown, never the token
  --claim KEY=VALUE      one claim (repeatable; overrides --claims/--token)

audit lists who can assume each role that trusts a GitHub OIDC issuer (github.com, a GHE Cloud
enterprise, GHE.com, GHES), by the widest audience its trust policy admits: any-github-user,
owner (any repository of an owner), repositories, refs (specific refs or environments), nobody.
Unknowns count towards admission, and findings that rest on one say so. Exit 0 when no role is at
or above --fail-on, 1 when one is, 2 on bad input or an IAM error.
  --from-file FILE       offline: JSON of aws iam get-account-authorization-details or get-role
  --profile NAME         live (iam:ListRoles, iam:GetRole): a profile of the shared config files
  --region REGION        region to sign for (default us-east-1)
  --endpoint-url URL     IAM endpoint (for an emulator)
  --json | --sarif       JSON, or SARIF 2.1.0 for GitHub code scanning (default: a table)
  --fail-on AUDIENCE     ${['any-github-user', 'owner', 'repositories', 'refs', 'never'].join(', ')} (default any-github-user)

  -h, --help             show this help`;

const GENERATE_FLAGS = {
  '--repo': 'value',
  '--environment': 'repeat',
  '--branch': 'repeat',
  '--ref': 'repeat',
  '--pull-request': 'switch',
  '--job-workflow-ref': 'value',
  '--owner-id': 'value',
  '--repository-owner-id': 'value',
  '--repository-id': 'value',
  '--subject-claims': 'value',
  '--claim': 'repeat',
  '--issuer': 'value',
  '--ghes-host': 'value',
  '--audience': 'value',
  '--account-id': 'value',
  '--partition': 'value',
} as const;

/** Output ports: one line per call, made log-safe here and nowhere else. */
type Lines = (s: string) => void;
const safe =
  (write: Lines): Lines =>
  (s) =>
    write(logSafeLine(s));

/**
 * Runs the CLI on arguments (without node and script); returns the process exit code. Each call
 * of out and err is one line, already log-safe (log-safe.ts).
 */
export function runCli(
  argv: string[],
  out: Lines,
  err: Lines,
  readFile: ReadFile = (path) => readFileSync(path, 'utf8'),
): number {
  return runSync(argv, safe(out), safe(err), readFile);
}

function runSync(argv: string[], out: Lines, err: Lines, readFile: ReadFile): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    for (const line of USAGE.split('\n')) out(line);
    return 0;
  }
  const [command, sub, ...rest] = argv;
  try {
    if (command !== 'trust-policy') {
      throw new UsageError(
        command === undefined ? 'no command given' : `unknown command '${command}'`,
      );
    }
    if (sub === 'check') return runCheck(rest, readFile, out, err);
    const args = sub === 'generate' || sub === undefined ? rest : [sub, ...rest];
    const { policy, notes } = generateTrustPolicy(parseTrustPolicyArgs(args));
    for (const line of JSON.stringify(policy, null, 2).split('\n')) out(line);
    for (const note of notes) err(`aws-deploy-role: ${note}`);
    return 0;
  } catch (error) {
    err(`aws-deploy-role: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) err(`Run '${COMMAND} --help' for usage.`);
    // Both bad flags and values the generator or checker rejects are the caller's to fix.
    return 2;
  }
}

/** The CLI with its asynchronous command (audit reads IAM); the entry points call this one. */
export async function runCliAsync(
  argv: string[],
  rawOut: Lines,
  rawErr: Lines,
  ports: AuditPorts = {
    readFile: (path) => readFileSync(path, 'utf8'),
    listRoles: async (connection) =>
      (await import('./trust-cli/iam-roles.js')).listIamRoles(connection),
  },
): Promise<number> {
  const [out, err] = [safe(rawOut), safe(rawErr)];
  const [command, sub, ...rest] = argv;
  if (
    command !== 'trust-policy' ||
    sub !== 'audit' ||
    argv.includes('--help') ||
    argv.includes('-h')
  ) {
    return runSync(argv, out, err, ports.readFile);
  }
  try {
    return await runAudit(rest, ports, out);
  } catch (error) {
    err(`aws-deploy-role: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) err(`Run '${COMMAND} --help' for usage.`);
    return 2;
  }
}

/** Parses the generate flags into options; throws a UsageError naming the first bad argument. */
export function parseTrustPolicyArgs(args: readonly string[]): TrustPolicyOptions {
  const { values, switches, repeats } = parseFlags(args, GENERATE_FLAGS);
  const value = (flag: keyof typeof GENERATE_FLAGS): string | undefined => values[flag];
  const repository = value('--repo');
  if (repository === undefined) throw new UsageError('--repo OWNER/NAME is required');
  const partition = value('--partition');
  if (partition !== undefined && !(PARTITIONS as readonly string[]).includes(partition)) {
    throw new UsageError(`--partition must be one of ${PARTITIONS.join(', ')}, got '${partition}'`);
  }
  const template = value('--subject-claims');
  const claimValues = keyValues('--claim', repeats['--claim']);
  if (template === undefined && Object.keys(claimValues).length > 0) {
    throw new UsageError(
      '--claim sets values of a custom subject template: give --subject-claims too',
    );
  }
  if (value('--owner-id') !== undefined && value('--repository-owner-id') !== undefined) {
    throw new UsageError('--repository-owner-id is another name for --owner-id: give one');
  }
  const environments = repeats['--environment'] ?? [];
  const branches = repeats['--branch'] ?? [];
  const refs = repeats['--ref'] ?? [];
  const pullRequest = switches.has('--pull-request');
  const scopes = [
    ...environments.map((environment) => ({ environment })),
    ...branches.map((branch) => ({ branch })),
    ...refs.map((ref) => ({ ref })),
    ...(pullRequest ? [{ pullRequest: true }] : []),
  ];
  const several = scopes.length > 1;
  const optional = {
    environment: several ? undefined : environments[0],
    branch: several ? undefined : branches[0],
    ref: several ? undefined : refs[0],
    scopes: several ? scopes : undefined,
    jobWorkflowRef: value('--job-workflow-ref'),
    ownerId: value('--owner-id') ?? value('--repository-owner-id'),
    repositoryId: value('--repository-id'),
    issuer: value('--issuer'),
    ghesHost: value('--ghes-host'),
    audience: value('--audience'),
    accountId: value('--account-id'),
    partition: partition as Partition | undefined,
    subjectClaims: template?.split(',').map((key) => key.trim()),
    claimValues: template === undefined ? undefined : claimValues,
    pullRequest: pullRequest && !several ? true : undefined,
  };
  const defined = Object.entries(optional).filter(([, v]) => v !== undefined);
  return { repository, ...(Object.fromEntries(defined) as Partial<TrustPolicyOptions>) };
}

/** Runs the CLI against the real process streams; the bin script and a direct run both call it. */
export function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  return runCliAsync(argv, lineWriter(process.stdout), lineWriter(process.stderr));
}

/** True when this module is the script node was started with (not when it is imported). */
function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    // npm bin links are symlinks; import.meta.url names the real file.
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isProcessEntry()) void main().then((code) => (process.exitCode = code));
