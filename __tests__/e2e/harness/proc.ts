// Bounded child processes: one implementation, shared with the demo/bench scripts, lives in
// scripts/lib/proc.mjs (plain ESM, typed by proc.d.mts); the e2e suites import it from here.
export { baseEnv, runBounded, stopChild, which } from '../../../scripts/lib/proc.mjs';
export type { RunOptions, RunResult } from '../../../scripts/lib/proc.mjs';
