import type { Env } from '../model/env.js';

/** The STS endpoint the user chose, and where it was chosen. */
export interface ChosenEndpoint {
  readonly url: string;
  readonly from: 'sts-endpoint' | 'AWS_ENDPOINT_URL_STS' | 'AWS_ENDPOINT_URL';
}

/**
 * The STS endpoint to use instead of the SDK's default, if any: the `sts-endpoint` input, else
 * AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL (the SDK's own order for variables, read from
 * @smithy/core's getEndpointUrlConfig). An `endpoint_url` or a `services` section in a shared
 * config file never counts: on a self-hosted runner an earlier job may have planted one, and it
 * would receive the OIDC token (issue 17). The client is built with the SDK's
 * `ignoreConfiguredEndpointUrls` on, which turns off the files and the variables alike, so the
 * variables are read here. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true keeps its documented meaning
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): variables ignored.
 */
export function chooseStsEndpoint(input: string | undefined, env: Env): ChosenEndpoint | undefined {
  if (input !== undefined) return { url: input, from: 'sts-endpoint' };
  if ((env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '').trim().toLowerCase() === 'true')
    return undefined;
  for (const from of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'] as const) {
    const url = (env[from] ?? '').trim();
    if (url !== '') return { url, from };
  }
  return undefined;
}
