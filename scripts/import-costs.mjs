#!/usr/bin/env node
// What would each library cost at start-up if the main bundle imported it eagerly? Bundles a
// one-line entry per library with ncc (minified, into a temp dir), then times `node bundle`
// against an empty ESM file: median of N spawns per Node runtime. Backs the numbers in
// docs/performance.md.   node scripts/import-costs.mjs [--runs=20]
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, tempDir } from './lib/lifecycle.mjs';
import { runBounded } from './lib/proc.mjs';
import { findMachineNode, findNode24, REPO_ROOT } from './lib/runner.mjs';
import { fmt, kb, median, table } from './lib/stats.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? '20');

const CASES = [
  ['empty ESM file (floor)', ''],
  ['@actions/core', "import * as core from '@actions/core';\ncore.info('x');"],
  // What the runner adapter imports instead (src/publish/runner.ts): core's command modules.
  [
    '@actions/core command modules',
    "import { issueCommand } from './node_modules/@actions/core/lib/command.js';\n" +
      "import { issueFileCommand } from './node_modules/@actions/core/lib/file-command.js';\n" +
      "import { summary } from './node_modules/@actions/core/lib/summary.js';\n" +
      "issueCommand('debug', {}, 'x'); [issueFileCommand, summary];",
  ],
  // What @actions/core's index loads for getIDToken alone (its OIDC client): undici and tunnel.
  [
    '@actions/http-client',
    "import { HttpClient } from '@actions/http-client';\nnew HttpClient('x');",
  ],
  // The Context class by path, as src/config/read-inputs.ts imports it (the package index loads Octokit).
  [
    '@actions/github context',
    "import { Context } from './node_modules/@actions/github/lib/context.js';\nnew Context();",
  ],
  [
    '@aws-sdk/client-sts',
    "import { STSClient } from '@aws-sdk/client-sts';\nnew STSClient({ region: 'us-east-1' });",
  ],
  [
    '@aws-sdk/credential-provider-node',
    "import { defaultProvider } from '@aws-sdk/credential-provider-node';\ndefaultProvider();",
  ],
  ['https-proxy-agent', "import { HttpsProxyAgent } from 'https-proxy-agent';\nHttpsProxyAgent;"],
];

async function main() {
  const dir = tempDir('adr-imports-');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  const built = await Promise.all(
    CASES.map(async ([name, code], i) => {
      const src = join(dir, `entry-${i}.mjs`);
      writeFileSync(src, `${code}\n`);
      if (code === '') return { name, script: src, bytes: 0 };
      const out = join(dir, `out-${i}`);
      mkdirSync(out);
      const run = await runBounded('npx', ['ncc', 'build', src, '-o', out, '-m'], {
        env: process.env,
        cwd: REPO_ROOT,
        timeoutMs: 120_000,
      });
      if (run.exitCode !== 0)
        throw new Error(`ncc build for ${name} failed:\n${run.log.slice(-1500)}`);
      const script = join(out, 'index.mjs');
      return { name, script, bytes: statSync(script).size };
    }),
  );
  const nodes = [...new Set([findMachineNode(), findNode24()].filter(Boolean))];
  for (const node of nodes) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const times = Object.fromEntries(built.map((b) => [b.name, []]));
    for (let i = 0; i < RUNS + 2; i++) {
      for (const b of built) {
        const t = performance.now();
        const r = spawnSync(node, [b.script], { stdio: 'ignore', env: { PATH: process.env.PATH } });
        const dt = performance.now() - t;
        if (r.status !== 0) throw new Error(`${b.name} exited ${r.status} under ${node}`);
        if (i >= 2) times[b.name].push(dt);
      }
    }
    const floor = median(times[built[0].name]);
    console.log(`### node ${version}: start-up cost of an eager import (median of ${RUNS})\n`);
    console.log(
      table(
        ['library (bundled alone with ncc -m)', 'bundle', 'median ms', 'above floor ms'],
        built.map((b) => {
          const m = median(times[b.name]);
          return [b.name, b.bytes ? kb(b.bytes) : '—', fmt(m), b.bytes ? fmt(m - floor) : '—'];
        }),
      ),
    );
    console.log();
  }
  return 0;
}

await runScript(main);
