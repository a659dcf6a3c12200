/**
 * The secret parts of a proxy value (http-proxy, HTTPS_PROXY or HTTP_PROXY), to mask before the
 * value is parsed or echoed: the password as written, decoded, and as the Basic credentials a
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

/** A proxy value fit for an error message: userinfo, if any, is shown as `***@`. */
export function describeProxy(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at === -1) return raw;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(raw)?.[0] ?? '';
  return `${scheme}***${raw.slice(at)}`;
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
