// The role chains: role-to-assume with role-chain, and every chain's cross-hop rules.
import { parseRoleRef } from '../model/arn.js';
import { isWebIdentitySource } from '../model/source-kind.js';
import type { HopChain, HopSpec, ProfileSpec, SourceConfig } from './types.js';
import type { RunContext } from '../model/run-context.js';
import { parseHopTokens, tokenizeHopLine } from './role-chain-line.js';
import { INPUT, type InputName, type RawInputs } from './input-names.js';
import {
  EXTERNAL_ID_PATTERN,
  EXTERNAL_ID_RULE,
  MAX_CHAINED_DURATION_SECONDS,
  MAX_HOPS,
  MAX_MANAGED_SESSION_POLICIES,
} from '../model/limits.js';
import { parseDuration, parseJsonPolicy, splitList } from './parse-values.js';
import { type Tag, contextTags, mergeTags, tagCountProblem } from '../model/tags.js';
import { Problems } from './input-problems.js';

export function parsePrimaryChain(raw: RawInputs, problems: Problems): HopChain | undefined {
  if (raw.roleToAssume === '') return undefined;
  // Every first-hop input is checked even when the role is bad: all problems are reported at once.
  const role = parseRoleRef(raw.roleToAssume);
  if (typeof role === 'string') problems.add(INPUT.roleToAssume, role);
  const duration =
    raw.roleDurationSeconds === '' ? undefined : parseDuration(raw.roleDurationSeconds);
  if (typeof duration === 'string') problems.add(INPUT.roleDurationSeconds, duration);
  if (raw.roleExternalId !== '' && !EXTERNAL_ID_PATTERN.test(raw.roleExternalId)) {
    problems.add(INPUT.roleExternalId, `must be ${EXTERNAL_ID_RULE}`);
  }
  let inlinePolicy: string | undefined;
  if (raw.inlineSessionPolicy !== '') {
    const policy = parseJsonPolicy(raw.inlineSessionPolicy);
    if (policy.problem !== undefined) problems.add(INPUT.inlineSessionPolicy, policy.problem);
    inlinePolicy = policy.compact;
  }
  const first = {
    origin: INPUT.roleToAssume,
    role,
    externalId: raw.roleExternalId === '' ? undefined : raw.roleExternalId,
    sessionName: undefined,
    durationSeconds: typeof duration === 'number' ? duration : undefined,
    inlineSessionPolicy: inlinePolicy,
    managedSessionPolicies: splitList(raw.managedSessionPolicies),
    tags: [],
    skipSessionTagging: undefined,
    transitiveTagKeys: undefined,
  };
  const rest: HopSpec[] = [];
  raw.roleChain.split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const tokens = tokenizeHopLine(line.trim());
    const origin = `${INPUT.roleChain} line ${index + 1}`;
    if (typeof tokens === 'string')
      return problems.add(INPUT.roleChain, `line ${index + 1}: ${tokens}`);
    if (tokens.includes('->')) {
      return problems.add(
        INPUT.roleChain,
        `line ${index + 1}: write one hop per line instead of '->'`,
      );
    }
    const hop = parseHopTokens(tokens, origin);
    if (Array.isArray(hop))
      hop.forEach((p) => problems.add(INPUT.roleChain, `line ${index + 1}: ${p}`));
    else rest.push(hop);
  });
  if (typeof role === 'string') return undefined;
  return [{ ...first, role }, ...rest];
}

export function checkProfiles(
  raw: RawInputs,
  profiles: readonly ProfileSpec[],
  problems: Problems,
): void {
  const seen = new Set<string>(raw.awsProfile === '' ? [] : [raw.awsProfile]);
  for (const profile of profiles) {
    if (seen.has(profile.name)) {
      problems.add(
        INPUT.profiles,
        `profile '${profile.name}' is defined twice (also check ${INPUT.awsProfile})`,
      );
    }
    seen.add(profile.name);
  }
}

