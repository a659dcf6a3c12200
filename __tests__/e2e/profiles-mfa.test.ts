// MFA on the first AssumeRole hop (a typed code, or one computed from a TOTP secret) and a
// source identity set once on the first hop of a chain.
import { jest } from '@jest/globals';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { createHmac } from 'node:crypto';
import { runStep, type StepResult } from './harness/runner.js';
import { STORED_KEYS, expectNoLeaks, oidcEnv, stsInputs, useStack } from './harness/stack.js';

jest.setTimeout(STEP_TEST_TIMEOUT_MS);

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const TOOLING = 'arn:aws:iam::222222222222:role/tooling';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const stack = useStack();

/** RFC 4648 base32 → bytes, written independently of the action's decoder. */
function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...text.replace(/=+$/, '')]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) for one time-step counter. */
function totpAt(key: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac.at(-1) ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The lines a step printed before the first `::add-mask::VALUE` line for `value`. */
function linesBeforeMask(step: StepResult, value: string): string[] {
  const lines = step.log.split('\n');
  const at = lines.findIndex((line) => line.trim() === `::add-mask::${value}`);
  if (at < 0) throw new Error('the value was never masked');
  return lines.slice(0, at);
}

test('stored keys + a typed MFA code: SerialNumber and TokenCode sent, code masked before any log line', async () => {
  const code = '123456';
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': GATEWAY,
      'mfa-serial-number': MFA_SERIAL,
      'mfa-token-code': code,
    },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack, [...Object.values(STORED_KEYS), code]);
  const [call, ...rest] = stack.proxy.records();
  expect(rest).toHaveLength(0);
  expect(call?.action).toBe('AssumeRole');
  expect(call?.accessKeyId).toBe(STORED_KEYS['aws-access-key-id']);
  expect(call?.params['SerialNumber']).toBe(MFA_SERIAL);
  expect(call?.params['TokenCode']).toBe(code);
  // Only other masks come before it: nothing at all is printed before the code is masked.
  for (const line of linesBeforeMask(step, code)) expect(line).toMatch(/^::add-mask::/);
});

test('stored keys + a TOTP secret: TokenCode is the RFC 6238 code of the current window', async () => {
  const started = Math.floor(Date.now() / 1000);
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': GATEWAY,
      'mfa-serial-number': MFA_SERIAL,
      'mfa-totp-secret': TOTP_SECRET,
    },
  });
  const ended = Math.floor(Date.now() / 1000);
  expect(step.exitCode).toBe(0);
  const sent = stack.proxy.records()[0]?.params['TokenCode'] ?? '';
  expect(sent).toMatch(/^\d{6}$/);
  // The step's window, widened by one on each side so a boundary crossing cannot flake.
  const key = base32(TOTP_SECRET);
  const allowed = new Set<string>();
  for (let c = Math.floor(started / 30) - 1; c <= Math.floor(ended / 30) + 1; c++)
    allowed.add(totpAt(key, c));
  expect(allowed).toContain(sent);
  expect(stack.proxy.records()[0]?.params['SerialNumber']).toBe(MFA_SERIAL);
  expectNoLeaks(step, stack, [...Object.values(STORED_KEYS), TOTP_SECRET, sent]);
  expect(step.masks).toContain(sent);
});

test('MFA with several profiles: one GetSessionToken carries the code, each first AssumeRole is signed by it', async () => {
  const code = '654321';
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': GATEWAY,
      profiles: `tooling: ${TOOLING}\naudit: arn:aws:iam::333333333333:role/audit`,
      'mfa-serial-number': MFA_SERIAL,
      'mfa-token-code': code,
    },
  });
  expect(step.exitCode).toBe(0);
  const records = stack.proxy.records();
  const withCode = records.filter((r) => r.params['TokenCode'] !== undefined);
  expect(withCode.map((r) => [r.action, r.params['TokenCode']])).toEqual([
    ['GetSessionToken', code],
  ]);
  const mfaSession = withCode[0]?.issuedAccessKeyId;
  expect(mfaSession).toBeDefined();
  const assumed = records.filter((r) => r.action === 'AssumeRole');
  expect(assumed).toHaveLength(3);
  for (const r of assumed) expect(r.accessKeyId).toBe(mfaSession);
  expectNoLeaks(step, stack, [...Object.values(STORED_KEYS), code]);
});

