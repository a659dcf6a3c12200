import { PARTITIONS, accountOfArn, parseAssumedRoleArn } from '../model/arn.js';
import { HopError, OidcTokenError, StsCallError, messageOf } from '../model/errors.js';
import { inputName as input } from '../config/input-names.js';
import { tokenLines } from './web-identity.js';
import {
  diagnoseAudience,
  diagnoseMissingProvider,
  diagnoseStaleToken,
  roleMissingCause,
} from './oidc-provider.js';
import { providerTarget } from './provider-target.js';
import { isStaleWebIdentityToken } from '../aws/retry.js';

/** A short, secret-free explanation of a failure: the likely cause and what to change. */
export interface Diagnosis {
  title: string;
  lines: string[];
}

export interface DiagnosisContext {
  readonly sourceKind: string;
  /** Decoded claims only; the token itself never reaches this module. */
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
  readonly audience?: string | undefined;
  /** True when the failing call carried an MFA code, so a bare AccessDenied may be the code. */
  readonly usesMfa?: boolean | undefined;
}

/** What the STS rules see: the error, the run's context, and the hop's role when known. */
interface Failure extends DiagnosisContext {
  readonly error: StsCallError;
  readonly roleArn: string | undefined;
}

type Advice = [title: string, ...lines: string[]];
type Rule = (failure: Failure) => Diagnosis | undefined;

const diagnosis = (title: string, ...lines: string[]): Diagnosis => ({ title, lines });

const CHAIN_LINE = 'on a role-chain or profiles line';
const SKIP_TAGS = `${input('roleSkipSessionTagging')}: true`;
const POLICY_INPUTS = `${input('inlineSessionPolicy')} and ${input('managedSessionPolicies')}`;
const OIDC_TITLE = 'GitHub did not issue an OIDC token to this job';
const DENIAL = /User: (arn:\S+) is not authorized to perform: \S+ on resource: (arn:\S+)/;

/** Fixed advice, title first, for failures whose cause the error alone tells. */
const ADVICE = {
  oidcToken: [
    OIDC_TITLE,
    'Grant the job `permissions: id-token: write` (for a reusable workflow, the calling job too); a permissions block drops every scope it omits.',
    'Pull requests from forks never get an OIDC token: deploy on push or workflow_dispatch, or skip this step when github.event.pull_request.head.repo.fork is true.',
  ],
  oidcServerError: [
    OIDC_TITLE,
    'The token endpoint failed or answered something unusable: re-run the job; if it persists, check githubstatus.com.',
  ],
  passRole: [
    'iam:PassRole was denied: a different permission from assuming a role',
    'It lets a caller hand a role to a service (ECS task, Lambda, CloudFormation): grant it in the identity policy of the role this action assumed, on the ARN of the passed role. Trust policies play no part.',
  ],
  badKeys: [
    'AWS did not accept the source access keys',
    `The keys are wrong, deactivated or deleted, or have stray whitespace; temporary keys (ASIA...) also need ${input('awsSessionToken')}.`,
    `Keys work only in their own partition (${PARTITIONS.join(', ')}), and an opt-in region must be enabled for the account: check ${input('awsRegion')}.`,
  ],
  regionDisabled: [
    'STS is not activated in this region for the account',
    `Activate it in IAM > Account settings > STS endpoints, or choose another ${input('awsRegion')}.`,
  ],
  malformedPolicy: ['STS rejected the session policy', `Check ${POLICY_INPUTS}.`],
  packedPolicy: [
    'The session policies and session tags are too large once packed',
    `Shorten ${POLICY_INPUTS} or the tags (${input('customTags')}, ${input('transitiveTagKeys')}); ${SKIP_TAGS} sends none.`,
  ],
} satisfies Record<string, Advice>;

const advice = (key: keyof typeof ADVICE): Diagnosis => diagnosis(...(ADVICE[key] as Advice));

