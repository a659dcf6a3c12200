import {
  type CleanupAction,
  holdsCredentials,
  planCleanup,
  planSectionRemoval,
} from '../../src/post/plan-cleanup.js';
import type { SectionMark } from '../../src/plan/plan-exports.js';
import type { CleanupState } from '../../src/publish/cleanup-state.js';

const TEMP = '/home/runner/work/_temp';
const DIR = `${TEMP}/aws-deploy-role-3f2a`;
const state = (overrides: Partial<CleanupState>): CleanupState => ({
  exportedVariables: [],
  restoreVariables: {},
  writtenFiles: [],
  createdDirectory: undefined,
  userFileSections: [],
  ...overrides,
});
const deleted = (actions: CleanupAction[]): string[] =>
  actions.flatMap((a) => (a.kind === 'delete-file' ? [a.file] : []));
const removed = (actions: CleanupAction[]): string[] =>
  actions.flatMap((a) => (a.kind === 'remove-directory' ? [a.directory] : []));
const skipped = (actions: CleanupAction[]): string[] =>
  actions.flatMap((a) => (a.kind === 'skip' ? [a.reason] : []));

describe('planCleanup: files', () => {
  test.each<{
    name: string;
    files: string[];
    dir: string | undefined;
    deleted: string[];
    removed: string[];
  }>([
    {
      name: 'files inside the created directory',
      files: [`${DIR}/config`, `${DIR}/credentials`, `${DIR}/refresh/prod.json`],
      dir: DIR,
      deleted: [`${DIR}/config`, `${DIR}/credentials`, `${DIR}/refresh/prod.json`],
      removed: [DIR],
    },
    {
      name: 'a file outside it',
      files: [`${DIR}/config`, '/home/runner/.aws/credentials'],
      dir: DIR,
      deleted: [`${DIR}/config`],
      removed: [DIR],
    },
    {
      name: 'a path that climbs out with ..',
      files: [`${DIR}/../../../.ssh/id_rsa`],
      dir: DIR,
      deleted: [],
      removed: [DIR],
    },
    {
      name: 'a sibling directory with a shared prefix',
      files: [`${DIR}-evil/config`],
      dir: DIR,
      deleted: [],
      removed: [DIR],
    },
    {
      name: 'the directory itself listed as a file',
      files: [DIR],
      dir: DIR,
      deleted: [],
      removed: [DIR],
    },
    {
      name: 'a directory outside RUNNER_TEMP',
      files: ['/etc/aws-deploy-role-x/config'],
      dir: '/etc/aws-deploy-role-x',
      deleted: [],
      removed: [],
    },
    {
      name: 'a directory under RUNNER_TEMP without our prefix',
      files: [`${TEMP}/cache/config`],
      dir: `${TEMP}/cache`,
      deleted: [],
      removed: [],
    },
    { name: 'RUNNER_TEMP itself', files: [`${TEMP}/config`], dir: TEMP, deleted: [], removed: [] },
    {
      name: 'a temp-prefixed sibling of RUNNER_TEMP',
      files: [`${TEMP}x/aws-deploy-role-1/f`],
      dir: `${TEMP}x/aws-deploy-role-1`,
      deleted: [],
      removed: [],
    },
    {
      name: 'no directory recorded',
      files: [`${DIR}/config`],
      dir: undefined,
      deleted: [],
      removed: [],
    },
  ])('$name', ({ files, dir, deleted: expectedDeleted, removed: expectedRemoved }) => {
    const actions = planCleanup(state({ writtenFiles: files, createdDirectory: dir }), TEMP);
    expect(deleted(actions)).toEqual(expectedDeleted);
    expect(removed(actions)).toEqual(expectedRemoved);
    const notDeleted = files.filter((f) => !expectedDeleted.includes(f));
    expect(skipped(actions).filter((r) => r.startsWith('not deleting'))).toEqual(
      notDeleted.map((f) => `not deleting ${f}: it is outside the directory this action created`),
    );
  });

  test('a directory that is not ours is skipped with a reason', () => {
    expect(
      skipped(planCleanup(state({ createdDirectory: '/etc/aws-deploy-role-x' }), TEMP)),
    ).toEqual(['not removing /etc/aws-deploy-role-x: it is not under RUNNER_TEMP']);
  });
});

