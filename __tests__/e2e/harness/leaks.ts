// The leak checker (no secret in a log before its ::add-mask:: line): one implementation lives
// in scripts/lib/leaks.mjs (typed by leaks.d.mts), where the shared step runner checks every
// step with it. The e2e suites import it from here.
export { assertNoLeaks, collectSecrets, secretHint } from '../../../scripts/lib/leaks.mjs';
