// The refresh helper under the Windows node.exe (Wine): the credential_process line the action
// wrote, launched as each SDK launches it on Windows, and a refresh while another process holds
// the cache file open without delete sharing (a virus scanner, an indexer, a reading client).
import { jest } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { expectNoLeaks, oidcEnv, stsInputs } from '../e2e/harness/stack.js';
import { useWindowsStack } from './harness/windows-stack.js';
import {
  credentialProcessLaunches,
  laterStepEnv,
  profileSection,
  specFileOf,
} from './harness/windows-clients.js';
import {
  createJob,
  runWindowsSteps,
  WINDOWS_STEP_TIMEOUT_MS,
  type Job,
} from './harness/windows-runner.js';
import { launchOnWindows, toLinuxPath, type Hold } from './harness/wine-launch.js';

// Each test: a main step and one or two Windows launches of clients.
jest.setTimeout(4 * WINDOWS_STEP_TIMEOUT_MS);

const ROLE = 'arn:aws:iam::111111111111:role/deploy';
const stack = useWindowsStack();

interface Cached {
  AccessKeyId: string;
  Expiration: string;
}

/** A main step with a refreshing profile `live`; its credential_process line and cache file. */
async function configureRefresh(
  job: Job,
): Promise<{ line: string; cacheFile: string; windowsCacheFile: string }> {
  const [main] = await runWindowsSteps([
    {
      entry: 'main',
      job,
      env: oidcEnv(stack),
      inputs: {
        ...stsInputs(stack),
        'role-to-assume': ROLE,
        'aws-profile': 'live',
        'refresh-credentials': 'true',
        'role-duration-seconds': '900',
        'output-env-credentials': 'false',
      },
    },
  ]);
  expect(main?.log).not.toContain('::error::');
  expect(main?.exitCode).toBe(0);
  if (main === undefined) throw new Error('no main step');
  expectNoLeaks(main, stack);
  const line = profileSection(toLinuxPath(main.env['AWS_CONFIG_FILE'] ?? ''), 'live')[
    'credential_process'
  ];
  if (line === undefined) throw new Error('no credential_process line');
  const spec = JSON.parse(readFileSync(specFileOf(line), 'utf8')) as { cacheFile: string };
  return { line, cacheFile: toLinuxPath(spec.cacheFile), windowsCacheFile: spec.cacheFile };
}

const readCache = (cacheFile: string): Cached =>
  JSON.parse(readFileSync(cacheFile, 'utf8')) as Cached;

function expireCache(cacheFile: string): void {
  writeFileSync(
    cacheFile,
    JSON.stringify({ ...readCache(cacheFile), Expiration: new Date(Date.now() - 60_000) }),
  );
}

const webIdentityCalls = () =>
  stack.proxy.records().filter((r) => r.action === 'AssumeRoleWithWebIdentity');

test('the credential_process line, launched as the JS, Go, Java and .NET SDKs and botocore launch it on Windows, prints the cached session', async () => {
  const job = createJob({ prefix: 'e2e-win-' });
  const { line, cacheFile } = await configureRefresh(job);
  const cached = readCache(cacheFile);
  const launches = credentialProcessLaunches(line, laterStepEnv(job, oidcEnv(stack)));
  const launched = await launchOnWindows(launches);
  for (const { id } of launches) {
    const run = launched.tasks[id];
    expect({ id, stderr: run?.stderr, exitCode: run?.exitCode }).toEqual({
      id,
      stderr: '',
      exitCode: 0,
    });
    expect(JSON.parse(run?.stdout ?? '{}')).toMatchObject({
      Version: 1,
      AccessKeyId: cached.AccessKeyId,
      Expiration: cached.Expiration,
    });
  }
  // Served from the cache: no new token, no new session.
  expect(webIdentityCalls()).toHaveLength(1);
});

test('refresh while the cache file is held open: renamed once it is free; held past the retries, the fresh session is still served', async () => {
  const job = createJob({ prefix: 'e2e-win-' });
  const { line, cacheFile, windowsCacheFile } = await configureRefresh(job);
  const env = laterStepEnv(job, oidcEnv(stack));
  // Held from before the client starts until the helper's temp file is seen (the helper is
  // then renaming it over the cache) plus `afterMs`.
  const held = (afterMs: number): Hold => ({
    id: 'cache',
    target: cacheFile,
    releaseWhen: {
      directory: dirname(cacheFile),
      pattern: `^${basename(cacheFile).replace(/[.+]/g, '\\$&')}\\.\\d+\\.tmp$`,
    },
    releaseAfterMs: afterMs,
    maxMs: 60_000,
  });

  // The helper run as the JS SDK runs it (its stderr is kept here, where the SDK drops it).
  const [asJsSdk] = credentialProcessLaunches(line, env);
  const client = async (hold: Hold) => {
    const launched = await launchOnWindows([{ ...asJsSdk!, id: 'client' }], [hold]);
    const run = launched.tasks['client'];
    return {
      ...run,
      json: JSON.parse(run?.stdout || '{}') as Cached,
      hold: launched.holds['cache'],
    };
  };

  // 300 ms: inside the rename retries (1.55 s in all), so the cache gets the new session.
  expireCache(cacheFile);
  const brief = await client(held(300));
  // The file was still held when the helper wrote its temp file, and let go 300 ms later.
  expect(brief.hold?.releasedBy).toBe('condition');
  expect(brief.stderr).toBe('');
  expect(brief.exitCode).toBe(0);
  expect(webIdentityCalls()).toHaveLength(2);
  const fresh = webIdentityCalls()[1]?.issuedAccessKeyId;
  expect(brief.json.AccessKeyId).toBe(fresh);
  expect(readCache(cacheFile).AccessKeyId).toBe(fresh);

  // 4 s: past the retries. The client still gets the fresh session; the cache keeps the old
  // one, and the helper says so on stderr (which clients show), naming the file.
  expireCache(cacheFile);
  const before = readCache(cacheFile);
  const stuck = await client(held(4000));
  expect(stuck.hold?.seenAtMs).toBeDefined();
  expect(stuck.exitCode).toBe(0);
  expect(webIdentityCalls()).toHaveLength(3);
  expect(stuck.json.AccessKeyId).toBe(webIdentityCalls()[2]?.issuedAccessKeyId);
  expect(stuck.stderr).toContain(`could not update the credentials cache ${windowsCacheFile}`);
  expect(readCache(cacheFile)).toEqual(before);
});
