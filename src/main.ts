import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from './run.js';
import { createGitHubRunner } from './runner.js';
import { abortableSleep } from './sleep.js';

// Entry point of the main step: wire the real world, then run.
// The helper's path is built at run time so the bundler leaves it alone (it would inline it).
const bundleDirectory = path.dirname(fileURLToPath(import.meta.url));
const helperParts = ['credential-process', 'index.js'];
const helper = path.join(bundleDirectory, ...helperParts);
await runMain({
  env: process.env,
  runner: createGitHubRunner(),
  now: () => new Date(),
  random: Math.random,
  sleep: abortableSleep,
  helperCommand: (specFile) => `"${process.execPath}" "${helper}" "${specFile}"`,
});
// Everything is written (the runner's file commands are synchronous). End now: a request the
// action gave up on, e.g. a credential_process that hangs in the AWS default chain after
// action-timeout-s fired, must not keep the step alive.
process.exit();
