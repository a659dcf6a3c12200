import { CLAIM_KEYS_SOURCE, GITHUB_SAR_CLAIM_KEYS } from './claim-keys.js';

/**
 * The request context a GitHub OIDC token gives a trust policy: the values of its condition keys
 * as STS sets them, and policy variables substituted into condition values. Pure.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/** A token's claims as decoded from its payload; the checker reads them, never the token. */
export type Claims = Readonly<Record<string, unknown>>;

/**
 * Keys IAM documents for every OIDC provider, GitHub Enterprise Server's included: PROVIDER:aud,
 * PROVIDER:sub and PROVIDER:amr (GitHub's tokens carry no amr claim, so it never has a value).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
const OIDC_CLAIMS: readonly string[] = ['aud', 'sub', 'amr'];

/**
 * The claims STS evaluates as condition keys for an issuer (host/path): the OIDC keys, plus the
 * GitHub keys the Service Authorization Reference lists for that issuer form. It lists none for
 * a GitHub Enterprise Server issuer (HOST/_services/token).
 */
export function claimKeysOf(provider: string): readonly string[] {
  const host = provider.toLowerCase();
  const listed = GITHUB_SAR_CLAIM_KEYS.find(({ issuer }) => issuerPattern(issuer).test(host));
  return [...OIDC_CLAIMS, ...(listed?.claims ?? [])];
}

/** A SAR issuer form as a pattern: each ${...} stands for one host label or path segment. */
function issuerPattern(issuer: string): RegExp {
  const parts = issuer.toLowerCase().split(/\$\{[^}]*\}/);
  const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/:.]+')}$`);
}

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
      const { name, fallback } = variableParts(inner);
      // ${*} and ${?} are a literal * and ?, never wildcards, even under StringLike.
      if (name === '*') return LITERAL_STAR;
      if (name === '?') return LITERAL_QUESTION;
      if (name === '$') return '$';
      const found = requestValues(name, claims, provider);
      if (found.values?.length === 1) return found.values[0] ?? '';
      // A default stands in only for a key the request lacks: not for one STS fills in at call
      // time (a session name, a source address), which the checker cannot see.
      const absent = found.values === undefined && found.unknown === undefined;
      if (absent && fallback !== undefined && name !== '') return fallback;
      unknown ??= `policy variable ${whole} is unknown at check time`;
      return whole;
    }),
  );
  return unknown === undefined ? { values } : { values, unknown };
}

/**
 * A variable's key and default. IAM documents the default as the key, a comma and a space, then
 * the value in single quotes: ${aws:username, 'anonymous'}. Any other spelling is no default
 * (the whole text is then the key, which names nothing).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values
 */
function variableParts(inner: string): { name: string; fallback?: string } {
  const withDefault = /^([^,']*), '(.*)'$/s.exec(inner);
  if (withDefault === null) return { name: inner.trim() };
  return { name: (withDefault[1] ?? '').trim(), fallback: withDefault[2] ?? '' };
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
  if (!claimKeysOf(provider).includes(claim)) {
    // What STS does with a key the SAR does not list for this issuer is undocumented: it may be
    // absent or set, so it decides nothing either way.
    return {
      unknown: `condition key ${key} is not in the Service Authorization Reference for this issuer (${CLAIM_KEYS_SOURCE}); unknown at check time`,
    };
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