describe('planCleanup: variables', () => {
  test.each<{ name: string; state: CleanupState; expected: CleanupAction[] }>([
    {
      name: 'exported variables are emptied, replaced ones restored',
      state: state({
        exportedVariables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
        restoreVariables: { AWS_CONFIG_FILE: '/home/runner/.aws/config', AWS_PROFILE: '' },
      }),
      expected: [
        { kind: 'set-variable', name: 'AWS_ACCESS_KEY_ID', value: '' },
        { kind: 'set-variable', name: 'AWS_SECRET_ACCESS_KEY', value: '' },
        { kind: 'set-variable', name: 'AWS_CONFIG_FILE', value: '/home/runner/.aws/config' },
        { kind: 'set-variable', name: 'AWS_PROFILE', value: '' },
      ],
    },
    {
      name: 'a full run: variables first, then files, then the directory',
      state: state({
        exportedVariables: ['AWS_REGION'],
        restoreVariables: { AWS_CONFIG_FILE: '' },
        writtenFiles: [`${DIR}/config`],
        createdDirectory: DIR,
      }),
      expected: [
        { kind: 'set-variable', name: 'AWS_REGION', value: '' },
        { kind: 'set-variable', name: 'AWS_CONFIG_FILE', value: '' },
        { kind: 'delete-file', file: `${DIR}/config`, holdsCredentials: false },
        { kind: 'remove-directory', directory: DIR },
      ],
    },
    {
      name: 'nothing exported',
      state: state({}),
      expected: [{ kind: 'skip', reason: 'the main step exported nothing' }],
    },
  ])('$name', ({ state: saved, expected }) => {
    expect(planCleanup(saved, TEMP)).toEqual(expected);
  });
});

describe('planCleanup: sections in the user files', () => {
  test.each<{ name: string; file: string; headers: string[]; edits: boolean }>([
    {
      name: '~/.aws/config',
      file: '/home/runner/.aws/config',
      headers: ['profile dev'],
      edits: true,
    },
    {
      name: '~/.aws/credentials',
      file: '/home/runner/.aws/credentials',
      headers: ['dev'],
      edits: true,
    },
    {
      name: 'a file that is no profile file',
      file: '/home/runner/.bashrc',
      headers: ['dev'],
      edits: false,
    },
    { name: 'no headers', file: '/home/runner/.aws/config', headers: [], edits: false },
  ])('$name', ({ file, headers, edits }) => {
    const actions = planCleanup(
      state({ userFileSections: [{ file, headers, created: false }] }),
      TEMP,
    );
    expect(
      actions.some((a) => a.kind === 'remove-sections' && a.files.some((f) => f.file === file)),
    ).toBe(edits);
    expect(skipped(actions).some((r) => r.includes(file))).toBe(!edits);
  });
});

test('a ~/.aws main created is removed after its sections, only if it is an .aws directory', () => {
  const file = '/home/runner/.aws/config';
  const actions = planCleanup(
    state({
      userFileSections: [{ file, headers: ['profile dev'], created: true }],
      createdUserDirectory: '/home/runner/.aws',
    }),
    TEMP,
  );
  expect(actions.map((a) => a.kind)).toEqual(['remove-sections', 'remove-empty-user-directory']);
  const elsewhere = planCleanup(state({ createdUserDirectory: '/home/runner' }), TEMP);
  expect(elsewhere.some((a) => a.kind === 'remove-empty-user-directory')).toBe(false);
  expect(skipped(elsewhere)).toEqual([
    'not removing /home/runner: it is not an absolute path to an .aws directory',
  ]);
  for (const odd of ['.aws', '/home/runner/x/../.aws'])
    expect(
      planCleanup(state({ createdUserDirectory: odd }), TEMP).some(
        (a) => a.kind === 'remove-empty-user-directory',
      ),
    ).toBe(false);
});

