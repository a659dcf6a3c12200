// RS256 JWT signing and checking: one implementation, shared with the OIDC stand-in of the
// demo/bench scripts, lives in scripts/lib/jwt.mjs (typed by jwt.d.mts).
export { decodeJwt, signJwt, verifyJwt } from '../../../scripts/lib/jwt.mjs';
export type { DecodedJwt } from '../../../scripts/lib/jwt.mjs';
