import * as path from 'node:path';
import type { Env } from '../model/env.js';
import type { RunResult } from '../execute.js';
import type { RunContext } from '../model/run-context.js';
import type { Plan } from '../plan/plan-run.js';
import {
  type ExportPlan,
  type ProfileFilesPlan,
  type SectionMark,
  planExports,
} from '../plan/plan-exports.js';
import { configHeader } from '../plan/profile-locations.js';
import { homeSharedFiles } from '../plan/profile-locations.js';
import { homeDirectory, pathExists, privateDirectoryName } from './profile-store.js';
import type { Runner } from './runner.js';
import { type CleanupState, encodeCleanupState } from './cleanup-state.js';
import { setOutputs } from './outputs.js';
import {
  type PlannedProfile,
  plannedProfiles,
  profileMark,
  writePlannedProfiles,
} from './profile-writer.js';
import { helperCommand } from './helper-command.js';
import { platformWarnings } from './platform-warnings.js';

export { CREDENTIAL_VARIABLES, checkProfilesAreNew } from './profile-conflicts.js';

interface PublishDeps {
  readonly runner: Runner;
  /** The job's environment before this step changed it (HOME, for the ~/.aws files). */
  readonly env: Env;
  readonly ctx: RunContext;
}

/** Reads the machine facts the export plan needs: HOME, a free directory name, existing files. */
async function exportPlanFor(plan: Plan, ctx: RunContext, home: string): Promise<ExportPlan> {
  const files = homeSharedFiles(home);
  return planExports(plan, ctx, {
    home,
    platform: process.platform,
    directory: privateDirectoryName(ctx.runnerTemp),
    homeFilesExist: {
      config: await pathExists(files.config),
      credentials: await pathExists(files.credentials),
    },
    homeDirectoryExists: await pathExists(path.dirname(files.config)),
  });
}

/**
 * Carries out the export plan for a successful result. Cleanup state is saved once, before
 * anything is written, so the post step can undo a publish that stopped half-way; then profile
 * files (the only part that can fail), env vars and outputs.
 */
export async function publishResult(
  result: RunResult,
  plan: Plan,
  deps: PublishDeps,
): Promise<CleanupState> {
  const home = homeDirectory(deps.env);
  const exports = await exportPlanFor(plan, deps.ctx, home);
  const files = exports.profileFiles;
  const profiles = files === undefined ? [] : plannedProfiles(files, result, plan, helperCommand);
  const cleanup =
    files === undefined ? exports.cleanup : withMarks(exports.cleanup, files, profiles);
  saveState(deps.runner, cleanup);
  [...exports.warnings, ...platformWarnings(process.platform, deps.env, home, exports)].forEach(
    (w) => deps.runner.warning(w),
  );
  if (files !== undefined) await writePlannedProfiles(files, profiles);
  const envSession = result.sessions.find((s) => s.session.exportToEnv);
  for (const { name, value } of exports.variables) {
    if (value.kind === 'text') deps.runner.exportVariable(name, value.text);
    else deps.runner.exportVariable(name, envSession?.credentials[value.field] ?? '');
  }
  const outputSession = result.sessions.find((s) => s.session.name === exports.outputSession);
  if (outputSession !== undefined) setOutputs(exports.outputs, outputSession, deps.runner);
  return cleanup;
}

function saveState(runner: Runner, state: CleanupState): void {
  for (const [key, value] of Object.entries(encodeCleanupState(state)))
    runner.saveState(key, value);
}

/** The cleanup state with each ~/.aws section's mark: what the post step checks before removing. */
function withMarks(
  cleanup: CleanupState,
  files: ProfileFilesPlan,
  profiles: readonly PlannedProfile[],
): CleanupState {
  const marks: Record<string, SectionMark> = {};
  for (const profile of profiles) {
    const mark = profileMark(files, profile);
    marks[`config:${configHeader(profile.name)}`] = mark;
    marks[`credentials:${profile.name}`] = mark;
  }
  return {
    ...cleanup,
    userFileSections: cleanup.userFileSections.map((sections) => {
      const kind = sections.file === files.configFile ? 'config' : 'credentials';
      return {
        ...sections,
        marks: Object.fromEntries(
          sections.headers.flatMap((h) => {
            const mark = marks[`${kind}:${h}`];
            return mark === undefined ? [] : [[h, mark]];
          }),
        ),
      };
    }),
  };
}
