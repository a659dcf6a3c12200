// The runner adapter (src/publish/runner.ts) and the input reader (src/config/read-inputs.ts)
// use @actions/core's command modules directly rather than its entry module, which loads its
// OIDC client on import. Their one-line wrappers must do exactly what core's own functions do:
// each case here runs core's function and ours on the same process state and requires the same
// stdout, the same runner files (up to the random heredoc delimiter), the same environment and
// exit code. A core upgrade that changes any of them fails here.
import { jest } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsCore } from '../../src/publish/runner.js';
import { readCoreInput } from '../../src/config/read-inputs.js';

/** Values that exercise core's escaping: command syntax, %, CR/LF, unicode, empty. */
const VALUES = [
  'plain',
  '',
  'two\nlines',
  'cr\r\nlf',
  '100% :: done, a=b',
  '::add-mask::not-a-command',
  'ünïcödé ✓ \u2028',
  'trailing space ',
];

const FILE_VARIABLES = ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE'] as const;

interface Observed {
  readonly stdout: string;
  readonly files: Record<string, string>;
  readonly env: Record<string, string | undefined>;
  readonly exitCode: typeof process.exitCode;
  readonly result: unknown;
}

let dir: string;
const savedEnv = { ...process.env };
const savedExitCode = process.exitCode;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'adr-core-parity-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  process.exitCode = savedExitCode;
  jest.restoreAllMocks();
});

/** The heredoc delimiter is random per call (ghadelimiter_<uuid>): compare its shape, not value. */
const sameDelimiter = (text: string): string =>
  text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_<uuid>');

/**
 * Runs `act` with fresh runner files (or none, for the stdout forms of the commands) and
 * records everything a runner or a later step could see.
 */
function observe(withFiles: boolean, touched: readonly string[], act: () => unknown): Observed {
  for (const name of touched) delete process.env[name];
  for (const variable of FILE_VARIABLES) {
    const file = join(dir, variable);
    writeFileSync(file, '');
    if (withFiles) process.env[variable] = file;
    else delete process.env[variable];
  }
  process.exitCode = undefined;
  let stdout = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  let result: unknown;
  try {
    result = act();
  } finally {
    jest.restoreAllMocks();
  }
  const observed = {
    stdout: sameDelimiter(stdout),
    files: Object.fromEntries(
      FILE_VARIABLES.map((v) => [v, sameDelimiter(readFileSync(join(dir, v), 'utf8'))]),
    ),
    env: Object.fromEntries(touched.map((name) => [name, process.env[name]])),
    exitCode: process.exitCode,
    result,
  };
  process.exitCode = undefined;
  return observed;
}

/** Core's function and ours, on the same inputs, with and without the runner's files. */
function expectSame(touched: readonly string[], theirs: () => unknown, ours: () => unknown) {
  for (const withFiles of [true, false]) {
    const expected = observe(withFiles, touched, theirs);
    const actual = observe(withFiles, touched, ours);
    expect(actual).toEqual(expected);
  }
}

describe.each(VALUES)('value %j', (value) => {
  test('setSecret', () => {
    expectSame(
      [],
      () => core.setSecret(value),
      () => actionsCore.setSecret(value),
    );
  });

  test('exportVariable', () => {
    expectSame(
      ['ADR_PARITY_VARIABLE'],
      () => core.exportVariable('ADR_PARITY_VARIABLE', value),
      () => actionsCore.exportVariable('ADR_PARITY_VARIABLE', value),
    );
  });

  test('setOutput', () => {
    expectSame(
      [],
      () => core.setOutput('aws-account-id', value),
      () => actionsCore.setOutput('aws-account-id', value),
    );
  });

  test('saveState and getState', () => {
    expectSame(
      [],
      () => core.saveState('cleanup', value),
      () => actionsCore.saveState('cleanup', value),
    );
    process.env['STATE_cleanup'] = value;
    expect(actionsCore.getState('cleanup')).toBe(core.getState('cleanup'));
    expect(actionsCore.getState('never-saved')).toBe(core.getState('never-saved'));
  });

  test('info, warning, debug and setFailed', () => {
    for (const name of ['info', 'warning', 'debug', 'setFailed'] as const)
      expectSame(
        [],
        () => core[name](value),
        () => actionsCore[name](value),
      );
  });

  test('readCoreInput reads what core.getInput reads', () => {
    for (const name of ['aws-region', 'role to assume', 'MFA-Token-Code']) {
      process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = ` ${value} `;
      expect(readCoreInput(name)).toBe(core.getInput(name));
    }
    expect(readCoreInput('never-given')).toBe(core.getInput('never-given'));
  });
});

test('isDebug follows RUNNER_DEBUG as core does', () => {
  for (const setting of [undefined, '1', '0', 'true', ' 1']) {
    if (setting === undefined) delete process.env['RUNNER_DEBUG'];
    else process.env['RUNNER_DEBUG'] = setting;
    expect(actionsCore.isDebug()).toBe(core.isDebug());
  }
});

describe('group', () => {
  /** Runs a group to completion and records its lines and outcome, as observe() does. */
  async function grouped(
    group: typeof core.group,
    body: () => Promise<string>,
  ): Promise<{ stdout: string; outcome: unknown }> {
    let stdout = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    try {
      const outcome = await group('Assume roles: 100%\nnext', body).then(
        (value) => ({ value }),
        (error: unknown) => ({ error: (error as Error).message }),
      );
      return { stdout, outcome };
    } finally {
      jest.restoreAllMocks();
    }
  }

  test('returns the body value between group and endgroup', async () => {
    const body = async () => 'done';
    expect(await grouped(actionsCore.group, body)).toEqual(await grouped(core.group, body));
  });

  test('closes the group when the body throws, and rethrows', async () => {
    const body = async (): Promise<string> => {
      throw new Error('AccessDenied');
    };
    const ours = await grouped(actionsCore.group, body);
    expect(ours).toEqual(await grouped(core.group, body));
    expect(ours.stdout).toContain('::endgroup::');
  });
});

test('the summary is core.summary itself', () => {
  expect(actionsCore.summary).toBe(core.summary);
});
