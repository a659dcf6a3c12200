// Builds a Plan the way run.ts does (parseConfig, then planRun), so tests of guards and the
// summary work on plans users can actually produce.
import { parseConfig } from '../src/config/parse-config.js';
import type { RunContext } from '../src/model/run-context.js';
import type { RawInputs } from '../src/config/input-names.js';
import { type Plan, planRun } from '../src/plan/plan-run.js';
import { runContext } from './context.js';
import { rawInputs } from './inputs.js';

export function planFor(overrides: Partial<RawInputs>, ctx: RunContext = runContext()): Plan {
  return planRun(parseConfig(rawInputs({ awsRegion: 'us-east-1', ...overrides }), ctx), ctx);
}
