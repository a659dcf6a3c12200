import { parseConfig } from './config/parse-config.js';
import type { RunContext } from './model/run-context.js';
import { diagnoseFailure, formatDiagnosis } from './diagnose/diagnose-failure.js';
import { HopError, StsCallError, messageOf } from './model/errors.js';
import {
  CREDENTIAL_VARIABLES,
  checkProfilesAreNew,
  publishResult,
} from './publish/publish-result.js';
import { inputSecrets } from './config/input-secrets.js';
import { checkProxyVariables } from './config/proxy-url.js';
import { checkGuardsBeforeNetwork } from './plan/guards.js';
import { checkHelperPaths } from './publish/helper-command.js';
import { preflightWarnings } from './plan/preflight-warnings.js';
import { checkRegion, unknownRegionWarning, type RegionCheck } from './plan/region-check.js';
import { loadKnownRegions } from './aws/region-data.js';
import {
  readInputs,
  readRunContext,
  type GitHubContext,
  type InputReader,
} from './config/read-inputs.js';
import { planRun, type Plan } from './plan/plan-run.js';
import type { Runner } from './publish/runner.js';
import { SecretRegistry } from './model/secret-registry.js';
import { renderFailureSummary, renderSuccessSummary } from './publish/summary.js';
import { appendSuccessSummary } from './publish/summary-writer.js';
import type { RawInputs } from './config/input-names.js';
import type { TokenClaims } from './model/jwt-claims.js';
import type { Env, WritableEnv } from './model/env.js';
import {
  ObtainFailure,
  obtainCredentials,
  type GatewayFactory,
  type Obtained,
} from './obtain-credentials.js';

/** The real world, injected: entry points pass real adapters, tests pass fakes. */
export interface MainDeps {
  /** The process environment; unset-current-credentials removes variables from it. */
  readonly env: WritableEnv;
  readonly runner: Runner;
  readonly now: () => Date;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Reads one input (core.getInput in the action). */
  readonly readInput: InputReader;
  /** `@actions/github`'s context in the action. */
  readonly github: GitHubContext;
  /** core.getIDToken in the action; tests pass a fake. */
  readonly getIdToken?: (audience: string) => Promise<string>;
  /** The STS gateway; the action's default loads the AWS SDK, tests pass an in-memory one. */
  readonly createGateway?: GatewayFactory;
}

/** What the prepare phase hands on: the plan, the region checked, the job's env before this step. */
interface Prepared {
  readonly plan: Plan;
  readonly region: RegionCheck;
  readonly jobEnv: Env;
}

/** How a run failed, with what it had learnt: the plan once parsed, the token's decoded claims. */
interface RunFailure {
  readonly error: unknown;
  readonly plan: Plan | undefined;
  readonly claims: TokenClaims | undefined;
}

/** Runs the main step. Never throws: every failure is reported through the runner. */
export async function runMain(deps: MainDeps): Promise<void> {
  const secrets = new SecretRegistry(deps.runner.mask);
  const raw = readMaskedInputs(deps, secrets);
  const ctx = readRunContext(deps.github, deps.env);
  const failure = await runPhases(raw, ctx, deps, secrets);
  if (failure !== undefined) await reportFailure(failure, raw, ctx, deps, secrets);
}

/** Prepare, obtain credentials, publish, report; a failure comes back as a value. */
async function runPhases(
  raw: RawInputs,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
): Promise<RunFailure | undefined> {
  let prepared: Prepared;
  try {
    prepared = await prepare(raw, ctx, deps, secrets);
  } catch (error) {
    return { error, plan: undefined, claims: undefined };
  }
  const { plan } = prepared;
  try {
    const obtained = await obtainCredentials(plan, { ...deps, secrets, region: prepared.region });
    await publish(obtained, prepared, ctx, deps, secrets);
    await reportSuccess(obtained, plan, ctx, deps, secrets);
    return undefined;
  } catch (error) {
    return error instanceof ObtainFailure
      ? { error: error.error, plan, claims: error.claims }
      : { error, plan, claims: undefined };
  }
}

