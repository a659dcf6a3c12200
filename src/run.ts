import { parseConfig } from './config/parse-config.js';
import type { RunContext } from './model/run-context.js';
import {
  diagnoseFailure,
  formatDiagnosis,
  staleCredentialWarnings,
} from './diagnose/diagnose-failure.js';
import { ActionTimeoutError, HopError, StsCallError, messageOf } from './model/errors.js';
import { executePlan } from './execute.js';
import {
  CREDENTIAL_VARIABLES,
  checkProfilesAreNew,
  publishResult,
} from './publish/publish-result.js';
import { inputSecrets } from './config/input-secrets.js';
import { checkAllowedAccount, checkGuardsBeforeNetwork } from './plan/guards.js';
import {
  readInputs,
  readRunContext,
  type GitHubContext,
  type InputReader,
} from './config/read-inputs.js';
import { planRun, type Plan } from './plan/plan-run.js';
import { isRetryableStsError, withRetry, type Retrier } from './aws/retry.js';
import type { Runner } from './publish/runner.js';
import { SecretRegistry } from './model/secret-registry.js';
import { createSource } from './sources/create.js';
import { githubIdTokenFetch } from './sources/github-id-token.js';
import type { CallerIdentity, StsGateway } from './aws/sts-gateway.js';
import { renderFailureSummary, renderSuccessSummary } from './publish/summary.js';
import { appendSuccessSummary } from './publish/summary-writer.js';
import type { RawInputs } from './config/input-names.js';
import type { TokenClaims } from './model/jwt-claims.js';
import type { CredentialSource } from './sources/types.js';

type Env = Record<string, string | undefined>;

/** The real world, injected: entry points pass real adapters, tests pass fakes. */
export interface MainDeps {
  readonly env: Env;
  readonly runner: Runner;
  readonly now: () => Date;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly helperCommand: (specFile: string) => string;
  /** Reads one input (core.getInput in the action). */
  readonly readInput: InputReader;
  /** `@actions/github`'s context in the action. */
  readonly github: GitHubContext;
  /** core.getIDToken in the action; tests pass a fake. */
  readonly getIdToken?: (audience: string) => Promise<string>;
}

/** Runs the main step. Never throws: every failure is reported through the runner. */
export async function runMain(deps: MainDeps): Promise<void> {
  const { env, runner } = deps;
  const secrets = new SecretRegistry(runner.mask);
  const raw = readInputs(deps.readInput, env);
  maskInputSecrets(raw, env, secrets);
  const ctx = readRunContext(deps.github, env);
  let plan: Plan | undefined;
  const facts: RunFacts = { claims: undefined };
  try {
    plan = planRun(parseConfig(raw, ctx), ctx);
    await runPlan(plan, ctx, deps, secrets, facts);
  } catch (error) {
    // Without a parsed config (bad inputs), honour an explicit session-summary: false anyway.
    const wantsSummary = plan?.output.sessionSummary ?? !/^false$/i.test(raw.sessionSummary);
    await reportFailure(error, plan, ctx, deps, secrets, facts, wantsSummary);
  }
}

/** What the run learned before it failed, for the diagnosis (decoded claims only, never the token). */
interface RunFacts {
  claims: TokenClaims | undefined;
}

function recordClaims(source: CredentialSource, facts: RunFacts): CredentialSource {
  return {
    async obtain() {
      const obtained = await source.obtain();
      if (obtained.kind === 'web-identity') facts.claims = obtained.claims;
      return obtained;
    },
  };
}

function maskInputSecrets(raw: RawInputs, env: Env, secrets: SecretRegistry): void {
  // Masked before parsing, so even an input error cannot echo one of these.
  const found = inputSecrets(raw, env);
  found.secrets.forEach(secrets.add);
  found.candidates.forEach(secrets.addCandidate);
}

async function runPlan(
  plan: Plan,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
  facts: RunFacts,
): Promise<void> {
  const { runner, env } = deps;
  // External IDs often come from secrets; role-chain and profiles lines carry them too.
  plan.sessions.forEach((session) => session.hops.forEach((hop) => secrets.add(hop.externalId)));
  if (plan.output.maskAccountId) maskPlannedAccounts(plan, secrets);
  checkGuardsBeforeNetwork(plan, ctx);
  await checkProfilesAreNew(plan, env);
  warnAboutStaleCredentials(plan, ctx, runner);
  // What the job had before this step: publishing restores from it, even after unsetting.
  const jobEnv: Env = { ...env };
  if (plan.output.unsetCurrentCredentials) unsetCurrentCredentials(env, runner);
  // The AWS SDK loads only here, after the configuration validated: a run that fails on its
  // inputs never pays its start-up cost. sts-client.ts imports it with static named imports,
  // so the bundler keeps only the STS client.
  const { createSdkStsGateway } = await import('./aws/sts-client.js');
  const gateway = createSdkStsGateway({
    region: plan.region,
    endpoint: plan.network.stsEndpoint,
    httpProxy: plan.network.httpProxy,
    noProxy: plan.network.noProxy,
    attemptTimeoutMs: plan.network.attemptTimeoutMs,
    env,
    debug: (line) => runner.debug(secrets.redact(line)),
  });
  try {
    await assumeAndPublish(plan, ctx, deps, secrets, facts, gateway, jobEnv);
  } finally {
    gateway.destroy();
  }
}

