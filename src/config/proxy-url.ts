import { PROXY_URL_VARIABLES } from '../model/proxy-variables.js';
import { InputError, InputErrors } from '../model/errors.js';
import type { Env } from '../model/env.js';
import { redactUrl } from '../model/redact-url.js';
import { INPUT } from './input-names.js';

/**
 * The secret parts of a URL value (http-proxy, a proxy variable, sts-endpoint), to mask before
 * the value is parsed or echoed: the password as written, decoded, and as the Basic credentials a
 * proxy client sends. A value that does not parse as an http(s) URL but has an '@' may hold
 * userinfo we cannot find, so all of it is masked; one without '@' carries no credentials.
 */
export function proxySecrets(raw: string): string[] {
  const url = parseHttpUrl(raw);
  if (url === undefined) return raw.includes('@') ? [raw] : [];
  if (url.password === '') return [];
  const password = safeDecode(url.password);
  const basic = Buffer.from(`${safeDecode(url.username)}:${password}`).toString('base64');
  return [url.password, password, basic];
}

/**
 * Refuses a proxy variable that names a proxy other than HTTP(S), such as socks5://: the STS
 * client's CONNECT agent (https-proxy-agent), @actions/http-client (the token request) and
 * @actions/github's undici ProxyAgent, which throws on one as the package loads, all speak only
 * HTTP CONNECT. A value without `scheme://` (`proxy:3128`) is left to them, as before. Throws
 * InputErrors under `http-proxy`, naming each variable and the fix, before any request.
 */
export function checkProxyVariables(env: Env): void {
  const errors = PROXY_URL_VARIABLES.flatMap((variable) => {
    const value = (env[variable] ?? '').trim();
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined || scheme === 'http' || scheme === 'https') return [];
    return [
      new InputError(
        INPUT.httpProxy,
        `${variable} in the environment is '${redactUrl(value)}', a ${scheme} proxy; this action, the AWS SDK client it uses and @actions/http-client speak only HTTP proxies. Point ${variable} at an http:// or https:// proxy, or clear it for this step (env: ${variable}: '').`,
      ),
    ];
  });
  if (errors.length > 0) throw new InputErrors(errors);
}

/** The URL when the value is an http(s) URL. */
export function parseHttpUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