/** Reads the inputs and masks their secrets before anything, even an input error, can print one. */
function readMaskedInputs(deps: MainDeps, secrets: SecretRegistry): RawInputs {
  const raw = readInputs(deps.readInput, deps.env, (line) => deps.runner.warning(line));
  // Input keys, MFA values, external IDs (also in chain lines, and values whose key was
  // mistyped), proxy passwords and the token request token: masked before parsing can fail.
  const found = inputSecrets(raw, deps.env);
  found.secrets.forEach(secrets.add);
  found.candidates.forEach(secrets.addCandidate);
  return raw;
}

/** Parses and plans, then everything checked before the network: guards, profiles, warnings. */
async function prepare(
  raw: RawInputs,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
): Promise<Prepared> {
  const { env, runner } = deps;
  checkProxyVariables(env);
  const plan = planRun(parseConfig(raw, ctx), ctx);
  // External IDs often come from secrets; role-chain and profiles lines carry them too.
  plan.sessions.forEach((session) => session.hops.forEach((hop) => secrets.add(hop.externalId)));
  if (plan.output.maskAccountId) maskPlannedAccounts(plan, secrets);
  checkGuardsBeforeNetwork(plan, ctx);
  checkHelperPaths(plan, ctx);
  await checkProfilesAreNew(plan, ctx, env);
  preflightWarnings(plan, ctx).forEach((warning) => runner.warning(warning));
  // A misspelt region is said before any request, also with sts-endpoint (which would succeed
  // and export it as AWS_REGION, for later steps to fail on).
  const region = checkRegion(plan.region, await loadKnownRegions());
  if (!region.known) runner.warning(unknownRegionWarning(region));
  // What the job had before this step: publishing restores from it, even after unsetting.
  const jobEnv: Env = { ...env };
  if (plan.output.unsetCurrentCredentials) unsetCurrentCredentials(env, runner);
  return { plan, region, jobEnv };
}

/** Masks the accounts learnt at run time (when asked to), then exports the result. */
async function publish(
  obtained: Obtained,
  { plan, jobEnv }: Prepared,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
): Promise<void> {
  if (obtained.kind === 'existing-credentials') return;
  if (plan.output.maskAccountId)
    obtained.result.sessions.forEach((s) =>
      [s.accountId, ...s.hops.map((h) => h.accountId)].forEach(secrets.add),
    );
  await publishResult(obtained.result, plan, { runner: deps.runner, env: jobEnv, ctx });
}

/** Tells the user what the run did: a log line, or the step summary. */
async function reportSuccess(
  obtained: Obtained,
  plan: Plan,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
): Promise<void> {
  const { runner } = deps;
  if (obtained.kind === 'existing-credentials')
    runner.info(
      'use-existing-credentials: the job already has working credentials; nothing was changed.',
    );
  else if (plan.output.sessionSummary)
    await appendSuccessSummary(
      runner,
      secrets.redact(renderSuccessSummary(obtained.result, plan, ctx, deps.now())),
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
function unsetCurrentCredentials(env: WritableEnv, runner: Runner): void {
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

/** Fails the step with the error and its diagnosis, and writes the failure summary. */
async function reportFailure(
  { error, plan, claims }: RunFailure,
  raw: RawInputs,
  ctx: RunContext,
  deps: MainDeps,
  secrets: SecretRegistry,
): Promise<void> {
  const { runner } = deps;
  const diagnosis = diagnoseFailure(error, {
    sourceKind: plan?.source.kind ?? 'unknown',
    claims,
    audience: plan?.source.kind === 'oidc' ? plan.source.audience : undefined,
    usesMfa: plan?.mfa !== undefined,
  });
  const message = secrets.redact(messageOf(error));
  runner.setFailed(
    diagnosis === undefined ? message : `${message}\n${secrets.redact(formatDiagnosis(diagnosis))}`,
  );
  if (runner.isDebug() && error instanceof Error && error.stack !== undefined)
    runner.debug(secrets.redact(error.stack));
  // Without a parsed config (bad inputs), honour an explicit session-summary: false anyway.
  if (!(plan?.output.sessionSummary ?? !/^false$/i.test(raw.sessionSummary))) return;
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
