// The stand-in for GitHub's OIDC token endpoint: one implementation (fault injection, request
// records), shared with the demo/bench scripts, lives in scripts/lib/oidc.mjs (typed by
// oidc.d.mts). The e2e suites import it from here.
export { startOidcServer } from '../../../scripts/lib/oidc.mjs';
export type {
  OidcFaults,
  OidcRequest,
  OidcServer,
  OidcServerOptions,
} from '../../../scripts/lib/oidc.mjs';
