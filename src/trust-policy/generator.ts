import { type Partition, defaultAudience } from '../model/arn.js';
import { claimString } from '../model/jwt-claims.js';
import {
  ACCOUNT_PLACEHOLDER,
  WEB_IDENTITY_ACTION,
  issuerHostOf,
  providerArnFor,
  resolveIssuer,
} from './issuer.js';
import { type SubjectScope, TEMPLATE_CLAIM_KEYS, contextOf, contextOfClaims } from './subject.js';
import { claimConditions } from './claims.js';

/**
 * Trust policies for GitHub OIDC: building one for a repository and scope, for any issuer and
 * subject format, and the condition that admits a given token. Pure. Evaluation lives in
 * evaluate.ts, with condition operators in operators.ts and policy
 * variables in variables.ts; issuers in issuer.ts; subject shapes in
 * subject.ts.
 */

export { type PolicyDocument, evaluateTrustPolicy } from './evaluate.js';
export { globMatch } from './glob.js';

export type ConditionBlock = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;
type Values = Record<string, string | readonly string[]>;

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
  /** Several scopes in one policy (each one of environment, branch, ref, pull request); the
   * single-scope fields above are ignored when this is given. */
  readonly scopes?: readonly SubjectScope[];
  /** Only runs of this reusable workflow: OWNER/REPO/.github/workflows/FILE@REF. */
  readonly jobWorkflowRef?: string;
  /** Immutable subject format (repo:OWNER@OWNER_ID/REPO@REPO_ID:...) when either ID is given. */
  readonly ownerId?: string;
  readonly repositoryId?: string;
  /** The token's issuer URL, e.g. a GHE Cloud enterprise's https://token.actions.githubusercontent.com/SLUG. */
  readonly issuer?: string;
  /** A GitHub Enterprise Server host: the issuer is https://HOST/_services/token. */
  readonly ghesHost?: string;
  /** The claim keys of a customised subject template, in order. */
  readonly subjectClaims?: readonly string[];
  /** Values for claim keys of a custom template that the other options do not give. */
  readonly claimValues?: Readonly<Record<string, string>>;
  readonly audience?: string;
  readonly accountId?: string;
  readonly providerArn?: string;
  readonly partition?: Partition;
}

/** A generated policy and the notes for the user: placeholders to fill in, scopes too broad. */
export interface GeneratedPolicy {
  readonly policy: TrustPolicy;
  readonly notes: readonly string[];
}

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const NUMERIC_ID = /^\d{1,20}$/;
/** Keys whose value narrows a subject to some runs of a repository rather than every run. */
const NARROWING_KEYS = ['context', 'ref', 'environment', 'job_workflow_ref', 'workflow_ref'];

/**
 * Returns a trust policy that admits GitHub OIDC tokens of one repository, narrowed to one scope,
 * with notes on placeholders to fill in and on a policy that admits too much.
 */
export function generateTrustPolicy(options: TrustPolicyOptions): GeneratedPolicy {
  if (!REPOSITORY.test(options.repository)) {
    throw new Error(
      `repository must be owner/name, e.g. octo-org/octo-repo; got '${options.repository}'`,
    );
  }
  const notes: string[] = [];
  const issuer = resolveIssuer(options);
  const partition = options.partition ?? 'aws';
  const scopes: readonly SubjectScope[] = options.scopes ?? [options];
  const built = scopes.map((scope) => {
    // This scope's fields replace the single-scope ones (absent stays absent).
    const scoped: Record<string, unknown> = { ...options };
    for (const field of ['environment', 'branch', 'ref', 'pullRequest']) delete scoped[field];
    for (const [field, value] of Object.entries(scope))
      if (value !== undefined) scoped[field] = value;
    const scopedOptions = scoped as unknown as TrustPolicyOptions;
    return options.subjectClaims === undefined
      ? defaultSubject(scopedOptions, issuer.kind, notes)
      : templateSubject(scopedOptions, notes);
  });
  const subjects = [...new Set(built.map((b) => b.subject))];
  const broad = built.some((b) => b.broad) && options.jobWorkflowRef === undefined;
  const claims = claimConditions(options, issuer, options.scopes === undefined ? [] : scopes);
  const aud = {
    [`${issuer.host}:aud`]: options.audience ?? defaultAudience(partition),
  };
  const sub = { [`${issuer.host}:sub`]: subjects.length === 1 ? (subjects[0] ?? '') : subjects };
  // IAM treats * and ? as wildcards only under StringLike; exact subjects use StringEquals.
  const pattern = subjects.some((s) => /[*?]/.test(s));
  const equals: Values = { ...aud, ...(pattern ? {} : sub), ...claims.equals };
  const like: Values = { ...(pattern ? sub : {}), ...claims.like };
  const condition: ConditionBlock =
    Object.keys(like).length > 0
      ? { StringEquals: equals, StringLike: like }
      : { StringEquals: equals };
  const federated =
    options.providerArn ?? providerArnFor(partition, options.accountId, issuer.host);
  if (federated.includes(ACCOUNT_PLACEHOLDER)) {
    notes.unshift(
      `fill in ${ACCOUNT_PLACEHOLDER}: the 12-digit account that holds the OIDC provider for ${issuer.url} (or pass --account-id); IAM rejects the policy until then`,
    );
  }
  if (broad) {
    notes.push(
      `warning: this policy admits every run of ${options.repository} (any branch, tag, pull request and environment); narrow it with --environment, --branch, --ref or --pull-request`,
    );
  }
  const statement: TrustStatement = {
    Effect: 'Allow',
    Principal: { Federated: federated },
    Action: WEB_IDENTITY_ACTION,
    Condition: condition,
  };
  return { policy: { Version: '2012-10-17', Statement: [statement] }, notes: [...new Set(notes)] };
}

