/** The facts about this run that planning needs, read once from the runner's environment. */
export interface RunContext {
  readonly repository: string;
  readonly repositoryOwner: string;
  readonly ref: string;
  readonly refName: string;
  readonly sha: string;
  readonly eventName: string;
  readonly workflow: string;
  readonly job: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly actor: string;
  readonly action: string;
  readonly serverUrl: string;
  readonly workspace: string;
  readonly runnerTemp: string;
  /** True when the job was granted `id-token: write` (the runner then sets both request variables). */
  readonly isOidcAvailable: boolean;
  /** Credentials an earlier step left in the environment (names only: never values). */
  readonly ambient: AmbientFacts;
}

/** Which credential-related variables are already set; used for source selection and warnings. */
export interface AmbientFacts {
  readonly hasAccessKeyId: boolean;
  readonly hasSessionToken: boolean;
  readonly profile: string | undefined;
  readonly configFile: string | undefined;
  readonly credentialsFile: string | undefined;
}
