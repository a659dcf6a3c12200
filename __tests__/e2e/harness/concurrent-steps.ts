// Many jobs on one self-hosted runner user: rounds of concurrent main steps that share one HOME
// (profile-files-location: home), then every post step at once. The step runner is a parameter,
// so the same scenario runs the Linux bundles (runner.ts) or Windows node.exe under Wine.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job, StepOptions, StepResult } from './runner.js';

export interface ConcurrentStepsOptions {
  /** Rounds run one after another, e.g. 3. */
  readonly rounds: number;
  /** Main steps started at once in each round, e.g. 6. */
  readonly concurrency: number;
  /** The inputs of step `index` (0-based, counted across rounds). */
  readonly inputs: (index: number) => Record<string, string>;
  /** The env of every step, on top of its job's: the shared HOME (and USERPROFILE) at least. */
  readonly env: Record<string, string>;
  /** The shared ~/.aws as this process sees it, read once all main steps are done. */
  readonly awsDirectory: string;
  /** A fresh job per step (own RUNNER_TEMP and file commands, as separate runner jobs have). */
  readonly createJob: () => Job;
  /** Runs one step: runner.ts's runStep, or a Wine runner with the same shape. */
  readonly runStep: (opts: StepOptions) => Promise<StepResult>;
}

/** One job of the scenario: its main step and, once all mains are done, its post step. */
export interface ConcurrentStep {
  readonly index: number;
  readonly job: Job;
  readonly main: StepResult;
  readonly post: StepResult;
}

export interface ConcurrentOutcome {
  readonly steps: readonly ConcurrentStep[];
  /** ~/.aws/config and ~/.aws/credentials after every main step ('' when absent). */
  readonly afterMains: SharedFileTexts;
  /** The same after every post step. */
  readonly afterPosts: SharedFileTexts;
}

export interface SharedFileTexts {
  readonly config: string;
  readonly credentials: string;
}

/**
 * Runs `rounds` rounds of `concurrency` main steps at once (each round waits for the last),
 * reads the shared files, then runs every job's post step at once and reads them again.
 */
export async function runConcurrentSteps(opts: ConcurrentStepsOptions): Promise<ConcurrentOutcome> {
  const mains: { index: number; job: Job; main: StepResult }[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    const indexes = Array.from(
      { length: opts.concurrency },
      (_, i) => round * opts.concurrency + i,
    );
    mains.push(
      ...(await Promise.all(
        indexes.map(async (index) => {
          const job = opts.createJob();
          const main = await opts.runStep({
            entry: 'main',
            job,
            env: opts.env,
            inputs: opts.inputs(index),
          });
          return { index, job, main };
        }),
      )),
    );
  }
  const afterMains = readSharedFiles(opts.awsDirectory);
  const steps = await Promise.all(
    mains.map(async (step) => ({
      ...step,
      post: await opts.runStep({ entry: 'post', job: step.job, env: opts.env }),
    })),
  );
  return { steps, afterMains, afterPosts: readSharedFiles(opts.awsDirectory) };
}

function readSharedFiles(directory: string): SharedFileTexts {
  const read = (name: string): string =>
    existsSync(join(directory, name)) ? readFileSync(join(directory, name), 'utf8') : '';
  return { config: read('config'), credentials: read('credentials') };
}

/** Each section header of an INI text, with the access key ID it holds (if any), in order. */
export function sectionsOf(text: string): { header: string; accessKeyId: string | undefined }[] {
  const sections: { header: string; accessKeyId: string | undefined }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header) sections.push({ header: (header[1] as string).trim(), accessKeyId: undefined });
    const key = /^\s*aws_access_key_id\s*=\s*(\S+)/.exec(line);
    const last = sections[sections.length - 1];
    if (key && last) last.accessKeyId = key[1];
  }
  return sections;
}
