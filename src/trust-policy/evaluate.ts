import { WEB_IDENTITY_ACTION, issuerHostOf } from './issuer.js';
import { globMatch } from './glob.js';
import { type ConditionCheck, checkCondition, describeMismatch } from './operators.js';
import { type RoleAccount, principalMatches } from './principal.js';
import { type Claims, expectedValues, shown, strings } from './variables.js';

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
  /** The provider's account and partition, when the role's account was not known to compare. */
  readonly uncompared?: string;
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
  /** Comparisons IAM's documentation does not decide (the CLI refuses them as bad input). */
  readonly ambiguities: string[];
  /** Facts the checker could not compare, such as the provider's account without the role's. */
  readonly notes: string[];
}

/**
 * What the evaluator does with a result it cannot know (an operator it does not evaluate, a key
 * or policy variable only STS knows at call time, a key the SAR does not list, a principal form
 * it does not read). 'refuse', for `trust-policy check` and the diagnosis: it fails an Allow and
 * matches in a Deny, so the checker never admits a token IAM might refuse. 'admit': it may
 * satisfy an Allow and may not match a Deny, for finding what a policy might let in.
 */
export type UnknownRule = 'refuse' | 'admit';

export interface EvaluationOptions {
  /** The role's partition and account, when the input names the role (aws iam get-role). */
  readonly role?: RoleAccount | undefined;
  readonly unknowns?: UnknownRule;
}

/** The one place an unknown result is decided: whether the unknown counts as a match. */
function assumedMatch(rule: UnknownRule, deny: boolean): boolean {
  return rule === 'refuse' ? deny : !deny;
}

function assumedNote(rule: UnknownRule, deny: boolean, why: string, what: string): string {
  if (rule === 'refuse')
    return deny ? `${why}; assumed to ${what} in a Deny` : `${why}; fails an Allow`;
  return deny
    ? `${why}; assumed not to ${what} in a Deny`
    : `${why}; assumed to ${what} in an Allow`;
}

/** A policy's statements as a list: IAM allows a single statement object instead of one. */
export function statementsOf(policy: PolicyDocument): readonly PolicyStatement[] {
  return (
    Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
  ) as readonly PolicyStatement[];
}

/**
 * Whether a statement names sts:AssumeRoleWithWebIdentity (Action, or outside NotAction). Action
 * names are case-insensitive in IAM and may use wildcards (sts:*).
 */
export function allowsWebIdentity(statement: PolicyStatement): boolean {
  const wanted = WEB_IDENTITY_ACTION.toLowerCase();
  const listed = (value: unknown): boolean =>
    strings(value).some((action) => globMatch(action.toLowerCase(), wanted));
  return statement.NotAction !== undefined
    ? !listed(statement.NotAction)
    : listed(statement.Action);
}

/** Whether STS would let a token with these claims assume a role with this trust policy. */
export function evaluateTrustPolicy(
  policy: PolicyDocument,
  claims: Claims,
  options: EvaluationOptions = {},
): Evaluation {
  const list = statementsOf(policy);
  const variables = policy.Version === '2012-10-17';
  const rule = options.unknowns ?? 'refuse';
  const ambiguities: string[] = [];
  const statements = list.map((statement, index) =>
    evaluateStatement(statement, index, claims, {
      variables,
      rule,
      role: options.role,
      ambiguities,
    }),
  );
  const accounts = [...new Set(statements.flatMap((s) => s.uncompared ?? []))];
  const notes =
    accounts.length === 0
      ? []
      : [
          `note: the policy names the OIDC provider in account ${accounts.join(', ')}; the role's account is not known, so it was not compared (give the output of aws iam get-role as --policy to compare it)`,
        ];
  const label = (index: number): string => (list.length > 1 ? `statement ${index + 1}: ` : '');
  const deny = statements.find((s) => s.effect === 'Deny' && s.applies);
  if (deny !== undefined) {
    const reasons = [`${label(deny.index)}a Deny statement matches this token`];
    return { allowed: false, statements, reasons, ambiguities, notes };
  }
  const allows = statements.filter((s) => s.effect === 'Allow');
  if (allows.some((s) => s.applies)) {
    return { allowed: true, statements, reasons: [], ambiguities, notes };
  }
  if (allows.length === 0) {
    const reasons = ['the policy has no Allow statement'];
    return { allowed: false, statements, reasons, ambiguities, notes };
  }
  const reasons = allows.flatMap((s) => mismatchesOf(s).map((reason) => label(s.index) + reason));
  return { allowed: false, statements, reasons, ambiguities, notes };
}

interface StatementContext {
  readonly variables: boolean;
  readonly rule: UnknownRule;
  readonly role: RoleAccount | undefined;
  readonly ambiguities: string[];
}

function evaluateStatement(
  statement: PolicyStatement,
  index: number,
  claims: Claims,
  context: StatementContext,
): StatementResult {
  const { variables, rule, role, ambiguities } = context;
  const actionMatched = allowsWebIdentity(statement);
  const provider = issuerHostOf(claims);
  const deny = statement.Effect === 'Deny';
  const principal = principalMatches(statement, provider, role);
  const principalMatched =
    principal.unknown === undefined ? principal.matched : assumedMatch(rule, deny);
  const principalNote =
    principal.unknown === undefined
      ? principal.note
      : assumedNote(rule, deny, principal.unknown, 'apply');
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, expected]) => {
      const { values, unknown } = expectedValues(strings(expected), claims, provider, variables);
      const raw = checkCondition(operator, key, values, claims, provider);
      if (raw.ambiguous === true && raw.unknown !== undefined) {
        ambiguities.push(`statement ${index + 1}: ${raw.unknown}`);
      }
      const check = { ...raw, expected: raw.expected.map(shown) };
      const why = unknown ?? check.unknown;
      if (why === undefined) return withoutUnknown(check);
      const note = assumedNote(rule, deny, why, 'match');
      return { ...withoutUnknown(check), matched: assumedMatch(rule, deny), note, assumed: true };
    }),
  );
  return {
    index,
    ...(statement.Sid === undefined ? {} : { sid: statement.Sid }),
    effect: statement.Effect ?? '',
    actionMatched,
    principalMatched,
    ...(principalNote === undefined ? {} : { principalNote }),
    ...(principal.uncompared === undefined ? {} : { uncompared: principal.uncompared }),
    provider,
    conditions,
    applies: actionMatched && principalMatched && conditions.every((c) => c.matched),
  };
}

function withoutUnknown(
  check: ConditionCheck & { unknown?: string; ambiguous?: boolean },
): ConditionCheck {
  const rest: ConditionCheck & { unknown?: string; ambiguous?: boolean } = { ...check };
  delete rest.unknown;
  delete rest.ambiguous;
  return rest;
}

/** The reasons an Allow statement did not apply, in the wording the CLI and diagnosis share. */
function mismatchesOf(s: StatementResult): string[] {
  if (!s.actionMatched) return [`Action does not include ${WEB_IDENTITY_ACTION}`];
  const reasons = s.principalMatched
    ? []
    : [s.principalNote ?? `Principal.Federated is not the OIDC provider for ${s.provider}`];
  return [...reasons, ...s.conditions.filter((c) => !c.matched).map(describeMismatch)];
}
