// A shared Windows runner under the Windows node.exe (Wine): a profile file held open without
// delete sharing while the post step deletes it, and concurrent steps writing one shared
// USERPROFILE\.aws (harness/concurrent-steps.ts, the Linux e2e scenario, with a Wine runner),
// released together from an STS barrier so that their writes collide.
import { jest } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runConcurrentSteps, sectionsOf } from '../e2e/harness/concurrent-steps.js';
import { STORED_KEYS, oidcEnv, stsInputs } from '../e2e/harness/stack.js';
import { useWindowsStack } from './harness/windows-stack.js';
import {
  createJob,
  runWindowsStep,
  runWindowsSteps,
  WINDOWS_STEP_TIMEOUT_MS,
} from './harness/windows-runner.js';
import { startStsBarrier } from './harness/sts-barrier.js';
import { toLinuxPath } from './harness/wine-launch.js';

// The concurrent scenario: one round of main steps, then every post step: two launches.
jest.setTimeout(4 * WINDOWS_STEP_TIMEOUT_MS);

const ROLE = 'arn:aws:iam::111111111111:role/deploy';
const stack = useWindowsStack();

test('post step: the credentials file is held open without delete sharing for 300 ms: removed once free, no warning', async () => {
  const job = createJob({ prefix: 'e2e-win-' });
  const [main] = await runWindowsSteps([
    {
      entry: 'main',
      job,
      env: oidcEnv(stack),
      inputs: { ...stsInputs(stack), 'role-to-assume': ROLE, 'aws-profile': 'live' },
    },
  ]);
  expect(main?.exitCode).toBe(0);
  const credentials = toLinuxPath(main?.env['AWS_SHARED_CREDENTIALS_FILE'] ?? '');
  expect(existsSync(credentials)).toBe(true);

  // Held from before the post step starts until it has begun its work (its first file
  // command: it empties the exported variables before it deletes files) plus 300 ms.
  const [post] = await runWindowsSteps([{ entry: 'post', job }], ([prepared]) => [
    {
      id: 'credentials',
      target: credentials,
      releaseWhen: {
        directory: dirname(prepared?.files.GITHUB_ENV ?? ''),
        pattern: '^set_env$',
        nonEmpty: true,
      },
      releaseAfterMs: 300,
      maxMs: 60_000,
    },
  ]);
  expect(post?.log).not.toMatch(/::(warning|error)::/);
  expect(post?.exitCode).toBe(0);
  expect(existsSync(credentials)).toBe(false);
  expect(existsSync(dirname(credentials))).toBe(false);
});

const USER_CONFIG = '# my settings\n[profile mine]\nregion = eu-west-1\n';
const USER_CREDENTIALS = `[mine]\naws_access_key_id = ${STORED_KEYS['aws-access-key-id']}\naws_secret_access_key = ${STORED_KEYS['aws-secret-access-key']}\n`;

test('5 concurrent steps in one USERPROFILE "Jane & Co": no profile lost, each post step removes only its own', async () => {
  const shared = createJob({ prefix: 'e2e-win-shared-' });
  const userProfile = join(shared.root, 'Users', 'Jane & Co');
  const awsDirectory = join(userProfile, '.aws');
  mkdirSync(awsDirectory, { recursive: true });
  writeFileSync(join(awsDirectory, 'config'), USER_CONFIG);
  writeFileSync(join(awsDirectory, 'credentials'), USER_CREDENTIALS);
  const name = (index: number): string => `p${index}`;
  // Every main step gets its session at the same moment, so all five write at once.
  const barrier = await startStsBarrier(stack.proxy.url, 5);
  const outcome = await runConcurrentSteps({
    rounds: 1,
    concurrency: 5,
    inputs: (index) => ({
      ...stsInputs(stack),
      'sts-endpoint': barrier.url,
      // The first step waits at the barrier for the last one to start.
      'attempt-timeout-s': '60',
      profiles: `${name(index)}: ${ROLE}`,
      'profile-files-location': 'home',
    }),
    env: { ...oidcEnv(stack), USERPROFILE: userProfile },
    awsDirectory,
    createJob: () => createJob({ prefix: 'e2e-win-' }),
    runStep: runWindowsStep,
  }).finally(() => barrier.stop());
  const names = outcome.steps.map((s) => name(s.index));
  const headers = (text: string): string[] => sectionsOf(text).map((s) => s.header);
  const removedBy = (log: string): string[] => [
    ...new Set([...log.matchAll(/Removed .*?\[(?:profile )?(p\d+)\]/g)].map((m) => m[1] ?? '')),
  ];
  const tally = {
    mainsFailed: outcome.steps.filter((s) => s.main.exitCode !== 0).length,
    profilesLost: names.filter(
      (n) =>
        !headers(outcome.afterMains.credentials).includes(n) ||
        !headers(outcome.afterMains.config).includes(`profile ${n}`),
    ).length,
    postsFailedOrWarned: outcome.steps.filter(
      (s) => s.post.exitCode !== 0 || /::(warning|error)::/.test(s.post.log),
    ).length,
    postsNotRemovingExactlyTheirOwn: outcome.steps.filter(
      (s) => removedBy(s.post.log).join() !== name(s.index),
    ).length,
  };
  expect(tally).toEqual({
    mainsFailed: 0,
    profilesLost: 0,
    postsFailedOrWarned: 0,
    postsNotRemovingExactlyTheirOwn: 0,
  });
  expect(outcome.afterPosts).toEqual({ config: USER_CONFIG, credentials: USER_CREDENTIALS });
});
