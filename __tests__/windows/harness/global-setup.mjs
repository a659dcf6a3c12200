// jest globalSetup of the windows project: the Windows tier must be installed (SETUP_WINDOWS=1
// npm run setup). The Wine prefix is made here if it is missing (once, ~20 s), so a removed
// cache costs one slow run, not a failure; then a persistent wineserver is started for the run
// (global-teardown.mjs ends it).
import {
  ensurePrefix,
  startWineSession,
  windowsTierPaths,
  windowsTierProblems,
} from '../../../scripts/lib/wine.mjs';

export default async function globalSetup() {
  const paths = windowsTierPaths();
  const problems = windowsTierProblems(paths);
  if (problems.length > 0)
    throw new Error(
      `npm run test:windows: the Windows tier is not set up:\n  ${problems.join('\n  ')}`,
    );
  await ensurePrefix(paths, (line) => console.log(`windows tier: ${line}`));
  startWineSession(paths);
}
