import type { Issuer } from './issuer.js';
import type { SubjectScope } from './subject.js';

/**
 * Conditions `generate` writes on token claims besides `sub`, on keys STS evaluates for GitHub's
 * issuers (github.com, its enterprise paths and *.ghe.com; the Service Authorization Reference
 * lists none for a GHES host): `job_workflow_ref`, `repository_id`, `repository_owner_id`,
 * `environment`. Pure.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */

export interface ClaimOptions {
  /** Only this reusable workflow, OWNER/REPO/.github/workflows/FILE@REF (* and ? wildcards). */
  readonly jobWorkflowRef?: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
}

const JOB_WORKFLOW_REF = /^[^/\s]+\/[^/\s]+\/\.github\/workflows\/[^@\s]+@\S+$/;

/** Claim conditions, split by operator: exact values, and patterns for StringLike. */
export function claimConditions(
  options: ClaimOptions,
  issuer: Issuer,
  scopes: readonly SubjectScope[],
): { equals: Record<string, string | string[]>; like: Record<string, string> } {
  const equals: Record<string, string | string[]> = {};
  const like: Record<string, string> = {};
  const key = (claim: string): string => `${issuer.host}:${claim}`;
  const { jobWorkflowRef } = options;
  if (jobWorkflowRef !== undefined) {
    if (issuer.kind === 'ghes') {
      throw new Error(
        'STS evaluates only aud and sub for a GitHub Enterprise Server issuer: drop --job-workflow-ref, or put job_workflow_ref in a custom subject template (--subject-claims)',
      );
    }
    if (!JOB_WORKFLOW_REF.test(jobWorkflowRef)) {
      throw new Error(
        `job workflow ref must be OWNER/REPO/.github/workflows/FILE@REF, e.g. octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main; got '${jobWorkflowRef}'`,
      );
    }
    if (/[*?]/.test(jobWorkflowRef)) like[key('job_workflow_ref')] = jobWorkflowRef;
    else equals[key('job_workflow_ref')] = jobWorkflowRef;
  }
  if (issuer.kind === 'ghes') return { equals, like };
  const id = (value: string | undefined): boolean => value !== undefined && /^\d+$/.test(value);
  if (id(options.repositoryId)) equals[key('repository_id')] = options.repositoryId as string;
  if (id(options.ownerId)) equals[key('repository_owner_id')] = options.ownerId as string;
  // The environment claim only when every scope is an environment: a branch or pull-request
  // scope's runs carry no environment claim, and a condition on it would refuse them.
  const environments = scopes.map((s) => s.environment);
  if (environments.length > 0 && environments.every((e) => e !== undefined)) {
    const values = [...new Set(environments as string[])];
    equals[key('environment')] = values.length === 1 ? (values[0] as string) : values;
  }
  return { equals, like };
}
