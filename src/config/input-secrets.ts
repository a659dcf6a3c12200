import type { Env } from '../model/env.js';
import type { RawInputs } from './input-names.js';
import { PROXY_URL_VARIABLES } from '../model/proxy-variables.js';
import { proxySecrets } from './proxy-url.js';
import { hopLineSecrets } from './role-chain-line.js';

/** The secrets in the raw inputs, to mask before parsing so even an input error cannot echo one. */
export interface InputSecrets {
  /** Values given as secrets: masked whatever their length. */
  readonly secrets: readonly string[];
  /** Values that may be secrets (words of hop lines whose key was mistyped): masked when not trivial. */
  readonly candidates: readonly string[];
}

/** Returns the secrets of the raw inputs and of the runner's token variable. */
export function inputSecrets(raw: RawInputs, env: Env): InputSecrets {
  return {
    secrets: [
      raw.awsAccessKeyId,
      raw.awsSecretAccessKey,
      raw.awsSessionToken,
      raw.mfaTokenCode,
      raw.mfaTotpSecret,
      raw.roleExternalId,
      ...proxySecrets(raw.httpProxy),
      ...proxySecrets(raw.stsEndpoint),
      ...PROXY_URL_VARIABLES.flatMap((variable) => proxySecrets(env[variable] ?? '')),
      env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '',
    ].filter((value) => value !== ''),
    // External IDs (and values whose key was mistyped) in chain lines, before parsing can fail.
    candidates: [...hopLineSecrets(raw.roleChain), ...hopLineSecrets(raw.profiles)],
  };
}
