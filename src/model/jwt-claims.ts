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

/** A claim as a string, if present. */
export function claimString(claims: TokenClaims | undefined, name: string): string | undefined {
  const value = claims?.[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : undefined;
}
