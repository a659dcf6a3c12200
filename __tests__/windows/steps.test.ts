// The action's main and post steps under the Windows node.exe (Wine), with a runner-like
// environment: a USERPROFILE with a space and `&`, profiles in ~/.aws whose names differ only
// in case, each read back by the JavaScript SDK v3 running under Windows node.exe.
import { jest } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoLeaks, oidcEnv, stsInputs } from '../e2e/harness/stack.js';
import { useWindowsStack } from './harness/windows-stack.js';
import { jsSdkTask, laterStepEnv, profileSection, specFileOf } from './harness/windows-clients.js';
import { createJob, runWindowsSteps, WINDOWS_STEP_TIMEOUT_MS } from './harness/windows-runner.js';
import { launchOnWindows, toLinuxPath, toWindowsPath } from './harness/wine-launch.js';

// Main, two clients, post: three Windows launches.
jest.setTimeout(4 * WINDOWS_STEP_TIMEOUT_MS);

const UPPER = 'arn:aws:iam::111111111111:role/deploy-upper';
const LOWER = 'arn:aws:iam::222222222222:role/deploy-lower';
const stack = useWindowsStack();

test('USERPROFILE "Jane & Co Dev": profiles Deploy and deploy go to its .aws, each client gets its own role, post removes both', async () => {
  const job = createJob({ prefix: 'e2e-win-' });
  const userProfile = join(job.root, 'Users', 'Jane & Co Dev');
  mkdirSync(userProfile, { recursive: true });
  const env = { ...oidcEnv(stack), USERPROFILE: userProfile };
  const [main] = await runWindowsSteps([
    {
      entry: 'main',
      job,
      env,
      inputs: {
        ...stsInputs(stack),
        profiles: `Deploy: ${UPPER}\ndeploy: ${LOWER}`,
        'profile-files-location': 'home',
        'refresh-credentials': 'true',
      },
    },
  ]);
  expect(main?.log).not.toContain('::error::');
  expect(main?.exitCode).toBe(0);
  if (main === undefined) return;
  expectNoLeaks(main, stack);
  // Into USERPROFILE\.aws (the AWS CLI, boto3, Go, Java and .NET read it; the JS SDK too, with
  // no HOME), so nothing points elsewhere.
  expect(main.env['AWS_CONFIG_FILE']).toBeUndefined();
  const config = join(userProfile, '.aws', 'config');
  const lines = ['Deploy', 'deploy'].map(
    (name) => profileSection(config, name)['credential_process'] ?? '',
  );
  // Two spec files (and caches) whose names differ by more than case: one on NTFS would be one.
  const specs = lines.map(specFileOf);
  expect(specs.map((s) => s.split('/').at(-1))).toEqual([
    'refresh-Deploy+1.json',
    'refresh-deploy.json',
  ]);
  const caches = specs.map((s) =>
    toLinuxPath((JSON.parse(readFileSync(s, 'utf8')) as { cacheFile: string }).cacheFile),
  );
  expect(new Set(caches.map((c) => c.toLowerCase())).size).toBe(2);

  const issued = (role: string): string | undefined =>
    stack.proxy.records().find((r) => r.params['RoleArn'] === role)?.issuedAccessKeyId;
  const clientEnv = laterStepEnv(job, { USERPROFILE: toWindowsPath(userProfile) });
  const clients = await launchOnWindows([
    jsSdkTask('Deploy', 'Deploy', clientEnv),
    jsSdkTask('deploy', 'deploy', clientEnv),
  ]);
  for (const [profile, role] of [
    ['Deploy', UPPER],
    ['deploy', LOWER],
  ] as const) {
    const client = clients.tasks[profile];
    expect(client?.stderr).toBe('');
    expect(client?.exitCode).toBe(0);
    expect(JSON.parse(client?.stdout ?? '{}')).toMatchObject({ accessKeyId: issued(role) });
  }

  const [post] = await runWindowsSteps([{ entry: 'post', job, env }]);
  expect(post?.log).not.toMatch(/::(warning|error)::/);
  expect(post?.exitCode).toBe(0);
  expect(post?.log).toContain('Removed [profile Deploy], [profile deploy]');
  // The action created USERPROFILE\.aws, so it goes; so do the spec and cache files.
  expect(readdirSync(userProfile)).toEqual([]);
  for (const file of [...specs, ...caches]) expect(existsSync(file)).toBe(false);
});
