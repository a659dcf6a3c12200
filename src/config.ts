import * as path from 'node:path';
import {
  defaultAudience,
  isRegionName,
  parseRoleRef,
  partitionOfRegion,
  regionalStsEndpoint,
} from './arn.js';
import type {
  Config,
  HopChain,
  HopSpec,
  MfaConfig,
  ProfileSpec,
  SourceConfig,
} from './config-types.js';
import type { RunContext } from './context.js';
import { InputError, InputErrors } from './errors.js';
import { parseHopTokens, tokenizeHopLine } from './hop-line.js';
import { INPUT, type InputName, type RawInputs } from './input-names.js';
import {
  ACCOUNT_ID_PATTERN,
  EXTERNAL_ID_PATTERN,
  MAX_CHAINED_DURATION_SECONDS,
  MAX_HOPS,
  MAX_MANAGED_SESSION_POLICIES,
} from './limits.js';
import {
  type Parsed,
  parseBoolean,
  parseCustomTags,
  parseDuration,
  parseInteger,
  parseJsonPolicy,
  splitList,
} from './parse-values.js';
import { parseProfileLines } from './profile-lines.js';
import { sessionNameProblem } from './session-name.js';
import { selectSource } from './source-selection.js';
import { type Tag, contextTags, mergeTags, tagCountProblem } from './tags.js';
import { isBase32 } from './totp.js';

/** Collects every input problem so they are all reported at once. */
class Problems {
  readonly errors: InputError[] = [];
  add(input: InputName, problem: string): void {
    this.errors.push(new InputError(input, problem));
  }
  take<T>(input: InputName, parsed: Parsed<T>, fallback: T): T {
    if ('problem' in parsed) {
      this.add(input, parsed.problem);
      return fallback;
    }
    return parsed.value;
  }
}

const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Validates every input, including cross-field rules, and returns a frozen Config.
 * Throws InputErrors listing every problem; makes no network call and touches no file.
 */
export function parseConfig(raw: RawInputs, ctx: RunContext): Config {
  const problems = new Problems();
  const bool = (key: keyof RawInputs, fallback: boolean): boolean =>
    problems.take(INPUT[key], parseBoolean(raw[key], fallback), fallback);

  const region = raw.awsRegion;
  if (region === '') problems.add(INPUT.awsRegion, 'is required, e.g. us-east-1');
  else if (!isRegionName(region))
    problems.add(INPUT.awsRegion, `'${region}' is not an AWS region name such as us-east-1`);
  const partition = partitionOfRegion(region);

  const roleChaining = bool('roleChaining', false);
  const forceSkipOidc = bool('forceSkipOidc', false);
  const unsetCurrent = bool('unsetCurrentCredentials', false);
  const selected = selectSource(
    {
      requested: raw.credentialSource,
      // A `profiles` line names a role too: profiles-only steps must reach OIDC in auto mode.
      hasRole: raw.roleToAssume !== '' || raw.profiles !== '',
      hasAccessKeyId: raw.awsAccessKeyId !== '',
      hasTokenFile: raw.webIdentityTokenFile !== '',
      roleChaining,
      forceSkipOidc,
    },
    ctx,
  );
  if ('problem' in selected) problems.add(INPUT.credentialSource, selected.problem);
  const sourceKind = 'kind' in selected ? selected.kind : 'default-chain';
  const source = buildSource(sourceKind, raw, ctx, partition, problems);
  checkSourceConflicts(sourceKind, raw, roleChaining, unsetCurrent, ctx, problems);

  const primaryChain = parsePrimaryChain(raw, problems);
  const profiles = parseProfileLines(raw.profiles).flatMap((entry) => {
    if ('problem' in entry) {
      problems.add(INPUT.profiles, entry.problem);
      return [];
    }
    return [entry.profile];
  });
  checkProfiles(raw, profiles, problems);
  const chains = [...(primaryChain ? [primaryChain] : []), ...profiles.map((p) => p.hops)];
  checkChains(chains, sourceKind, problems);
  const skipSessionTagging = bool('roleSkipSessionTagging', false);
  const customTags = problems.take(INPUT.customTags, parseCustomTags(raw.customTags), []);
  checkTagCounts(chains, sourceKind, ctx, skipSessionTagging, customTags, problems);

  const sessionName = raw.roleSessionName === '' ? 'GitHubActions' : raw.roleSessionName;
  const sessionNameIssue = sessionNameProblem(sessionName);
  if (sessionNameIssue !== undefined) problems.add(INPUT.roleSessionName, sessionNameIssue);
  const sourceIdentity = parseSourceIdentity(raw.sourceIdentity, chains, sourceKind, problems);
  const mfa = parseMfa(raw, sourceKind, problems);

  const refresh = bool('refreshCredentials', false);
  const useExisting = bool('useExistingCredentials', false);
  if (refresh) checkRefresh(sourceKind, raw, profiles, problems);
  if (
    primaryChain === undefined &&
    profiles.length === 0 &&
    sourceKind !== 'static-keys' &&
    !useExisting
  ) {
    if (raw.roleChain !== '')
      problems.add(INPUT.roleChain, `needs ${INPUT.roleToAssume} as its first hop`);
    else if (sourceKind === 'default-chain') {
      problems.add(
        INPUT.roleToAssume,
        `is required unless ${INPUT.awsAccessKeyId}, ${INPUT.profiles} or ${INPUT.useExistingCredentials} is set`,
      );
    }
  }

  const config: Config = {
    region,
    partition,
    source,
    sourceReason: 'kind' in selected ? selected.reason : '',
    primaryChain,
    profiles,
    awsProfile: parseProfileName(raw.awsProfile, problems),
    session: {
      sessionName,
      skipSessionTagging,
      customTags,
      transitiveTagKeys: splitList(raw.transitiveTagKeys),
      sourceIdentity,
    },
    mfa,
    output: {
      envCredentials: bool('outputEnvCredentials', true),
      outputCredentials: bool('outputCredentials', false),
      maskAccountId: bool('maskAwsAccountId', false),
      unsetCurrentCredentials: unsetCurrent,
      sessionSummary: bool('sessionSummary', true),
      refreshCredentials: refresh,
    },
    guards: {
      allowedAccountIds: parseAccountIds(raw.allowedAccountIds, problems),
      allowedEvents: splitList(raw.allowedEvents),
      allowedRefs: splitList(raw.allowedRefs),
      allowedEnvironments: splitList(raw.allowedEnvironments),
    },
    network: parseNetwork(raw, region, problems, bool('disableRetry', false)),
    useExistingCredentials: useExisting,
    specialCharactersWorkaround: bool('specialCharactersWorkaround', false),
  };
  if (problems.errors.length > 0) throw new InputErrors(problems.errors);
  return Object.freeze(config);
}

