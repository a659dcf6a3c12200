// Sets up the Windows tier of `npm run test:windows` (scripts/lib/wine.mjs): the official
// Windows node.exe and a private Wine prefix set to Windows 10, each made once and kept under
// ~/.cache/aws-deploy-role/windows (or WINDOWS_TIER_DIR). scripts/setup.sh runs it after
// installing Wine when SETUP_WINDOWS=1; it is safe to run again.
import {
  WINDOWS_NODE_VERSION,
  ensurePrefix,
  ensureWindowsNode,
  runWine,
  toWindowsPath,
  windowsTierPaths,
  wineVersion,
} from './lib/wine.mjs';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

const paths = windowsTierPaths();
const log = (line) => console.log(`    ${line}`);
ensureWindowsNode(paths, log);
await ensurePrefix(paths, log);
// Proof that the pair runs: node.exe reports win32 and its version (written to a file, as
// node.exe cannot write to a Linux pipe).
const out = join(paths.dir, 'check.json');
const logFile = join(paths.dir, 'check.log');
writeFileSync(logFile, '');
const script = `require('fs').writeFileSync(${JSON.stringify(toWindowsPath(out))}, JSON.stringify([process.platform, process.version]))`;
const run = await runWine([paths.nodeExe, '-e', script], {
  prefix: paths.prefix,
  logFile,
  timeoutMs: 120_000,
});
const seen = run.exitCode === 0 ? readFileSync(out, 'utf8') : '';
if (seen !== JSON.stringify(['win32', `v${WINDOWS_NODE_VERSION}`]))
  throw new Error(
    `node.exe did not run under Wine (exit ${run.exitCode}, got ${seen || 'nothing'}): see ${logFile}`,
  );
const wine = wineVersion();
console.log(
  `    ok: node.exe v${WINDOWS_NODE_VERSION} (win32) under ${wine}, prefix ${paths.prefix}`,
);
