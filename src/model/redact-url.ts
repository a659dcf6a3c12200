/**
 * A URL, or a value meant as one, fit to echo in an error, a log line or the step summary: the
 * userinfo (everything between the scheme and the last `@`, where `user:password` sits) becomes
 * `***`, and so does a query (`?X-Amz-Security-Token=...`). The one rule for every URL the
 * action echoes: the `sts-endpoint` and `http-proxy` inputs and the proxy variables. It does not
 * need the value to parse: a value that fails validation is exactly the one echoed.
 */
export function redactUrl(raw: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(raw)?.[0] ?? '';
  const at = raw.lastIndexOf('@');
  const rest = at === -1 ? raw.slice(scheme.length) : `***${raw.slice(at)}`;
  const query = rest.indexOf('?');
  return `${scheme}${query === -1 ? rest : `${rest.slice(0, query)}?***`}`;
}