function buildSource(
  kind: SourceConfig['kind'],
  raw: RawInputs,
  ctx: RunContext,
  partition: Config['partition'],
  problems: Problems,
): SourceConfig {
  switch (kind) {
    case 'oidc':
      return { kind, audience: raw.audience === '' ? defaultAudience(partition) : raw.audience };
    case 'static-keys':
      return {
        kind,
        accessKeyId: raw.awsAccessKeyId,
        secretAccessKey: raw.awsSecretAccessKey,
        sessionToken: raw.awsSessionToken === '' ? undefined : raw.awsSessionToken,
      };
    case 'web-identity-token-file':
      if (raw.webIdentityTokenFile === '')
        problems.add(
          INPUT.webIdentityTokenFile,
          'is required when credential-source is web-identity-token-file',
        );
      return { kind, path: path.resolve(ctx.workspace, raw.webIdentityTokenFile) };
    default:
      return { kind };
  }
}

function checkSourceConflicts(
  kind: SourceConfig['kind'],
  raw: RawInputs,
  roleChaining: boolean,
  unsetCurrent: boolean,
  ctx: RunContext,
  problems: Problems,
): void {
  if (raw.awsAccessKeyId !== '' && raw.awsSecretAccessKey === '') {
    problems.add(
      INPUT.awsSecretAccessKey,
      `is required with ${INPUT.awsAccessKeyId}; pass both from secrets`,
    );
  }
  if (raw.awsAccessKeyId === '' && (raw.awsSecretAccessKey !== '' || raw.awsSessionToken !== '')) {
    problems.add(
      INPUT.awsAccessKeyId,
      `is required with ${INPUT.awsSecretAccessKey}/${INPUT.awsSessionToken}`,
    );
  }
  if (kind !== 'static-keys' && raw.awsAccessKeyId !== '') {
    problems.add(
      INPUT.awsAccessKeyId,
      `is set, but the credential source is ${kind}; remove one of them so the source is unambiguous`,
    );
  }
  if (kind !== 'web-identity-token-file' && raw.webIdentityTokenFile !== '') {
    problems.add(
      INPUT.webIdentityTokenFile,
      `is set, but the credential source is ${kind}; remove one of them`,
    );
  }
  if (roleChaining && kind !== 'role-chaining') {
    problems.add(
      INPUT.roleChaining,
      `is true, but ${INPUT.credentialSource} is ${kind}; remove one of them`,
    );
  }
  if (kind === 'oidc' && !ctx.isOidcAvailable) {
    problems.add(
      INPUT.credentialSource,
      'oidc needs the job permission `id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is not set). ' +
        'Add `permissions: { id-token: write, contents: read }` to the job. Pull requests from forks never receive it.',
    );
  }
  if (kind === 'role-chaining' && unsetCurrent) {
    problems.add(
      INPUT.unsetCurrentCredentials,
      `would clear the credentials that ${INPUT.roleChaining} needs; set only one of them`,
    );
  }
  const needsRole =
    kind === 'oidc' || kind === 'web-identity-token-file' || kind === 'role-chaining';
  if (needsRole && raw.roleToAssume === '' && raw.profiles === '') {
    problems.add(INPUT.roleToAssume, `is required with the ${kind} source`);
  }
}

