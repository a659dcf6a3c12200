// Session-wide options: source identity, MFA, refresh, profile name.
import type { HopChain, MfaConfig, ProfileSpec, SourceConfig } from './types.js';

import { INPUT, type RawInputs } from './input-names.js';
import { sessionNameProblem } from '../model/session-name.js';
import { isWebIdentitySource } from '../model/source-kind.js';
import { isBase32 } from '../model/totp.js';
import { Problems } from './input-problems.js';

const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function parseSourceIdentity(
  raw: string,
  chains: readonly HopChain[],
  sourceKind: SourceConfig['kind'],
  problems: Problems,
): string | undefined {
  if (raw === '') return undefined;
  const problem = sessionNameProblem(raw);
  if (problem !== undefined) {
    problems.add(INPUT.sourceIdentity, problem);
    return undefined;
  }
  // STS accepts SourceIdentity on AssumeRole only; a web identity sets it through a token claim.
  if (isWebIdentitySource(sourceKind) && chains.every((chain) => chain.length < 2)) {
    problems.add(
      INPUT.sourceIdentity,
      'is sent on the first AssumeRole hop, and an OIDC or token-file source has none: ' +
        `AssumeRoleWithWebIdentity does not take it. Add a hop with ${INPUT.roleChain}, or remove ${INPUT.sourceIdentity}.`,
    );
  }
  return raw;
}

export function parseMfa(
  raw: RawInputs,
  sourceKind: SourceConfig['kind'],
  problems: Problems,
): MfaConfig | undefined {
  const serial = raw.mfaSerialNumber;
  if (serial === '') {
    if (raw.mfaTokenCode !== '' || raw.mfaTotpSecret !== '') {
      problems.add(
        INPUT.mfaSerialNumber,
        `is required with ${INPUT.mfaTokenCode} or ${INPUT.mfaTotpSecret}`,
      );
    }
    return undefined;
  }
  if (sourceKind !== 'static-keys') {
    problems.add(
      INPUT.mfaSerialNumber,
      `works only with stored keys (${INPUT.awsAccessKeyId}); STS does not accept MFA on ${sourceKind === 'oidc' ? 'AssumeRoleWithWebIdentity' : `the ${sourceKind} source`}`,
    );
  }
  if (!/^(arn:[\w-]+:iam::\d{12}:mfa\/[\w+=,.@/-]+|[\w+=/:,.@-]{9,256})$/.test(serial)) {
    problems.add(
      INPUT.mfaSerialNumber,
      `'${serial}' is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice`,
    );
  }
  if ((raw.mfaTokenCode === '') === (raw.mfaTotpSecret === '')) {
    problems.add(
      INPUT.mfaSerialNumber,
      `needs exactly one of ${INPUT.mfaTokenCode} or ${INPUT.mfaTotpSecret}`,
    );
    return undefined;
  }
  if (raw.mfaTokenCode !== '') {
    if (!/^\d{6}$/.test(raw.mfaTokenCode))
      problems.add(INPUT.mfaTokenCode, 'must be the six digits your MFA device shows');
    return { serialNumber: serial, kind: 'code', code: raw.mfaTokenCode };
  }
  const secret = raw.mfaTotpSecret.replace(/\s+/g, '').toUpperCase();
  if (!isBase32(secret))
    problems.add(INPUT.mfaTotpSecret, 'must be a base32 secret (letters A-Z and digits 2-7)');
  return { serialNumber: serial, kind: 'totp', secret };
}

export function checkRefresh(
  sourceKind: SourceConfig['kind'],
  raw: RawInputs,
  profiles: readonly ProfileSpec[],
  problems: Problems,
): void {
  if (sourceKind === 'static-keys') {
    problems.add(
      INPUT.refreshCredentials,
      'is refused for stored keys: refreshing would mean writing long-lived keys to disk. Use OIDC, or a shorter deploy.',
    );
  } else if (!isWebIdentitySource(sourceKind)) {
    problems.add(
      INPUT.refreshCredentials,
      `works with the oidc and web-identity-token-file sources, not ${sourceKind}`,
    );
  }
  if (raw.awsProfile === '' && profiles.length === 0) {
    problems.add(
      INPUT.refreshCredentials,
      `needs ${INPUT.awsProfile} or ${INPUT.profiles}: clients refresh through a profile's credential_process`,
    );
  }
}

export function parseProfileName(raw: string, problems: Problems): string | undefined {
  if (raw === '') return undefined;
  if (!PROFILE_NAME.test(raw))
    problems.add(INPUT.awsProfile, `'${raw}' must be 1-64 characters of letters, digits and _.-`);
  return raw;
}