/** Returns the most likely cause and fix for a failure of this action, or undefined when unknown. */
export function diagnoseFailure(error: unknown, context: DiagnosisContext): Diagnosis | undefined {
  const hop = error instanceof HopError ? error : undefined;
  const inner = hop === undefined ? error : hop.cause;
  if (inner instanceof OidcTokenError) {
    // Only a refusal points at the permission; a broken answer is GitHub's side.
    const refused =
      !inner.retryable &&
      (inner.status === 401 || inner.status === 403 || inner.status === undefined);
    return advice(
      refused && !/not JSON|without a token/.test(inner.message) ? 'oidcToken' : 'oidcServerError',
    );
  }
  // PassRole is never an STS problem, so it wins over any STS error code.
  if (/iam:PassRole/i.test(messageOf(inner))) return advice('passRole');
  if (!(inner instanceof StsCallError)) return undefined;
  // STS names some codes with and some without the "Exception" suffix, depending on the API.
  const failure = { ...context, error: inner, roleArn: hop?.roleArn };
  const found = BY_CODE[inner.code.replace(/Exception$/, '')]?.(failure);
  const where = hop && hop.hopCount > 1 ? ` (hop ${hop.hopNumber} of ${hop.hopCount})` : '';
  return found && { ...found, title: found.title + where };
}

/** Renders a diagnosis as a title line followed by indented lines. */
export function formatDiagnosis(d: Diagnosis): string {
  return [d.title, ...d.lines.map((line) => `  ${line}`)].join('\n');
}

/** The rule for each STS error code, without "Exception"; AccessDenied tries the most specific first. */
const BY_CODE: Readonly<Record<string, Rule | undefined>> = {
  AccessDenied: (f) =>
    diagnoseProvider(f) ??
    diagnoseWebIdentity(f) ??
    diagnoseSessionFeature(f) ??
    diagnoseMfa(f) ??
    diagnoseAssumeRole(f),
  InvalidIdentityToken: (f) =>
    diagnoseProvider(f) ??
    (isStaleWebIdentityToken(f.error)
      ? diagnoseStaleToken(providerFailure(f))
      : diagnoseWebIdentity(f)),
  ValidationError: (f) => diagnoseDuration(f),
  ExpiredToken: (f) => diagnoseExpired(f),
  InvalidClientTokenId: () => advice('badKeys'),
  SignatureDoesNotMatch: () => advice('badKeys'),
  RegionDisabled: () => advice('regionDisabled'),
  MalformedPolicyDocument: () => advice('malformedPolicy'),
  PackedPolicyTooLarge: () => advice('packedPolicy'),
};

/** What the provider rules read of a failure. */
const providerFailure = (f: Failure) => ({
  awsMessage: f.error.awsMessage,
  claims: f.claims,
  audience: f.audience,
  roleArn: f.roleArn,
  sourceKind: f.sourceKind,
});

/** STS's message names the cause (no provider, wrong audience), whatever the code or operation. */
function diagnoseProvider(failure: Failure): Diagnosis | undefined {
  const found = providerFailure(failure);
  return diagnoseMissingProvider(found) ?? diagnoseAudience(found);
}

function diagnoseWebIdentity(failure: Failure): Diagnosis | undefined {
  if (failure.error.operation !== 'AssumeRoleWithWebIdentity') return undefined;
  const claims = failure.claims;
  const lines = claims === undefined ? [] : tokenLines(claims, failure.audience, failure.roleArn);
  const { host } = providerTarget(claims, failure.audience, failure.roleArn);
  // A missing provider or an audience the provider lacks has its own message and diagnosis.
  const causes = [
    "sub differs by trigger: environment jobs get repo:O/R:environment:NAME, pull requests repo:O/R:pull_request, tags repo:O/R:ref:refs/tags/TAG; a reusable workflow's is its caller's",
    `the policy's ${host}:aud is not the token's aud (${input('audience')})`,
    'the repository was renamed, transferred or changed case, or switched subject format; IAM compares sub case-sensitively',
    roleMissingCause(failure.roleArn),
  ];
  lines.push(...causes.map((cause) => `- ${cause}`));
  return { title: "The role's trust policy did not admit this workflow's OIDC token", lines };
}

/** Caller and resource from "User: ARN is not authorized to perform: ACTION on resource: ARN". */
function parseDenial(message: string): { caller: string; resource: string } | undefined {
  const [, caller, resource] = DENIAL.exec(message) ?? [];
  return caller && resource ? { caller, resource: resource.replace(/[.,;]+$/, '') } : undefined;
}

