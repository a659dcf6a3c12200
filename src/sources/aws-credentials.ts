import type { SourceConfig } from '../config/types.js';
import { InputError } from '../model/errors.js';
import { INPUT } from '../config/input-names.js';
import type { CredentialSource } from './types.js';
import type { Env } from '../model/env.js';
import type { AwsCredentials } from '../aws/sts-gateway.js';

/** Stored keys from secrets (already masked when inputs were read). */
export function staticKeysSource(
  source: Extract<SourceConfig, { kind: 'static-keys' }>,
): CredentialSource {
  return {
    obtain: async () => ({
      kind: 'aws',
      description: `stored keys (${INPUT.awsAccessKeyId})`,
      credentials: {
        accessKeyId: source.accessKeyId,
        secretAccessKey: source.secretAccessKey,
        sessionToken: source.sessionToken,
      },
    }),
  };
}

/** The credentials in the job's environment: the access key pair (with its token), if both are set. */
export function envCredentials(env: Env): AwsCredentials | undefined {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'] ?? '';
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'] ?? '';
  if (accessKeyId === '' || secretAccessKey === '') return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env['AWS_SESSION_TOKEN'] || undefined };
}

/** Credentials an earlier step exported into this job's environment (role chaining). */
export function roleChainingSource(env: Env): CredentialSource {
  return {
    async obtain() {
      const credentials = envCredentials(env);
      if (credentials === undefined) {
        throw new InputError(
          INPUT.roleChaining,
          'is true, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set. Run a credentials step before this one ' +
            '(with output-env-credentials left true), or use role-chain to do every hop in one step.',
        );
      }
      return {
        kind: 'aws',
        description: 'credentials from an earlier step (role chaining)',
        credentials,
      };
    },
  };
}

/**
 * The AWS SDK's default chain (env, shared files, SSO, container and instance roles), for
 * self-hosted runners. Loaded only on this path: it is the one place the SDK earns its weight.
 */
export function defaultChainSource(): CredentialSource {
  return {
    async obtain() {
      const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
      // The chain moves past a provider that fails (e.g. a credential_process printing invalid
      // JSON) and ends with a generic "Could not load credentials"; its logger still sees why.
      const failures: string[] = [];
      const note = (message: unknown): void => {
        if (typeof message === 'string') failures.push(message);
      };
      const logger = { debug: note, info: () => undefined, warn: note, error: note };
      try {
        const credentials = await defaultProvider({ logger })();
        return {
          kind: 'aws',
          description: 'the AWS default credential chain',
          credentials: {
            accessKeyId: credentials.accessKeyId,
            secretAccessKey: credentials.secretAccessKey,
            sessionToken: credentials.sessionToken,
            expiration: credentials.expiration,
          },
        };
      } catch (error) {
        const cause = chainFailureCause(error, failures);
        if (cause !== undefined)
          throw new Error(
            `The AWS default credential chain found a credential configuration on the runner but could not use it: ${cause}`,
          );
        // No input is at fault (the job lacks a permission), so none is named.
        throw new Error(
          'No source credentials were found: the job has no `id-token: write` permission for GitHub OIDC, no ' +
            `${INPUT.awsAccessKeyId}, no ${INPUT.webIdentityTokenFile}, and no credentials in the environment or on the runner. ` +
            'Add `permissions: id-token: write` to the job (the usual fix), or pass stored keys from secrets.',
        );
      }
    },
  };
}

const NO_CREDENTIALS = 'Could not load credentials from any providers';

/**
 * Why the default chain failed, when a configured provider broke (rather than none being
 * configured): the error itself when the chain stopped on it, else what a credential_process
 * reported on the way. Undefined means "no credentials anywhere".
 */
export function chainFailureCause(error: unknown, logged: readonly string[]): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes(NO_CREDENTIALS)) return message;
  const causes = logged
    .map((line) => line.replace(/^@smithy\/property-provider (?:->|\(!\)) /, ''))
    .filter((line) => /credential_process|Command failed/.test(line))
    .filter((line) => !/did not contain credential_process/.test(line));
  return causes.length > 0 ? [...new Set(causes)].join('; ') : undefined;
}
