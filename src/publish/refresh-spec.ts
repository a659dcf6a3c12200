import type { HopPlan, Plan } from '../plan/plan-run.js';
import type { SessionRecipe } from '../execute/walk-session.js';
import type { PinnedNetwork } from '../aws/network-pin.js';

/**
 * What the credential_process helper needs to re-run one profile's chain. Holds no token (the
 * OIDC token is fetched fresh from the job's endpoint on every refresh), but external IDs and a
 * proxy or endpoint URL with its password may be in it: it is written 0600 like the cache.
 * Version 2 added `networkChoices`; the helper still reads version 1 (network-pin.ts#pinFromInputs).
 */
export interface RefreshSpec {
  readonly version: 1 | 2;
  readonly profile: string;
  readonly region: string;
  readonly partition: Plan['partition'];
  readonly source: Extract<Plan['source'], { kind: 'oidc' | 'web-identity-token-file' }>;
  readonly network: Plan['network'];
  /** The endpoint, FIPS, dual-stack and proxy choices main made; absent in version 1. */
  readonly networkChoices?: PinnedNetwork | undefined;
  readonly hops: readonly HopPlan[];
  readonly cacheFile: string;
}

/**
 * Refresh this long before expiry. botocore refreshes credential_process credentials when they
 * have less than 15 minutes left (advisory) and must refresh with less than 10 (mandatory):
 * https://github.com/boto/botocore/blob/develop/botocore/credentials.py
 * (`_DEFAULT_ADVISORY_REFRESH_TIMEOUT`, `_DEFAULT_MANDATORY_REFRESH_TIMEOUT`). Serving
 * credentials inside that window makes every boto3 call start the helper again, so the helper
 * renews 15 minutes ahead.
 */
export const REFRESH_MARGIN_SECONDS = 15 * 60;

/** botocore's mandatory refresh window: cached credentials are never served inside it. */
const MANDATORY_REFRESH_SECONDS = 10 * 60;

/**
 * The margin for a session of `sessionSeconds`: 15 minutes, except for sessions under 30
 * minutes, where it shrinks to half the session (never under 11 minutes, outside botocore's
 * mandatory window) so a fresh session is served from the cache at all.
 */
export function refreshMarginSeconds(sessionSeconds: number): number {
  if (sessionSeconds >= 2 * REFRESH_MARGIN_SECONDS) return REFRESH_MARGIN_SECONDS;
  return Math.max(MANDATORY_REFRESH_SECONDS + 60, Math.floor(sessionSeconds / 2));
}

/** The helper's temp files (`<cache>.<pid>.tmp`), which the post step removes with the cache. */
export const REFRESH_TEMP_FILE = /^cache-.*\.json\.\d+\.tmp$/;

/**
 * The session the helper re-obtains: the profile's hops as main planned them. Guards are not
 * checked again (main checked them before writing the spec) and no re-issue is needed (the
 * credentials reach clients as JSON, never through a shell).
 */
export function recipeFromSpec(spec: RefreshSpec): SessionRecipe {
  return {
    name: spec.profile,
    partition: spec.partition,
    hops: spec.hops,
    guards: { allowedAccountIds: [] },
    specialCharactersWorkaround: false,
  };
}

/**
 * The spec of one profile's helper: the plan's source and network, the network choices main's
 * gateway made, and the profile's hops.
 */
export function refreshSpecFor(
  plan: Plan,
  source: RefreshSpec['source'],
  profile: string,
  hops: readonly HopPlan[],
  cacheFile: string,
  networkChoices: PinnedNetwork | undefined,
): RefreshSpec {
  return {
    version: 2,
    profile,
    region: plan.region,
    partition: plan.partition,
    source,
    network: plan.network,
    networkChoices,
    hops,
    cacheFile,
  };
}

/** The credential_process JSON format (version 1) that AWS CLIs and SDKs read. */
export function credentialProcessJson(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
}): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: credentials.expiration?.toISOString(),
  });
}

/** Reads cached credentials if they stay valid past the refresh margin. */
export function usableCache(
  text: string,
  now: Date,
  marginSeconds: number = REFRESH_MARGIN_SECONDS,
):
  | { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date }
  | undefined {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const expiration = new Date(String(parsed['Expiration']));
    const fields = [parsed['AccessKeyId'], parsed['SecretAccessKey'], parsed['SessionToken']];
    if (
      !fields.every((f) => typeof f === 'string' && f !== '') ||
      Number.isNaN(expiration.getTime())
    )
      return undefined;
    if (expiration.getTime() - now.getTime() < marginSeconds * 1000) return undefined;
    const [accessKeyId, secretAccessKey, sessionToken] = fields as [string, string, string];
    return { accessKeyId, secretAccessKey, sessionToken, expiration };
  } catch {
    return undefined;
  }
}
