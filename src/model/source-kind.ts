/**
 * The credential sources that start with AssumeRoleWithWebIdentity: a JWT, not AWS keys, signs
 * the first hop, so there is no caller account, no SourceIdentity and no session tags on it.
 */
const WEB_IDENTITY_SOURCE_KINDS = ['oidc', 'web-identity-token-file'] as const;

export type WebIdentitySourceKind = (typeof WEB_IDENTITY_SOURCE_KINDS)[number];

/** True for a source kind whose first call is AssumeRoleWithWebIdentity. */
export function isWebIdentitySource(kind: string): kind is WebIdentitySourceKind {
  return (WEB_IDENTITY_SOURCE_KINDS as readonly string[]).includes(kind);
}

/** True for a source (anything with a source kind) that starts with AssumeRoleWithWebIdentity. */
export function hasWebIdentitySource<S extends { readonly kind: string }>(
  source: S,
): source is Extract<S, { readonly kind: WebIdentitySourceKind }> {
  return isWebIdentitySource(source.kind);
}
