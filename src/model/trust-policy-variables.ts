/**
 * The request context a GitHub OIDC token gives a trust policy: the values of its condition keys
 * as STS sets them, and policy variables substituted into condition values. Pure.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/** A token's claims as decoded from its payload; the checker reads them, never the token. */
export type Claims = Readonly<Record<string, unknown>>;

/**
 * Condition keys AWS documents for GitHub's provider, beside aud and sub; STS leaves any other
 * ISSUER:claim key out of the request context, so a condition on it sees no value.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 * https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/
 * (the GitHub key list as summarised at https://cageyv.dev/posts/aws-sts-oidc-claim-validation).
 * amr is a standard OIDC key; GitHub's tokens carry no amr claim, so it never has a value.
 */
const GITHUB_CONDITION_CLAIMS: readonly string[] = [
  'aud',
  'sub',
  'amr',
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
];

const VARIABLE = /\$\{([^}]*)\}/g;
/** Stand-ins for ${*} and ${?} in a pattern: the literal character, not a wildcard. */
const LITERAL_STAR = '\uE000';
const LITERAL_QUESTION = '\uE001';
/** A pattern as a person reads it: the stand-ins shown as the variables they came from. */
export const shown = (pattern: string): string =>
  pattern.replaceAll(LITERAL_STAR, '${*}').replaceAll(LITERAL_QUESTION, '${?}');
/** A pattern as an exact string: the stand-ins are the characters themselves. */
export const literal = (pattern: string): string =>
  pattern.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?');

/**
 * Substitutes policy variables in a 2012-10-17 policy's condition values: a token claim's
 * condition key becomes the token's value; ${*}, ${?} and ${$} the literal character; an
 * optional default (${key, 'value'}) stands in for an absent claim. Any other variable, or a
 * claim without a value, is unknown at check time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function expectedValues(
  expected: string[],
  claims: Claims,
  provider: string,
  variables: boolean,
): { values: string[]; unknown?: string } {
  if (!variables) return { values: expected };
  let unknown: string | undefined;
  const values = expected.map((value) =>
    value.replace(VARIABLE, (whole, inner: string) => {
      const [name = '', fallback] = inner.split(/,\s*/, 2);
      // ${*} and ${?} are a literal * and ?, never wildcards, even under StringLike.
      if (name.trim() === '*') return LITERAL_STAR;
      if (name.trim() === '?') return LITERAL_QUESTION;
      if (name.trim() === '$') return '$';
      const found = requestValues(name.trim(), claims, provider).values;
      if (found?.length === 1) return found[0] ?? '';
      const quoted = /^'(.*)'$/s.exec(fallback?.trim() ?? '');
      if (found === undefined && quoted?.[1] !== undefined) return quoted[1];
      unknown ??= `policy variable ${whole} is unknown at check time`;
      return whole;
    }),
  );
  return unknown === undefined ? { values } : { values, unknown };
}

/** The request's values for a condition key, or why STS leaves the key out. */
export function requestValues(
  key: string,
  claims: Claims,
  provider: string,
): { values?: string[]; note?: string; unknown?: string } {
  // Condition keys are case-insensitive in IAM; the values they compare are not.
  const separator = key.lastIndexOf(':');
  const prefix = key.slice(0, Math.max(separator, 0)).toLowerCase();
  const claim = key.slice(separator + 1).toLowerCase();
  // A service or global key (aws:SourceIp, sts:RoleSessionName, aws:CurrentTime, ...) has a
  // value only STS knows when the call is made: the session name, the caller's address, the time.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
  const service = key.slice(0, Math.max(key.indexOf(':'), 0));
  if (prefix !== provider.toLowerCase() && service !== '' && !/[./]/.test(service)) {
    return { unknown: `condition key ${key} is unknown at check time (STS sets it per call)` };
  }
  if (separator < 0 || prefix !== provider.toLowerCase()) {
    return { note: `condition key ${key} is not a claim of this token` };
  }
  if (!GITHUB_CONDITION_CLAIMS.includes(claim)) {
    return { note: `AWS documents no condition key ${key}; STS does not set it` };
  }
  // STS fills PROVIDER:aud from the token's azp claim when present, else from aud.
  const raw = claim === 'aud' && claims['azp'] !== undefined ? claims['azp'] : claims[claim];
  const values = strings(raw);
  return values.length === 0 ? { note: `the token has no ${claim} claim` } : { values };
}

/** The string values of a policy or claim value that may be one string or a list. */
export function strings(value: unknown): string[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return (
    list
      // IAM compares JSON booleans and numbers as their text: true is "true".
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
      .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
      .map((item) => String(item))
  );
}
