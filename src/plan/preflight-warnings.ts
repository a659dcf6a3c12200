import { inputName as input } from '../config/input-names.js';
import type { RunContext } from '../model/run-context.js';
import type { Plan } from './plan-run.js';

/** The pre-flight warnings of a run: what the job already has that would shadow its results. Pure. */
export function preflightWarnings(plan: Plan, ctx: RunContext): string[] {
  return staleCredentialWarnings({
    hasAccessKeyId: ctx.ambient.hasAccessKeyId && plan.source.kind !== 'role-chaining',
    profile: ctx.ambient.profile,
    exportsEnvCredentials: plan.sessions.some((s) => s.exportToEnv),
    writesProfiles: plan.sessions.some((s) => s.profileName !== undefined),
    unsetCurrent: plan.output.unsetCurrentCredentials,
  });
}

/** Warnings for credentials left by an earlier step that would shadow the ones this step sets up. */
export function staleCredentialWarnings(facts: {
  hasAccessKeyId: boolean;
  profile?: string | undefined;
  exportsEnvCredentials: boolean;
  writesProfiles: boolean;
  unsetCurrent: boolean;
}): string[] {
  if (facts.unsetCurrent) return [];
  const fix = `Set ${input('unsetCurrentCredentials')}: true to clear them first.`;
  const shadowed = facts.writesProfiles && !facts.exportsEnvCredentials && facts.hasAccessKeyId;
  const leftOver = (facts.profile ?? '') !== '' && facts.exportsEnvCredentials;
  return [
    shadowed
      ? `AWS_ACCESS_KEY_ID from an earlier step is still set; SDKs and the AWS CLI use environment keys before any profile not named explicitly, so later steps may act as the old identity. ${fix}`
      : '',
    leftOver
      ? `AWS_PROFILE=${facts.profile} from an earlier step is still set; the AWS CLI and most SDKs use the keys this step exports, but the JavaScript SDK v3 prefers AWS_PROFILE. ${fix}`
      : '',
  ].filter((warning) => warning !== '');
}
