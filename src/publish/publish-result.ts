import * as path from 'node:path';
import type { RunResult, SessionResult } from '../execute.js';
import { InputError } from '../model/errors.js';
import { INPUT, OUTPUT } from '../config/input-names.js';
import type { Plan } from '../plan/plan-run.js';
import { configHeader, type IniSection } from './profile-files.js';
import {
  configSection,
  createPrivateDirectory,
  currentSharedFiles,
  existingSections,
  homeSharedFiles,
  mergeIntoUserFile,
  pathExists,
  writeProfileFiles,
  writeSecretFile,
} from './profile-store.js';
import { credentialProcessJson, type RefreshSpec } from './refresh-spec.js';
import type { Runner } from './runner.js';
import { type CleanupState, encodeCleanupState } from './cleanup-state.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface PublishDeps {
  readonly runner: Runner;
  readonly env: Env;
  readonly runnerTemp: string;
  /** The credential_process command line for a refresh spec file. */
  readonly helperCommand: (specFile: string) => string;
}

/** Variables that carry credentials or point at them; cleared by unset-current-credentials. */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
] as const;

/**
 * Refuses, before any request, to replace a profile section that already exists in the files
 * the step's profiles go to (as configure-aws-credentials does), unless overwrite-aws-profile.
 */
export async function checkProfilesAreNew(plan: Plan, env: Env): Promise<void> {
  if (plan.output.overwriteAwsProfile) return;
  const names = plan.sessions.flatMap((s) => (s.profileName === undefined ? [] : [s.profileName]));
  if (names.length === 0) return;
  const files =
    plan.output.profileFilesLocation === 'home' ? homeSharedFiles(env) : currentSharedFiles(env);
  const found = await existingSections([
    { file: files.config, headers: names.map(configHeader) },
    { file: files.credentials, headers: names },
  ]);
  if (found.length === 0) return;
  const where = found.map((f) => `${f.headers.map((h) => `[${h}]`).join(', ')} in ${f.file}`);
  throw new InputError(
    INPUT.overwriteAwsProfile,
    `is false, and the profile already exists (${where.join('; ')}). Set ${INPUT.overwriteAwsProfile}: true to replace it, or choose another profile name.`,
  );
}

/** The session whose identity the outputs describe: the step's default session, else the first. */
export function primarySession(result: RunResult): SessionResult | undefined {
  return result.sessions.find((s) => s.session.name === 'default') ?? result.sessions[0];
}

/**
 * Publishes a successful result: profile files first (the only part that can fail), then env
 * vars and outputs. Cleanup state is saved before anything is written, so the post step can
 * undo a publish that stopped half-way.
 */
