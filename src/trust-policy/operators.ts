import { globMatch } from './glob.js';
import { type Claims, literal, requestValues } from './variables.js';

/**
 * IAM's string, numeric, date and Bool condition operators and Null, with the
 * ForAnyValue/ForAllValues set prefixes and the IfExists suffix, checked against a token's request
 * context. Pure.
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
  /** The result was assumed because the checker cannot know it (the note says why). */
  readonly assumed?: boolean;
}

/** Compares one policy value with one request value; undefined when either cannot be read. */
type Compare = (expected: string, value: string) => boolean | undefined;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const number = (text: string): number | undefined =>
  NUMBER.test(text.trim()) ? Number(text) : undefined;
// IAM dates are ISO 8601 or epoch seconds.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const date = (text: string): number | undefined => {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const ms = ISO_DATE.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};
const ordered =
  (parse: (s: string) => number | undefined, test: (value: number, limit: number) => boolean) =>
  (expected: string, value: string): boolean | undefined => {
    const [limit, seen] = [parse(literal(expected)), parse(value)];
    return limit === undefined || seen === undefined ? undefined : test(seen, limit);
  };
const sameText = (e: string, v: string): boolean => literal(e) === v;
const sameFolded = (e: string, v: string): boolean => literal(e).toLowerCase() === v.toLowerCase();
const ORDERINGS: Readonly<Record<string, (value: number, limit: number) => boolean>> = {
  Equals: (v, l) => v === l,
  LessThan: (v, l) => v < l,
  LessThanEquals: (v, l) => v <= l,
  GreaterThan: (v, l) => v > l,
  GreaterThanEquals: (v, l) => v >= l,
};

/** The base operators evaluated here; a Not operator matches a value that equals no expected one. */
const OPERATORS: Readonly<
  Record<string, { readonly compare: Compare; readonly negated: boolean }>
> = {
  StringEquals: { compare: sameText, negated: false },
  StringNotEquals: { compare: sameText, negated: true },
  StringEqualsIgnoreCase: { compare: sameFolded, negated: false },
  StringNotEqualsIgnoreCase: { compare: sameFolded, negated: true },
  StringLike: { compare: (e, v) => globMatch(e, v), negated: false },
  StringNotLike: { compare: (e, v) => globMatch(e, v), negated: true },
  Bool: { compare: sameFolded, negated: false },
  ...Object.fromEntries(
    Object.entries(ORDERINGS).flatMap(([suffix, test]) => [
      [`Numeric${suffix}`, { compare: ordered(number, test), negated: false }],
      [`Date${suffix}`, { compare: ordered(date, test), negated: false }],
    ]),
  ),
  NumericNotEquals: { compare: ordered(number, ORDERINGS['Equals']!), negated: true },
  DateNotEquals: { compare: ordered(date, ORDERINGS['Equals']!), negated: true },
};

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;

/**
 * How one key of one condition operator compares with the request; `unknown` says why the
 * checker cannot know the result, and `ambiguous` marks a comparison IAM's documentation does not
 * decide (bad input for the CLI).
 */
export function checkCondition(
  operator: string,
  key: string,
  expected: string[],
  claims: Claims,
  provider: string,
): ConditionCheck & { unknown?: string; ambiguous?: boolean } {
  const { values, note, unknown } = requestValues(key, claims, provider);
  const [, set, name = '', ifExists] = OPERATOR.exec(operator) ?? [];
  const spec = OPERATORS[name];
  if (name !== 'Null' && spec === undefined) {
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
  if (spec === undefined) {
    // Null: "true" asks that the key be absent, "false" that it be present.
    return { ...base, matched: expected.some((e) => (e.toLowerCase() === 'true') === !values) };
  }
  if (values === undefined) {
    // IAM with no key in the request: ForAnyValue does not match (IfExists or not), ForAllValues
    // and negated operators match, IfExists matches, every other operator does not.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    const matched =
      set !== 'ForAnyValue' &&
      (ifExists !== undefined || set === 'ForAllValues' || (spec.negated && !set));
    return { ...base, matched };
  }
  if (spec.negated && !set && values.length > 1) {
    const why = `${operator} on ${key}, whose value is a list (${values.join(', ')}), needs ForAllValues: or ForAnyValue: to say whether every value or any value must differ`;
    return { ...base, matched: false, unknown: why, ambiguous: true };
  }
  let unreadable: string | undefined;
  const hit = (value: string): boolean =>
    expected.some((e) => {
      const result = spec.compare(e, value);
      if (result === undefined) unreadable ??= `${operator} cannot read '${value}' or '${e}'`;
      return result === true;
    });
  // A positive operator matches a value that equals any expected one; a negated one, a value that
  // equals none of them.
  const valueMatches = (value: string): boolean => (spec.negated ? !hit(value) : hit(value));
  const matched = set === 'ForAllValues' ? values.every(valueMatches) : values.some(valueMatches);
  if (unreadable !== undefined) {
    return { ...base, matched: false, unknown: `${unreadable}; unknown at check time` };
  }
  return { ...base, matched };
}

/** One line on a condition that did not match: the value seen and the value expected. */
export function describeMismatch(c: ConditionCheck): string {
  if (c.assumed === true && c.note !== undefined) return c.note;
  const claim = c.key.slice(c.key.lastIndexOf(':') + 1).toLowerCase();
  const quoted = c.expected.map((pattern) => `'${pattern}'`);
  const list = quoted.length === 1 ? quoted.join('') : `one of ${quoted.join(', ')}`;
  const like = /Like/.test(c.operator);
  const not = /Not/.test(c.operator) ? 'anything but ' : '';
  const expectation = `${not}${like ? `a match for ${list}` : list} (${c.operator})`;
  if (c.seen === undefined) return `${c.note ?? `no ${claim}`}; the policy expects ${expectation}`;
  return `${claim} is '${c.seen.join(',')}', the policy expects ${expectation}`;
}
