import { accountOfArn, parseAssumedRoleArn } from './arn.js';
import { HopError, OidcTokenError, StsCallError, messageOf } from './errors.js';
import { INPUT } from './input-names.js';
import { claimString } from './jwt.js';
import { conditionBlockFor } from './trust-policy.js';

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

interface StsFailure {
  readonly operation: string;
  readonly code: string;
  readonly message: string;
  readonly roleArn: string | undefined;
}

type Rule = (failure: StsFailure, context: DiagnosisContext) => Diagnosis | undefined;

/** The claims trust policies match on, grouped into lines; sub and aud decide most refusals. */
const CLAIM_LINES = [
  ['sub'],
  ['aud'],
  ['repository', 'repository_owner', 'ref', 'environment', 'event_name'],
  ['iss', 'job_workflow_ref'],
];

const ON_CHAIN_LINE = 'on a role-chain or profiles line';
const EXTERNAL_ID_HINT = `If the trust policy requires sts:ExternalId, set \`${INPUT.roleExternalId}\` (external-id= ${ON_CHAIN_LINE}).`;

const diagnosis = (title: string, ...lines: string[]): Diagnosis => ({ title, lines });

/** Returns the most likely cause and fix for a failure of this action, or undefined when unknown. */
export function diagnoseFailure(error: unknown, context: DiagnosisContext): Diagnosis | undefined {
  const hop = error instanceof HopError ? error : undefined;
  const inner = hop === undefined ? error : hop.cause;
  if (inner instanceof OidcTokenError) return diagnoseOidcToken(inner);
  // PassRole is never an STS problem, so it wins over any STS error code.
  if (/iam:PassRole/i.test(messageOf(inner))) return diagnosePassRole();
  if (!(inner instanceof StsCallError)) return undefined;
  const failure = {
    operation: inner.operation,
    code: inner.code,
    message: inner.awsMessage,
    roleArn: hop?.roleArn,
  };
  const rules = BY_CODE[failure.code] ?? [];
  for (const rule of rules) {
    const found = rule(failure, context);
    if (found === undefined) continue;
    if (hop === undefined || hop.hopCount < 2) return found;
    return { ...found, title: `${found.title} (hop ${hop.hopNumber} of ${hop.hopCount})` };
  }
  return undefined;
}

/** Renders a diagnosis as a title line followed by indented lines. */
export function formatDiagnosis(d: Diagnosis): string {
  return [d.title, ...d.lines.map((line) => `  ${line}`)].join('\n');
}

function diagnoseOidcToken(error: OidcTokenError): Diagnosis {
  const title = 'GitHub did not issue an OIDC token to this job';
  if ((error.status ?? 0) >= 500)
    return diagnosis(title, "GitHub's token service failed; re-run the job.");
  return diagnosis(
    title,
    'Grant the job `permissions: id-token: write` (a permissions block drops every scope it omits).',
    'A reusable workflow gets its permissions from the caller, so the calling job needs it too.',
    'Pull requests from forks never get an OIDC token: deploy on push or workflow_dispatch,',
    '  or skip this step when github.event.pull_request.head.repo.fork is true.',
  );
}

function diagnosePassRole(): Diagnosis {
  return diagnosis(
    'iam:PassRole was denied: a different permission from assuming a role',
    'iam:PassRole lets the caller hand a role to a service (ECS task role, Lambda execution role,',
    '  CloudFormation service role). Grant it in the identity policy of the role this action assumed,',
    '  on the ARN of the role being passed. Changing trust policies does not help.',
  );
}

function diagnoseWebIdentity(
  failure: StsFailure,
  context: DiagnosisContext,
): Diagnosis | undefined {
  if (failure.operation !== 'AssumeRoleWithWebIdentity') return undefined;
  const lines: string[] = [];
  const claims = context.claims;
  if (claims !== undefined) {
    const pairs = (names: string[]): string[] =>
      names.flatMap((name) => {
        const value = claimString(claims, name);
        return value === undefined ? [] : [`${name}: ${value}`];
      });
    const claimLines = CLAIM_LINES.map((names) => pairs(names).join(', ')).filter(
      (line) => line !== '',
    );
    lines.push(
      "This run's token (trust policies match on these claims):",
      ...claimLines.map((l) => `  ${l}`),
    );
    const condition = JSON.stringify(conditionBlockFor(claims, context.audience));
    lines.push('A Condition that admits exactly this run:', `  ${condition}`);
  }
  const causes = [
    'sub differs by trigger: environment jobs get repo:O/R:environment:NAME, pull requests ' +
      "repo:O/R:pull_request, tags repo:O/R:ref:refs/tags/TAG; a reusable workflow's sub is its caller's",
    `the policy's token.actions.githubusercontent.com:aud differs from the token's (\`${INPUT.audience}\`)`,
    'the target account has no IAM OIDC provider for https://token.actions.githubusercontent.com',
    'the repository was renamed, transferred or changed case; IAM compares sub case-sensitively',
  ];
  const first = /No OpenIDConnect provider found/i.test(failure.message)
    ? 2
    : /audience/i.test(failure.message)
      ? 1
      : 0;
  causes.unshift(...causes.splice(first, 1));
  lines.push(...causes.map((cause) => `- ${cause}`));
  return { title: "The role's trust policy did not admit this workflow's OIDC token", lines };
}

