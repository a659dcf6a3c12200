import { PARTITIONS, accountOfArn, defaultAudience, type Partition } from '../model/arn.js';
import { claimString, type TokenClaims } from '../model/jwt-claims.js';
import { GITHUB_OIDC_HOST, issuerHostOf } from '../trust-policy/issuer.js';

/** The IAM OIDC provider a failed web-identity call needed, as every diagnosis names it. */
export interface ProviderTarget {
  /** The role's partition ('aws' when the role is unknown). */
  readonly partition: Partition;
  /** The role's account, or the placeholder ACCOUNT_ID. */
  readonly account: string;
  /** The token issuer's host and path, e.g. token.actions.githubusercontent.com. */
  readonly host: string;
  /** arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST */
  readonly arn: string;
  /**
   * The audience STS compared: the token's aud, else the one the run asked for, else the
   * partition's default (China's STS expects sts.amazonaws.com.cn, not sts.amazonaws.com).
   */
  readonly audience: string;
}

/** The provider target of a run, from the token's claims, the requested audience and the role. */
export function providerTarget(
  claims: TokenClaims | undefined,
  audience: string | undefined,
  roleArn: string | undefined,
): ProviderTarget {
  const named = roleArn?.split(':')[1];
  const partition: Partition = PARTITIONS.find((p) => p === named) ?? 'aws';
  const account = (roleArn && accountOfArn(roleArn)) ?? 'ACCOUNT_ID';
  const host = claims === undefined ? GITHUB_OIDC_HOST : issuerHostOf(claims);
  return {
    partition,
    account,
    host,
    arn: `arn:${partition}:iam::${account}:oidc-provider/${host}`,
    audience: claimString(claims, 'aud') ?? audience ?? defaultAudience(partition),
  };
}
