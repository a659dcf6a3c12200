// The canonical workflow (templates/workflows/deploy.yml) as the demo plays it: for an event,
// the jobs it starts and, for each matrix leg, its environment and the aws-deploy-role step's
// inputs with `${{ matrix.* }}` filled in. Only the forms that file uses are understood (a job
// `if:` that tests github.event_name, a matrix of `include:` rows); anything else is an error,
// so the demo cannot silently play a different workflow than the one the docs show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './runner.mjs';

export const WORKFLOW_FILE = 'templates/workflows/deploy.yml';

/** The workflow file, parsed. */
export function readWorkflow() {
  return parseYaml(readFileSync(join(REPO_ROOT, WORKFLOW_FILE), 'utf8'));
}

/** Whether a job's `if:` lets the event start it. */
function startsOn(job, event) {
  if (job.if === undefined) return true;
  const m = /^github\.event_name == '([a-z_]+)'$/.exec(job.if);
  if (!m) throw new Error(`${WORKFLOW_FILE}: the demo cannot evaluate if: ${job.if}`);
  return m[1] === event;
}

/** Every leg of a job, whatever its `if:`: { jobId, environment, inputs }. */
export function legsOf(workflow, jobId) {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`${WORKFLOW_FILE}: no job ${jobId}`);
  const step = job.steps.find((s) => /aws-deploy-role@/.test(s.uses ?? ''));
  const rows = job.strategy?.matrix?.include ?? [{}];
  return rows.map((row) => {
    const fill = (v) =>
      String(v).replace(/\$\{\{ matrix\.([a-z]+) \}\}/g, (_, key) => {
        if (!(key in row)) throw new Error(`${WORKFLOW_FILE}: matrix.${key} is not set`);
        return row[key];
      });
    const inputs = Object.fromEntries(
      Object.entries(step?.with ?? {}).map(([k, v]) => [k, fill(v)]),
    );
    return { jobId, environment: fill(job.environment ?? ''), inputs };
  });
}

/** The legs an event starts, in file order. */
export function legsStartedBy(workflow, event) {
  return Object.keys(workflow.jobs)
    .filter((id) => startsOn(workflow.jobs[id], event))
    .flatMap((id) => legsOf(workflow, id));
}