/** Caller and resource from "User: ARN is not authorized to perform: ACTION on resource: ARN". */
function parseDenial(message: string): { caller: string; resource: string } | undefined {
  const match = /User: (arn:\S+) is not authorized to perform: \S+ on resource: (arn:\S+)/.exec(
    message,
  );
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { caller: match[1], resource: match[2].replace(/[.,;]+$/, '') };
}

function diagnoseSessionFeature(failure: StsFailure): Diagnosis | undefined {
  const action = /sts:(TagSession|SetSourceIdentity)/i.exec(failure.message)?.[0];
  if (action === undefined) return undefined;
  const role = parseDenial(failure.message)?.resource ?? failure.roleArn ?? 'the role';
  const alternative = /TagSession/i.test(action)
    ? `or send no tags: \`${INPUT.roleSkipSessionTagging}: true\`, or skip-session-tagging ${ON_CHAIN_LINE}.`
    : `or remove \`${INPUT.sourceIdentity}\`.`;
  return diagnosis(
    `The role's trust policy does not allow ${action}`,
    `Add ${action} next to sts:AssumeRole in the trust policy statement of ${role},`,
    alternative,
  );
}

function diagnoseMfa(failure: StsFailure, context: DiagnosisContext): Diagnosis | undefined {
  if (!/MultiFactorAuthentication|\bMFA\b/i.test(failure.message) && context.usesMfa !== true)
    return undefined;
  return diagnosis(
    'The role requires MFA, or STS rejected the MFA code',
    `Set \`${INPUT.mfaSerialNumber}\` (the MFA device ARN of the IAM user whose keys are stored)`,
    `  and \`${INPUT.mfaTokenCode}\`, or \`${INPUT.mfaTotpSecret}\` to compute the code at run time.`,
    'A code is valid for about 30 seconds and only once: a re-run needs a fresh one.',
  );
}

function diagnoseAssumeRole(failure: StsFailure): Diagnosis | undefined {
  if (failure.operation !== 'AssumeRole') return undefined;
  if (/external ?id/i.test(failure.message)) {
    return diagnosis('The role expects a different external ID', EXTERNAL_ID_HINT);
  }
  const denial = parseDenial(failure.message);
  const role = denial?.resource ?? failure.roleArn ?? 'the role';
  const lines =
    denial === undefined
      ? [`Both the caller's identity policy and the trust policy of ${role} must allow it.`]
      : bothSides(denial.caller, role);
  lines.push(
    EXTERNAL_ID_HINT,
    `If it requires MFA, set \`${INPUT.mfaSerialNumber}\` and \`${INPUT.mfaTokenCode}\`.`,
  );
  return { title: `sts:AssumeRole was denied on ${role}`, lines };
}

/** The two policies that must both allow a caller to assume a role. */
function bothSides(caller: string, role: string): string[] {
  // A role session is trusted through its role, never through the session ARN.
  const session = parseAssumedRoleArn(caller);
  const principal = session
    ? `arn:${session.partition}:iam::${session.accountId}:role/${session.roleName}`
    : caller;
  const account = accountOfArn(caller);
  const root =
    account === undefined ? '' : ` (or arn:${caller.split(':')[1] ?? 'aws'}:iam::${account}:root)`;
  return [
    `Caller: ${caller}`,
    `Role:   ${role}`,
    `1. The identity policy of ${principal} must allow sts:AssumeRole on ${role}.`,
    `2. The trust policy of ${role} must name ${principal}${root} as Principal.`,
    account !== undefined && account === accountOfArn(role)
      ? "Same account: a trust policy naming the caller's own ARN suffices alone; naming :root also needs 1."
      : 'Across accounts both 1 and 2 are required.',
  ];
}

function diagnoseDuration(failure: StsFailure): Diagnosis | undefined {
  const shorter = `\`${INPUT.roleDurationSeconds}\` (duration= ${ON_CHAIN_LINE})`;
  if (/role chaining|1 hour session limit/i.test(failure.message)) {
    return diagnosis(
      'Chained role sessions are capped at 1 hour',
      "A role assumed with another role session's credentials lasts at most 3600 s, whatever its MaxSessionDuration.",
      `Set ${shorter} to 3600 or less.`,
    );
  }
  if (!/MaxSessionDuration/.test(failure.message)) return undefined;
  return diagnosis(
    'The requested session is longer than the role allows',
    `Raise the MaxSessionDuration of ${failure.roleArn ?? 'the role'} (up to 43200 s, 12 hours),`,
    `  or lower ${shorter}.`,
  );
}