function diagnoseSessionFeature(failure: Failure): Diagnosis | undefined {
  const action = /sts:(TagSession|SetSourceIdentity)/i.exec(failure.error.awsMessage)?.[0];
  if (action === undefined) return undefined;
  const role = parseDenial(failure.error.awsMessage)?.resource ?? failure.roleArn ?? 'the role';
  const instead = /TagSession/i.test(action)
    ? `send no tags: ${SKIP_TAGS}, or skip-session-tagging ${CHAIN_LINE}`
    : `remove ${input('sourceIdentity')}`;
  return diagnosis(
    `The role's trust policy does not allow ${action}`,
    `Add ${action} next to sts:AssumeRole in the trust policy of ${role}, or ${instead}.`,
  );
}

function diagnoseMfa(failure: Failure): Diagnosis | undefined {
  const mentionsMfa = /MultiFactorAuthentication|\bMFA\b/i.test(failure.error.awsMessage);
  if (!mentionsMfa && failure.usesMfa !== true) return undefined;
  return diagnosis(
    'The role requires MFA, or STS rejected the MFA code',
    `Set ${input('mfaSerialNumber')} (the MFA device ARN of the IAM user whose keys are stored) and ${input('mfaTokenCode')}, or ${input('mfaTotpSecret')} to compute the code at run time.`,
    'A code is valid for about 30 seconds and only once: a re-run needs a fresh one.',
  );
}

function diagnoseAssumeRole(failure: Failure): Diagnosis | undefined {
  if (failure.error.operation !== 'AssumeRole') return undefined;
  const externalId = `If the trust policy requires sts:ExternalId, set ${input('roleExternalId')} (external-id= ${CHAIN_LINE}).`;
  const expected = diagnosis('The role expects a different external ID', externalId);
  if (/external ?id/i.test(failure.error.awsMessage)) return expected;
  const denial = parseDenial(failure.error.awsMessage);
  const role = denial?.resource ?? failure.roleArn ?? 'the role';
  const mfa = `If it requires MFA, set ${input('mfaSerialNumber')} and ${input('mfaTokenCode')}.`;
  const sides = bothSides(denial?.caller, role);
  const missing = `Or ${roleMissingCause(failure.roleArn ?? denial?.resource)}.`;
  return diagnosis(`sts:AssumeRole was denied on ${role}`, ...sides, missing, externalId, mfa);
}

/** The two policies that must both allow a caller to assume a role. */
function bothSides(caller: string | undefined, role: string): string[] {
  if (!caller)
    return ["The role's trust policy and the caller's identity policy must both allow it."];
  // A role session is trusted through its role, never through the session ARN.
  const { partition, accountId, roleName } = parseAssumedRoleArn(caller) ?? {};
  const principal = roleName ? `arn:${partition}:iam::${accountId}:role/${roleName}` : caller;
  const account = accountOfArn(caller);
  const root = account ? ` (or arn:${caller.split(':')[1]}:iam::${account}:root)` : '';
  return [
    `Caller: ${caller}`,
    `1. The identity policy of ${principal} must allow sts:AssumeRole on ${role}.`,
    `2. The trust policy of ${role} must name ${principal}${root} as Principal.`,
    account !== undefined && account === accountOfArn(role)
      ? "Same account: a trust policy naming the caller's own ARN suffices; naming :root also needs 1."
      : 'Across accounts both 1 and 2 are required.',
  ];
}

function diagnoseDuration(failure: Failure): Diagnosis | undefined {
  const duration = `${input('roleDurationSeconds')} (duration= ${CHAIN_LINE})`;
  if (/role chaining|1 hour session limit/i.test(failure.error.awsMessage)) {
    return diagnosis(
      'Chained role sessions are capped at 1 hour',
      `A role assumed with another role session's credentials lasts at most 3600 s, whatever its MaxSessionDuration: set ${duration} to 3600 or less.`,
    );
  }
  if (!/MaxSessionDuration/.test(failure.error.awsMessage)) return undefined;
  return diagnosis(
    'The requested session is longer than the role allows',
    `Raise the MaxSessionDuration of ${failure.roleArn ?? 'the role'} (at most 43200 s, 12 hours), or lower ${duration}.`,
  );
}

function diagnoseExpired(failure: Failure): Diagnosis {
  if (isStaleWebIdentityToken(failure.error)) return diagnoseStaleToken(providerFailure(failure));
  const fix =
    failure.sourceKind === 'static-keys'
      ? `The stored ${input('awsSessionToken')} is temporary and has expired: rotate the secret.`
      : 'They come from an earlier step: run it right before this one, or lengthen its session.';
  return diagnosis('The credentials or token sent to STS have expired', fix);
}
