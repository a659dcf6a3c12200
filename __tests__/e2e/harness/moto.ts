// moto_server as the e2e STS backend: one implementation, shared with the demo/bench scripts,
// lives in scripts/lib/moto.mjs (plain ESM, typed by moto.d.mts; its header records how moto
// handles accounts). The e2e suites import it from here.
export {
  DEFAULT_ACCOUNT_ID,
  createRole,
  motoRequest,
  requireMoto,
  resetMoto,
  startMoto,
} from '../../../scripts/lib/moto.mjs';
export type { Moto, RoleSpec } from '../../../scripts/lib/moto.mjs';
// The suites take a free port from here (e.g. for a closed STS endpoint).
export { freePort } from '../../../scripts/lib/proc.mjs';