/** repo:OWNER/REPO:CONTEXT, or with immutable IDs repo:OWNER@ID/REPO@ID:CONTEXT. */
function defaultSubject(
  options: TrustPolicyOptions,
  issuerKind: string,
  notes: string[],
): { subject: string; broad: boolean } {
  const context = contextOf(options);
  const { ownerId, repositoryId } = options;
  if (ownerId === undefined && repositoryId === undefined) {
    // github.com and GHE Cloud give repositories created, renamed or transferred since 15 July
    // 2026 the immutable-ID subject by default; a names-only policy never matches their tokens.
    // https://docs.github.com/en/actions/concepts/security/openid-connect#immutable-subject-claims
    if (issuerKind !== 'ghes') notes.push(namesOnlyNote(options.repository));
    return { subject: `repo:${options.repository}:${context}`, broad: context === '*' };
  }
  if (issuerKind === 'ghes') {
    throw new Error(
      'GitHub Enterprise Server does not issue immutable subject claims: drop the owner and repository IDs',
    );
  }
  const [owner, name] = options.repository.split('/') as [string, string];
  const id = (value: string | undefined, label: string, flag: string): string => {
    if (value === undefined) {
      notes.push(
        `fill in <${label}>: the immutable ${label.toLowerCase().replace('_', ' ')} (${flag}, from the GitHub API's "id" field); no token matches the policy until then`,
      );
      return `<${label}>`;
    }
    if (!NUMERIC_ID.test(value)) throw new Error(`${flag} must be a number, got '${value}'`);
    return value;
  };
  const owned = `${owner}@${id(ownerId, 'OWNER_ID', '--owner-id')}`;
  const repo = `${name}@${id(repositoryId, 'REPOSITORY_ID', '--repository-id')}`;
  return { subject: `repo:${owned}/${repo}:${context}`, broad: context === '*' };
}

/**
 * One line on the subject format, printed only for a names-only policy on an issuer that also
 * issues immutable-ID subjects: which format a repository gets is not known here, so the note
 * says when the other applies and the flags that write it.
 */
function namesOnlyNote(repository: string): string {
  return (
    `note: names-only subject repo:${repository}:...; repositories created, renamed or transferred since 15 July 2026 get repo:OWNER@OWNER_ID/NAME@REPO_ID:... instead. ` +
    `If runs are refused, add --owner-id and --repository-id (gh api repos/${repository} --jq .owner.id,.id)`
  );
}

/** key:value pairs in the template's order, as GitHub renders a customised subject. */
function templateSubject(
  options: TrustPolicyOptions,
  notes: string[],
): { subject: string; broad: boolean } {
  const keys = options.subjectClaims ?? [];
  if (keys.length === 0) throw new Error('a subject template needs at least one claim key');
  const unknown = keys.filter((key) => !TEMPLATE_CLAIM_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new Error(
      `unknown claim key ${unknown.join(', ')}; GitHub's are ${TEMPLATE_CLAIM_KEYS.join(', ')}`,
    );
  }
  const [owner] = options.repository.split('/');
  const context = contextOf(options);
  const known: Record<string, string | undefined> = {
    repo: options.repository,
    repository: options.repository,
    repository_owner: owner,
    repository_id: options.repositoryId,
    repository_owner_id: options.ownerId,
    environment: options.environment,
    ref: context.startsWith('ref:') ? context.slice(4) : undefined,
    ...options.claimValues,
  };
  let broad = true;
  const parts = keys.map((key) => {
    if (key === 'context') {
      if (context !== '*') broad = false;
      return context;
    }
    const value = known[key];
    if (value === undefined) {
      notes.push(
        `fill in <${key.toUpperCase()}>: the ${key} claim of the runs to admit (--claim ${key}=VALUE); no token matches the policy until then`,
      );
      broad = broad && !NARROWING_KEYS.includes(key);
      return `${key}:<${key.toUpperCase()}>`;
    }
    if (NARROWING_KEYS.includes(key) && value !== '*') broad = false;
    return `${key}:${value}`;
  });
  return { subject: parts.join(':'), broad };
}

/** The `sub` to expect for this token: its own, else one built from its other claims. */
export function subjectForClaims(claims: Readonly<Record<string, unknown>>): string | undefined {
  const sub = claimString(claims, 'sub', 'skip');
  if (sub !== undefined) return sub;
  const repository = claimString(claims, 'repository', 'skip');
  if (repository === undefined) return undefined;
  return `repo:${repository}:${contextOfClaims(claims) ?? '*'}`;
}

/** The Condition block that admits exactly this token's run: its own issuer, audience and subject. */
export function conditionBlockFor(
  claims: Readonly<Record<string, unknown>>,
  audience: string | undefined,
): ConditionBlock {
  const host = issuerHostOf(claims);
  const values: Record<string, string> = {};
  // The token's own aud is what STS compares; the requested audience is only a fallback.
  const aud = claimString(claims, 'aud', 'skip') ?? audience;
  if (aud !== undefined) values[`${host}:aud`] = aud;
  const sub = subjectForClaims(claims);
  if (sub !== undefined) values[`${host}:sub`] = sub;
  return { StringEquals: values };
}
