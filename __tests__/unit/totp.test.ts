import { decodeBase32, isBase32, totp } from '../../src/model/totp.js';

// RFC 6238 Appendix B: seeds are the ASCII digits "1234567890" repeated to the hash's key size.
const SEED = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
} as const;

describe('totp: RFC 6238 Appendix B test vectors (8 digits, 30 s step)', () => {
  test.each([
    { time: 59, sha1: '94287082', sha256: '46119246', sha512: '90693936' },
    { time: 1111111109, sha1: '07081804', sha256: '68084774', sha512: '25091201' },
    { time: 1111111111, sha1: '14050471', sha256: '67062674', sha512: '99943326' },
    { time: 1234567890, sha1: '89005924', sha256: '91819424', sha512: '93441116' },
    { time: 2000000000, sha1: '69279037', sha256: '90698825', sha512: '38618901' },
    { time: 20000000000, sha1: '65353130', sha256: '77737706', sha512: '47863826' },
  ])('T = $time', ({ time, sha1, sha256, sha512 }) => {
    expect({
      sha1: totp(SEED.sha1, time, 8),
      sha256: totp(SEED.sha256, time, 8, 30, 'sha256'),
      sha512: totp(SEED.sha512, time, 8, 30, 'sha512'),
    }).toEqual({ sha1, sha256, sha512 });
  });

  test.each([
    { name: 'six digits are the last six of the 8-digit code', time: 59, expected: '287082' },
    { name: 'leading zeros kept', time: 1111111109, expected: '081804' },
    { name: 'same 30 s window, same code', time: 60 + 29, expected: totp(SEED.sha1, 60) },
  ])('$name', ({ time, expected }) => {
    expect(totp(SEED.sha1, time)).toBe(expected);
  });

  test('the base32 form of the RFC seed gives the RFC code', () => {
    expect(totp(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), 1234567890, 8)).toBe('89005924');
  });
});

describe('decodeBase32: RFC 4648 section 10 test vectors', () => {
  test.each([
    { encoded: '', decoded: '' },
    { encoded: 'MY======', decoded: 'f' },
    { encoded: 'MZXQ====', decoded: 'fo' },
    { encoded: 'MZXW6===', decoded: 'foo' },
    { encoded: 'MZXW6YQ=', decoded: 'foob' },
    { encoded: 'MZXW6YTB', decoded: 'fooba' },
    { encoded: 'MZXW6YTBOI======', decoded: 'foobar' },
    { encoded: 'MZXW6YTBOI', decoded: 'foobar' },
  ])("'$encoded' → '$decoded'", ({ encoded, decoded }) => {
    expect(decodeBase32(encoded).toString('latin1')).toBe(decoded);
  });

  test('binary output', () => {
    expect(decodeBase32('JBSWY3DPEHPK3PXP').toString('hex')).toBe('48656c6c6f21deadbeef');
  });

  test.each(['MZXW6YT1', 'mzxw6ytb', 'MZXW 6YTB'])("'%s' is refused", (encoded) => {
    expect(() => decodeBase32(encoded)).toThrow('not base32');
  });
});

describe('isBase32', () => {
  test.each([
    { text: 'JBSWY3DPEHPK3PXP', expected: true },
    { text: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', expected: true },
    { text: 'MZXW6YTBOI======', expected: false },
    { text: 'JBSWY3DPEHPK3PX', expected: false },
    { text: 'jbswy3dpehpk3pxp', expected: false },
    { text: 'JBSWY3DPEHPK3PX1', expected: false },
    { text: '', expected: false },
  ])("'$text' → $expected", ({ text, expected }) => {
    expect(isBase32(text)).toBe(expected);
  });
});
