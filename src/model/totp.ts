import { createHmac } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** True when the text is a non-empty RFC 4648 base32 string (padding optional). */
export function isBase32(text: string): boolean {
  return /^[A-Z2-7]+=*$/.test(text) && text.replace(/=+$/, '').length >= 16;
}

/** Decodes RFC 4648 base32 (upper case, optional padding). */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of clean) {
    const index = BASE32_ALPHABET.indexOf(ch);
    if (index === -1) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * The RFC 6238 time-based one-time password for a key at a time: HMAC-SHA1 over the
 * 30-second counter, dynamically truncated (RFC 4226 section 5.3).
 */
export function totp(
  key: Buffer,
  unixSeconds: number,
  digits = 6,
  stepSeconds = 30,
  algorithm = 'sha1',
): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / stepSeconds)));
  const mac = createHmac(algorithm, key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}