async function assumeAndPublish(
  plan: Plan,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
  facts: RunFacts,
  gateway: StsGateway,
  jobEnv: Env,
): Promise<void> {
  const { runner, env } = deps;
  // The group encloses the deadline, so a timeout closes the group before the error is printed.
  const result = await runner.group('Assume roles', () =>
    withDeadline(plan.network.actionTimeoutMs, async (signal) => {
      const retry = makeRetrier(plan, deps, signal, secrets);
      if (plan.useExistingCredentials) {
        const existing = await existingCredentialsIdentity(env, gateway, plan, signal);
        if (existing !== undefined) {
          // The account guard applies on this path too: working credentials of a foreign
          // account must not pass for a deployment credential.
          if (plan.output.maskAccountId) secrets.add(existing.account);
          checkAllowedAccount(
            plan,
            existing.account,
            'The existing credentials (use-existing-credentials)',
          );
          return undefined;
        }
      }
      runner.info(`Credential source: ${plan.source.kind} (${plan.sourceReason})`);
      const source = recordClaims(
        createSource(plan, {
          env,
          oidcToken: (audience) =>
            githubIdTokenFetch({
              audience,
              timeoutMs: plan.network.attemptTimeoutMs,
              httpProxy: plan.network.httpProxy,
              noProxy: plan.network.noProxy,
              env,
              ...(deps.getIdToken === undefined ? {} : { getIdToken: deps.getIdToken }),
            }),
          mask: secrets.add,
          retry,
          sleep: (ms) => deps.sleep(ms, signal),
          random: deps.random,
          maxAttempts: plan.network.maxAttempts,
        }),
        facts,
      );
      return executePlan(plan, {
        gateway,
        source,
        mask: secrets.add,
        retry,
        info: (m) => runner.info(m),
        debug: (m) => runner.debug(secrets.redact(m)),
        now: deps.now,
        attemptTimeoutMs: plan.network.attemptTimeoutMs,
        signal,
      });
    }),
  );
  if (result === undefined) {
    runner.info(
      'use-existing-credentials: the job already has working credentials; nothing was changed.',
    );
    return;
  }
  if (plan.output.maskAccountId)
    result.sessions.forEach((s) =>
      [s.accountId, ...s.hops.map((h) => h.accountId)].forEach(secrets.add),
    );
  const helperCommand = deps.helperCommand;
  await publishResult(result, plan, {
    runner,
    env: jobEnv,
    runnerTemp: ctx.runnerTemp,
    helperCommand,
  });
  if (plan.output.sessionSummary)
    await appendSuccessSummary(
      runner,
      secrets.redact(renderSuccessSummary(result, plan, ctx, deps.now())),
      (text) => secrets.redact(text),
    );
}

/**
 * Clears only the credential variables that are set. The runner cannot unset a variable, and an
 * empty AWS_PROFILE is not "no profile" for the AWS CLI v1/v2 and boto3 (they fail with "The
 * config profile () could not be found"), so AWS_PROFILE is never exported empty: it stays, and
 * this step's env credentials take precedence over a profile's, as documented at
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html.
 */
function unsetCurrentCredentials(env: Env, runner: Runner): void {
  for (const name of CREDENTIAL_VARIABLES) {
    if (!env[name]) continue;
    if (name === 'AWS_PROFILE')
      runner.info(
        `unset-current-credentials: AWS_PROFILE (${env[name]}) is not cleared for later steps: the runner cannot unset a variable and an empty AWS_PROFILE breaks the AWS CLI and boto3; exported credentials or profiles of this step take precedence.`,
      );
    else runner.exportVariable(name, '');
    delete env[name];
  }
}

function maskPlannedAccounts(plan: Plan, secrets: SecretRegistry): void {
  for (const session of plan.sessions)
    for (const hop of session.hops)
      if (hop.role.kind === 'arn') secrets.add(hop.role.arn.accountId);
}

