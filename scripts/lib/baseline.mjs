// Builds the bench baseline (scripts/baseline/index.mjs: @actions/core + @aws-sdk/client-sts)
// with ncc into a temp dir. Nothing is written into the repository.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBounded } from './proc.mjs';
import { REPO_ROOT } from './runner.mjs';

export async function buildBaseline(outDir) {
  const run = await runBounded(
    'npx',
    ['ncc', 'build', 'scripts/baseline/index.mjs', '-o', outDir, '-m'],
    {
      env: process.env,
      cwd: REPO_ROOT,
      timeoutMs: 120_000,
    },
  );
  const entry = readdirSync(outDir).find((f) => /^index\.m?js$/.test(f));
  if (run.exitCode !== 0 || !entry || !existsSync(join(outDir, entry)))
    throw new Error(
      `ncc build of the baseline failed (exit ${run.exitCode}):\n${run.log.slice(-2000)}`,
    );
  return { script: join(outDir, entry), buildMs: run.durationMs };
}
