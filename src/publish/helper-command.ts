import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUT } from '../config/input-names.js';
import {
  type CommandPlatform,
  credentialProcessLine,
  showCharacter,
} from '../model/credential-process-line.js';
import { InputError, InputErrors } from '../model/errors.js';
import type { RunContext } from '../model/run-context.js';
import { hasWebIdentitySource } from '../model/source-kind.js';
import type { Plan } from '../plan/plan-run.js';
import { refreshFiles } from '../plan/profile-locations.js';
import { privateDirectoryName } from './profile-store.js';

/** The command-line rules of the OS this step runs on: the one its later steps' clients use. */
const commandPlatform = (): CommandPlatform => (process.platform === 'win32' ? 'win32' : 'posix');

/** What each word of the helper's command line is, for messages. */
const WORD_ROLES = ['the Node.js executable', 'the refresh helper bundle', 'the refresh spec file'];

/**
 * The helper's command words: this Node.js, the helper bundle that ships beside the main bundle
 * (dist/credential-process/index.js), and the spec file. Where the action is installed is a
 * fact of the running bundle, so publishing reads it here rather than having it passed down.
 */
function helperWords(specFile: string, bundleUrl: string): string[] {
  // Built at run time from parts so the bundler leaves the path alone (it would inline it).
  const helperParts = ['credential-process', 'index.js'];
  const helper = path.join(path.dirname(fileURLToPath(bundleUrl)), ...helperParts);
  return [process.execPath, helper, specFile];
}

/**
 * The credential_process command line for a refresh spec file, spelled for every AWS client
 * (model/credential-process-line.ts). Throws when a path cannot be carried; prepare refuses
 * such a runner before any request (checkHelperPaths), so this is a last safeguard.
 */
export function helperCommand(
  specFile: string,
  bundleUrl: string = import.meta.url,
  platform: CommandPlatform = commandPlatform(),
): string {
  const words = helperWords(specFile, bundleUrl);
  const result = credentialProcessLine(words, platform);
  if ('problem' in result) throw helperPathError(result.problem, words);
  return result.line;
}

/**
 * Refuses refresh-credentials, as an input error before any request, when this runner's paths
 * (Node.js, the helper bundle, the spec files under RUNNER_TEMP) cannot be written into a
 * credential_process line that every AWS client reads the same way.
 */
export function checkHelperPaths(
  plan: Plan,
  ctx: RunContext,
  bundleUrl: string = import.meta.url,
  platform: CommandPlatform = commandPlatform(),
): void {
  if (!plan.output.refreshCredentials || !hasWebIdentitySource(plan.source)) return;
  const directory = privateDirectoryName(ctx.runnerTemp);
  for (const session of plan.sessions)
    if (session.profileName !== undefined)
      helperCommand(refreshFiles(directory, session.profileName).specFile, bundleUrl, platform);
}

function helperPathError(
  problem: { word: string; character: string; reason: string },
  words: readonly string[],
): InputErrors {
  const role = WORD_ROLES[words.indexOf(problem.word)] ?? 'a path';
  return new InputErrors([
    new InputError(
      INPUT.refreshCredentials,
      `cannot be used on this runner: ${role} is ${JSON.stringify(problem.word)}, and its ` +
        `character ${showCharacter(problem.character)} cannot be written into a credential_process ` +
        `line that every AWS client reads the same way (${problem.reason}). Move the runner ` +
        '(or RUNNER_TEMP) to a path of letters, digits and - _ . / , or drop refresh-credentials.',
    ),
  ]);
}
