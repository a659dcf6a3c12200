#!/usr/bin/env node
// Where does the main step's time go? Runs the bundled action (OIDC -> role, against a local
// moto) under `node --cpu-prof`, merges a few profiles and prints self time by category, by
// module and by function, plus the Node built-in modules the bundle loads beyond an empty
// ESM script. scripts/bench.mjs imports profileScenario/formatProfile; run alone with
//   node scripts/profile.mjs [--runs=5] [--node=/path/to/node] [--no-baseline]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runBounded } from './lib/proc.mjs';
import { collectStep, findNode24, prepareStep, REPO_ROOT } from './lib/runner.mjs';
import { fmt, median, table } from './lib/stats.mjs';

const NETWORK =
  /^node:(_http_|net$|https$|http$|tls$|dns$|_tls_|internal\/(streams|http|net|dns|stream_base|url))/;

/** Which bucket a profile node's self time goes to. */
function category(cf) {
  if (cf.functionName === '(idle)') return 'idle: waiting on the network (OIDC stand-in, STS)';
  if (cf.functionName === '(program)') return '(program): V8/Node native work outside JS';
  if (cf.functionName === '(garbage collector)') return 'garbage collection';
  const url = cf.url ?? '';
  if (url === '') return 'native bindings called from JS (compile, fs, socket writes)';
  if (
    /^node:internal\/(modules|bootstrap|main|process\/pre_execution|process\/esm_loader|vm)/.test(
      url,
    )
  )
    return 'Node start-up and module loading';
  if (NETWORK.test(url)) return 'Node http/net/streams';
  if (url.startsWith('node:')) return 'other Node internals';
  if (url.startsWith('file:')) return `bundle code: ${shortPath(url)}`;
  return `other: ${url}`;
}

function shortPath(url) {
  const p = url.startsWith('file:') ? fileURLToPath(url) : url;
  const r = relative(REPO_ROOT, p);
  // Copies under the bench's temp dir (adr-bench-XXXX/dist/index.js) read as dist/index.js.
  return r.startsWith('..') ? p.replace(/^.*\/adr-[^/]+\//, '') : r;
}

/** Merges .cpuprofile files into per-run-average self times (ms). */
export function summarize(files) {
  const cats = new Map();
  const mods = new Map();
  const fns = new Map();
  let total = 0;
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  for (const file of files) {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const dt = (p.timeDeltas[i] ?? 0) / 1000 / files.length; // ms, averaged per run
      const cf = byId.get(id).callFrame;
      total += dt;
      add(cats, category(cf), dt);
      add(
        mods,
        cf.url ? shortPath(cf.url) : cf.functionName.startsWith('(') ? cf.functionName : '(native)',
        dt,
      );
      if (!cf.functionName.startsWith('('))
        add(
          fns,
          `${cf.functionName || '(anonymous)'} — ${cf.url ? `${shortPath(cf.url)}:${cf.lineNumber + 1}` : 'native'}`,
          dt,
        );
    });
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    total,
    categories: sorted(cats),
    modules: sorted(mods),
    functions: sorted(fns),
    runs: files.length,
  };
}

