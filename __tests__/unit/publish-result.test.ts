// publishResult carries out the export plan on a real temp directory: cleanup state is saved
// once, before anything is on disk, and names exactly what the run then wrote and exported.
import { existsSync, mkdtempSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import { recordingRunner } from '../../__fixtures__/runner.js';
import type { RawInputs } from '../../src/config/input-names.js';
import type { RunResult } from '../../src/execute.js';
import type { Plan } from '../../src/plan/plan-run.js';
import { decodeCleanupState } from '../../src/publish/cleanup-state.js';
import { publishResult } from '../../src/publish/publish-result.js';
import { runPost } from '../../src/post/run-post.js';

const EXPIRATION = new Date('2026-11-30T13:00:00Z');
const roots: string[] = [];
const tempRoot = (): string => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'publish-test-'));
  roots.push(root);
  return root;
};
afterAll(async () => {
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
});

function resultFor(plan: Plan): RunResult {
  return {
    sourceKind: plan.source.kind,
    sourceDescription: 'test',
    sessions: plan.sessions.map((session, index) => ({
      session,
      credentials: {
        accessKeyId: `ASIAKEY${index}`,
        secretAccessKey: `secret${index}`,
        sessionToken: `token${index}`,
        expiration: EXPIRATION,
      },
      accountId: '111111111111',
      arn: `arn:aws:sts::111111111111:assumed-role/${session.name}/s`,
      expiration: EXPIRATION,
      hops: [],
    })),
  };
}

async function publish(inputs: Partial<RawInputs>) {
  const root = tempRoot();
  const ctx = runContext({ runnerTemp: path.join(root, 'temp') });
  await fs.mkdir(ctx.runnerTemp);
  const plan = planFor(inputs, ctx);
  const runner = recordingRunner();
  // What was on disk under RUNNER_TEMP and HOME each time state was saved.
  const diskAtSave: string[][] = [];
  const saveState = runner.saveState;
  runner.saveState = (name, value) => {
    diskAtSave.push([...listFiles(ctx.runnerTemp), ...listFiles(path.join(root, 'home'))]);
    saveState(name, value);
  };
  const outcome = await publishResult(resultFor(plan), plan, {
    runner,
    env: { HOME: path.join(root, 'home') },
    ctx,
  }).then(
    () => undefined,
    (error: unknown) => error,
  );
  return {
    root,
    runner,
    diskAtSave,
    outcome,
    state: decodeCleanupState((k) => runner.state[k] ?? ''),
  };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name)));
}

