import type { Partition, RoleRef } from '../model/arn.js';
import type { Tag } from '../model/tags.js';

/** Where the source credentials come from; exactly one per run. */
export type SourceConfig =
  | { readonly kind: 'oidc'; readonly audience: string }
  | {
      readonly kind: 'static-keys';
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken: string | undefined;
    }
  | { readonly kind: 'web-identity-token-file'; readonly path: string }
  | { readonly kind: 'role-chaining' }
  | { readonly kind: 'default-chain' };

export type SourceKind = SourceConfig['kind'];

/** One role to assume, as configured (before the run context fills in names and tags). */
export interface HopSpec {
  /** Where the user wrote it, for error messages: "role-to-assume", "role-chain line 2", ... */
  readonly origin: string;
  readonly role: RoleRef;
  readonly externalId: string | undefined;
  /** A session-name template; undefined means the step's `role-session-name`. */
  readonly sessionName: string | undefined;
  readonly durationSeconds: number | undefined;
  readonly inlineSessionPolicy: string | undefined;
  readonly managedSessionPolicies: readonly string[];
  readonly tags: readonly Tag[];
  readonly skipSessionTagging: boolean | undefined;
  readonly transitiveTagKeys: readonly string[] | undefined;
}

/** A chain of one or more hops that ends in one set of credentials. */
export type HopChain = readonly [HopSpec, ...HopSpec[]];

/** A named profile with its own chain (the `profiles` input). */
export interface ProfileSpec {
  readonly name: string;
  readonly hops: HopChain;
}

export type MfaConfig =
  | { readonly serialNumber: string; readonly kind: 'code'; readonly code: string }
  | { readonly serialNumber: string; readonly kind: 'totp'; readonly secret: string };

/** Every input, validated and typed. Built only by parseConfig. */
/** Where profile files are written. */
export type ProfileFilesLocation = 'runner-temp' | 'home';

export interface Config {
  readonly region: string;
  readonly partition: Partition;
  readonly source: SourceConfig;
  /** Why this source was chosen, in one line for the log. */
  readonly sourceReason: string;
  /** role-to-assume followed by role-chain; undefined when no role is assumed. */
  readonly primaryChain: HopChain | undefined;
  readonly profiles: readonly ProfileSpec[];
  readonly awsProfile: string | undefined;
  readonly session: {
    readonly sessionName: string;
    readonly skipSessionTagging: boolean;
    readonly customTags: readonly Tag[];
    readonly transitiveTagKeys: readonly string[];
    readonly sourceIdentity: string | undefined;
  };
  readonly mfa: MfaConfig | undefined;
  readonly output: {
    readonly envCredentials: boolean;
    readonly outputCredentials: boolean;
    readonly maskAccountId: boolean;
    readonly unsetCurrentCredentials: boolean;
    readonly sessionSummary: boolean;
    readonly refreshCredentials: boolean;
    /** Replace profile sections that already exist (refused otherwise). */
    readonly overwriteAwsProfile: boolean;
    /** Private files under RUNNER_TEMP, or the user's ~/.aws files. */
    readonly profileFilesLocation: ProfileFilesLocation;
  };
  readonly guards: {
    readonly allowedAccountIds: readonly string[];
    readonly allowedEvents: readonly string[];
    readonly allowedRefs: readonly string[];
    readonly allowedEnvironments: readonly string[];
  };
  readonly network: {
    /** The `sts-endpoint` input; undefined lets the AWS SDK resolve the endpoint. */
    readonly stsEndpoint: string | undefined;
    readonly httpProxy: string | undefined;
    readonly noProxy: readonly string[];
    readonly maxAttempts: number;
    readonly attemptTimeoutMs: number;
    readonly actionTimeoutMs: number | undefined;
  };
  readonly useExistingCredentials: boolean;
  readonly specialCharactersWorkaround: boolean;
}
