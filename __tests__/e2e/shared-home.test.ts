// Several runner services under one user share one HOME: concurrent steps writing ~/.aws
// (profile-files-location: home) lose no profile, and every post step removes exactly its own
// sections, so no credentials are left behind (issue 24).
import { jest } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConcurrentSteps, sectionsOf } from './harness/concurrent-steps.js';
import { STEP_TEST_TIMEOUT_MS } from './harness/limits.js';
import { createJob, runStep } from './harness/runner.js';
import { STORED_KEYS, oidcEnv, stsInputs, useStack } from './harness/stack.js';

// 18 main and 18 post steps, six at a time: ~10 s idle, several times that on a loaded machine.
const SCENARIO_TIMEOUT_MS = 3 * STEP_TEST_TIMEOUT_MS;
jest.setTimeout(SCENARIO_TIMEOUT_MS);

const DEV = 'arn:aws:iam::111111111111:role/deploy';
const stack = useStack();

const USER_CONFIG = '# my settings\n[profile mine]\nregion = eu-west-1\n';
const USER_CREDENTIALS = `[mine]\naws_access_key_id = ${STORED_KEYS['aws-access-key-id']}\naws_secret_access_key = ${STORED_KEYS['aws-secret-access-key']}\n`;

/** A HOME shared by every step, holding the user's own ~/.aws files. */
function sharedHome(): { home: string; awsDirectory: string; env: Record<string, string> } {
  const home = createJob({ prefix: 'e2e-shared-home-' }).home;
  const awsDirectory = join(home, '.aws');
  mkdirSync(awsDirectory, { recursive: true });
  writeFileSync(join(awsDirectory, 'config'), USER_CONFIG, { mode: 0o600 });
  writeFileSync(join(awsDirectory, 'credentials'), USER_CREDENTIALS, { mode: 0o600 });
  return { home, awsDirectory, env: { ...oidcEnv(stack), HOME: home, USERPROFILE: home } };
}

const homeInputs = (profiles: string): Record<string, string> => ({
  ...stsInputs(stack),
  profiles,
  'profile-files-location': 'home',
});

test('3 rounds of 6 concurrent steps in one HOME: no profile lost, each post step removes only its own, nothing left', async () => {
  const { awsDirectory, env } = sharedHome();
  const name = (index: number): string => `p${index}`;
  const outcome = await runConcurrentSteps({
    rounds: 3,
    concurrency: 6,
    inputs: (index) => homeInputs(`${name(index)}: ${DEV}`),
    env,
    awsDirectory,
    createJob: () => createJob(),
    runStep,
  });
  const names = outcome.steps.map((s) => name(s.index));
  const headers = (text: string): string[] => sectionsOf(text).map((s) => s.header);
  // One record of what a user would count, so a failure shows every number at once.
  const removedBy = (log: string): string[] => [
    ...new Set([...log.matchAll(/Removed .*?\[(?:profile )?(p\d+)\]/g)].map((m) => m[1] ?? '')),
  ];
  const tally = {
    mainsFailed: outcome.steps.filter((s) => s.main.exitCode !== 0).length,
    // Every profile made it into both files, beside the user's own.
    profilesLost: names.filter(
      (n) =>
        !headers(outcome.afterMains.credentials).includes(n) ||
        !headers(outcome.afterMains.config).includes(`profile ${n}`),
    ).length,
    postsFailedOrWarned: outcome.steps.filter(
      (s) => s.post.exitCode !== 0 || /::(warning|error)::/.test(s.post.log),
    ).length,
    // Each post step says it removed this step's sections, and no one else's.
    postsNotRemovingExactlyTheirOwn: outcome.steps.filter(
      (s) => removedBy(s.post.log).join() !== name(s.index),
    ).length,
    sectionsWithCredentialsLeft: sectionsOf(outcome.afterPosts.credentials).filter(
      (s) => s.header !== 'mine' && s.accessKeyId !== undefined,
    ).length,
  };
  expect(tally).toEqual({
    mainsFailed: 0,
    profilesLost: 0,
    postsFailedOrWarned: 0,
    postsNotRemovingExactlyTheirOwn: 0,
    sectionsWithCredentialsLeft: 0,
  });
  expect(headers(outcome.afterMains.credentials).sort()).toEqual(['mine', ...names].sort());
  expect(outcome.afterPosts).toEqual({ config: USER_CONFIG, credentials: USER_CREDENTIALS });
});

test('4 concurrent steps want the same new profile: one writes it, the others are refused, and their post steps leave it', async () => {
  const { awsDirectory, env } = sharedHome();
  const steps = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const job = createJob();
      const main = await runStep({ entry: 'main', job, env, inputs: homeInputs(`same: ${DEV}`) });
      return { job, main };
    }),
  );
  const winners = steps.filter((s) => s.main.exitCode === 0);
  expect(winners).toHaveLength(1);
  for (const loser of steps.filter((s) => s.main.exitCode !== 0))
    expect(loser.main.log).toMatch(
      /::error::`profile-files-location`: is home, and the profile already exists \(\[profile same\]/,
    );
  const credentials = (): ReturnType<typeof sectionsOf> =>
    sectionsOf(readFileSync(join(awsDirectory, 'credentials'), 'utf8'));
  const written = credentials().find((s) => s.header === 'same');
  expect(written?.accessKeyId).toMatch(/^ASIA/);

  // The refused steps' post steps run first: the winner's profile must survive them.
  for (const loser of steps.filter((s) => s.main.exitCode !== 0)) {
    const post = await runStep({ entry: 'post', job: loser.job, env });
    expect(post.exitCode).toBe(0);
    expect(post.log).not.toMatch(/::(warning|error)::/);
  }
  expect(credentials().find((s) => s.header === 'same')).toEqual(written);
  for (const winner of winners) await runStep({ entry: 'post', job: winner.job, env });
  expect(readFileSync(join(awsDirectory, 'credentials'), 'utf8')).toBe(USER_CREDENTIALS);
  expect(readFileSync(join(awsDirectory, 'config'), 'utf8')).toBe(USER_CONFIG);
});
