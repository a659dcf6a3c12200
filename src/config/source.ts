// Source-related inputs: the chosen source's settings, and inputs that contradict it.
import * as path from 'node:path';
import { defaultAudience } from '../model/arn.js';
import type { Config, SourceConfig } from './types.js';
import type { RunContext } from '../model/run-context.js';
import { INPUT, type RawInputs } from './input-names.js';
import { Problems } from './input-problems.js';

export function buildSource(
  kind: SourceConfig['kind'],
  raw: RawInputs,
  ctx: RunContext,
  partition: Config['partition'],
  problems: Problems,
): SourceConfig {
  switch (kind) {
    case 'oidc':
      return { kind, audience: raw.audience === '' ? defaultAudience(partition) : raw.audience };
    case 'static-keys':
      return {
        kind,
        accessKeyId: raw.awsAccessKeyId,
        secretAccessKey: raw.awsSecretAccessKey,
        sessionToken: raw.awsSessionToken === '' ? undefined : raw.awsSessionToken,
      };
    case 'web-identity-token-file':
      if (raw.webIdentityTokenFile === '')
        problems.add(
          INPUT.webIdentityTokenFile,
          'is required when credential-source is web-identity-token-file',
        );
      return { kind, path: path.resolve(ctx.workspace, raw.webIdentityTokenFile) };
    default:
      return { kind };
  }
}

export function checkSourceConflicts(
  kind: SourceConfig['kind'],
  raw: RawInputs,
  roleChaining: boolean,
  unsetCurrent: boolean,
  ctx: RunContext,
  problems: Problems,
): void {
  if (raw.awsAccessKeyId !== '' && raw.awsSecretAccessKey === '') {
    problems.add(
      INPUT.awsSecretAccessKey,
      `is required with ${INPUT.awsAccessKeyId}; pass both from secrets`,
    );
  }
  if (raw.awsAccessKeyId === '' && (raw.awsSecretAccessKey !== '' || raw.awsSessionToken !== '')) {
    problems.add(
      INPUT.awsAccessKeyId,
      `is required with ${INPUT.awsSecretAccessKey}/${INPUT.awsSessionToken}`,
    );
  }
  if (kind !== 'static-keys' && raw.awsAccessKeyId !== '') {
    problems.add(
      INPUT.awsAccessKeyId,
      `is set, but the credential source is ${kind}; remove one of them so the source is unambiguous`,
    );
  }
  if (kind !== 'web-identity-token-file' && raw.webIdentityTokenFile !== '') {
    problems.add(
      INPUT.webIdentityTokenFile,
      `is set, but the credential source is ${kind}; remove one of them`,
    );
  }
  if (roleChaining && kind !== 'role-chaining') {
    problems.add(
      INPUT.roleChaining,
      `is true, but ${INPUT.credentialSource} is ${kind}; remove one of them`,
    );
  }
  if (kind === 'oidc' && !ctx.isOidcAvailable) {
    problems.add(
      INPUT.credentialSource,
      'oidc needs the job permission `id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is not set). ' +
        'Add `permissions: { id-token: write, contents: read }` to the job. Pull requests from forks never receive it.',
    );
  }
  if (kind === 'role-chaining' && unsetCurrent) {
    problems.add(
      INPUT.unsetCurrentCredentials,
      `would clear the credentials that ${INPUT.roleChaining} needs; set only one of them`,
    );
  }
  const needsRole =
    kind === 'oidc' || kind === 'web-identity-token-file' || kind === 'role-chaining';
  if (needsRole && raw.roleToAssume === '' && raw.profiles === '') {
    problems.add(INPUT.roleToAssume, `is required with the ${kind} source`);
  }
}