function diagnoseExpired(failure: StsFailure, context: DiagnosisContext): Diagnosis {
  if (failure.operation === 'AssumeRoleWithWebIdentity') {
    return diagnosis(
      'The web identity token expired before STS accepted it',
      'Re-run the job; a token file written by an earlier step must be written right before this step.',
    );
  }
  return diagnosis(
    'The source credentials have expired',
    context.sourceKind === 'static-keys'
      ? `The stored \`${INPUT.awsSessionToken}\` is temporary and has expired: rotate the secret, or store long-lived keys.`
      : 'Credentials from an earlier step have expired: re-run that step right before this one, or lengthen its session.',
  );
}

const diagnoseBadKeys: Rule = () =>
  diagnosis(
    'AWS did not accept the source access keys',
    'The keys are wrong, deactivated or deleted, or the secret has stray whitespace: check the stored secrets.',
    `Temporary keys (starting ASIA) also need \`${INPUT.awsSessionToken}\`.`,
    `Keys work only in their own partition (aws, aws-cn, aws-us-gov): check \`${INPUT.awsRegion}\`;`,
    '  an opt-in region must also be enabled for the account.',
  );

const diagnoseRegionDisabled: Rule = () =>
  diagnosis(
    'STS is not activated in this region for the account',
    'Activate the region in IAM > Account settings > Security Token Service (STS) endpoints,',
    `  or choose another \`${INPUT.awsRegion}\` (or \`${INPUT.stsEndpoint}\`).`,
  );

const POLICY_INPUTS = `\`${INPUT.inlineSessionPolicy}\` and \`${INPUT.managedSessionPolicies}\``;

const diagnoseMalformedPolicy: Rule = () =>
  diagnosis(
    'STS rejected the session policy',
    `Check ${POLICY_INPUTS}: valid IAM policy JSON and managed policy ARNs.`,
  );

const diagnosePackedPolicy: Rule = () =>
  diagnosis(
    'The session policies and session tags are too large once packed',
    `Shorten ${POLICY_INPUTS}, or the tags from \`${INPUT.customTags}\` and \`${INPUT.transitiveTagKeys}\`;`,
    `  \`${INPUT.roleSkipSessionTagging}: true\` sends no tags at all.`,
  );

/** Rules for refusals, most specific first; every other known code has its own entry below. */
const ACCESS_RULES: readonly Rule[] = [
  diagnoseWebIdentity,
  diagnoseSessionFeature,
  diagnoseMfa,
  diagnoseAssumeRole,
];

const BY_CODE: Readonly<Record<string, readonly Rule[] | undefined>> = {
  AccessDenied: ACCESS_RULES,
  InvalidIdentityToken: [diagnoseWebIdentity],
  ValidationError: [diagnoseDuration],
  ExpiredToken: [diagnoseExpired],
  ExpiredTokenException: [diagnoseExpired],
  InvalidClientTokenId: [diagnoseBadKeys],
  SignatureDoesNotMatch: [diagnoseBadKeys],
  RegionDisabledException: [diagnoseRegionDisabled],
  MalformedPolicyDocument: [diagnoseMalformedPolicy],
  MalformedPolicyDocumentException: [diagnoseMalformedPolicy],
  PackedPolicyTooLarge: [diagnosePackedPolicy],
  PackedPolicyTooLargeException: [diagnosePackedPolicy],
};

/** Warnings for credentials left by an earlier step that would shadow the ones this step sets up. */
export function staleCredentialWarnings(facts: {
  hasAccessKeyId: boolean;
  profile?: string | undefined;
  exportsEnvCredentials: boolean;
  writesProfiles: boolean;
  unsetCurrent: boolean;
}): string[] {
  if (facts.unsetCurrent) return [];
  const fix = `Set \`${INPUT.unsetCurrentCredentials}: true\` to clear them first.`;
  const warnings: string[] = [];
  if (facts.writesProfiles && !facts.exportsEnvCredentials && facts.hasAccessKeyId) {
    warnings.push(
      'AWS_ACCESS_KEY_ID from an earlier step is still set; SDKs and the AWS CLI use environment keys ' +
        `before any profile not named explicitly, so later steps may act as the old identity. ${fix}`,
    );
  }
  if (facts.profile !== undefined && facts.profile !== '' && facts.exportsEnvCredentials) {
    warnings.push(
      `AWS_PROFILE=${facts.profile} from an earlier step is still set; the AWS CLI and most SDKs use the keys ` +
        `this step exports, but the JavaScript SDK v3 prefers AWS_PROFILE, so tools may disagree. ${fix}`,
    );
  }
  return warnings;
}
