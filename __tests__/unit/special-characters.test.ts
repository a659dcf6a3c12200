import { SPECIAL_CHARACTER_REISSUES } from '../../src/execute.js';

describe('special-characters-workaround bound', () => {
  // A 40-character base64 secret avoids `+` and `/` (2 of 64 symbols) with p = (62/64)^40.
  const plain = (62 / 64) ** 40;
  const sessions = SPECIAL_CHARACTER_REISSUES + 1;

  test('a run fails with probability below one in a million', () => {
    expect((1 - plain) ** sessions).toBeLessThan(1e-6);
  });

  test('one session fewer would not reach that bound (the count is the least that does)', () => {
    expect((1 - plain) ** (sessions - 1)).toBeGreaterThanOrEqual(1e-6);
  });
});
