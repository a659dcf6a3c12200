import { isRegionName, partitionOfRegion } from '../model/arn.js';
import type { Config, ProfileFilesLocation } from './types.js';
import type { RunContext } from '../model/run-context.js';
import { InputErrors } from '../model/errors.js';
import { INPUT, type InputName, type RawInputs } from './input-names.js';
import { ACCOUNT_ID_PATTERN } from '../model/limits.js';
import { parseBoolean, parseCustomTags, parseInteger, splitList } from './parse-values.js';
import { parseProfileLines } from './profiles-input.js';
import { sessionNameProblem } from '../model/session-name.js';
import { selectSource } from './source-selection.js';
import { Problems } from './input-problems.js';
import { parseHttpUrl } from './proxy-url.js';
import { redactUrl } from '../model/redact-url.js';
import { buildSource, checkSourceConflicts } from './source.js';
import { checkChains, checkProfiles, checkTagCounts, parsePrimaryChain } from './chains.js';
import { checkRefresh, parseMfa, parseProfileName, parseSourceIdentity } from './session.js';

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
  // Only a GitHub OIDC token carries an environment claim; silently skipping the check would
  // leave a guard that guards nothing.
  if (raw.allowedEnvironments !== '' && sourceKind !== 'oidc') {
    problems.add(
      INPUT.allowedEnvironments,
      `checks the GitHub OIDC token's environment claim, and the credential source is ${sourceKind}. ` +
        'Use the oidc source, or remove allowed-environments.',
    );
  }
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
      overwriteAwsProfile: bool('overwriteAwsProfile', false),
      profileFilesLocation: parseProfileFilesLocation(raw.profileFilesLocation, problems),
    },
    guards: {
      allowedAccountIds: parseAccountIds(raw.allowedAccountIds, problems),
      allowedEvents: splitList(raw.allowedEvents),
      allowedRefs: splitList(raw.allowedRefs),
      allowedEnvironments: splitList(raw.allowedEnvironments),
    },
    network: parseNetwork(raw, problems, bool('disableRetry', false)),
    useExistingCredentials: useExisting,
    specialCharactersWorkaround: bool('specialCharactersWorkaround', false),
  };
  checkOverwriteInHome(config.output, problems);
  if (problems.errors.length > 0) throw new InputErrors(problems.errors);
  return Object.freeze(config);
}

/**
 * Refuses overwrite-aws-profile in the user's own ~/.aws: the post step would remove the profile
 * section main replaced, and the user's original section is not saved anywhere to restore.
 */
function checkOverwriteInHome(output: Config['output'], problems: Problems): void {
  if (!output.overwriteAwsProfile || output.profileFilesLocation !== 'home') return;
  problems.add(
    INPUT.overwriteAwsProfile,
    `cannot be true with \`${INPUT.profileFilesLocation}: home\`: the post step would delete the existing profile section this step replaced in ~/.aws, and the original is not kept. Use \`${INPUT.profileFilesLocation}: runner-temp\` (the files in effect are copied there and ~/.aws is left untouched) or pick a profile name that does not exist yet`,
  );
}

function parseProfileFilesLocation(raw: string, problems: Problems): ProfileFilesLocation {
  if (raw === '' || raw === 'runner-temp') return 'runner-temp';
  if (raw === 'home') return 'home';
  problems.add(INPUT.profileFilesLocation, `expected runner-temp or home, got '${raw}'`);
  return 'runner-temp';
}

function parseAccountIds(raw: string, problems: Problems): string[] {
  const ids = splitList(raw);
  for (const id of ids) {
    if (!ACCOUNT_ID_PATTERN.test(id))
      problems.add(INPUT.allowedAccountIds, `'${id}' is not a 12-digit AWS account ID`);
  }
  return ids;
}

/**
 * The proxy URL. Its value may come from https_proxy, HTTPS_PROXY or HTTP_PROXY (read-inputs.ts), so the error
 * names them, and it never echoes userinfo: a proxy password is a secret.
 */
function proxyUrl(value: string, problems: Problems): string | undefined {
  if (value === '') return undefined;
  if (parseHttpUrl(value) !== undefined) return value;
  problems.add(
    INPUT.httpProxy,
    `'${redactUrl(value)}' is not an http(s) URL (from the input or, when it is empty, https_proxy, HTTPS_PROXY or HTTP_PROXY); write it as http://host:port, with credentials as http://user:password@host:port`,
  );
  return undefined;
}

function parseNetwork(
  raw: RawInputs,
  problems: Problems,
  disableRetry: boolean,
): Config['network'] {
  const url = (input: InputName, value: string): string | undefined => {
    if (value === '') return undefined;
    if (parseHttpUrl(value) !== undefined) return value;
    problems.add(input, `'${redactUrl(value)}' is not an http(s) URL`);
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
    // Without the input, the SDK resolves the endpoint: AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL,
    // AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT and every partition its rules know.
    stsEndpoint: url(INPUT.stsEndpoint, raw.stsEndpoint),
    httpProxy: proxyUrl(raw.httpProxy, problems),
    noProxy: splitList(raw.noProxy),
    maxAttempts: disableRetry ? 1 : attempts,
    attemptTimeoutMs: attemptTimeout * 1000,
    actionTimeoutMs: actionTimeout === undefined ? undefined : actionTimeout * 1000,
  };
}
