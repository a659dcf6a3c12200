import { exportProxySettings, type ProxySettings } from './http-transport.js';
import type { ChosenEndpoint } from './sts-endpoint.js';
import type { Env, WritableEnv } from '../model/env.js';
import { NO_PROXY_VARIABLES, PROXY_URL_VARIABLES } from '../model/proxy-variables.js';

/**
 * The network choices the main step made, recorded in the refresh spec so the credential_process
 * helper makes the same ones whatever a later step's environment says (issue 24): a step that
 * points AWS_ENDPOINT_URL at LocalStack must not receive the deploy role's OIDC token.
 */
export interface PinnedNetwork {
  /**
   * The STS endpoint main used and where it took it from, or 'sdk-default': the SDK resolves it
   * from the region, its partition and the two flags below, as it did in main.
   */
  readonly endpoint:
    { readonly url: string; readonly from: ChosenEndpoint['from'] } | 'sdk-default';
  readonly useFipsEndpoint: boolean;
  readonly useDualstackEndpoint: boolean;
  /**
   * The proxy variables as main's process held them once the http-proxy and no-proxy inputs were
   * put there: @actions/http-client and proxyFor read these, so restoring them reproduces main's
   * choice for STS and for the token endpoint, whatever the letter-case rule is.
   */
  readonly proxyEnv: Readonly<Record<string, string>>;
}

/** The variables @actions/http-client reads for its proxy and its exceptions. */
const PROXY_VARIABLES = [...PROXY_URL_VARIABLES, ...NO_PROXY_VARIABLES] as const;

/** The set proxy variables of an environment, by name. */
export function proxyVariablesOf(env: Env): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (value !== undefined) found[name] = value;
  }
  return found;
}

/**
 * Variables of the helper's own environment that would change where STS or the token request
 * goes: every AWS_ENDPOINT_URL* (the SDK reads them per service), the switch that turns them off,
 * FIPS and dual-stack (https://docs.aws.amazon.com/sdkref/latest/guide/feature-endpoints.html),
 * and the proxy variables in any letter case (Windows names are case-insensitive, and a mixed
 * spelling must not survive beside the pinned ones).
 */
export function isNetworkOverride(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('aws_endpoint_url') ||
    lower === 'aws_ignore_configured_endpoint_urls' ||
    lower === 'aws_use_fips_endpoint' ||
    lower === 'aws_use_dualstack_endpoint' ||
    lower === 'https_proxy' ||
    lower === 'http_proxy' ||
    lower === 'no_proxy'
  );
}

/**
 * Makes the helper's environment hold main's choices only: every override it inherited from the
 * step that runs it is removed, and main's proxy variables are put back.
 */
export function pinEnvironment(env: WritableEnv, pin: PinnedNetwork): void {
  for (const name of Object.keys(env)) if (isNetworkOverride(name)) delete env[name];
  Object.assign(env, pin.proxyEnv);
}

/**
 * The choices of a spec written before they were recorded (version 1): the sts-endpoint input
 * if it was given, else the SDK default for the region, FIPS and dual-stack off, and the proxy
 * inputs (which there already held HTTPS_PROXY/HTTP_PROXY and NO_PROXY when the inputs were
 * empty). What that main step took from AWS_ENDPOINT_URL*, AWS_USE_*_ENDPOINT or a lower-case
 * proxy variable is not known; the helper's own variables are still never used instead.
 */
export function pinFromInputs(
  stsEndpoint: string | undefined,
  proxy: ProxySettings,
): PinnedNetwork {
  const proxyEnv: Record<string, string | undefined> = {};
  exportProxySettings(proxy, proxyEnv);
  return {
    endpoint:
      stsEndpoint === undefined ? 'sdk-default' : { url: stsEndpoint, from: 'sts-endpoint' },
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    proxyEnv: proxyVariablesOf(proxyEnv),
  };
}

/** Where a pinned endpoint is, for messages: its origin only (a URL may carry a password). */
export function describePinnedEndpoint(pin: PinnedNetwork, region: string): string {
  if (pin.endpoint === 'sdk-default') {
    const flags = [pin.useFipsEndpoint ? 'FIPS' : '', pin.useDualstackEndpoint ? 'dual-stack' : '']
      .filter((flag) => flag !== '')
      .join(', ');
    return `the SDK's default STS endpoint for ${region}${flags === '' ? '' : ` (${flags})`}`;
  }
  let origin: string;
  try {
    origin = new URL(pin.endpoint.url).origin;
  } catch {
    origin = '(not a URL)';
  }
  return `${origin} (from ${pin.endpoint.from} in the main step)`;
}
