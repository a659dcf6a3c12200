import type { MfaConfig } from '../config/types.js';
import { messageOf } from '../model/errors.js';
import { decodeBase32, totp } from '../model/totp.js';

/** An MFA device and the code to send now, for one STS call. */
export type MfaParams = { readonly serialNumber: string; readonly tokenCode: string };

/**
 * Returns a function that yields the MFA parameters for the next call, and throws instead of
 * sending a code that was sent before (a retry after a 5xx, a second session): AWS accepts a
 * code once, and a repeat only fails with a misleading AccessDenied. A TOTP secret may yield
 * a new code once its 30-second window has passed. Every code is masked before it is returned.
 */
export function mfaSender(
  mfa: MfaConfig | undefined,
  now: () => Date,
  mask: (value: string) => void,
): (previousError: unknown) => MfaParams | undefined {
  const sent = new Set<string>();
  return (previousError) => {
    if (mfa === undefined) return undefined;
    const tokenCode =
      mfa.kind === 'code'
        ? mfa.code
        : totp(decodeBase32(mfa.secret), Math.floor(now().getTime() / 1000));
    mask(tokenCode);
    if (sent.has(tokenCode)) {
      const earlier =
        previousError === undefined
          ? ''
          : ` The attempt that used it failed: ${messageOf(previousError)}.`;
      throw new Error(
        `MFA: the code was already sent once, and AWS accepts a code only once, so it is not sent again.${earlier} ` +
          (mfa.kind === 'code'
            ? 'Re-run the job with a new code, or use mfa-totp-secret, which makes a new code every 30 seconds.'
            : 'Re-run the job.'),
      );
    }
    sent.add(tokenCode);
    return { serialNumber: mfa.serialNumber, tokenCode };
  };
}
