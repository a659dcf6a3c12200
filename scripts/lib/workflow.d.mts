// Types for workflow.mjs (hand-written: the scripts run under plain node, with no build step).

/** One matrix leg of a job: its environment and the aws-deploy-role step's inputs, filled in. */
export interface Leg {
  jobId: string;
  environment: string;
  inputs: Record<string, string>;
}

export const WORKFLOW_FILE: string;
export function readWorkflow(): { on: Record<string, unknown>; jobs: Record<string, unknown> };
export function legsOf(workflow: ReturnType<typeof readWorkflow>, jobId: string): Leg[];
export function legsStartedBy(workflow: ReturnType<typeof readWorkflow>, event: string): Leg[];
