// Builds a Plan the way run.ts does (parseConfig, then planRun), so tests of guards and the
// summary work on plans users can actually produce.
import { parseConfig } from '../src/config.js';
import type { RunContext } from '../src/context.js';
import type { RawInputs } from '../src/input-names.js';
import { type Plan, planRun } from '../src/plan.js';
import { runContext } from './context.js';
import { rawInputs } from './inputs.js';

export function planFor(overrides: Partial<RawInputs>, ctx: RunContext = runContext()): Plan {
  return planRun(parseConfig(rawInputs({ awsRegion: 'us-east-1', ...overrides }), ctx), ctx);
}
