/**
 * The environment variables @actions/http-client reads for its proxy, in the order it reads them
 * (lower case first, HTTPS before HTTP), kept in one place for the input checks, the masks and the
 * refresh helper's pin.
 * https://github.com/actions/toolkit/blob/main/packages/http-client/src/proxy.ts
 */
export const PROXY_URL_VARIABLES = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
] as const;

/** The variables that list hosts reached without the proxy, in the order http-client reads them. */
export const NO_PROXY_VARIABLES = ['no_proxy', 'NO_PROXY'] as const;
