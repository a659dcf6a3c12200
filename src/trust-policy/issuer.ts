import type { Partition } from '../model/arn.js';
import { ACCOUNT_ID_PATTERN } from '../model/limits.js';

/**
 * Issuers of GitHub Actions OIDC tokens, and the IAM names built from them. IAM names the OIDC
 * provider, and prefixes its condition keys, with the issuer URL minus its scheme (host and path).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 *
 * - github.com: https://token.actions.githubusercontent.com
 *   https://docs.github.com/en/actions/reference/security/oidc
 * - GitHub Enterprise Cloud with a unique issuer (include_enterprise_slug):
 *   https://token.actions.githubusercontent.com/SLUG
 *   https://docs.github.com/en/enterprise-cloud@latest/rest/actions/oidc
 * - GitHub Enterprise Server: https://HOST/_services/token
 *   https://docs.github.com/en/enterprise-server@3.19/actions/reference/security/oidc
 */

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
/** Shown in place of the account when none is given; IAM rejects the ARN until it is filled in. */
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';

export interface Issuer {
  /** https://host/path, as in the token's iss claim. */
  readonly url: string;
  /** host/path: the provider ARN's resource and the condition-key prefix. */
  readonly host: string;
  readonly kind: 'github.com' | 'enterprise' | 'ghes';
}

const HOSTNAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d+)?$/;

/** The issuer for --issuer URL or --ghes-host HOST (github.com when neither); throws on bad input. */
export function resolveIssuer(options: { issuer?: string; ghesHost?: string }): Issuer {
  const { issuer, ghesHost } = options;
  if (issuer !== undefined && ghesHost !== undefined) {
    throw new Error('give either an issuer or a GHES host, not both');
  }
  if (ghesHost !== undefined) {
    const host = ghesHost.replace(/^https:\/\//, '').replace(/\/+$/, '');
    if (!HOSTNAME.test(host)) {
      throw new Error(
        `GHES host must be a host name such as github.example.com; got '${ghesHost}'`,
      );
    }
    return issuerOfUrl(`https://${host}/_services/token`);
  }
  if (issuer === undefined) return issuerOfUrl(`https://${GITHUB_OIDC_HOST}`);
  if (!/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(issuer)) {
    throw new Error(`issuer must be an https:// URL, as in the token's iss claim; got '${issuer}'`);
  }
  return issuerOfUrl(issuer);
}

function issuerOfUrl(url: string): Issuer {
  const host = url.replace(/^https:\/\//, '').replace(/\/+$/, '');
  const kind =
    host === GITHUB_OIDC_HOST
      ? 'github.com'
      : host.startsWith(`${GITHUB_OIDC_HOST}/`)
        ? 'enterprise'
        : 'ghes';
  return { url: `https://${host}`, host, kind };
}

/** The condition-key prefix and provider name of a token's issuer (github.com's when it has none). */
export function issuerHostOf(claims: Readonly<Record<string, unknown>>): string {
  const iss = claims['iss'];
  return typeof iss === 'string' ? issuerOfUrl(iss).host : GITHUB_OIDC_HOST;
}

/** The ARN of an issuer's OIDC provider in an account (a placeholder account when none is given). */
export function providerArnFor(
  partition: Partition,
  accountId: string | undefined,
  host: string = GITHUB_OIDC_HOST,
): string {
  if (accountId !== undefined && !ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new Error(`account ID must be 12 digits, got '${accountId}'`);
  }
  return `arn:${partition}:iam::${accountId ?? ACCOUNT_PLACEHOLDER}:oidc-provider/${host}`;
}
