import { type Claims, literal, requestValues } from './trust-policy-variables.js';

/**
 * IAM's string condition operators and Null, with the ForAnyValue/ForAllValues set prefixes and
 * the IfExists suffix, checked against a token's request context. Pure.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

/** One key of one condition operator: what the policy expects, what the token has. */
export interface ConditionCheck {
  readonly operator: string;
  readonly key: string;
  readonly expected: readonly string[];
  /** The request's values for the key; undefined when STS leaves the key out of the request. */
  readonly seen: readonly string[] | undefined;
  readonly matched: boolean;
  /** Why the key is absent or the operator is not understood, when that decides the result. */
  readonly note?: string;
}

const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
];

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;

/**
 * How one key of one condition operator compares with the request; `unknown` says why the
 * checker cannot know the result.
 */
export function checkCondition(
  operator: string,
  key: string,
  expected: string[],
  claims: Claims,
  provider: string,
): ConditionCheck & { unknown?: string } {
  const { values, note, unknown } = requestValues(key, claims, provider);
  const [, set, name = '', ifExists] = OPERATOR.exec(operator) ?? [];
  if (name !== 'Null' && !BASE_OPERATORS.includes(name)) {
    const why = `condition operator ${operator} is not evaluated here`;
    return { operator, key, expected, seen: values, matched: false, unknown: why };
  }
  if (unknown !== undefined) {
    return { operator, key, expected, seen: undefined, matched: false, unknown };
  }
  const base: Omit<ConditionCheck, 'matched'> = {
    operator,
    key,
    expected,
    seen: values,
    ...(note === undefined ? {} : { note }),
  };
  if (name === 'Null') {
    // Null: "true" asks that the key be absent, "false" that it be present.
    return { ...base, matched: expected.some((e) => (e.toLowerCase() === 'true') === !values) };
  }
  const negated = name.includes('Not');
  const like = name.endsWith('Like');
  const ignoreCase = name.endsWith('IgnoreCase');
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const hit = (value: string): boolean =>
    expected.some((e) => (like ? globMatch(e, value) : fold(literal(e)) === fold(value)));
  // A positive operator matches a value that equals any expected one; a negated one, a value that
  // equals none of them.
  const valueMatches = (value: string): boolean => (negated ? !hit(value) : hit(value));
  if (values === undefined) {
    // IAM: with no key in the request, ForAllValues and negated operators match, IfExists
    // matches, and every other operator does not.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    const matched = ifExists !== undefined || set === 'ForAllValues' || (negated && !set);
    return { ...base, matched };
  }
  const matched = set === 'ForAllValues' ? values.every(valueMatches) : values.some(valueMatches);
  return { ...base, matched };
}

/** One line on a condition that did not match: the value seen and the value expected. */
export function describeMismatch(c: ConditionCheck): string {
  if (
    c.note !== undefined &&
    /^(?:condition operator|condition key|policy variable)/.test(c.note)
  ) {
    return c.note;
  }
  const claim = c.key.slice(c.key.lastIndexOf(':') + 1).toLowerCase();
  const quoted = c.expected.map((pattern) => `'${pattern}'`);
  const list = quoted.length === 1 ? quoted.join('') : `one of ${quoted.join(', ')}`;
  const like = /Like/.test(c.operator);
  const not = /Not/.test(c.operator) ? 'anything but ' : '';
  const expectation = `${not}${like ? `a match for ${list}` : list} (${c.operator})`;
  if (c.seen === undefined) return `${c.note ?? `no ${claim}`}; the policy expects ${expectation}`;
  return `${claim} is '${c.seen.join(',')}', the policy expects ${expectation}`;
}

/** IAM's StringLike: * is any run of characters, ? exactly one; everything else literal. */
export function globMatch(pattern: string, value: string): boolean {
  const escape = (ch: string): string =>
    ch === '*' ? '.*' : ch === '?' ? '.' : `\\${literal(ch)}`;
  const special = /[.+^${}()|[\]\\*?\uE000\uE001]/g;
  return new RegExp(`^${pattern.replace(special, escape)}$`, 's').test(value);
}
