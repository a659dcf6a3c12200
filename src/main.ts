import { readCoreInput, readGitHubContext } from './config/read-inputs.js';
import { runMain } from './run.js';
import { createGitHubRunner } from './publish/runner.js';
import { abortableSleep } from './aws/sleep.js';

// Entry point of the main step: wire the real world, then run.
await runMain({
  env: process.env,
  runner: createGitHubRunner(),
  readInput: readCoreInput,
  github: await readGitHubContext(),
  now: () => new Date(),
  random: Math.random,
  sleep: abortableSleep,
});
// The run is over and reported, and everything is written (the runner's file commands are
// synchronous). End now: a request the action gave up on must not keep the step alive, e.g. a
// token request (core.getIDToken has no abort signal) or a credential_process that hangs in the
// AWS default chain after action-timeout-s fired.
process.exit();