export async function publishResult(
  result: RunResult,
  plan: Plan,
  deps: PublishDeps,
): Promise<CleanupState> {
  const primary = primarySession(result);
  const envSession = result.sessions.find((s) => s.session.exportToEnv);
  const profiled = result.sessions.filter((s) => s.session.profileName !== undefined);
  const variables: Record<string, string> = {
    AWS_REGION: plan.region,
    AWS_DEFAULT_REGION: plan.region,
  };
  if (envSession !== undefined) {
    variables['AWS_ACCESS_KEY_ID'] = envSession.credentials.accessKeyId;
    variables['AWS_SECRET_ACCESS_KEY'] = envSession.credentials.secretAccessKey;
    // Always written, empty for long-lived keys, so a stale token can never pair with new keys.
    variables['AWS_SESSION_TOKEN'] = envSession.credentials.sessionToken ?? '';
  }
  const restore: Record<string, string> = {};
  let state: CleanupState = {
    exportedVariables: Object.keys(variables),
    restoreVariables: restore,
    writtenFiles: [],
    createdDirectory: undefined,
    userFileSections: [],
  };
  if (profiled.length > 0 && plan.output.profileFilesLocation === 'home') {
    // The private directory is needed only for refresh specs and caches here.
    const directory = plan.output.refreshCredentials
      ? await createPrivateDirectory(deps.runnerTemp)
      : undefined;
    const targets = homeSharedFiles(deps.env);
    warnAboutFileVariables(targets, deps);
    const names = profiled.map((s) => s.session.profileName ?? '');
    state = {
      ...state,
      writtenFiles: directory === undefined ? [] : plannedFiles(directory, profiled, plan, false),
      createdDirectory: directory,
      userFileSections: [
        {
          file: targets.config,
          headers: names.map(configHeader),
          created: !(await pathExists(targets.config)),
        },
        {
          file: targets.credentials,
          headers: names,
          created: !(await pathExists(targets.credentials)),
        },
      ],
    };
    saveState(deps.runner, state);
    const sections = await profileSections(directory, profiled, plan, deps);
    await mergeIntoUserFile(targets.config, sections.config);
    await mergeIntoUserFile(targets.credentials, sections.credentials);
    state = withDefaultProfile(state, variables, primary, envSession, deps.env);
  } else if (profiled.length > 0) {
    const directory = await createPrivateDirectory(deps.runnerTemp);
    const files = plannedFiles(directory, profiled, plan, true);
    // Set-but-empty is not unset for the AWS tools (they then read no file at all), and the
    // runner cannot unset a variable: the post step puts back the previous value, or the
    // default location (~/.aws/...) when there was none.
    const shared = currentSharedFiles(deps.env);
    const previous: Record<string, string> = {
      AWS_CONFIG_FILE: shared.config,
      AWS_SHARED_CREDENTIALS_FILE: shared.credentials,
    };
    state = {
      ...state,
      restoreVariables: { ...previous },
      writtenFiles: files,
      createdDirectory: directory,
    };
    saveState(deps.runner, state);
    const sections = await profileSections(directory, profiled, plan, deps);
    const location = await writeProfileFiles(
      directory,
      deps.env,
      sections.config,
      sections.credentials,
    );
    variables['AWS_CONFIG_FILE'] = location.configFile;
    variables['AWS_SHARED_CREDENTIALS_FILE'] = location.credentialsFile;
    state = withDefaultProfile(state, variables, primary, envSession, deps.env);
  }
  state = {
    ...state,
    exportedVariables: Object.keys(variables).filter((name) => !(name in state.restoreVariables)),
  };
  saveState(deps.runner, state);
  for (const [name, value] of Object.entries(variables)) deps.runner.exportVariable(name, value);
  if (primary !== undefined) setOutputs(primary, plan, deps.runner);
  return state;
}

/** In ~/.aws mode, a variable pointing elsewhere hides the profiles from the AWS tools. */
function warnAboutFileVariables(
  targets: { config: string; credentials: string },
  deps: PublishDeps,
): void {
  const pairs = [
    ['AWS_CONFIG_FILE', targets.config],
    ['AWS_SHARED_CREDENTIALS_FILE', targets.credentials],
  ] as const;
  for (const [name, file] of pairs) {
    const value = deps.env[name];
    if (value && path.resolve(value) !== file)
      deps.runner.warning(
        `profile-files-location: home writes ${file}, but ${name} points at ${value}, so AWS tools in later steps read that file instead. Unset ${name} in the job, or use profile-files-location: runner-temp.`,
      );
  }
}

/** Exports AWS_PROFILE for the step's own profile when no env credentials are exported. */
function withDefaultProfile(
  state: CleanupState,
  variables: Record<string, string>,
  primary: SessionResult | undefined,
  envSession: SessionResult | undefined,
  env: Env,
): CleanupState {
  const defaultProfile = envSession === undefined ? primary?.session.profileName : undefined;
  if (defaultProfile === undefined || primary?.session.name !== 'default') return state;
  variables['AWS_PROFILE'] = defaultProfile;
  // The post step puts back the profile this replaces. With none, it sets `default`, the profile
  // the AWS tools use when AWS_PROFILE is unset: the runner cannot unset a variable, and an
  // empty AWS_PROFILE makes the AWS CLI and boto3 fail ("The config profile () could not be found").
  return withRestore(state, 'AWS_PROFILE', env['AWS_PROFILE'] || 'default');
}