function parsePrimaryChain(raw: RawInputs, problems: Problems): HopChain | undefined {
  if (raw.roleToAssume === '') return undefined;
  // Every first-hop input is checked even when the role is bad: all problems are reported at once.
  const role = parseRoleRef(raw.roleToAssume);
  if (typeof role === 'string') problems.add(INPUT.roleToAssume, role);
  const duration =
    raw.roleDurationSeconds === '' ? undefined : parseDuration(raw.roleDurationSeconds);
  if (typeof duration === 'string') problems.add(INPUT.roleDurationSeconds, duration);
  if (raw.roleExternalId !== '' && !EXTERNAL_ID_PATTERN.test(raw.roleExternalId)) {
    problems.add(
      INPUT.roleExternalId,
      'must be 2-1224 characters of letters, digits and +=,.@:/_-',
    );
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

function checkProfiles(raw: RawInputs, profiles: readonly ProfileSpec[], problems: Problems): void {
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
function checkChains(
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
      if (hop.managedSessionPolicies.length > MAX_MANAGED_SESSION_POLICIES) {
        problems.add(
          input,
          `${hop.origin}: at most ${MAX_MANAGED_SESSION_POLICIES} managed session policies`,
        );
      }
      if (
        index === 0 &&
        hop.role.kind === 'name' &&
        (sourceKind === 'oidc' || sourceKind === 'web-identity-token-file')
      ) {
        problems.add(
          input,
          `${hop.origin}: '${hop.role.name}' is a bare role name, but a web identity has no AWS account to resolve it in. ` +
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
function checkTagCounts(
  chains: readonly HopChain[],
  sourceKind: SourceConfig['kind'],
  ctx: RunContext,
  skipSessionTagging: boolean,
  customTags: readonly Tag[],
  problems: Problems,
): void {
  const webIdentity = sourceKind === 'oidc' || sourceKind === 'web-identity-token-file';
  for (const chain of chains) {
    chain.forEach((hop, index) => {
      if ((index === 0 && webIdentity) || (hop.skipSessionTagging ?? skipSessionTagging)) return;
      const problem = tagCountProblem(mergeTags(contextTags(ctx), customTags, hop.tags));
      if (problem !== undefined)
        problems.add(
          hop.tags.length > 0 ? inputOf(hop) : INPUT.customTags,
          `${hop.origin}: ${problem} (the workflow context adds up to 7; ${INPUT.roleSkipSessionTagging} sends none)`,
        );
    });
  }
}

function inputOf(hop: HopSpec): InputName {
  if (hop.origin.startsWith(INPUT.roleChain)) return INPUT.roleChain;
  if (hop.origin.startsWith(INPUT.profiles)) return INPUT.profiles;
  return INPUT.roleToAssume;
}

function parseSourceIdentity(
  raw: string,
  chains: readonly HopChain[],
  sourceKind: SourceConfig['kind'],
  problems: Problems,
): string | undefined {
  if (raw === '') return undefined;
  const problem = sessionNameProblem(raw);
  if (problem !== undefined) {
    problems.add(INPUT.sourceIdentity, problem);
    return undefined;
  }
  // STS accepts SourceIdentity on AssumeRole only; a web identity sets it through a token claim.
  const isWebIdentity = sourceKind === 'oidc' || sourceKind === 'web-identity-token-file';
  if (isWebIdentity && chains.every((chain) => chain.length < 2)) {
    problems.add(
      INPUT.sourceIdentity,
      'is sent on the first AssumeRole hop, and an OIDC or token-file source has none: ' +
        `AssumeRoleWithWebIdentity does not take it. Add a hop with ${INPUT.roleChain}, or remove ${INPUT.sourceIdentity}.`,
    );
  }
  return raw;
}

function parseMfa(
  raw: RawInputs,
  sourceKind: SourceConfig['kind'],
  problems: Problems,
): MfaConfig | undefined {
  const serial = raw.mfaSerialNumber;
  if (serial === '') {
    if (raw.mfaTokenCode !== '' || raw.mfaTotpSecret !== '') {
      problems.add(
        INPUT.mfaSerialNumber,
        `is required with ${INPUT.mfaTokenCode} or ${INPUT.mfaTotpSecret}`,
      );
    }
    return undefined;
  }
  if (sourceKind !== 'static-keys') {
    problems.add(
      INPUT.mfaSerialNumber,
      `works only with stored keys (${INPUT.awsAccessKeyId}); STS does not accept MFA on ${sourceKind === 'oidc' ? 'AssumeRoleWithWebIdentity' : `the ${sourceKind} source`}`,
    );
  }
  if (!/^(arn:[\w-]+:iam::\d{12}:mfa\/[\w+=,.@/-]+|[\w+=/:,.@-]{9,256})$/.test(serial)) {
    problems.add(
      INPUT.mfaSerialNumber,
      `'${serial}' is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice`,
    );
  }
  if ((raw.mfaTokenCode === '') === (raw.mfaTotpSecret === '')) {
    problems.add(
      INPUT.mfaSerialNumber,
      `needs exactly one of ${INPUT.mfaTokenCode} or ${INPUT.mfaTotpSecret}`,
    );
    return undefined;
  }
  if (raw.mfaTokenCode !== '') {
    if (!/^\d{6}$/.test(raw.mfaTokenCode))
      problems.add(INPUT.mfaTokenCode, 'must be the six digits your MFA device shows');
    return { serialNumber: serial, kind: 'code', code: raw.mfaTokenCode };
  }
  const secret = raw.mfaTotpSecret.replace(/\s+/g, '').toUpperCase();
  if (!isBase32(secret))
    problems.add(INPUT.mfaTotpSecret, 'must be a base32 secret (letters A-Z and digits 2-7)');
  return { serialNumber: serial, kind: 'totp', secret };
}

function checkRefresh(
  sourceKind: SourceConfig['kind'],
  raw: RawInputs,
  profiles: readonly ProfileSpec[],
  problems: Problems,
): void {
  if (sourceKind === 'static-keys') {
    problems.add(
      INPUT.refreshCredentials,
      'is refused for stored keys: refreshing would mean writing long-lived keys to disk. Use OIDC, or a shorter deploy.',
    );
  } else if (sourceKind !== 'oidc' && sourceKind !== 'web-identity-token-file') {
    problems.add(
      INPUT.refreshCredentials,
      `works with the oidc and web-identity-token-file sources, not ${sourceKind}`,
    );
  }
  if (raw.awsProfile === '' && profiles.length === 0) {
    problems.add(
      INPUT.refreshCredentials,
      `needs ${INPUT.awsProfile} or ${INPUT.profiles}: clients refresh through a profile's credential_process`,
    );
  }
}

function parseProfileName(raw: string, problems: Problems): string | undefined {
  if (raw === '') return undefined;
  if (!PROFILE_NAME.test(raw))
    problems.add(INPUT.awsProfile, `'${raw}' must be 1-64 characters of letters, digits and _.-`);
  return raw;
}

function parseAccountIds(raw: string, problems: Problems): string[] {
  const ids = splitList(raw);
  for (const id of ids) {
    if (!ACCOUNT_ID_PATTERN.test(id))
      problems.add(INPUT.allowedAccountIds, `'${id}' is not a 12-digit AWS account ID`);
  }
  return ids;
}

function parseNetwork(
  raw: RawInputs,
  region: string,
  problems: Problems,
  disableRetry: boolean,
): Config['network'] {
  const url = (input: InputName, value: string): string | undefined => {
    if (value === '') return undefined;
    try {
      const parsed = new URL(value);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return value;
    } catch {
      // reported below
    }
    problems.add(input, `'${value}' is not an http(s) URL`);
    return undefined;
  };
  const attempts = problems.take(
    INPUT.retryMaxAttempts,
    parseInteger(raw.retryMaxAttempts, 1, 20, 8),
    8,
  );
  const attemptTimeout = problems.take(
    INPUT.attemptTimeoutS,
    parseInteger(raw.attemptTimeoutS, 1, 300, 10),
    10,
  );
  const actionTimeout = problems.take(
    INPUT.actionTimeoutS,
    parseInteger(raw.actionTimeoutS, 1, 21_600),
    undefined,
  );
  return {
    stsEndpoint:
      url(INPUT.stsEndpoint, raw.stsEndpoint) ?? (region === '' ? '' : regionalStsEndpoint(region)),
    httpProxy: url(INPUT.httpProxy, raw.httpProxy),
    noProxy: splitList(raw.noProxy),
    maxAttempts: disableRetry ? 1 : attempts,
    attemptTimeoutMs: attemptTimeout * 1000,
    actionTimeoutMs: actionTimeout === undefined ? undefined : actionTimeout * 1000,
  };
}
