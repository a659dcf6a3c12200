// parseConfig helpers shared by the config tests: a base step (us-east-1, one role ARN) that
// each case overrides, and the problems parseConfig reports as [input, message] pairs.
import { parseConfig } from '../src/config/parse-config.js';
import type { Config } from '../src/config/types.js';
import type { RunContext } from '../src/model/run-context.js';
import { InputErrors } from '../src/model/errors.js';
import type { RawInputs } from '../src/config/input-names.js';
import { runContext } from './context.js';
import { ROLE, rawInputs } from './inputs.js';

export const OIDC = runContext({ isOidcAvailable: true });
export const NO_OIDC = runContext({ isOidcAvailable: false });

/** Stored keys from AWS's documentation examples. */
export const KEYS = {
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

export const MFA_DEVICE = 'arn:aws:iam::111111111111:mfa/alice';

const BASE: Partial<RawInputs> = { awsRegion: 'us-east-1', roleToAssume: ROLE.deploy };

export function configFor(overrides: Partial<RawInputs>, ctx: RunContext = OIDC): Config {
  return parseConfig(rawInputs({ ...BASE, ...overrides }), ctx);
}

/** The problems parseConfig reports; throws when it accepts the inputs. */
export function problemsFor(
  overrides: Partial<RawInputs>,
  ctx: RunContext = OIDC,
): { input: string; message: string }[] {
  try {
    configFor(overrides, ctx);
  } catch (error) {
    if (!(error instanceof InputErrors)) throw error;
    return error.errors.map((e) => ({ input: e.input, message: e.message }));
  }
  throw new Error('parseConfig accepted the inputs');
}
