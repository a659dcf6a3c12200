import { hasWebIdentitySource } from '../model/source-kind.js';
import * as path from 'node:path';
import { OUTPUT } from '../config/input-names.js';
import { isSamePath } from '../model/file-system-case.js';
import type { RunContext } from '../model/run-context.js';
import type { Plan } from './plan-run.js';
import {
  configHeader,
  currentSharedFiles,
  homeSharedFiles,
  refreshFiles,
  type RefreshFiles,
  type SharedFiles,
} from './profile-locations.js';

/** Sections main added to a user's own profile file (profile-files-location: home). */
export interface UserFileSections {
  readonly file: string;
  readonly headers: readonly string[];
  /** The file did not exist before: the post step deletes it once it is empty again. */
  readonly created: boolean;
  /**
   * By header: what proves the section is still this step's (publish adds them, once the
   * credentials are known). The post step removes a section only while its mark holds.
   */
  readonly marks?: Readonly<Record<string, SectionMark>>;
}

/** An entry only this step wrote (its access key ID, its credential_process line), and where. */
export interface SectionMark {
  readonly file: string;
  readonly header: string;
  readonly entry: string;
  readonly value: string;
}

/** What the post step undoes, saved by main before its first write. */
export interface CleanupState {
  /** Variables main exported that the post step empties. */
  readonly exportedVariables: readonly string[];
  /** Variables main replaced, with the value to put back (e.g. AWS_CONFIG_FILE). */
  readonly restoreVariables: Readonly<Record<string, string>>;
  /** Files main wrote (profiles, refresh specs and caches). */
  readonly writtenFiles: readonly string[];
  /** The private directory main created under RUNNER_TEMP, removed when empty. */
  readonly createdDirectory: string | undefined;
  /** Sections added to ~/.aws files, which the post step removes (and nothing else there). */
  readonly userFileSections: readonly UserFileSections[];
  /** ~/.aws when main created it (home location): the post step removes it once it is empty. */
  readonly createdUserDirectory?: string | undefined;
}

/** Where a variable's value comes from: known now, or a field of the env session's credentials. */
export type VariableValue =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'credential';
      readonly field: 'accessKeyId' | 'secretAccessKey' | 'sessionToken';
    };

/** One profile the run writes, for the session of the same name. */
export interface ProfileExport {
  readonly name: string;
  /** Set when the profile gets a credential_process helper instead of keys. */
  readonly refresh: RefreshFiles | undefined;
}

/** The profile files the run writes, and where. */
export interface ProfileFilesPlan {
  /**
   * runner-temp: fresh files in `directory`, starting from `mergeFrom` (the files in effect);
   * home: the user's own ~/.aws files, edited in place.
   */
  readonly location: 'runner-temp' | 'home';
  /** The private 0700 directory created under RUNNER_TEMP, if the run needs one. */
  readonly directory: string | undefined;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly mergeFrom: SharedFiles;
  readonly profiles: readonly ProfileExport[];
}

/** Everything a successful run exports, and the cleanup state that undoes it. */
export interface ExportPlan {
  /** Exported in this order; values come from the plan, or from the env session's credentials. */
  readonly variables: readonly { readonly name: string; readonly value: VariableValue }[];
  /** The session whose identity the outputs describe, if any. */
  readonly outputSession: string | undefined;
  /** Output names, in order; expiration and session-token are skipped when the session has none. */
  readonly outputs: readonly string[];
  readonly profileFiles: ProfileFilesPlan | undefined;
  readonly warnings: readonly string[];
  readonly cleanup: CleanupState;
}

/** Facts about the machine that the plan needs and cannot read itself (publish gathers them). */
export interface ExportFacts {
  /** The home directory the AWS clients read (model/aws-home.ts). */
  readonly home: string;
  /** The OS, for its file system's rules (paths compared ignoring case on Windows and macOS). */
  readonly platform: NodeJS.Platform;
  /** The private directory to create if one is needed, its name chosen in advance. */
  readonly directory: string;
  /** Which of ~/.aws/config and ~/.aws/credentials exist before this step. */
  readonly homeFilesExist: { readonly config: boolean; readonly credentials: boolean };
  /** Whether the directory of the ~/.aws files exists already (as anything, a link included). */
  readonly homeDirectoryExists: boolean;
}

/** Whether the run's profiles get a credential_process helper (web-identity sources only). */
const refreshesProfiles = (plan: Plan): boolean =>
  plan.output.refreshCredentials && hasWebIdentitySource(plan.source);

/**
 * Decides what a successful run exports (variables, outputs, profile files) and the cleanup
 * state that undoes it, from the plan and a few machine facts. Pure: publishing only carries
 * this out, and the post step only reverses `cleanup`.
 */
