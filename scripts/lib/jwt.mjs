// Minimal RS256 JWT signing and checking with node:crypto, so neither the e2e suite nor the
// scripts need a JWT library, and tests can verify what the OIDC stand-in issued.
// Shared with the e2e harness (harness/jwt.ts re-exports this; types in jwt.d.mts).
import { createSign, createVerify } from 'node:crypto';

const b64url = (data) => Buffer.from(data).toString('base64url');

export function signJwt(header, claims, privateKey) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${b64url(signature)}`;
}

/** Splits and parses a JWT without checking it. */
export function decodeJwt(token) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`not a JWT: ${parts.length} parts`);
  const [h = '', c = '', s = ''] = parts;
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    claims: JSON.parse(Buffer.from(c, 'base64url').toString('utf8')),
    signingInput: `${h}.${c}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

/** True when the RS256 signature matches the public key. */
export function verifyJwt(token, publicKey) {
  const jwt = decodeJwt(token);
  if (jwt.header.alg !== 'RS256') return false;
  return createVerify('RSA-SHA256').update(jwt.signingInput).verify(publicKey, jwt.signature);
}
