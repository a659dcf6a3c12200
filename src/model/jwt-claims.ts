/** Claims of a JWT payload. The signature is not checked: STS does that; we only explain. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** Decodes a JWT's payload, or undefined when the text is not a JWT. Never logs the token. */
export function decodeJwtClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as TokenClaims)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A claim as a string, if present. A list (an `aud` may be one) is joined with commas for
 * display; `lists: 'skip'` treats it as absent, for callers that match a single value.
 */
export function claimString(
  claims: TokenClaims | undefined,
  name: string,
  lists: 'join' | 'skip' = 'join',
): string | undefined {
  const value = claims?.[name];
  if (typeof value === 'string') return value;
  return Array.isArray(value) && lists === 'join' ? value.join(',') : undefined;
}