test('MFA code and a 5xx: the code is not sent a second time; the error says why', async () => {
  stack.proxy.inject({ action: 'AssumeRole', times: 1, fault: { kind: 'status', status: 503 } });
  const code = '112233';
  const step = await runStep({
    entry: 'main',
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': GATEWAY,
      'mfa-serial-number': MFA_SERIAL,
      'mfa-token-code': code,
    },
  });
  expect(step.exitCode).not.toBe(0);
  const sent = stack.proxy.records().filter((r) => r.params['TokenCode'] === code);
  expect(sent).toHaveLength(1);
  expect(step.log).toMatch(/::error::.*MFA: the code was already sent once/);
  expect(step.env).toEqual({});
  expectNoLeaks(step, stack, [...Object.values(STORED_KEYS), code]);
});

test('the test TOTP matches the RFC 6238 SHA-1 vectors (checks the checker)', () => {
  // RFC 6238 appendix B: key "12345678901234567890", 8 digits; the last 6 digits are the 6-digit code.
  const key = Buffer.from('12345678901234567890');
  expect(base32(TOTP_SECRET)).toEqual(key);
  expect(totpAt(key, Math.floor(59 / 30))).toBe('287082');
  expect(totpAt(key, Math.floor(1111111109 / 30))).toBe('081804');
  expect(totpAt(key, Math.floor(1234567890 / 30))).toBe('005924');
});

test('MFA with the OIDC source is an input error before any request', async () => {
  const oidcBefore = stack.oidc.requests().length;
  const step = await runStep({
    entry: 'main',
    env: oidcEnv(stack),
    inputs: {
      ...stsInputs(stack),
      'role-to-assume': GATEWAY,
      'mfa-serial-number': MFA_SERIAL,
      'mfa-token-code': '123456',
    },
  });
  expect(step.exitCode).not.toBe(0);
  expect(step.log).toContain('`mfa-serial-number`');
  expect(step.log).toContain('stored keys');
  expect(stack.proxy.records()).toHaveLength(0);
  expect(stack.oidc.requests()).toHaveLength(oidcBefore);
  expect(step.env).toEqual({});
  expectNoLeaks(step, stack, ['123456']);
});

test('source identity {actor}: sent on hop 1 only, and shown in the summary', async () => {
  const step = await runStep({
    entry: 'main',
    env: { GITHUB_ACTOR: 'octocat' },
    inputs: {
      ...stsInputs(stack),
      ...STORED_KEYS,
      'role-to-assume': GATEWAY,
      'role-chain': TOOLING,
      'source-identity': '{actor}',
    },
  });
  expect(step.exitCode).toBe(0);
  expectNoLeaks(step, stack, Object.values(STORED_KEYS));
  const [hop1, hop2] = stack.proxy.records();
  expect(hop1?.params['SourceIdentity']).toBe('octocat');
  expect(hop2?.params['RoleArn']).toBe(TOOLING);
  expect(hop2?.accessKeyId).toBe(hop1?.issuedAccessKeyId);
  expect(hop2?.params).not.toHaveProperty('SourceIdentity');
  // The hop table's source-identity column, not just the actor in the Trigger row.
  expect(step.summary).toMatch(/\| 1 \| gateway \| 111111111111 \| GitHubActions \| octocat \|/);
  const chain = JSON.parse(step.outputs['aws-session-chain'] ?? '[]') as Record<string, unknown>[];
  expect(chain[0]?.['sourceIdentity']).toBe('octocat');
});
