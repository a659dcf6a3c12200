import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Partition } from './arn.js';
import { type TrustPolicyOptions, buildTrustPolicy } from './trust-policy.js';

/** Command-line helpers for setting up AWS: `aws-deploy-role trust-policy ...`. */

export const USAGE = `Usage: aws-deploy-role trust-policy --repo OWNER/NAME [scope] [options]

Prints an IAM role trust policy (JSON) that lets GitHub Actions runs of one repository
assume the role with OIDC.

Scope (at most one; without one, any run of the repository is admitted):
  --environment NAME   jobs that deploy to this GitHub environment
  --branch NAME        runs on this branch (* and ? are wildcards)
  --ref REF            runs on this full ref, e.g. 'refs/tags/v*'
  --pull-request       runs triggered by pull_request

Options:
  --audience AUD       token audience (default sts.amazonaws.com, or sts.amazonaws.com.cn in aws-cn)
  --account-id ID      12-digit account that holds the OIDC provider (default: <ACCOUNT_ID>)
  --partition NAME     aws, aws-cn or aws-us-gov (default aws)
  -h, --help           show this help`;

const VALUE_FLAGS = {
  '--repo': 'repository',
  '--environment': 'environment',
  '--branch': 'branch',
  '--ref': 'ref',
  '--audience': 'audience',
  '--account-id': 'accountId',
  '--partition': 'partition',
} as const;

type ValueFlag = keyof typeof VALUE_FLAGS;
type ParsedValues = { -readonly [K in (typeof VALUE_FLAGS)[ValueFlag]]?: string };

const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'] satisfies Partition[];

class UsageError extends Error {}

/** Runs the CLI on arguments (without node and script); returns the process exit code. */
export function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return 0;
  }
  const [command, ...rest] = argv;
  try {
    if (command !== 'trust-policy') {
      throw new UsageError(
        command === undefined ? 'no command given' : `unknown command '${command}'`,
      );
    }
    const policy = buildTrustPolicy(parseTrustPolicyArgs(rest));
    out(JSON.stringify(policy, null, 2));
    return 0;
  } catch (error) {
    err(`aws-deploy-role: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) err(`Run 'aws-deploy-role --help' for usage.`);
    // Both bad flags and values buildTrustPolicy rejects are the caller's to fix: usage exit code.
    return 2;
  }
}

/** Parses the trust-policy flags into options; throws a UsageError naming the first bad argument. */
export function parseTrustPolicyArgs(args: readonly string[]): TrustPolicyOptions {
  const values: ParsedValues = {};
  let pullRequest = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    if (flag === '--pull-request' && eq < 0) {
      pullRequest = true;
      continue;
    }
    if (!isValueFlag(flag)) throw new UsageError(`unknown argument '${arg}'`);
    // "--flag=value" carries its value; "--flag value" takes the next argument.
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value`);
    }
    const key = VALUE_FLAGS[flag];
    if (values[key] !== undefined) throw new UsageError(`${flag} given more than once`);
    values[key] = value;
  }
  return toOptions(values, pullRequest);
}

function isValueFlag(flag: string): flag is ValueFlag {
  return Object.hasOwn(VALUE_FLAGS, flag);
}

function toOptions(values: ParsedValues, pullRequest: boolean): TrustPolicyOptions {
  const { repository, partition, ...scope } = values;
  if (repository === undefined) throw new UsageError('--repo OWNER/NAME is required');
  if (partition !== undefined && !PARTITIONS.includes(partition)) {
    throw new UsageError(`--partition must be one of ${PARTITIONS.join(', ')}, got '${partition}'`);
  }
  return {
    repository,
    ...scope,
    ...(partition === undefined ? {} : { partition: partition as Partition }),
    ...(pullRequest ? { pullRequest } : {}),
  };
}

/** Runs the CLI against the real process streams; the bin script and a direct run both call it. */
export function main(argv: string[] = process.argv.slice(2)): number {
  return runCli(
    argv,
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  );
}

/** True when this module is the script node was started with (not when it is imported). */
function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    // npx and npm bin links are symlinks; import.meta.url names the real file.
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isProcessEntry()) process.exitCode = main();
