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
  /** "2012-10-17" turns on policy variables; without it (2008-10-17) `${...}` is literal text. */
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
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
  /** Why the principal was assumed to match (a Deny the checker cannot rule out), when it was. */
  readonly principalNote?: string;
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
  const variables = policy.Version === '2012-10-17';
  const statements = list.map((statement, index) =>
    evaluateStatement(statement, index, claims, variables),
  );
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
  variables: boolean,
): StatementResult {
  // Action names are case-insensitive in IAM and may use wildcards (sts:*).
  const wanted = WEB_IDENTITY_ACTION.toLowerCase();
  const listed = (value: unknown): boolean =>
    strings(value).some((action) => globMatch(action.toLowerCase(), wanted));
  const actionMatched =
    statement.NotAction !== undefined ? !listed(statement.NotAction) : listed(statement.Action);
  const provider = issuerHostOf(claims);
  // What the checker cannot know counts against admission either way: an operator it does not
  // evaluate, a key or policy variable whose value only STS knows at call time. It fails an
  // Allow, and it matches in a Deny, so the checker never admits a token IAM might refuse.
  const deny = statement.Effect === 'Deny';
  const principal = principalMatches(statement, provider, deny);
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, expected]) => {
      const { values, unknown } = expectedValues(strings(expected), claims, provider, variables);
      const raw = checkCondition(operator, key, values, claims, provider);
      const check = { ...raw, expected: raw.expected.map(shown) };
      const why = unknown ?? check.unknown;
      if (why === undefined) return withoutUnknown(check);
      const note = deny ? `${why}; assumed to match in a Deny` : `${why}; fails an Allow`;
      return { ...withoutUnknown(check), matched: deny, note };
    }),
  );
  return {
    index,
    ...(statement.Sid === undefined ? {} : { sid: statement.Sid }),
    effect: statement.Effect ?? '',
    actionMatched,
    principalMatched: principal.matched,
    ...(principal.note === undefined ? {} : { principalNote: principal.note }),
    provider,
    conditions,
    applies: actionMatched && principal.matched && conditions.every((c) => c.matched),
  };
}

/**
 * Principal.Federated names the provider ARN, whose resource part is the issuer host and path.
 * "*" and {"AWS": "*"} name every principal. An AWS, Service or CanonicalUser principal never
 * names a web-identity caller. NotPrincipal (not supported in trust policies) or a form not
 * understood here is assumed to apply in a Deny and not to apply in an Allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
function principalMatches(
  statement: PolicyStatement,
  provider: string,
  deny: boolean,
): { matched: boolean; note?: string } {
  const unknown = (why: string): { matched: boolean; note?: string } =>
    deny ? { matched: true, note: `${why}; assumed to apply in a Deny` } : { matched: false };
  if (statement.NotPrincipal !== undefined) return unknown('NotPrincipal is not evaluated here');
  const principal = statement.Principal;
  if (principal === '*') return { matched: true };
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
    return unknown('this Principal form is not understood here');
  }
  const entries = Object.entries(principal as Record<string, unknown>);
  const known = ['AWS', 'Federated', 'Service', 'CanonicalUser'];
  if (entries.length === 0 || entries.some(([type]) => !known.includes(type))) {
    return unknown('this Principal form is not understood here');
  }
  const record = principal as { AWS?: unknown; Federated?: unknown };
  if (strings(record.AWS).includes('*')) return { matched: true };
  const suffix = `:oidc-provider/${provider}`.toLowerCase();
  return { matched: strings(record.Federated).some((arn) => arn.toLowerCase().endsWith(suffix)) };
}

const VARIABLE = /\$\{([^}]*)\}/g;
/** Stand-ins for ${*} and ${?} in a pattern: the literal character, not a wildcard. */
const LITERAL_STAR = '\uE000';
const LITERAL_QUESTION = '\uE001';
/** A pattern as a person reads it: the stand-ins shown as the variables they came from. */
const shown = (pattern: string): string =>
  pattern.replaceAll(LITERAL_STAR, '${*}').replaceAll(LITERAL_QUESTION, '${?}');
/** A pattern as an exact string: the stand-ins are the characters themselves. */
const literal = (pattern: string): string =>
  pattern.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?');

/**
 * Substitutes policy variables in a 2012-10-17 policy's condition values: a token claim's
 * condition key becomes the token's value; ${*}, ${?} and ${$} the literal character; an
 * optional default (${key, 'value'}) stands in for an absent claim. Any other variable, or a
 * claim without a value, is unknown at check time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
function expectedValues(
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
function requestValues(
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

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;

function checkCondition(
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

function withoutUnknown(check: ConditionCheck & { unknown?: string }): ConditionCheck {
  const rest: ConditionCheck & { unknown?: string } = { ...check };
  delete rest.unknown;
  return rest;
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

/** The string values of a policy or claim value that may be one string or a list. */
function strings(value: unknown): string[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return (
    list
      // IAM compares JSON booleans and numbers as their text: true is "true".
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
      .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
      .map((item) => String(item))
  );
}
