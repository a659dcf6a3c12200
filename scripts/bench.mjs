#!/usr/bin/env node
// npm run bench: end-to-end wall time of the main step (spawn to exit, as the runner sees it)
// against a local moto_server and an OIDC token stand-in, next to `node -e 0` (the floor) and a
// straightforward @actions/core + @aws-sdk/client-sts bundle (the baseline). Prints Markdown:
// one table per Node runtime, bundle sizes, budgets with PASS/FAIL, and a CPU profile summary.
// A record, not a test: FAILs do not change the exit code; only a broken bench exits non-zero.
//
//   node scripts/bench.mjs [--runs=20] [--warmup=2] [--no-profile]
import { cpSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { buildBaseline } from './lib/baseline.mjs';
import { startCountingProxy } from './lib/counting-proxy.mjs';
import { runScript, started, tempDir, trackDir } from './lib/lifecycle.mjs';
import { startMoto } from './lib/moto.mjs';
import { startOidcServer } from './lib/oidc.mjs';
import { runBounded } from './lib/proc.mjs';
import {
  collectStep,
  createJob,
  findMachineNode,
  findNode24,
  prepareStep,
  REPO_ROOT,
} from './lib/runner.mjs';
import { fmt, kb, median, percentile, table } from './lib/stats.mjs';
import { formatProfile, profileScenario } from './profile.mjs';

const arg = (name, dflt) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const RUNS = Math.max(10, Number(arg('runs', '20')));
const WARMUP = Math.max(2, Number(arg('warmup', '2')));
const PROFILE = !process.argv.includes('--no-profile');
const MB = 1_000_000;

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const STORED_KEYS = {
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const log = (s = '') => process.stderr.write(`${s}\n`); // progress on stderr, the record on stdout

/** Every scenario: how to run it and what a correct run leaves behind. */
function scenarios({ dist, baselineScript, oidcEnv }) {
  const ok = (account) => (r) =>
    r.exitCode === 0 &&
    r.env.AWS_ACCESS_KEY_ID?.startsWith('ASIA') &&
    r.outputs['aws-assumed-role-arn']?.startsWith(`arn:aws:sts::${account}:assumed-role/`);
  return [
    {
      id: 'floor',
      label: '`node -e 0` (floor)',
      args: ['-e', '0'],
      check: (r) => r.exitCode === 0,
    },
    {
      id: 'oidc1',
      label: 'OIDC → role (1 hop)',
      script: join(dist, 'index.js'),
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      check: ok('111111111111'),
    },
    {
      id: 'keys',
      label: 'stored keys → role',
      script: join(dist, 'index.js'),
      inputs: { ...STORED_KEYS, 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' },
      check: ok('123456789012'),
    },
    {
      id: 'chain3',
      label: 'OIDC → 3-hop chain',
      script: join(dist, 'index.js'),
      env: oidcEnv,
      inputs: {
        'role-to-assume': GATEWAY,
        'role-chain':
          'arn:aws:iam::222222222222:role/deploy\narn:aws:iam::333333333333:role/app session-name=app',
      },
      check: ok('333333333333'),
    },
    {
      id: 'bad',
      label: 'bad input (`role-duration-seconds: abc`)',
      script: join(dist, 'index.js'),
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY, 'role-duration-seconds': 'abc' },
      check: (r) =>
        r.exitCode === 1 && /role-duration-seconds/.test(r.log) && !r.env.AWS_ACCESS_KEY_ID,
    },
    {
      id: 'baseline',
      label: 'BASELINE: @actions/core + client-sts, OIDC → role',
      script: baselineScript,
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      check: ok('111111111111'),
    },
  ];
}

async function runOnce(job, node, scenario, stsEndpoint) {
  const prepared = prepareStep(job, {
    entry: 'main',
    node,
    env: scenario.env,
    inputs: { 'aws-region': 'us-east-1', 'sts-endpoint': stsEndpoint, ...scenario.inputs },
    args: scenario.args ?? [scenario.script],
  });
  const run = await runBounded(prepared.cmd, prepared.args, {
    env: prepared.env,
    cwd: prepared.cwd,
    timeoutMs: 30_000,
  });
  const result = collectStep(job, prepared, run, { carry: false });
  if (run.timedOut || !scenario.check(result))
    throw new Error(
      `${scenario.id} under ${node}: unexpected result (exit ${run.exitCode}):\n${run.log.slice(-1500)}`,
    );
  return result;
}

/** The STS round trip by itself: AssumeRoleWithWebIdentity POSTed to moto with fetch. */
async function stsRoundTrip(motoUrl, oidc, n = 10) {
  const times = [];
  for (let i = 0; i < n + 2; i++) {
    const body = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: GATEWAY,
      RoleSessionName: 'bench',
      WebIdentityToken: oidc.mint(),
      DurationSeconds: '3600',
    }).toString();
    const t = performance.now();
    const res = await fetch(`${motoUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const text = await res.text();
    const dt = performance.now() - t;
    if (res.status !== 200 || !text.includes('<AccessKeyId>'))
      throw new Error(`direct STS call failed: ${res.status}`);
    if (i >= 2) times.push(dt);
  }
  return median(times);
}

/** The OIDC token fetch by itself (part of "overhead" for ours and the baseline alike). */
async function oidcRoundTrip(oidc, n = 10) {
  const times = [];
  for (let i = 0; i < n + 2; i++) {
    const t = performance.now();
    const res = await fetch(`${oidc.requestUrl}&audience=sts.amazonaws.com`, {
      headers: { authorization: `Bearer ${oidc.requestToken}` },
    });
    await res.text();
    if (i >= 2) times.push(performance.now() - t);
  }
  return median(times);
}

function bundleSizes(dist) {
  const rows = [];
  const size = (p) => statSync(p).size;
  for (const entry of [
    'index.js',
    'post/index.js',
    'credential-process/index.js',
    'cli/index.js',
  ]) {
    try {
      rows.push({ file: `dist/${entry}`, kind: 'entry', bytes: size(join(dist, entry)) });
    } catch {
      // not built (dist/cli is optional)
    }
  }
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : [],
    );
  for (const file of walk(dist).sort()) {
    const rel = relative(dist, file);
    if (/(^|\/)\d+\.index\.js$/.test(rel))
      rows.push({ file: `dist/${rel}`, kind: 'lazy chunk', bytes: size(file) });
  }
  return rows;
}

async function main() {
  const t0 = performance.now();
  const tmp = tempDir('adr-bench-');
  // Others may rebuild dist/ while the bench runs: time one consistent snapshot of it.
  const dist = join(tmp, 'dist');
  cpSync(join(REPO_ROOT, 'dist'), dist, { recursive: true });
  const job = createJob({ prefix: 'adr-bench-job-' });
  trackDir(job.root);

  log('bench: starting moto_server and the OIDC stand-in; building the baseline with ncc…');
  const [moto, oidc, baseline] = await Promise.all([
    started(startMoto({ home: job.home })),
    started(startOidcServer()),
    buildBaseline(join(tmp, 'baseline')),
  ]);
  const counter = await started(startCountingProxy(moto.url));
  const oidcEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
  };

  const sts = await stsRoundTrip(moto.url, oidc);
  const oidcRtt = await oidcRoundTrip(oidc);
  log(`bench: STS round trip ${fmt(sts)} ms, OIDC token round trip ${fmt(oidcRtt)} ms`);

  // The machine's Node and Node 24 (action.yml: using: node24), each once even if they are the same.
  const runtimes = [];
  for (const [role, node] of [
    ['machine', findMachineNode()],
    ['action.yml node24', findNode24()],
  ]) {
    if (!node) continue;
    const v = await runBounded(node, ['--version'], {
      env: { PATH: process.env.PATH ?? '' },
      timeoutMs: 10_000,
    });
    const version = v.stdout.trim();
    if (v.exitCode !== 0) throw new Error(`${node} --version failed`);
    if (runtimes.some((r) => r.version === version)) continue;
    runtimes.push({ name: `node ${version} (${role})`, node, version });
  }
  runtimes.forEach((r) => log(`bench: runtime ${r.name}: ${r.node}`));

  const list = scenarios({ dist, baselineScript: baseline.script, oidcEnv });
  const results = {};
  for (const { name, node } of runtimes) {
    const samples = Object.fromEntries(list.map((s) => [s.id, []]));
    const calls = {};
    // Warm-ups: the first goes through a counting forwarder to record each scenario's STS calls.
    for (let w = 0; w < WARMUP; w++) {
      for (const s of list) {
        counter.take();
        await runOnce(job, node, s, w === 0 ? counter.url : moto.url);
        if (w === 0) calls[s.id] = Object.values(counter.take()).reduce((a, b) => a + b, 0);
      }
    }
    log(`bench: ${name}: ${RUNS} rounds of ${list.length} scenarios…`);
    // Round-robin, so drift (other load on the machine) spreads over every scenario alike.
    for (let i = 0; i < RUNS; i++) {
      for (const s of list) samples[s.id].push((await runOnce(job, node, s, moto.url)).durationMs);
    }
    results[name] = { node, samples, calls };
  }

  // ---- report ----
  const out = [];
  const say = (s = '') => out.push(s);
  const sizes = bundleSizes(dist);
  const mainBytes = sizes.find((r) => r.file === 'dist/index.js')?.bytes ?? Infinity;
  say(
    `## Bench: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  say();
  say(
    `Wall time of one step (spawn to exit) against a local moto_server; median and p90 of ${RUNS} runs after ` +
      `${WARMUP} warm-ups, scenarios interleaved. Direct STS round trip (AssumeRoleWithWebIdentity to moto, ` +
      `fetch, median of 10): **${fmt(sts)} ms**; OIDC token round trip: ${fmt(oidcRtt)} ms. ` +
      '**overhead** = median − floor median − STS calls × STS round trip (the OIDC fetch stays in it, for ours and the baseline alike).',
  );
  say();
  const derived = {};
  for (const [name, { samples, calls }] of Object.entries(results)) {
    const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const overhead = (id) => med[id] - med.floor - calls[id] * sts;
    derived[name] = { med, overhead };
    say(`### ${name}`);
    say();
    say(
      table(
        ['scenario', 'median ms', 'p90 ms', 'overhead ms'],
        list.map((s) => [
          `${s.label}${s.id === 'floor' ? '' : ` — ${calls[s.id]} STS call${calls[s.id] === 1 ? '' : 's'}`}`,
          fmt(med[s.id]),
          fmt(percentile(samples[s.id], 90)),
          s.id === 'floor' ? '—' : fmt(overhead(s.id)),
        ]),
      ),
    );
    say();
    say(
      `Ours vs baseline (OIDC → role): overhead ${fmt(overhead('oidc1'))} ms vs ${fmt(overhead('baseline'))} ms ` +
        `→ ratio **${fmt(overhead('oidc1') / overhead('baseline'), 2)}**; wall time ${fmt(med.oidc1)} vs ${fmt(med.baseline)} ms.`,
    );
    say();
  }

  say('### Bundle sizes');
  say();
  say(
    table(
      ['file', 'kind', 'size'],
      [
        ...sizes.map((r) => [r.file, r.kind, kb(r.bytes)]),
        ['**total**', '', `**${kb(sizes.reduce((a, r) => a + r.bytes, 0))}**`],
      ],
      ['l', 'l', 'r'],
    ),
  );
  say();
  say(`Baseline bundle (not committed): ${kb(statSync(baseline.script).size)}, one file.`);
  say();

  say('### Budgets');
  say();
  const verdict = (ok) => (ok ? 'PASS' : '**FAIL**');
  const rows = [['main bundle dist/index.js ≤ 1 MB', kb(mainBytes), verdict(mainBytes <= MB)]];
  for (const [name, { med, overhead }] of Object.entries(derived)) {
    rows.push([
      `${name}: bad-input run ≤ 2× \`node -e 0\``,
      `${fmt(med.bad)} ms ≤ ${fmt(2 * med.floor)} ms (${fmt(med.bad / med.floor, 2)}×)`,
      verdict(med.bad <= 2 * med.floor),
    ]);
    rows.push([
      `${name}: OIDC→role overhead ≤ 50% of baseline overhead`,
      `${fmt(overhead('oidc1'))} ms vs ${fmt(overhead('baseline'))} ms (${fmt((100 * overhead('oidc1')) / overhead('baseline'), 0)} %)`,
      verdict(overhead('oidc1') <= 0.5 * overhead('baseline')),
    ]);
    rows.push([
      `${name}: 3-hop chain ≤ 1.5× 1-hop`,
      `${fmt(med.chain3)} ms vs ${fmt(med.oidc1)} ms (${fmt(med.chain3 / med.oidc1, 2)}×)`,
      verdict(med.chain3 <= 1.5 * med.oidc1),
    ]);
  }
  say(table(['budget', 'measured', 'verdict'], rows, ['l', 'l', 'l']));
  say();
  process.stdout.write(`${out.join('\n')}\n`);

  if (PROFILE) {
    log('bench: profiling the OIDC → role run (and the baseline) under --cpu-prof…');
    const { name, node } = runtimes.find((r) => r.version.startsWith('v24.')) ?? runtimes[0];
    const profDir = join(tmp, 'profiles');
    const stepOpts = (script) => ({
      entry: 'main',
      env: oidcEnv,
      inputs: { 'aws-region': 'us-east-1', 'sts-endpoint': moto.url, 'role-to-assume': GATEWAY },
      script,
    });
    const check = (r) => {
      if (r.exitCode !== 0) throw new Error(`profiled run failed:\n${r.log.slice(-1500)}`);
    };
    const summaries = [
      await profileScenario({
        label: `aws-deploy-role, OIDC → role (${name})`,
        node,
        job,
        stepOpts: stepOpts(join(dist, 'index.js')),
        runs: 8,
        dir: profDir,
        check,
      }),
      await profileScenario({
        label: `baseline, OIDC → role (${name})`,
        node,
        job,
        stepOpts: stepOpts(baseline.script),
        runs: 8,
        dir: profDir,
        check,
      }),
    ];
    process.stdout.write(
      `### CPU profile (self time; the profiler itself slows each run)\n\n${formatProfile(summaries, { top: 10 })}\n`,
    );
  }
  log(`bench: done in ${fmt((performance.now() - t0) / 1000)} s`);
  return 0;
}

await runScript(main);
