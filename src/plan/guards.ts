import type { Plan } from './plan-run.js';
import type { RunContext } from '../model/run-context.js';
import { GuardRailError } from '../model/errors.js';
import { INPUT } from '../config/input-names.js';

/** Converts a ref glob to a RegExp: `*` matches within one path segment, `**` across segments. */
export function refGlobToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped
    .split('**')
    .map((part) => part.replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}

/**
 * Checks the rules that need no network: allowed events, refs, and the accounts of every role
 * given as a full ARN. Throws GuardRailError naming the rule; returns nothing on success.
 */
export function checkGuardsBeforeNetwork(plan: Plan, ctx: RunContext): void {
  const { allowedEvents, allowedRefs, allowedAccountIds } = plan.guards;
  if (allowedEvents.length > 0 && !allowedEvents.includes(ctx.eventName)) {
    throw new GuardRailError(
      INPUT.allowedEvents,
      `this run was started by '${ctx.eventName || 'an unknown event'}', and only ${allowedEvents.join(', ')} may start a session.`,
    );
  }
  if (allowedRefs.length > 0 && !allowedRefs.some((glob) => refGlobToRegExp(glob).test(ctx.ref))) {
    throw new GuardRailError(
      INPUT.allowedRefs,
      `this run is on '${ctx.ref || 'no ref'}', which matches none of ${allowedRefs.join(', ')}.`,
    );
  }
  if (allowedAccountIds.length > 0) {
    for (const session of plan.sessions) {
      for (const hop of session.hops) {
        if (hop.role.kind === 'arn' && !allowedAccountIds.includes(hop.role.arn.accountId)) {
          throw new GuardRailError(
            INPUT.allowedAccountIds,
            `${hop.origin} targets account ${hop.role.arn.accountId}, which is not in the allowed list. ` +
              'Check the role ARN (a dev ARN in a prod job is the usual cause) or extend the list.',
          );
        }
      }
    }
  }
}

/** Checks an account reached at run time (a bare role name, or stored keys used as they are). */
export function checkAllowedAccount(
  plan: { readonly guards: Pick<Plan['guards'], 'allowedAccountIds'> },
  accountId: string,
  what: string,
): void {
  const allowed = plan.guards.allowedAccountIds;
  if (allowed.length > 0 && !allowed.includes(accountId)) {
    throw new GuardRailError(
      INPUT.allowedAccountIds,
      `${what} is in account ${accountId}, which is not in the allowed list; nothing was exported.`,
    );
  }
}

/** Checks the OIDC token's environment claim before any STS call. */
export function checkEnvironmentClaim(plan: Plan, environment: string | undefined): void {
  const allowed = plan.guards.allowedEnvironments;
  if (allowed.length === 0) return;
  if (environment === undefined || !allowed.includes(environment)) {
    throw new GuardRailError(
      INPUT.allowedEnvironments,
      environment === undefined
        ? `the OIDC token has no environment claim: the job does not run in a GitHub environment. Add \`environment: ${allowed[0]}\` to the job.`
        : `the OIDC token is for environment '${environment}', and only ${allowed.join(', ')} may start a session.`,
    );
  }
  return;
}