export function planExports(plan: Plan, ctx: RunContext, facts: ExportFacts): ExportPlan {
  const primary = plan.sessions.find((s) => s.name === 'default') ?? plan.sessions[0];
  const envSession = plan.sessions.find((s) => s.exportToEnv);
  const variables: { name: string; value: VariableValue }[] = [
    { name: 'AWS_REGION', value: text(plan.region) },
    { name: 'AWS_DEFAULT_REGION', value: text(plan.region) },
  ];
  if (envSession !== undefined) {
    variables.push(
      { name: 'AWS_ACCESS_KEY_ID', value: credential('accessKeyId') },
      { name: 'AWS_SECRET_ACCESS_KEY', value: credential('secretAccessKey') },
      // Always written, empty for long-lived keys, so a stale token can never pair with new keys.
      { name: 'AWS_SESSION_TOKEN', value: credential('sessionToken') },
    );
  }
  const restore: Record<string, string> = {};
  const profileFiles = planProfileFiles(plan, ctx, facts);
  let userFileSections: UserFileSections[] = [];
  let createdUserDirectory: string | undefined;
  const warnings: string[] = [];
  if (profileFiles?.location === 'runner-temp') {
    variables.push(
      { name: 'AWS_CONFIG_FILE', value: text(profileFiles.configFile) },
      { name: 'AWS_SHARED_CREDENTIALS_FILE', value: text(profileFiles.credentialsFile) },
    );
    // Set-but-empty is not unset for the AWS tools (they then read no file at all), and the
    // runner cannot unset a variable: the post step puts back the previous value, or the
    // default location (~/.aws/...) when there was none.
    restore['AWS_CONFIG_FILE'] = profileFiles.mergeFrom.config;
    restore['AWS_SHARED_CREDENTIALS_FILE'] = profileFiles.mergeFrom.credentials;
  } else if (profileFiles?.location === 'home') {
    const names = profileFiles.profiles.map((p) => p.name);
    if (!facts.homeDirectoryExists)
      createdUserDirectory = path.resolve(path.dirname(profileFiles.configFile));
    userFileSections = [
      {
        file: profileFiles.configFile,
        headers: names.map(configHeader),
        created: !facts.homeFilesExist.config,
      },
      {
        file: profileFiles.credentialsFile,
        headers: names,
        created: !facts.homeFilesExist.credentials,
      },
    ];
    warnings.push(...homeFileWarnings(profileFiles, ctx, facts.platform));
  }
  if (profileFiles !== undefined && envSession === undefined && primary?.name === 'default') {
    const profile = primary.profileName;
    if (profile !== undefined) {
      variables.push({ name: 'AWS_PROFILE', value: text(profile) });
      // The post step puts back the profile this replaces. With none, it sets `default`, the
      // profile the AWS tools use when AWS_PROFILE is unset: the runner cannot unset a variable,
      // and an empty AWS_PROFILE makes the AWS CLI and boto3 fail ("The config profile () could
      // not be found").
      restore['AWS_PROFILE'] = ctx.ambient.profile ?? 'default';
    }
  }
  return {
    variables,
    outputSession: primary?.name,
    outputs: primary === undefined ? [] : plannedOutputs(plan),
    profileFiles,
    warnings,
    cleanup: {
      exportedVariables: variables.map((v) => v.name).filter((name) => !(name in restore)),
      restoreVariables: restore,
      writtenFiles: profileFiles === undefined ? [] : plannedFiles(profileFiles),
      createdDirectory: profileFiles?.directory,
      userFileSections,
      createdUserDirectory,
    },
  };
}

const text = (value: string): VariableValue => ({ kind: 'text', text: value });
const credential = (field: 'accessKeyId' | 'secretAccessKey' | 'sessionToken'): VariableValue => ({
  kind: 'credential',
  field,
});

function planProfileFiles(
  plan: Plan,
  ctx: RunContext,
  facts: ExportFacts,
): ProfileFilesPlan | undefined {
  const names = plan.sessions.flatMap((s) => (s.profileName === undefined ? [] : [s.profileName]));
  if (names.length === 0) return undefined;
  const refresh = refreshesProfiles(plan);
  const isHome = plan.output.profileFilesLocation === 'home';
  // In ~/.aws mode the private directory is needed only for refresh specs and caches.
  const directory = isHome && !plan.output.refreshCredentials ? undefined : facts.directory;
  const profiles = names.map((name) => ({
    name,
    refresh: refresh && directory !== undefined ? refreshFiles(directory, name) : undefined,
  }));
  if (isHome) {
    const home = homeSharedFiles(facts.home);
    return {
      location: 'home',
      directory,
      configFile: home.config,
      credentialsFile: home.credentials,
      mergeFrom: home,
      profiles,
    };
  }
  return {
    location: 'runner-temp',
    directory,
    configFile: path.join(facts.directory, 'config'),
    credentialsFile: path.join(facts.directory, 'credentials'),
    mergeFrom: currentSharedFiles(ctx.ambient, facts.home),
    profiles,
  };
}

function plannedFiles(files: ProfileFilesPlan): string[] {
  const written = files.location === 'runner-temp' ? [files.configFile, files.credentialsFile] : [];
  for (const profile of files.profiles)
    if (profile.refresh !== undefined)
      written.push(profile.refresh.specFile, profile.refresh.cacheFile);
  return written;
}

function plannedOutputs(plan: Plan): string[] {
  const outputs: string[] = [
    OUTPUT.accountId,
    OUTPUT.assumedRoleArn,
    OUTPUT.expiration,
    OUTPUT.sessionChain,
  ];
  if (plan.output.outputCredentials)
    outputs.push(OUTPUT.accessKeyId, OUTPUT.secretAccessKey, OUTPUT.sessionToken);
  return outputs;
}

/** In ~/.aws mode, a variable pointing elsewhere hides the profiles from the AWS tools. */
function homeFileWarnings(
  files: ProfileFilesPlan,
  ctx: RunContext,
  platform: NodeJS.Platform,
): string[] {
  const pairs = [
    ['AWS_CONFIG_FILE', files.configFile, ctx.ambient.configFile],
    ['AWS_SHARED_CREDENTIALS_FILE', files.credentialsFile, ctx.ambient.credentialsFile],
  ] as const;
  return pairs.flatMap(([name, file, value]) =>
    value && !isSamePath(value, file, platform)
      ? [
          `profile-files-location: home writes ${file}, but ${name} points at ${value}, so AWS tools in later steps read that file instead. Unset ${name} in the job, or use profile-files-location: runner-temp.`,
        ]
      : [],
  );
}