/** Rules every chain obeys: hop count, chained-duration cap, session names, policy counts. */
export function checkChains(
  chains: readonly HopChain[],
  sourceKind: SourceConfig['kind'],
  problems: Problems,
): void {
  for (const chain of chains) {
    if (chain.length > MAX_HOPS)
      problems.add(
        inputOf(chain[0]),
        `a chain has ${chain.length} hops; at most ${MAX_HOPS} are supported`,
      );
    chain.forEach((hop, index) => {
      const input = inputOf(hop);
      const isChained = index > 0 || sourceKind === 'role-chaining';
      if (
        isChained &&
        hop.durationSeconds !== undefined &&
        hop.durationSeconds > MAX_CHAINED_DURATION_SECONDS
      ) {
        const where = index === 0 ? `with ${INPUT.roleChaining}` : `for ${hop.origin}`;
        const name = index === 0 ? INPUT.roleDurationSeconds : input;
        problems.add(
          name,
          `${hop.durationSeconds} seconds requested ${where}, but STS caps sessions reached by role chaining at ` +
            `${MAX_CHAINED_DURATION_SECONDS} seconds (1 hour). Request 3600 or less; for longer deploys use refresh-credentials.`,
        );
      }
      if (!isChained && chain.length > 1) {
        const fromProfile = hop.origin.startsWith(INPUT.profiles);
        const problem = firstHopOfChainProblem(
          hop.durationSeconds,
          fromProfile ? `on the first hop of ${hop.origin}, which has more hops` : undefined,
        );
        if (problem !== undefined && (fromProfile || hop.origin === INPUT.roleToAssume))
          problems.add(fromProfile ? INPUT.profiles : INPUT.roleDurationSeconds, problem);
      }
      if (hop.managedSessionPolicies.length > MAX_MANAGED_SESSION_POLICIES) {
        problems.add(
          input,
          `${originPrefix(hop)}at most ${MAX_MANAGED_SESSION_POLICIES} managed session policies`,
        );
      }
      if (index === 0 && hop.role.kind === 'name' && isWebIdentitySource(sourceKind)) {
        problems.add(
          input,
          `${originPrefix(hop)}'${hop.role.name}' is a bare role name, but a web identity has no AWS account to resolve it in. ` +
            'Give the full ARN, e.g. arn:aws:iam::123456789012:role/' +
            hop.role.name,
        );
      }
    });
  }
}

/**
 * STS takes at most 50 session tags per AssumeRole. Counts what the plan would send (context
 * tags, custom-tags, the hop's own; at most, since keys a previous hop made transitive are
 * dropped), so a long custom-tags object fails here rather than at STS.
 */
export function checkTagCounts(
  chains: readonly HopChain[],
  sourceKind: SourceConfig['kind'],
  ctx: RunContext,
  skipSessionTagging: boolean,
  customTags: readonly Tag[],
  problems: Problems,
): void {
  const webIdentity = isWebIdentitySource(sourceKind);
  for (const chain of chains) {
    chain.forEach((hop, index) => {
      if ((index === 0 && webIdentity) || (hop.skipSessionTagging ?? skipSessionTagging)) return;
      const problem = tagCountProblem(mergeTags(contextTags(ctx), customTags, hop.tags));
      if (problem !== undefined)
        problems.add(
          hop.tags.length > 0 ? inputOf(hop) : INPUT.customTags,
          `${originPrefix(hop)}${problem} (the workflow context adds up to 7; ${INPUT.roleSkipSessionTagging} sends none)`,
        );
    });
  }
}

/**
 * role-duration-seconds applies to role-to-assume only; with a role-chain the credentials the
 * step exports are the last hop's, which STS caps at 1 hour. A longer first hop would look like
 * a longer session and silently be one hour, so it is refused; so is a `duration=` above an hour
 * on the first hop of a `profiles` line that goes on to more hops.
 */
function firstHopOfChainProblem(
  durationSeconds: number | undefined,
  where?: string,
): string | undefined {
  if (durationSeconds === undefined || durationSeconds <= MAX_CHAINED_DURATION_SECONDS)
    return undefined;
  const requested =
    where === undefined
      ? `${durationSeconds} seconds requested with ${INPUT.roleChain}`
      : `${durationSeconds} seconds requested ${where}`;
  return (
    `${requested}, but the chained hops' sessions (the credentials this step exports) ` +
    `last at most ${MAX_CHAINED_DURATION_SECONDS} seconds: AWS limits role-chained sessions to 1 hour ` +
    '(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining). ' +
    `Request ${MAX_CHAINED_DURATION_SECONDS} or less; for jobs longer than an hour use ${INPUT.refreshCredentials}.`
  );
}

/** Where on its input a hop was written ("line 2, profile prod, hop 1: "), or '' for the input itself. */
function originPrefix(hop: HopSpec): string {
  return hop.origin === inputOf(hop) ? '' : `${hop.origin.slice(inputOf(hop).length).trim()}: `;
}

function inputOf(hop: HopSpec): InputName {
  if (hop.origin.startsWith(INPUT.roleChain)) return INPUT.roleChain;
  if (hop.origin.startsWith(INPUT.profiles)) return INPUT.profiles;
  return INPUT.roleToAssume;
}
