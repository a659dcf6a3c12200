import { WEB_IDENTITY_ACTION, issuerHostOf } from './trust-policy-issuer.js';
import {
  type ConditionCheck,
  checkCondition,
  describeMismatch,
  globMatch,
} from './trust-policy-operators.js';
import { type Claims, expectedValues, shown, strings } from './trust-policy-variables.js';

/**
 * Evaluates a role trust policy the way IAM does for sts:AssumeRoleWithWebIdentity with a GitHub
 * OIDC token: an explicit Deny wins, otherwise any applicable Allow admits, otherwise the call is
 * denied. Pure; shared by the CLI's `trust-policy check` and the action's failure diagnosis.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

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