test('both ~/.aws files are one removal, under one lock: the config section may be proved by the credentials file', () => {
  const config = { file: '/home/runner/.aws/config', headers: ['profile dev'], created: false };
  const credentials = { file: '/home/runner/.aws/credentials', headers: ['dev'], created: true };
  expect(planCleanup(state({ userFileSections: [config, credentials] }), TEMP)).toEqual([
    { kind: 'remove-sections', directory: '/home/runner/.aws', files: [config, credentials] },
  ]);
});

test.each([
  ['/t/aws-deploy-role-1/credentials', true],
  ['/t/aws-deploy-role-1/cache-dev.json', true],
  ['/t/aws-deploy-role-1/config', false],
  ['/t/aws-deploy-role-1/refresh-dev.json', false],
])('a failed delete of %s leaves credentials: %s', (file, holds) => {
  expect(holdsCredentials(file)).toBe(holds);
});

describe('planSectionRemoval: a section goes only while it holds what this step wrote', () => {
  const CONFIG = '/home/runner/.aws/config';
  const CREDENTIALS = '/home/runner/.aws/credentials';
  const byKey = (keyId: string): SectionMark => ({
    file: CREDENTIALS,
    header: 'dev',
    entry: 'aws_access_key_id',
    value: keyId,
  });
  const byProcess: SectionMark = {
    file: CONFIG,
    header: 'profile dev',
    entry: 'credential_process',
    value: '"/usr/bin/node" "/t/aws-deploy-role-1/run.js" "/t/aws-deploy-role-1/refresh-dev.json"',
  };
  const sections = (mark: SectionMark | undefined) => [
    {
      file: CONFIG,
      headers: ['profile dev'],
      created: false,
      marks: mark ? { 'profile dev': mark } : {},
    },
    { file: CREDENTIALS, headers: ['dev'], created: true, marks: mark ? { dev: mark } : {} },
  ];
  const texts = (config: string, credentials: string) =>
    new Map([
      [CONFIG, config],
      [CREDENTIALS, credentials],
    ]);
  const mine = '[mine]\naws_access_key_id = AKIAUSER\n';
  test.each<{
    name: string;
    mark: SectionMark | undefined;
    config: string;
    credentials: string;
    removed: boolean;
  }>([
    {
      name: 'keys: the section still holds this step’s key ID',
      mark: byKey('ASIAMINE'),
      config: '[profile dev]\nregion = us-east-1\n',
      credentials: `${mine}\n[dev]\naws_access_key_id = ASIAMINE\naws_secret_access_key = s\n`,
      removed: true,
    },
    {
      name: 'keys: another step replaced the profile (another key ID)',
      mark: byKey('ASIAMINE'),
      config: '[profile dev]\nregion = us-east-1\n',
      credentials: `[dev]\naws_access_key_id = ASIATHEIRS\naws_secret_access_key = s\n`,
      removed: false,
    },
    {
      name: 'keys: the section is gone from the credentials file',
      mark: byKey('ASIAMINE'),
      config: '[profile dev]\nregion = us-east-1\n',
      credentials: mine,
      removed: false,
    },
    {
      name: 'refresh: the config section still runs this step’s helper',
      mark: byProcess,
      config: `[profile dev]\nregion = us-east-1\ncredential_process = ${byProcess.value}\n`,
      credentials: '[dev]\n',
      removed: true,
    },
    {
      name: 'refresh: another step’s helper (its own spec file)',
      mark: byProcess,
      config: `[profile dev]\ncredential_process = ${byProcess.value.replace('role-1', 'role-2')}\n`,
      credentials: '[dev]\n',
      removed: false,
    },
    {
      name: 'no mark recorded: never by header name alone',
      mark: undefined,
      config: '[profile dev]\nregion = us-east-1\n',
      credentials: '[dev]\naws_access_key_id = ASIAMINE\n',
      removed: false,
    },
  ])('$name', ({ mark, config, credentials, removed }) => {
    const plan = planSectionRemoval(sections(mark), texts(config, credentials));
    expect(plan.map((p) => [p.file, p.remove])).toEqual([
      [CONFIG, removed ? ['profile dev'] : []],
      [CREDENTIALS, removed ? ['dev'] : []],
    ]);
    expect(plan.every((p) => p.keep.length === (removed ? 0 : 1))).toBe(true);
  });
});
