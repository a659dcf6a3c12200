import { WEB_IDENTITY_ACTION, issuerHostOf } from './trust-policy-issuer.js';

/**
 * Evaluates a role trust policy the way IAM does for sts:AssumeRoleWithWebIdentity with a GitHub
 * OIDC token: an explicit Deny wins, otherwise any applicable Allow admits, otherwise the call is
 * denied. Pure; shared by the CLI's `trust-policy check` and the action's failure diagnosis.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

export type Claims = Readonly<Record<string, unknown>>;

/** A policy as parsed from JSON: IAM allows a single statement or action instead of a list. */
export interface PolicyDocument {
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

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

export interface StatementResult {
  readonly index: number;
  readonly sid?: string;
  readonly effect: string;
  readonly actionMatched: boolean;
  readonly principalMatched: boolean;
  readonly provider: string;
  readonly conditions: readonly ConditionCheck[];
  /** Action, principal and every condition matched. */
  readonly applies: boolean;
}

export interface Evaluation {
  readonly allowed: boolean;
  readonly statements: readonly StatementResult[];
  /** One line per mismatch of each Allow (or the Deny that matched); empty when allowed. */
  readonly reasons: string[];
}

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

const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
];

/** Whether STS would let a token with these claims assume a role with this trust policy. */
export function evaluateTrustPolicy(policy: PolicyDocument, claims: Claims): Evaluation {
  const list = (
    Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
  ) as readonly PolicyStatement[];
  const statements = list.map((statement, index) => evaluateStatement(statement, index, claims));
  const label = (index: number): string => (list.length > 1 ? `statement ${index + 1}: ` : '');
  const deny = statements.find((s) => s.effect === 'Deny' && s.applies);
  if (deny !== undefined) {
    const reasons = [`${label(deny.index)}a Deny statement matches this token`];
    return { allowed: false, statements, reasons };
  }
  const allows = statements.filter((s) => s.effect === 'Allow');
  if (allows.some((s) => s.applies)) return { allowed: true, statements, reasons: [] };
  if (allows.length === 0) {
    return { allowed: false, statements, reasons: ['the policy has no Allow statement'] };
  }
  const reasons = allows.flatMap((s) => mismatchesOf(s).map((reason) => label(s.index) + reason));
  return { allowed: false, statements, reasons };
}

function evaluateStatement(
  statement: PolicyStatement,
  index: number,
  claims: Claims,
): StatementResult {
  // Action names are case-insensitive in IAM and may use wildcards (sts:*).
  const wanted = WEB_IDENTITY_ACTION.toLowerCase();
  const listed = (value: unknown): boolean =>
    strings(value).some((action) => globMatch(action.toLowerCase(), wanted));
  const actionMatched =
    statement.NotAction !== undefined ? !listed(statement.NotAction) : listed(statement.Action);
  const provider = issuerHostOf(claims);
  const principalMatched = principalMatches(statement.Principal, provider);
  // An operator not evaluated here counts against admission either way: it fails an Allow, and
  // it matches in a Deny, so the checker never admits a token IAM might refuse.
  const deny = statement.Effect === 'Deny';
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, expected]) => {
      const check = checkCondition(operator, key, strings(expected), claims, provider);
      return deny && check.note?.startsWith('condition operator') === true
        ? { ...check, matched: true, note: `${check.note}; assumed to match in a Deny` }
        : check;
    }),
  );
  return {
    index,
    ...(statement.Sid === undefined ? {} : { sid: statement.Sid }),
    effect: statement.Effect ?? '',
    actionMatched,
    principalMatched,
    provider,
    conditions,
    applies: actionMatched && principalMatched && conditions.every((c) => c.matched),
  };
}

/** Principal.Federated names the provider ARN, whose resource part is the issuer host and path. */
function principalMatches(principal: unknown, provider: string): boolean {
  if (principal === '*') return true;
  const federated =
    typeof principal === 'object' && principal !== null
      ? (principal as { Federated?: unknown }).Federated
      : undefined;
  const suffix = `:oidc-provider/${provider}`.toLowerCase();
  return strings(federated).some((arn) => arn.toLowerCase().endsWith(suffix));
}

/** The request's values for a condition key, or why STS leaves the key out. */
function requestValues(
  key: string,
  claims: Claims,
  provider: string,
): { values?: string[]; note?: string } {
  // Condition keys are case-insensitive in IAM; the values they compare are not.
  const separator = key.lastIndexOf(':');
  const prefix = key.slice(0, Math.max(separator, 0)).toLowerCase();
  const claim = key.slice(separator + 1).toLowerCase();
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

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;

function checkCondition(
  operator: string,
  key: string,
  expected: string[],
  claims: Claims,
  provider: string,
): ConditionCheck {
  const { values, note } = requestValues(key, claims, provider);
  const base: Omit<ConditionCheck, 'matched'> = {
    operator,
    key,
    expected,
    seen: values,
    ...(note === undefined ? {} : { note }),
  };
  const [, set, name = '', ifExists] = OPERATOR.exec(operator) ?? [];
  if (name === 'Null') {
    // Null: "true" asks that the key be absent, "false" that it be present.
    return { ...base, matched: expected.some((e) => (e.toLowerCase() === 'true') === !values) };
  }
  if (!BASE_OPERATORS.includes(name)) {
    return {
      ...base,
      matched: false,
      note: `condition operator ${operator} is not evaluated here`,
    };
  }
  const negated = name.includes('Not');
  const like = name.endsWith('Like');
  const ignoreCase = name.endsWith('IgnoreCase');
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const hit = (value: string): boolean =>
    expected.some((e) => (like ? globMatch(e, value) : fold(e) === fold(value)));
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

/** The reasons an Allow statement did not apply, in the wording the CLI and diagnosis share. */
function mismatchesOf(s: StatementResult): string[] {
  if (!s.actionMatched) return [`Action does not include ${WEB_IDENTITY_ACTION}`];
  const reasons = s.principalMatched
    ? []
    : [`Principal.Federated is not the OIDC provider for ${s.provider}`];
  return [...reasons, ...s.conditions.filter((c) => !c.matched).map(describeMismatch)];
}

/** One line on a condition that did not match: the value seen and the value expected. */
export function describeMismatch(c: ConditionCheck): string {
  if (c.note?.startsWith('condition operator') || c.note?.startsWith('condition key')) {
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
  const escape = (ch: string): string => (ch === '*' ? '.*' : ch === '?' ? '.' : `\\${ch}`);
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\*?]/g, escape)}$`, 's').test(value);
}

/** The string values of a policy or claim value that may be one string or a list. */
function strings(value: unknown): string[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return list
    .filter((item) => typeof item === 'string' || typeof item === 'number')
    .map((item) => String(item));
}
