// Real AWS clients (the AWS CLI, boto3) to prove that the credentials the
// action exports work. Each run gets a clean env and a throwaway HOME so the
// host's ~/.aws and AWS_* variables never leak into a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { baseEnv, runBounded, which } from './proc.js';

export interface ClientResult {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, when it is JSON. */
  json?: unknown;
}

export interface ClientOptions {
  timeoutMs?: number;
  /** AWS CLI binary to use (see findAwsClis); default `aws` on PATH. */
  cli?: string;
}

// No instance-metadata probing (slow timeouts when credentials are missing), no pager.
const QUIET = { AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' };

/** Runs one client process with only PATH, a throwaway HOME, quiet AWS settings and `env`. */
export async function runClient(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  input: string | undefined,
  timeoutMs: number,
): Promise<ClientResult> {
  const home = mkdtempSync(join(tmpdir(), 'e2e-home-'));
  try {
    // A test's HOME is the home on every OS: Windows clients read USERPROFILE (aws-home.ts).
    const profile = env['HOME'] !== undefined ? { USERPROFILE: env['HOME'] } : {};
    const opts = { env: { ...baseEnv(home), ...QUIET, ...profile, ...env }, cwd: home, timeoutMs };
    const run = await runBounded(cmd, args, input === undefined ? opts : { ...opts, input });
    const result: ClientResult = {
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      stdout: run.stdout,
      stderr: run.stderr,
    };
    if (run.stdout.trim()) {
      try {
        result.json = JSON.parse(run.stdout) as unknown;
      } catch {
        // not JSON (text output or an error); leave json unset
      }
    }
    return result;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs `aws ARGS` (JSON output) with only PATH, a temp HOME and `env`. */
export function runAwsCli(
  args: string[],
  env: Record<string, string>,
  opts: ClientOptions = {},
): Promise<ClientResult> {
  return runClient(
    opts.cli ?? 'aws',
    ['--output', 'json', ...args],
    env,
    undefined,
    opts.timeoutMs ?? 30_000,
  );
}

/** Runs python3 code (fed on stdin) with only PATH, a temp HOME and `env`. */
export function runBoto3(
  pythonCode: string,
  env: Record<string, string>,
  opts: { timeoutMs?: number } = {},
): Promise<ClientResult> {
  // Windows installs Python as python.exe, with no python3 alias.
  const python = process.platform === 'win32' ? 'python' : 'python3';
  return runClient(python, ['-'], env, pythonCode, opts.timeoutMs ?? 30_000);
}

export interface AwsCli {
  version: 1 | 2;
  path: string;
  versionLine: string;
}

let found: Promise<AwsCli[]> | undefined;

/**
 * The AWS CLIs on this machine: `aws` on PATH (v1 from pip here), plus
 * /usr/bin/aws (Debian's awscli, v2) and /usr/local/bin/aws (AWS's v2
 * installer). Two paths that print the same --version are the same CLI.
 */
export function findAwsClis(): Promise<AwsCli[]> {
  found ??= (async () => {
    const candidates = [which('aws'), '/usr/bin/aws', '/usr/local/bin/aws'].filter(
      (p): p is string => !!p,
    );
    const clis: AwsCli[] = [];
    for (const path of [...new Set(candidates)]) {
      if (!which('aws', dirname(path))) continue;
      const res = await runClient(path, ['--version'], {}, undefined, 20_000).catch(
        () => undefined,
      );
      const line = `${res?.stdout ?? ''}${res?.stderr ?? ''}`.trim().split('\n')[0] ?? '';
      const major = /^aws-cli\/([12])\./.exec(line)?.[1];
      if (!major || clis.some((c) => c.versionLine === line)) continue;
      clis.push({ version: major === '2' ? 2 : 1, path, versionLine: line });
    }
    return clis;
  })();
  return found;
}
