import type { Partition, RoleRef } from '../model/arn.js';
import { hasWebIdentitySource } from '../model/source-kind.js';
import type { Config, HopChain, HopSpec, SourceConfig } from '../config/types.js';
import type { RunContext } from '../model/run-context.js';
import { DEFAULT_DURATION_SECONDS } from '../model/limits.js';
import { renderSessionName } from '../model/session-name.js';
import { type Tag, contextTags, mergeTags } from '../model/tags.js';

export type HopOperation = 'AssumeRole' | 'AssumeRoleWithWebIdentity';

/** One STS call, fully decided: every parameter the request will carry except credentials. */
export interface HopPlan {
  readonly number: number;
  readonly count: number;
  readonly origin: string;
  readonly operation: HopOperation;
  readonly role: RoleRef;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly externalId: string | undefined;
  readonly inlineSessionPolicy: string | undefined;
  readonly managedSessionPolicies: readonly string[];
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity: string | undefined;
  readonly usesMfa: boolean;
  /** True when the caller is itself a role session, so STS caps the duration at 1 hour. */
  readonly isChained: boolean;
}

/** One set of credentials to obtain: the step's default session, or a named profile. */
export interface SessionPlan {
  /** 'default' for role-to-assume (+ role-chain), else the profile name. */
  readonly name: string;
  /** The profile to write, if any. */
  readonly profileName: string | undefined;
  readonly exportToEnv: boolean;
  /** Empty when stored keys are used as they are (validated with GetCallerIdentity). */
  readonly hops: readonly HopPlan[];
}

/** Everything the run will do, decided before any I/O. */
export interface Plan {
  readonly region: string;
  readonly partition: Partition;
  readonly source: SourceConfig;
  readonly sourceReason: string;
  readonly sessions: readonly SessionPlan[];
  readonly output: Config['output'];
  readonly guards: Config['guards'];
  readonly network: Config['network'];
  readonly mfa: Config['mfa'];
  readonly useExistingCredentials: boolean;
  readonly specialCharactersWorkaround: boolean;
}

/** Turns a validated Config and the run context into a Plan. Pure. */
export function planRun(config: Config, ctx: RunContext): Plan {
  const sessions: SessionPlan[] = [];
  if (config.primaryChain !== undefined) {
    sessions.push({
      name: 'default',
      profileName: config.awsProfile,
      exportToEnv: config.output.envCredentials,
      hops: planChain(config.primaryChain, config, ctx),
    });
  } else if (config.source.kind === 'static-keys') {
    sessions.push({
      name: 'default',
      profileName: config.awsProfile,
      exportToEnv: config.output.envCredentials,
      hops: [],
    });
  }
  for (const profile of config.profiles) {
    sessions.push({
      name: profile.name,
      profileName: profile.name,
      exportToEnv: false,
      hops: planChain(profile.hops, config, ctx),
    });
  }
  return {
    region: config.region,
    partition: config.partition,
    source: config.source,
    sourceReason: config.sourceReason,
    sessions,
    output: config.output,
    guards: config.guards,
    network: config.network,
    mfa: config.mfa,
    useExistingCredentials: config.useExistingCredentials,
    specialCharactersWorkaround: config.specialCharactersWorkaround,
  };
}

/** Plans the hops of one chain: operations, names, durations, tags and what carries over. */
function planChain(chain: HopChain, config: Config, ctx: RunContext): HopPlan[] {
  const inheritedTransitive = new Set<string>();
  let sourceIdentityPending = config.session.sourceIdentity !== undefined;
  return chain.map((hop, index) => {
    const operation: HopOperation =
      index === 0 && hasWebIdentitySource(config.source)
        ? 'AssumeRoleWithWebIdentity'
        : 'AssumeRole';
    const tags = operation === 'AssumeRole' ? hopTags(hop, config, ctx, inheritedTransitive) : [];
    const transitive = transitiveKeys(hop, config, tags, index);
    transitive.forEach((key) => inheritedTransitive.add(key.toLowerCase()));
    // Source identity is set once, on the first hop that can carry it; STS keeps it for later hops.
    const sendSourceIdentity = operation === 'AssumeRole' && sourceIdentityPending;
    if (sendSourceIdentity) sourceIdentityPending = false;
    return {
      number: index + 1,
      count: chain.length,
      origin: hop.origin,
      operation,
      role: hop.role,
      sessionName: renderSessionName(hop.sessionName ?? config.session.sessionName, ctx),
      durationSeconds: hop.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      externalId: hop.externalId,
      inlineSessionPolicy: hop.inlineSessionPolicy,
      managedSessionPolicies: hop.managedSessionPolicies,
      tags,
      transitiveTagKeys: transitive,
      sourceIdentity:
        sendSourceIdentity && config.session.sourceIdentity !== undefined
          ? renderSessionName(config.session.sourceIdentity, ctx)
          : undefined,
      usesMfa: index === 0 && config.mfa !== undefined && config.source.kind === 'static-keys',
      isChained: index > 0 || config.source.kind === 'role-chaining',
    };
  });
}

/**
 * Tags for one AssumeRole hop: context tags, custom-tags, then the hop's own. Keys that an
 * earlier hop made transitive are left out, because STS rejects a hop that re-sends them.
 */
function hopTags(
  hop: HopSpec,
  config: Config,
  ctx: RunContext,
  inherited: ReadonlySet<string>,
): Tag[] {
  const skip = hop.skipSessionTagging ?? config.session.skipSessionTagging;
  if (skip) return [];
  return mergeTags(contextTags(ctx), config.session.customTags, hop.tags).filter(
    (tag) => !inherited.has(tag.key.toLowerCase()),
  );
}

/** Transitive keys must be among the tags the same request sends. */
function transitiveKeys(
  hop: HopSpec,
  config: Config,
  tags: readonly Tag[],
  index: number,
): string[] {
  const wanted =
    hop.transitiveTagKeys ??
    (index === 0 || tags.length > 0 ? config.session.transitiveTagKeys : []);
  const sent = new Set(tags.map((tag) => tag.key.toLowerCase()));
  return wanted.filter((key) => sent.has(key.toLowerCase()));
}