function withRestore(state: CleanupState, name: string, value: string): CleanupState {
  return { ...state, restoreVariables: { ...state.restoreVariables, [name]: value } };
}

function saveState(runner: Runner, state: CleanupState): void {
  for (const [key, value] of Object.entries(encodeCleanupState(state)))
    runner.saveState(key, value);
}

function plannedFiles(
  directory: string,
  sessions: readonly SessionResult[],
  plan: Plan,
  withProfileFiles: boolean,
): string[] {
  const files = withProfileFiles
    ? [path.join(directory, 'config'), path.join(directory, 'credentials')]
    : [];
  if (plan.output.refreshCredentials) {
    for (const s of sessions)
      files.push(refreshSpecFile(directory, s), refreshCacheFile(directory, s));
  }
  return files;
}

const refreshSpecFile = (directory: string, s: SessionResult): string =>
  path.join(directory, `refresh-${s.session.profileName ?? ''}.json`);
const refreshCacheFile = (directory: string, s: SessionResult): string =>
  path.join(directory, `cache-${s.session.profileName ?? ''}.json`);

/** The config and credentials sections of every profile; writes the refresh specs they name. */
async function profileSections(
  directory: string | undefined,
  sessions: readonly SessionResult[],
  plan: Plan,
  deps: PublishDeps,
): Promise<{ config: IniSection[]; credentials: IniSection[] }> {
  const config: IniSection[] = [];
  const credentials: IniSection[] = [];
  for (const session of sessions) {
    const name = session.session.profileName ?? '';
    if (
      directory !== undefined &&
      plan.output.refreshCredentials &&
      (plan.source.kind === 'oidc' || plan.source.kind === 'web-identity-token-file')
    ) {
      const spec: RefreshSpec = {
        version: 1,
        profile: name,
        region: plan.region,
        partition: plan.partition,
        source: plan.source,
        network: plan.network,
        hops: session.session.hops,
        cacheFile: refreshCacheFile(directory, session),
      };
      await writeSecretFile(refreshSpecFile(directory, session), JSON.stringify(spec));
      // Seed the cache with what this step just obtained: the first client call costs nothing.
      await writeSecretFile(spec.cacheFile, credentialProcessJson(session.credentials));
      config.push(
        configSection(name, {
          region: plan.region,
          credential_process: deps.helperCommand(refreshSpecFile(directory, session)),
        }),
      );
      // An empty section replaces stale keys: the credentials file would win over credential_process.
      credentials.push({ header: name, entries: {} });
    } else {
      config.push(configSection(name, { region: plan.region }));
      const entries: Record<string, string> = {
        aws_access_key_id: session.credentials.accessKeyId,
        aws_secret_access_key: session.credentials.secretAccessKey,
      };
      if (session.credentials.sessionToken)
        entries['aws_session_token'] = session.credentials.sessionToken;
      credentials.push({ header: name, entries });
    }
  }
  return { config, credentials };
}

function setOutputs(session: SessionResult, plan: Plan, runner: Runner): void {
  runner.setOutput(OUTPUT.accountId, session.accountId);
  runner.setOutput(OUTPUT.assumedRoleArn, session.arn);
  if (session.expiration !== undefined)
    runner.setOutput(OUTPUT.expiration, session.expiration.toISOString());
  runner.setOutput(
    OUTPUT.sessionChain,
    JSON.stringify(
      session.hops.map((hop) => ({
        roleArn: hop.roleArn,
        accountId: hop.accountId,
        sessionName: hop.hop.sessionName,
        assumedRoleArn: hop.assumedRoleArn,
        assumedRoleId: hop.assumedRoleId,
        sourceIdentity: hop.sourceIdentity,
        expiration: hop.expiration.toISOString(),
      })),
    ),
  );
  if (plan.output.outputCredentials) {
    runner.setOutput(OUTPUT.accessKeyId, session.credentials.accessKeyId);
    runner.setOutput(OUTPUT.secretAccessKey, session.credentials.secretAccessKey);
    if (session.credentials.sessionToken)
      runner.setOutput(OUTPUT.sessionToken, session.credentials.sessionToken);
  }
}
