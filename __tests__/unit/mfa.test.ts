import { MFA_DEVICE } from '../../__fixtures__/config.js';
import { mfaSender } from '../../src/plan/mfa-rules.js';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('a typed code is sent once; the second use is refused with the earlier failure', () => {
  const masked: string[] = [];
  const send = mfaSender(
    { kind: 'code', serialNumber: MFA_DEVICE, code: '123456' },
    () => new Date(),
    (v) => masked.push(v),
  );
  expect(send(undefined)).toEqual({ serialNumber: MFA_DEVICE, tokenCode: '123456' });
  expect(() => send(new Error('HTTP 503'))).toThrow(/already sent once.*HTTP 503.*new code/);
  expect(masked).toContain('123456');
});

test('a TOTP secret: the same window is refused, the next window gives a new code', () => {
  let now = new Date('2026-11-30T12:00:05Z');
  const send = mfaSender(
    { kind: 'totp', serialNumber: MFA_DEVICE, secret: SECRET },
    () => now,
    () => undefined,
  );
  const first = send(undefined)?.tokenCode;
  expect(() => send(undefined)).toThrow(/already sent once/);
  now = new Date('2026-11-30T12:00:35Z');
  const second = send(undefined)?.tokenCode;
  expect(second).toMatch(/^\d{6}$/);
  expect(second).not.toBe(first);
});

test('no MFA configured: nothing to send', () => {
  expect(
    mfaSender(
      undefined,
      () => new Date(),
      () => undefined,
    )(undefined),
  ).toBeUndefined();
});