function warnAboutStaleCredentials(plan: Plan, ctx: RunContext, runner: Runner): void {
  const warnings = staleCredentialWarnings({
    hasAccessKeyId: ctx.ambient.hasAccessKeyId && plan.source.kind !== 'role-chaining',
    profile: ctx.ambient.profile,
    exportsEnvCredentials: plan.sessions.some((s) => s.exportToEnv),
    writesProfiles: plan.sessions.some((s) => s.profileName !== undefined),
    unsetCurrent: plan.output.unsetCurrentCredentials,
  });
  warnings.forEach((w) => runner.warning(w));
}

/** The identity of the job's current env credentials, when they work. */
async function existingCredentialsIdentity(
  env: Env,
  gateway: StsGateway,
  plan: Plan,
  signal: AbortSignal | undefined,
): Promise<CallerIdentity | undefined> {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'] ?? '';
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'] ?? '';
  if (accessKeyId === '' || secretAccessKey === '') return undefined;
  try {
    return await gateway.getCallerIdentity(
      { accessKeyId, secretAccessKey, sessionToken: env['AWS_SESSION_TOKEN'] || undefined },
      { timeoutMs: plan.network.attemptTimeoutMs, signal },
    );
  } catch {
    return undefined;
  }
}

function makeRetrier(
  plan: Plan,
  deps: MainDeps,
  signal: AbortSignal | undefined,
  secrets: SecretRegistry,
): Retrier {
  return (label, operation) =>
    withRetry(operation, {
      maxAttempts: plan.network.maxAttempts,
      isRetryable: isRetryableStsError,
      sleep: (ms) => deps.sleep(ms, signal),
      random: deps.random,
      onRetry: (error, attempt, delay) =>
        deps.runner.info(
          secrets.redact(
            `${label}: ${error instanceof StsCallError ? error.code : messageOf(error)}; retry ${attempt} of ${plan.network.maxAttempts - 1} in ${delay} ms`,
          ),
        ),
    }).catch((error: unknown) => {
      throw gaveUp(error, plan);
    });
}

/**
 * A retryable STS error that still escaped withRetry used up every attempt: say so, and name
 * the endpoint (an STS error document does not), so "STS is down" reads as such.
 */
function gaveUp(error: unknown, plan: Plan): unknown {
  if (!(error instanceof StsCallError) || !isRetryableStsError(error)) return error;
  const configured = plan.network.stsEndpoint;
  const endpoint = configured === undefined ? undefined : new URL(configured).origin;
  const attempts = plan.network.maxAttempts;
  const where =
    endpoint === undefined || error.awsMessage.includes(endpoint) ? '' : `endpoint ${endpoint}; `;
  return new StsCallError(
    error.operation,
    error.code,
    `${error.awsMessage} (${where}gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
    error.status,
  );
}

/** Runs body under the action timeout; on expiry aborts in-flight requests and throws. */
async function withDeadline<T>(
  timeoutMs: number | undefined,
  body: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (timeoutMs === undefined) return body(undefined);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ActionTimeoutError(timeoutMs / 1000));
    }, timeoutMs);
  });
  try {
    return await Promise.race([body(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function reportFailure(
  error: unknown,
  plan: Plan | undefined,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
  facts: RunFacts,
  wantsSummary: boolean,
): Promise<void> {
  const { runner } = deps;
  const diagnosis = diagnoseFailure(error, {
    sourceKind: plan?.source.kind ?? 'unknown',
    claims: facts.claims,
    audience: plan?.source.kind === 'oidc' ? plan.source.audience : undefined,
    usesMfa: plan?.mfa !== undefined,
  });
  const message = secrets.redact(messageOf(error));
  runner.setFailed(
    diagnosis === undefined ? message : `${message}\n${secrets.redact(formatDiagnosis(diagnosis))}`,
  );
  if (runner.isDebug() && error instanceof Error && error.stack !== undefined)
    runner.debug(secrets.redact(error.stack));
  if (!wantsSummary) return;
  const inner = error instanceof HopError ? error.cause : error;
  const summary = renderFailureSummary(
    {
      message,
      where:
        error instanceof HopError
          ? `hop ${error.hopNumber} of ${error.hopCount}: ${error.roleArn}`
          : undefined,
      code: inner instanceof StsCallError ? inner.code : undefined,
      diagnosis,
    },
    plan,
    ctx,
  );
  try {
    await runner.appendSummary(secrets.redact(summary));
  } catch {
    // A missing summary file must not hide the real failure.
  }
}
