import type { RunContext } from '../model/run-context.js';
import { INPUT } from './input-names.js';
import type { SourceKind } from './types.js';

/** The raw facts that decide the credential source. */
export interface SourceFacts {
  readonly requested: string;
  readonly hasRole: boolean;
  readonly hasAccessKeyId: boolean;
  readonly hasTokenFile: boolean;
  readonly roleChaining: boolean;
  readonly forceSkipOidc: boolean;
}

const EXPLICIT_SOURCES: readonly SourceKind[] = [
  'oidc',
  'static-keys',
  'web-identity-token-file',
  'role-chaining',
  'default-chain',
];

/**
 * Picks the credential source with one documented precedence (README, "Which inputs select
 * which source"): role-chaining, stored keys, token file, GitHub OIDC, then the default chain.
 * Returns the kind and a one-line reason, or a problem with `credential-source`.
 */
export function selectSource(
  facts: SourceFacts,
  ctx: Pick<RunContext, 'isOidcAvailable'>,
): { kind: SourceKind; reason: string } | { problem: string } {
  if (facts.requested !== 'auto' && facts.requested !== '') {
    if (!(EXPLICIT_SOURCES as readonly string[]).includes(facts.requested)) {
      return { problem: `expected auto, ${EXPLICIT_SOURCES.join(', ')}; got '${facts.requested}'` };
    }
    return {
      kind: facts.requested as SourceKind,
      reason: `${INPUT.credentialSource} is ${facts.requested}`,
    };
  }
  // Role chaining is checked first and never falls back to OIDC: a second step that still
  // holds id-token: write must chain from the first step's role, not start over.
  if (facts.roleChaining) {
    return {
      kind: 'role-chaining',
      reason: `${INPUT.roleChaining} is true: the job's current credentials sign the request`,
    };
  }
  if (facts.hasAccessKeyId)
    return { kind: 'static-keys', reason: `${INPUT.awsAccessKeyId} is set` };
  if (facts.hasTokenFile)
    return { kind: 'web-identity-token-file', reason: `${INPUT.webIdentityTokenFile} is set` };
  if (facts.hasRole && ctx.isOidcAvailable && !facts.forceSkipOidc) {
    return { kind: 'oidc', reason: `${INPUT.roleToAssume} is set and the job has id-token: write` };
  }
  const why = !facts.hasRole
    ? 'no role-to-assume, keys or token file given'
    : facts.forceSkipOidc
      ? `${INPUT.forceSkipOidc} is true`
      : 'the job has no id-token: write permission (no ACTIONS_ID_TOKEN_REQUEST_URL)';
  return { kind: 'default-chain', reason: `${why}: using the AWS default credential chain` };
}
