// Types for jwt.mjs (hand-written: the scripts run under plain node, with no build step).
import type { KeyObject } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** `header.claims` as sent, the input the signature covers. */
  signingInput: string;
  signature: Buffer;
}

export function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  privateKey: KeyObject,
): string;
/** Throws unless the token has three parts with JSON header and claims. */
export function decodeJwt(token: string): DecodedJwt;
export function verifyJwt(token: string, publicKey: KeyObject): boolean;
