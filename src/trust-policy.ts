import { type Partition, defaultAudience } from './arn.js';
import { ACCOUNT_ID_PATTERN } from './limits.js';

/**
 * Trust policies for GitHub OIDC: building one for a scope, suggesting the condition that admits a
 * given token, and checking a policy against a token's claims. Pure; the evaluator covers only the
 * constructs GitHub trust policies use (see evaluateTrustPolicy).
 */

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
/** Shown in place of the account when none is given, so a pasted policy fails loudly in IAM. */
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';

export type ConditionBlock = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

export interface TrustStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: { readonly Federated: string };
  readonly Action: string | readonly string[];
  readonly Condition: ConditionBlock;
}

export interface TrustPolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly TrustStatement[];
}

export interface TrustPolicyOptions {
  /** owner/name, exactly as GitHub spells it: IAM compares the subject case-sensitively. */
  readonly repository: string;
  readonly environment?: string;
  readonly branch?: string;
  /** A full ref such as refs/tags/v*. */
  readonly ref?: string;
  readonly pullRequest?: boolean;
  readonly audience?: string;
  readonly accountId?: string;
  readonly providerArn?: string;
  readonly partition?: Partition;
}

export type Claims = Readonly<Record<string, unknown>>;

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** Returns a trust policy that admits GitHub OIDC tokens of one repository, narrowed to one scope. */
export function buildTrustPolicy(options: TrustPolicyOptions): TrustPolicy {
  if (!REPOSITORY.test(options.repository)) {
    throw new Error(
      `repository must be owner/name, e.g. octo-org/octo-repo; got '${options.repository}'`,
    );
  }
  const partition = options.partition ?? 'aws';
  const subject = `repo:${options.repository}:${scopeOf(options)}`;
  const aud = { [`${GITHUB_OIDC_HOST}:aud`]: options.audience ?? defaultAudience(partition) };
  const sub = { [`${GITHUB_OIDC_HOST}:sub`]: subject };
  // IAM treats * and ? as wildcards only under StringLike; exact subjects use StringEquals.
  const condition = /[*?]/.test(subject)
    ? { StringEquals: aud, StringLike: sub }
    : { StringEquals: { ...aud, ...sub } };
  const federated = options.providerArn ?? providerArnFor(partition, options.accountId);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: federated },
        Action: WEB_IDENTITY_ACTION,
        Condition: condition,
      },
    ],
  };
}

