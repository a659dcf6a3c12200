// A real AWS SDK for Go v2 client (go-client/main.go), the SDK under Terraform's AWS provider,
// eksctl, Pulumi and rclone. Debian packages the SDK (golang-github-aws-aws-sdk-go-v2-dev), so
// it builds offline in GOPATH mode. It is built once per test run into the directory the e2e
// project's globalSetup made (go-client-dir.mjs), which globalTeardown removes.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClient, type ClientResult } from './aws-cli.js';
import { runBounded, which } from './proc.js';
import { GO_CLIENT_DIR_VARIABLE } from './go-client-dir.mjs';

/**
 * How long one build may take: 66 s measured on a loaded 2-core machine with a cold cache (the
 * SDK's packages compile from source), 11 s of CPU; the margin covers heavier load.
 */
export const GO_BUILD_TIMEOUT_MS = 240_000;

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', 'go-client');
const DEBIAN_GOPATH = '/usr/share/gocode';

let built: Promise<string | undefined> | undefined;

/**
 * The built client's path, or undefined when `go` or the SDK's sources are missing (the
 * clients test fails then under CI=true). Builds at most once per run, even across files.
 */
export function goClient(): Promise<string | undefined> {
  built ??= buildOnce();
  return built;
}

async function buildOnce(): Promise<string | undefined> {
  const go = which('go');
  if (go === undefined || !existsSync(join(DEBIAN_GOPATH, 'src/github.com/aws/aws-sdk-go-v2')))
    return undefined;
  const dir = process.env[GO_CLIENT_DIR_VARIABLE];
  if (!dir)
    throw new Error(`${GO_CLIENT_DIR_VARIABLE} is unset: run the e2e project's globalSetup`);
  const binary = join(dir, 'go-client');
  if (existsSync(binary)) return binary;
  // A lock directory: parallel jest workers share the run's directory, one of them builds.
  try {
    mkdirSync(join(dir, 'lock'));
  } catch {
    return waitFor(binary);
  }
  // Built beside its final name and renamed: a worker waiting for the binary must never run a
  // file the linker is still writing.
  const partial = `${binary}.partial`;
  const run = await runBounded(go, ['build', '-o', partial, '.'], {
    cwd: SOURCE,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      GO111MODULE: 'off',
      GOPATH: `${join(dir, 'gopath')}:${DEBIAN_GOPATH}`,
      GOCACHE: join(dir, 'cache'),
      GOFLAGS: '',
    },
    timeoutMs: GO_BUILD_TIMEOUT_MS,
  });
  if (run.exitCode !== 0 || !existsSync(partial)) {
    const failure = `go build of the Go SDK client failed (exit ${run.exitCode}, timed out: ${run.timedOut}):\n${run.stderr}`;
    // The other worker waits for the binary: tell it now rather than at the end of its limit.
    writeFileSync(`${binary}.failed`, failure);
    throw new Error(failure);
  }
  renameSync(partial, binary);
  return binary;
}

async function waitFor(binary: string): Promise<string> {
  const deadline = Date.now() + GO_BUILD_TIMEOUT_MS;
  while (!existsSync(binary)) {
    if (existsSync(`${binary}.failed`)) throw new Error(readFileSync(`${binary}.failed`, 'utf8'));
    if (Date.now() > deadline) throw new Error(`no Go client at ${binary} after the build limit`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return binary;
}

/**
 * Runs the Go client (sts:GetCallerIdentity through config.LoadDefaultConfig, against
 * AWS_ENDPOINT_URL_STS) with only PATH, a temp HOME and `env`; stdout is JSON on success.
 */
export function runGoClient(
  binary: string,
  endpoint: string,
  env: Record<string, string>,
  opts: { timeoutMs?: number } = {},
): Promise<ClientResult> {
  return runClient(
    binary,
    [],
    { AWS_ENDPOINT_URL_STS: endpoint, ...env },
    undefined,
    opts.timeoutMs ?? 30_000,
  );
}
