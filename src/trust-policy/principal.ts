import { PARTITIONS } from '../model/arn.js';
import { strings } from './variables.js';

/** The partition and account of the role whose trust policy is checked, when the input names it. */
export interface RoleAccount {
  readonly partition: string;
  readonly accountId: string;
}

/** Whether a statement's principal names the token's OIDC provider, or why that is unknown. */
export interface PrincipalMatch {
  readonly matched: boolean;
  /** A line on how it matched or why not, when the plain wording would hide something. */
  readonly note?: string;
  /** Set when the checker cannot tell; the evaluator's rule for unknowns decides. */
  readonly unknown?: string;
  /** The provider's accounts as the policy names them, when the role's account is not known. */
  readonly uncompared?: string;
}

/** A statement's Principal and NotPrincipal elements, as parsed from JSON. */
export interface PrincipalElements {
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
}

const PROVIDER_ARN = /^arn:([a-z-]+):iam::([^:]*):oidc-provider\/(.+)$/;

/**
 * Principal.Federated names the provider ARN, arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST, with
 * HOST the issuer without its scheme; STS looks the provider up in the role's own account, so an
 * ARN in another account or partition never names it. The ARN is parsed whole: a forged one that
 * merely ends in oidc-provider/HOST does not match. "*" and {"AWS": "*"} name every principal; an
 * AWS, Service or CanonicalUser principal never names a web-identity caller. NotPrincipal (not
 * supported in trust policies) and forms not understood here are unknown.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function principalMatches(
  statement: PrincipalElements,
  provider: string,
  role: RoleAccount | undefined,
): PrincipalMatch {
  if (statement.NotPrincipal !== undefined) {
    return { matched: false, unknown: 'NotPrincipal is not evaluated here' };
  }
  const principal = statement.Principal;
  if (principal === '*') return { matched: true };
  const formUnknown = { matched: false, unknown: 'this Principal form is not understood here' };
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
    return formUnknown;
  }
  const entries = Object.entries(principal as Record<string, unknown>);
  const known = ['AWS', 'Federated', 'Service', 'CanonicalUser'];
  if (entries.length === 0 || entries.some(([type]) => !known.includes(type))) return formUnknown;
  const record = principal as { AWS?: unknown; Federated?: unknown };
  if (strings(record.AWS).includes('*')) return { matched: true };
  const arns = strings(record.Federated)
    .map((arn) => PROVIDER_ARN.exec(arn))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => (PARTITIONS as readonly string[]).includes(m[1] ?? '') && m[3] === provider);
  if (arns.length === 0) return { matched: false };
  if (role === undefined) {
    return { matched: true, uncompared: arns.map((m) => `${m[2]} (${m[1]})`).join(', ') };
  }
  if (arns.some((m) => m[1] === role.partition && m[2] === role.accountId))
    return { matched: true };
  const named = arns.map((m) => `account ${m[2]} (${m[1]})`).join(', ');
  return {
    matched: false,
    note: `Principal.Federated names the provider for ${provider} in ${named}, but the role is in account ${role.accountId} (${role.partition}): STS uses the provider in the role's account`,
  };
}