/** The ARN of GitHub's OIDC provider in an account (a placeholder account when none is given). */
export function providerArnFor(partition: Partition, accountId: string | undefined): string {
  if (accountId !== undefined && !ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new Error(`account ID must be 12 digits, got '${accountId}'`);
  }
  const account = accountId ?? ACCOUNT_PLACEHOLDER;
  return `arn:${partition}:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

/** The part of the subject after repo:OWNER/NAME: for the one scope given, or any. */
function scopeOf(options: TrustPolicyOptions): string {
  const { environment, branch, ref } = options;
  for (const [name, value] of Object.entries({ environment, branch, ref })) {
    if (value !== undefined && value.trim() === '') throw new Error(`${name} must not be empty`);
  }
  if (ref !== undefined && !ref.startsWith('refs/')) {
    throw new Error(`ref must start with refs/, e.g. refs/tags/v*; got '${ref}'`);
  }
  const scopes: string[] = [];
  if (environment !== undefined) scopes.push(`environment:${environment}`);
  if (branch !== undefined)
    scopes.push(`ref:${branch.startsWith('refs/heads/') ? branch : `refs/heads/${branch}`}`);
  if (ref !== undefined) scopes.push(`ref:${ref}`);
  if (options.pullRequest === true) scopes.push('pull_request');
  if (scopes.length > 1) {
    throw new Error('give only one of environment, branch, ref and pull request');
  }
  return scopes[0] ?? '*';
}

/** The `sub` to expect for this token: its own, else one built from its other claims. */
export function subjectForClaims(claims: Claims): string | undefined {
  const sub = stringClaim(claims, 'sub');
  if (sub !== undefined) return sub;
  const repository = stringClaim(claims, 'repository');
  if (repository === undefined) return undefined;
  const environment = stringClaim(claims, 'environment');
  if (environment !== undefined) return `repo:${repository}:environment:${environment}`;
  if (stringClaim(claims, 'event_name') === 'pull_request')
    return `repo:${repository}:pull_request`;
  const ref = stringClaim(claims, 'ref');
  return ref !== undefined ? `repo:${repository}:ref:${ref}` : `repo:${repository}:*`;
}

/** The Condition block that admits exactly this token's run: its audience and its subject. */
export function conditionBlockFor(claims: Claims, audience: string | undefined): ConditionBlock {
  const host = issuerHost(claims);
  const values: Record<string, string> = {};
  // The token's own aud is what STS compares; the requested audience is only a fallback.
  const aud = stringClaim(claims, 'aud') ?? audience;
  if (aud !== undefined) values[`${host}:aud`] = aud;
  const sub = subjectForClaims(claims);
  if (sub !== undefined) values[`${host}:sub`] = sub;
  return { StringEquals: values };
}

/** The condition-key prefix for this token's issuer (GHES and enterprise issuers add a path). */
function issuerHost(claims: Claims): string {
  const iss = stringClaim(claims, 'iss');
  return iss === undefined ? GITHUB_OIDC_HOST : iss.replace(/^https:\/\//, '').replace(/\/$/, '');
}

const stringClaim = (claims: Claims, name: string): string | undefined =>
  typeof claims[name] === 'string' ? claims[name] : undefined;

/** A policy as parsed from JSON: IAM allows a single statement or action instead of a list. */
export interface PolicyDocument {
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}
export interface PolicyStatement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Whether STS would let a token with these claims call AssumeRoleWithWebIdentity under this policy,
 * judged only on Effect, Action, the Federated principal and StringEquals/StringLike conditions.
 * Reasons explain every mismatch (or the Deny that matched).
 */
export function evaluateTrustPolicy(
  policy: PolicyDocument | TrustPolicy,
  claims: Claims,
): { allowed: boolean; reasons: string[] } {
  const statements = (
    Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
  ) as readonly PolicyStatement[];
  const label = (index: number): string =>
    statements.length > 1 ? `statement ${index + 1}: ` : '';
  const results = statements.map((statement, index) => ({
    effect: statement.Effect,
    index,
    mismatches: statementMismatches(statement, claims).map((reason) => label(index) + reason),
  }));
  const deny = results.find((result) => result.effect === 'Deny' && result.mismatches.length === 0);
  if (deny !== undefined) {
    return { allowed: false, reasons: [`${label(deny.index)}a Deny statement matches this token`] };
  }
  const allows = results.filter((result) => result.effect === 'Allow');
  if (allows.some((result) => result.mismatches.length === 0))
    return { allowed: true, reasons: [] };
  if (allows.length === 0)
    return { allowed: false, reasons: ['the policy has no Allow statement'] };
  return { allowed: false, reasons: allows.flatMap((result) => result.mismatches) };
}

function statementMismatches(statement: PolicyStatement, claims: Claims): string[] {
  // Action names are case-insensitive in IAM and may use wildcards (sts:*).
  const wanted = WEB_IDENTITY_ACTION.toLowerCase();
  if (!strings(statement.Action).some((action) => globMatch(action.toLowerCase(), wanted))) {
    return [`Action does not include ${WEB_IDENTITY_ACTION}`];
  }
  const reasons = principalMismatch(statement.Principal, claims);
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      const reason = conditionMismatch(operator, key, strings(expected), claims);
      if (reason !== undefined) reasons.push(reason);
    }
  }
  return reasons;
}

function principalMismatch(principal: unknown, claims: Claims): string[] {
  const federated =
    typeof principal === 'object'
      ? (principal as { Federated?: unknown } | null)?.Federated
      : undefined;
  const host = issuerHost(claims);
  if (strings(federated).some((arn) => arn.endsWith(`:oidc-provider/${host}`))) return [];
  return [`Principal.Federated is not the OIDC provider for ${host}`];
}

function conditionMismatch(
  operator: string,
  key: string,
  patterns: string[],
  claims: Claims,
): string | undefined {
  if (operator !== 'StringEquals' && operator !== 'StringLike') {
    return `condition operator ${operator} is not evaluated here`;
  }
  // Condition keys are case-insensitive in IAM; the values they compare are not.
  const separator = key.lastIndexOf(':');
  const claimName = key.slice(separator + 1).toLowerCase();
  if (separator < 0 || key.slice(0, separator).toLowerCase() !== issuerHost(claims).toLowerCase()) {
    return `condition key ${key} is not a claim of this token`;
  }
  const quoted = patterns.map((pattern) => `'${pattern}'`);
  const list = quoted.length === 1 ? quoted.join('') : `one of ${quoted.join(', ')}`;
  const expectation = operator === 'StringLike' ? `a match for ${list}` : list;
  const actual = strings(claims[claimName]);
  if (actual.length === 0)
    return `the token has no ${claimName} claim; the policy expects ${expectation}`;
  const like = operator === 'StringLike';
  const matches = (value: string): boolean =>
    patterns.some((p) => (like ? globMatch(p, value) : p === value));
  if (actual.some(matches)) return undefined;
  return `${claimName} is '${actual.join(',')}', the policy expects ${expectation}`;
}

/** IAM's StringLike: * is any run of characters, ? exactly one; everything else literal. */
export function globMatch(pattern: string, value: string): boolean {
  const escape = (ch: string): string => (ch === '*' ? '.*' : ch === '?' ? '.' : `\\${ch}`);
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\*?]/g, escape)}$`, 's').test(value);
}

/** The string values of a policy or claim value that may be one string or a list. */
function strings(value: unknown): string[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}