test('runner-temp profiles: state is saved before anything is written and names what then is', async () => {
  const { runner, diskAtSave, outcome, state } = await publish({
    roleToAssume: ROLE.deploy,
    awsProfile: 'dev',
    outputEnvCredentials: 'false',
  });
  expect(outcome).toBeUndefined();
  expect(diskAtSave.every((files) => files.length === 0)).toBe(true);
  const directory = state.createdDirectory ?? '';
  expect(path.basename(directory)).toMatch(/^aws-deploy-role-[0-9a-f]{12}$/);
  expect((await fs.stat(directory)).mode & 0o777).toBe(0o700);
  expect(state.writtenFiles).toEqual([
    path.join(directory, 'config'),
    path.join(directory, 'credentials'),
  ]);
  expect(listFiles(directory).sort()).toEqual([...state.writtenFiles].sort());
  expect(runner.exported).toEqual({
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(directory, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(directory, 'credentials'),
    AWS_PROFILE: 'dev',
  });
  expect([...state.exportedVariables, ...Object.keys(state.restoreVariables)].sort()).toEqual(
    Object.keys(runner.exported).sort(),
  );
  expect(runner.outputs['aws-expiration']).toBe(EXPIRATION.toISOString());
});

test('env credentials: exported from the session, with outputs; nothing on disk', async () => {
  const { runner, state, outcome } = await publish({
    roleToAssume: ROLE.deploy,
    outputCredentials: 'true',
  });
  expect(outcome).toBeUndefined();
  expect(runner.exported).toEqual({
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'ASIAKEY0',
    AWS_SECRET_ACCESS_KEY: 'secret0',
    AWS_SESSION_TOKEN: 'token0',
  });
  expect(runner.outputs['aws-secret-access-key']).toBe('secret0');
  expect(runner.outputs['aws-session-token']).toBe('token0');
  expect(state.createdDirectory).toBeUndefined();
  expect(state.exportedVariables).toEqual(Object.keys(runner.exported));
});

test('a publish that stops half-way exports nothing, and the saved state covers what it began', async () => {
  const root = tempRoot();
  // ~/.aws/config is a directory: writing the profile fails after state was saved.
  await fs.mkdir(path.join(root, 'home', '.aws', 'config'), { recursive: true });
  const ctx = runContext({ runnerTemp: root });
  const plan = planFor({ profiles: `prod: ${ROLE.prod}`, profileFilesLocation: 'home' }, ctx);
  const runner = recordingRunner();
  await expect(
    publishResult(resultFor(plan), plan, { runner, env: { HOME: path.join(root, 'home') }, ctx }),
  ).rejects.toThrow(/not a regular file/);
  expect(runner.exported).toEqual({});
  expect(runner.outputs).toEqual({});
  // Both sections are removed by the post step only while the credentials file holds this key ID.
  const mark = {
    file: path.join(root, 'home', '.aws', 'credentials'),
    header: 'prod',
    entry: 'aws_access_key_id',
    value: 'ASIAKEY0',
  };
  expect(decodeCleanupState((k) => runner.state[k] ?? '').userFileSections).toEqual([
    {
      file: path.join(root, 'home', '.aws', 'config'),
      headers: ['profile prod'],
      created: false,
      marks: { 'profile prod': mark },
    },
    {
      file: path.join(root, 'home', '.aws', 'credentials'),
      headers: ['prod'],
      created: true,
      marks: { prod: mark },
    },
  ]);
});

test.each([
  ['keys', 'false'],
  ['a refreshing profile', 'true'],
])(
  'home, %s: the post step removes the sections only while they hold what this step wrote',
  async (_name, refresh) => {
    const inputs = {
      roleToAssume: ROLE.deploy,
      awsProfile: 'dev',
      outputEnvCredentials: 'false',
      profileFilesLocation: 'home',
      refreshCredentials: refresh,
    };
    const post = async (saved: Record<string, string>, runnerTemp: string) => {
      const runner = recordingRunner({ savedState: saved });
      await runPost(runner, runnerTemp);
      return runner;
    };
    const first = await publish(inputs);
    expect(first.outcome).toBeUndefined();
    const aws = path.join(first.root, 'home', '.aws');
    // Another step (or the user) has since replaced the profile: its sections stay.
    const replaced = await publish(inputs);
    const theirs = {
      config: await fs.readFile(path.join(replaced.root, 'home', '.aws', 'config'), 'utf8'),
      credentials: await fs.readFile(
        path.join(replaced.root, 'home', '.aws', 'credentials'),
        'utf8',
      ),
    };
    const other =
      refresh === 'true'
        ? theirs
        : { ...theirs, credentials: theirs.credentials.replace('ASIAKEY0', 'ASIAOTHER') };
    await fs.writeFile(path.join(aws, 'config'), other.config);
    await fs.writeFile(path.join(aws, 'credentials'), other.credentials);
    const kept = await post(first.runner.state, path.join(first.root, 'temp'));
    expect(kept.printed()).toMatch(
      /Kept \[profile dev\] in .*config: .* no longer holds this step's (aws_access_key_id|credential_process)/,
    );
    expect(await fs.readFile(path.join(aws, 'credentials'), 'utf8')).toBe(other.credentials);

    // The step's own sections go, with the files and ~/.aws it created.
    const own = await publish(inputs);
    const ownAws = path.join(own.root, 'home', '.aws');
    await post(own.runner.state, path.join(own.root, 'temp'));
    expect(existsSync(ownAws)).toBe(false);
  },
);
