// The runner emulation (one step of the action under node with INPUT_*/STATE_*, file commands,
// a Job that carries env/PATH/state/summaries between steps, a leak check on every step): one
// implementation, shared with the demo/bench scripts, lives in scripts/lib/runner.mjs (typed
// by runner.d.mts). This adds only what is particular to the e2e suite.
import { afterEach } from '@jest/globals';
import {
  createJob as createSharedJob,
  runStep as runSharedStep,
  type Job,
  type StepOptions,
  type StepResult,
} from '../../../scripts/lib/runner.mjs';

export {
  REPO_ROOT,
  actionInputDefaults,
  findMachineNode,
  findNode24,
  inputEnvName,
} from '../../../scripts/lib/runner.mjs';
export type { Job, StepOptions, StepResult } from '../../../scripts/lib/runner.mjs';

const openJobs: Job[] = [];

/**
 * A job (temp dirs holding credential and profile files) that is removed after the test that
 * made it, also when the test fails before its own cleanup() line.
 */
export function createJob(...args: Parameters<typeof createSharedJob>): Job {
  const job = createSharedJob(...args);
  openJobs.push(job);
  return job;
}

// Registered when a test file imports the harness, so it runs after each test of that file.
afterEach(() => {
  for (const job of openJobs.splice(0)) job.cleanup();
});

/**
 * Runs one step (see scripts/lib/runner.mjs). With E2E_RUNNER_DEBUG=1 (npm run test:e2e:debug)
 * the whole suite runs again as if the job had debug logging on (RUNNER_DEBUG=1), so every
 * leak check also covers the debug output; a test's own env still wins.
 */
export function runStep(opts: StepOptions): Promise<StepResult> {
  if (process.env['E2E_RUNNER_DEBUG'] !== '1') return runSharedStep(opts);
  return runSharedStep({ ...opts, env: { RUNNER_DEBUG: '1', ...opts.env } });
}