const PRELOAD = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.ADR_MODULE_LIST, JSON.stringify(process.moduleLoadList)));
`;

/** Node built-ins (public ones) a script loads beyond an empty ESM script. */
async function builtinsLoaded({ node, job, stepOpts, dir }) {
  const preload = join(dir, 'modlist.mjs');
  const empty = join(dir, 'empty.mjs');
  writeFileSync(preload, PRELOAD);
  writeFileSync(empty, '');
  const list = async (script) => {
    const out = join(dir, `modules-${Math.random().toString(36).slice(2)}.json`);
    const prepared = prepareStep(job, {
      ...stepOpts,
      node,
      args: ['--import', pathToFileURL(preload).href, script],
      env: { ...stepOpts.env, ADR_MODULE_LIST: out },
    });
    await runBounded(prepared.cmd, prepared.args, {
      env: prepared.env,
      cwd: prepared.cwd,
      timeoutMs: 30_000,
    });
    return JSON.parse(readFileSync(out, 'utf8')).filter((m) => m.startsWith('NativeModule '));
  };
  const floor = new Set(await list(empty));
  const script = stepOpts.script ?? join(REPO_ROOT, 'dist', 'index.js');
  const extra = (await list(script))
    .filter((m) => !floor.has(m))
    .map((m) => m.slice('NativeModule '.length));
  return { count: extra.length, public: extra.filter((m) => !m.startsWith('internal/')) };
}

/**
 * Profiles one scenario: one unprofiled warm-up, then `runs` runs under --cpu-prof.
 * stepOpts are prepareStep options (inputs, env, script); each run gets a fresh file-command set.
 */
export async function profileScenario({
  label,
  node,
  job,
  stepOpts,
  runs = 8,
  intervalUs = 250,
  dir,
  check,
}) {
  const files = [];
  const walls = [];
  const once = async (extraArgs) => {
    const script = stepOpts.script ?? join(REPO_ROOT, 'dist', 'index.js');
    const prepared = prepareStep(job, { ...stepOpts, node, args: [...extraArgs, script] });
    const run = await runBounded(prepared.cmd, prepared.args, {
      env: prepared.env,
      cwd: prepared.cwd,
      timeoutMs: 30_000,
    });
    const result = collectStep(job, prepared, run, { carry: false });
    check?.(result);
    return result;
  };
  await once([]);
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `${label.replace(/\W+/g, '-')}-${i}`);
    mkdirSync(out, { recursive: true });
    const r = await once([
      '--cpu-prof',
      `--cpu-prof-interval=${intervalUs}`,
      `--cpu-prof-dir=${out}`,
    ]);
    walls.push(r.durationMs);
    files.push(...readdirSync(out).map((f) => join(out, f)));
  }
  const summary = summarize(files);
  summary.label = label;
  summary.intervalUs = intervalUs;
  summary.wallMs = median(walls);
  summary.builtins = await builtinsLoaded({ node, job, stepOpts, dir });
  return summary;
}

/** Markdown for one or more profile summaries. */
export function formatProfile(summaries, { top = 12 } = {}) {
  const out = [];
  for (const s of summaries) {
    out.push(`#### ${s.label}`);
    out.push(
      `${s.runs} profiled runs (sampling every ${s.intervalUs} µs); median wall time under the profiler ${fmt(s.wallMs, 0)} ms; ` +
        `sampled ${fmt(s.total, 1)} ms per run (self time, averaged per run).`,
    );
    out.push('');
    out.push(
      table(
        ['category', 'ms / run', 'share'],
        s.categories.map(([k, v]) => [k, fmt(v), `${fmt((100 * v) / s.total, 0)} %`]),
      ),
    );
    out.push('');
    out.push(
      table(
        ['top self-time functions', 'ms / run'],
        s.functions.slice(0, top).map(([k, v]) => [k.replace(/\|/g, '\\|'), fmt(v, 2)]),
      ),
    );
    const bundle = s.functions.filter(([k]) => / — (dist|baseline)\//.test(k));
    const bundleTotal = s.categories
      .filter(([k]) => k.startsWith('bundle code'))
      .reduce((a, [, v]) => a + v, 0);
    out.push('');
    out.push(`Bundle code itself: ${fmt(bundleTotal, 2)} ms / run; its top functions:`);
    out.push('');
    out.push(
      table(
        ['bundle function', 'ms / run'],
        bundle.slice(0, 8).map(([k, v]) => [k, fmt(v, 2)]),
      ),
    );
    out.push('');
    const files = s.modules.filter(([k]) => /^(dist|baseline)\//.test(k)).map(([k]) => k);
    out.push(`Bundle files that ran code: ${files.join(', ') || 'none'}.`);
    out.push('');
    out.push(
      `Node built-ins loaded beyond an empty ESM script: ${s.builtins.count} ` +
        `(public: ${s.builtins.public.join(', ') || 'none'}).`,
    );
    out.push('');
  }
  return out.join('\n');
}

// ---- standalone ----
async function main() {
  const { runScript, started, tempDir, trackDir } = await import('./lib/lifecycle.mjs');
  const { startMoto } = await import('./lib/moto.mjs');
  const { startOidcServer } = await import('./lib/oidc.mjs');
  const { createJob } = await import('./lib/runner.mjs');
  const { buildBaseline } = await import('./lib/baseline.mjs');
  const arg = (name, dflt) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
  const runs = Number(arg('runs', '8'));
  const node = arg('node', findNode24() ?? process.execPath);
  const withBaseline = !process.argv.includes('--no-baseline');
  await runScript(async () => {
    const dir = tempDir('adr-profile-');
    const job = createJob({ prefix: 'adr-profile-job-' });
    trackDir(job.root);
    const [moto, oidc, baseline] = await Promise.all([
      started(startMoto({ home: job.home })),
      started(startOidcServer()),
      withBaseline ? buildBaseline(join(dir, 'baseline')) : undefined,
    ]);
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
    };
    const inputs = {
      'aws-region': 'us-east-1',
      'sts-endpoint': moto.url,
      'role-to-assume': 'arn:aws:iam::111111111111:role/gateway',
    };
    const check = (r) => {
      if (r.exitCode !== 0 || !r.env.AWS_ACCESS_KEY_ID)
        throw new Error(`run failed:\n${r.log.slice(-1500)}`);
    };
    const summaries = [
      await profileScenario({
        label: 'aws-deploy-role, OIDC → role',
        node,
        job,
        stepOpts: { entry: 'main', inputs, env },
        runs,
        dir,
        check,
      }),
    ];
    if (baseline)
      summaries.push(
        await profileScenario({
          label: 'baseline (@actions/core + client-sts), OIDC → role',
          node,
          job,
          stepOpts: { entry: 'main', inputs, env, script: baseline.script },
          runs,
          dir,
          check,
        }),
      );
    console.log(
      `## CPU profile (${node === process.execPath ? `node ${process.version}` : node})\n`,
    );
    console.log(formatProfile(summaries));
    return 0;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
