import { defaultAudience } from '../model/arn.js';
import { inputName as input } from '../config/input-names.js';
import { providerTarget } from './provider-target.js';

/**
 * Failures of AssumeRoleWithWebIdentity that are not the trust policy's doing, told apart by
 * STS's own message: no IAM OIDC provider for the issuer, an audience the provider does not
 * list, and a token STS still refused as expired or unverifiable after fresh ones.
 */

type ClaimSet = Readonly<Record<string, unknown>>;

/** What these diagnoses read: STS's message, the token's claims, the run's audience and role. */
export interface ProviderFailure {
  readonly awsMessage: string;
  readonly claims: ClaimSet | undefined;
  readonly audience: string | undefined;
  readonly roleArn: string | undefined;
  readonly sourceKind: string;
}

interface Explained {
  title: string;
  lines: string[];
}

/** STS's text when the role's account has no IAM OIDC provider for the token's issuer. */
const NO_PROVIDER = /No OpenIDConnect provider found in your account for (\S+?)\.?$/i;
/** STS's text when the token's aud is not in the provider's client-ID list. */
const WRONG_AUDIENCE = /Incorrect token audience/i;

/**
 * Any 40 hex digits: IAM verifies GitHub's issuer with its library of trusted root CAs and keeps
 * the thumbprint unused, but CLIs released before IAM made it optional still require one.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateOpenIDConnectProviderThumbprint.html
 */
export const PLACEHOLDER_THUMBPRINT = 'ffffffffffffffffffffffffffffffffffffffff';

/** The templates in this repository that create the provider along with a role. */
const PROVIDER_TEMPLATES =
  'templates/cloudformation/github-oidc-deploy-role.yaml (CreateOidcProvider: true) or templates/terraform/github-oidc-role (create_oidc_provider = true)';

/** No provider for the issuer: the create command for this issuer and audience, and templates. */
export function diagnoseMissingProvider(failure: ProviderFailure): Explained | undefined {
  const named = NO_PROVIDER.exec(failure.awsMessage.trim());
  if (named === null) return undefined;
  const { account, audience, host } = targetOf(failure);
  const issuer = named[1] ?? `https://${host}`;
  const create = `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list ${audience}`;
  return {
    title: `No OIDC provider registered for ${issuer} in account ${account}`,
    lines: [
      `STS verifies the token only through an IAM OIDC provider in the role's account. Register it once per account (run with credentials of account ${account}):`,
      `  ${create}`,
      `AWS CLIs released before July 2024 (e.g. v2 2.9, Debian 12's awscli) also require a thumbprint: add --thumbprint-list ${PLACEHOLDER_THUMBPRINT} (any 40 hex digits; IAM does not use it for GitHub's issuer).`,
      `Or deploy ${PROVIDER_TEMPLATES}.`,
    ],
  };
}

/** The token's aud is missing from the provider's client-ID list: show it and both fixes. */
export function diagnoseAudience(failure: ProviderFailure): Explained | undefined {
  if (!WRONG_AUDIENCE.test(failure.awsMessage)) return undefined;
  const { host, audience, partition, arn: provider } = targetOf(failure);
  return {
    title: `The token's audience ${audience} is not in the client-ID list of the OIDC provider for ${host}`,
    lines: [
      `This run's token: aud ${audience} (set by the ${input('audience')} input). STS accepts only audiences listed as client IDs of ${provider}.`,
      `Fix one side: remove the ${input('audience')} input, so the token carries ${defaultAudience(partition)} (the client ID the setup registers), or add this audience to the provider:`,
      `  aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider} --client-id ${audience}`,
      `The trust policy's ${host}:aud condition must name the same audience.`,
    ],
  };
}

/** A token STS still found expired or unverifiable after fresh ones: the usual causes. */
export function diagnoseStaleToken(failure: ProviderFailure): Explained {
  const lines =
    failure.sourceKind === 'web-identity-token-file'
      ? [
          `The token in ${input('webIdentityTokenFile')} had expired or could not be verified: it was most likely written too early. Write the file right before this step, with a token valid for at least a few minutes.`,
          "Or the runner's clock is off: STS compares the token's iat and exp with its own time. Check the runner's time sync (NTP).",
        ]
      : [
          "A fresh token was fetched for each try and STS still refused it: the runner's clock is most likely off. STS compares the token's iat and exp with its own time; check the runner's time sync (NTP).",
          'If a step writes the token to a file for another tool, it must write it right before that tool runs.',
        ];
  return { title: 'STS refused the web identity token as expired or unverifiable', lines };
}

/** Cause line for any AccessDenied on a role: it may not exist at all, or be mistyped. */
export function roleMissingCause(roleArn: string | undefined): string {
  if (roleArn === undefined) return 'the role does not exist or the ARN is mistyped';
  const name = roleArn.split(':role/')[1] ?? roleArn;
  return `the role does not exist or the ARN is mistyped: STS answers a missing role with the same AccessDenied; check that account ${providerTarget(undefined, undefined, roleArn).account} has a role named ${name}`;
}

const targetOf = (failure: ProviderFailure) =>
  providerTarget(failure.claims, failure.audience, failure.roleArn);
