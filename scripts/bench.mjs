#!/usr/bin/env node
// npm run bench: end-to-end wall time of the main step (spawn to exit, as the runner sees it)
// against a local moto_server and an OIDC token stand-in, next to `node -e 0` (the floor), a
// straightforward @actions/core + @aws-sdk/client-sts bundle (the baseline) and the reference
// action users switch from (configure-aws-credentials v6.2.3's published dist/, run as the runner
// runs it: INPUT_* from its own action.yml defaults), scenarios alternating in the same run.
// Prints Markdown: one table per Node runtime, bundle sizes, budgets with PASS/FAIL (ratios to
// the reference), and a CPU profile summary.
// A record, not a test: FAILs do not change the exit code; only a broken bench exits non-zero.
//
//   node scripts/bench.mjs [--runs=20] [--warmup=2] [--no-profile] [--only=oidc1,ref-oidc1,...]
// --only keeps the listed scenario ids (and the floor) for a quick look while tuning; the
// budgets whose two sides both ran are still printed. The record in docs/ is a full run.
// --dist=<dir> times another build of dist/ (for comparing bundling choices) instead.
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
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
import { parse as parseYaml } from 'yaml';
import { formatProfile, profileScenario } from './profile.mjs';

const arg = (name, dflt) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const RUNS = Math.max(10, Number(arg('runs', '20')));
const WARMUP = Math.max(2, Number(arg('warmup', '2')));
const PROFILE = !process.argv.includes('--no-profile');
const ONLY = arg('only', '')
  .split(',')
  .map((id) => id.trim())
  .filter(Boolean);
/** Whether a scenario runs: all of them, or those --only names (the floor always). */
const selected = (id) => ONLY.length === 0 || id === 'floor' || ONLY.includes(id);
const MB = 1_000_000;

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const STORED_KEYS = {
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const log = (s = '') => process.stderr.write(`${s}\n`); // progress on stderr, the record on stdout

const REFERENCE = '/work/shared/reference/configure-aws-credentials-v6.2.3';
/**
 * The reference retries even AccessDenied: 12 attempts, waiting random() × 2^n × 50 ms after
 * attempt n+1 (n = 0..10), about 51 s on average and up to 102 s. A measured run is stopped at
 * this cap and counted as the cap, which understates the reference: the ratio is conservative.
 */
const REFERENCE_DENIED_CAP_MS = 45_000;
const DENIED_RUNS = 2;
/** Ours fails in well under a second: more runs of it cost little and steady its median on a loaded machine. */
const OURS_DENIED_RUNS = 5;
const deniedRuns = (s) => (s.reference ? DENIED_RUNS : OURS_DENIED_RUNS);

/** The reference action's INPUT_* defaults, from its own action.yml. */
function referenceDefaults() {
  const doc = parseYaml(readFileSync(join(REFERENCE, 'action.yml'), 'utf8'));
  return Object.fromEntries(
    Object.entries(doc?.inputs ?? {}).map(([name, spec]) => [
      name,
      spec?.default === undefined || spec?.default === null ? '' : String(spec.default),
    ]),
  );
}

/** A stand-in STS that refuses every call with AccessDenied, as a trust policy would. */
async function startDenyingSts() {
  const body =
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
    '<Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message>' +
    '</Error><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(403, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Every scenario: how to run it and what a correct run leaves behind. */
function scenarios({ dist, baselineScript, oidcEnv }) {
  const ok = (account) => (r) =>
    r.exitCode === 0 &&
    r.env.AWS_ACCESS_KEY_ID?.startsWith('ASIA') &&
    r.outputs['aws-assumed-role-arn']?.startsWith(`arn:aws:sts::${account}:assumed-role/`);
  // The reference has no aws-assumed-role-arn output: its account output must match instead.
  const refOk = (account) => (r) =>
    r.exitCode === 0 &&
    r.env.AWS_ACCESS_KEY_ID?.startsWith('ASIA') &&
    r.outputs['aws-account-id'] === account;
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
    {
      id: 'ref-oidc1',
      label: 'REFERENCE v6.2.3: OIDC → role (1 hop)',
      script: join(REFERENCE, 'dist', 'index.js'),
      reference: true,
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      check: refOk('111111111111'),
    },
    {
      id: 'ref-bad',
      label: 'REFERENCE v6.2.3: bad input (`aws-region: us east 1`)',
      script: join(REFERENCE, 'dist', 'index.js'),
      reference: true,
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY, 'aws-region': 'us east 1' },
      check: (r) => r.exitCode === 1 && !r.env.AWS_ACCESS_KEY_ID,
    },
    {
      id: 'bad-region',
      label: 'bad input (`aws-region: us east 1`)',
      script: join(dist, 'index.js'),
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY, 'aws-region': 'us east 1' },
      check: (r) => r.exitCode === 1 && /aws-region/.test(r.log) && !r.env.AWS_ACCESS_KEY_ID,
    },
    {
      id: 'ref-chain3',
      label: 'REFERENCE v6.2.3: 3 steps (OIDC → role, then role-chaining ×2)',
      script: join(REFERENCE, 'dist', 'index.js'),
      reference: true,
      env: oidcEnv,
      steps: [
        { 'role-to-assume': GATEWAY },
        { 'role-to-assume': 'arn:aws:iam::222222222222:role/deploy', 'role-chaining': 'true' },
        {
          'role-to-assume': 'arn:aws:iam::333333333333:role/app',
          'role-chaining': 'true',
          'role-session-name': 'app',
        },
      ],
      check: refOk('333333333333'),
    },
  ];
}

/** Runs a scenario's steps (one, or the reference's chain of steps carrying exported env). */
async function runScenario(job, node, scenario, stsEndpoint) {
  if (!scenario.steps) return runOnce(job, node, scenario, stsEndpoint);
  let env = { ...scenario.env };
  let total = 0;
  let last;
  for (const inputs of scenario.steps) {
    last = await runOnce(job, node, { ...scenario, env, inputs, check: () => true }, stsEndpoint);
    if (last.exitCode !== 0)
      throw new Error(`${scenario.id}: a step failed:\n${last.log.slice(-1500)}`);
    env = { ...env, ...last.env };
    total += last.durationMs;
  }
  if (!scenario.check(last)) throw new Error(`${scenario.id}: unexpected result`);
  return { ...last, durationMs: total };
}

async function runOnce(job, node, scenario, stsEndpoint) {
  const prepared = prepareStep(job, {
    entry: 'main',
    node,
    env: scenario.env,
    inputs: { 'aws-region': 'us-east-1', 'sts-endpoint': stsEndpoint, ...scenario.inputs },
    ...(scenario.reference ? { inputDefaults: referenceDefaults() } : {}),
    args: scenario.args ?? [scenario.script],
  });
  const run = await runBounded(prepared.cmd, prepared.args, {
    env: prepared.env,
    cwd: prepared.cwd,
    timeoutMs: scenario.timeoutMs ?? 30_000,
  });
  const result = collectStep(job, prepared, run, { carry: false });
  if (scenario.capped && run.timedOut) return { ...result, durationMs: scenario.timeoutMs };
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
  cpSync(arg('dist', join(REPO_ROOT, 'dist')), dist, { recursive: true });
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

  const list = scenarios({ dist, baselineScript: baseline.script, oidcEnv }).filter((s) =>
    selected(s.id),
  );
  const denying = await started(startDenyingSts());
  // The reference reports AccessDenied by AWS's message ("Not authorized to perform …") once its
  // retries run out, which can happen before the cap when its jittered backoff is short.
  const denied = (r) =>
    r.exitCode === 1 && /AccessDenied|Not authorized/.test(r.log) && !r.env.AWS_ACCESS_KEY_ID;
  const deniedScenarios = [
    {
      id: 'denied',
      label: 'AccessDenied, default settings',
      script: join(dist, 'index.js'),
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      check: denied,
    },
    {
      id: 'ref-denied',
      label: `REFERENCE v6.2.3: AccessDenied, default settings (capped at ${REFERENCE_DENIED_CAP_MS / 1000} s)`,
      script: join(REFERENCE, 'dist', 'index.js'),
      reference: true,
      env: oidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      timeoutMs: REFERENCE_DENIED_CAP_MS,
      capped: true,
      check: denied,
    },
  ].filter((s) => selected(s.id));
  const results = {};
  for (const { name, node } of runtimes) {
    const samples = Object.fromEntries(list.map((s) => [s.id, []]));
    const calls = {};
    // Warm-ups: the first goes through a counting forwarder to record each scenario's STS calls.
    for (let w = 0; w < WARMUP; w++) {
      for (const s of list) {
        counter.take();
        await runScenario(job, node, s, w === 0 ? counter.url : moto.url);
        if (w === 0) calls[s.id] = Object.values(counter.take()).reduce((a, b) => a + b, 0);
      }
    }
    log(`bench: ${name}: ${RUNS} rounds of ${list.length} scenarios…`);
    // Round-robin, so drift (other load on the machine) spreads over every scenario alike.
    for (let i = 0; i < RUNS; i++) {
      for (const s of list)
        samples[s.id].push((await runScenario(job, node, s, moto.url)).durationMs);
    }
    log(
      `bench: ${name}: AccessDenied, ours (${OURS_DENIED_RUNS} runs) and the reference (${DENIED_RUNS}) alternating…`,
    );
    for (const s of deniedScenarios) samples[s.id] = [];
    for (let i = 0; i < OURS_DENIED_RUNS; i++)
      for (const s of deniedScenarios)
        if (i < deniedRuns(s))
          samples[s.id].push((await runOnce(job, node, s, denying.url)).durationMs);
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
        [
          ...list.map((s) => [
            `${s.label}${s.id === 'floor' ? '' : ` — ${calls[s.id]} STS call${calls[s.id] === 1 ? '' : 's'}`}`,
            fmt(med[s.id]),
            fmt(percentile(samples[s.id], 90)),
            s.id === 'floor' ? '—' : fmt(overhead(s.id)),
          ]),
          ...deniedScenarios.map((s) => [
            `${s.label} — median of ${deniedRuns(s)}`,
            fmt(med[s.id]),
            fmt(Math.max(...samples[s.id])),
            '—',
          ]),
        ],
      ),
    );
    say();
    if (med.oidc1 !== undefined && med.baseline !== undefined)
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
  for (const [name, { med }] of Object.entries(derived)) {
    const ratio = (ours, ref, budget, what) =>
      ours !== undefined &&
      ref !== undefined &&
      rows.push([
        `${name}: ${what} ≤ ${budget}× the reference`,
        `${fmt(ours)} ms vs ${fmt(ref)} ms (${fmt(ours / ref, 3)}×)`,
        verdict(ours <= budget * ref),
      ]);
    ratio(med.oidc1, med['ref-oidc1'], 0.9, 'OIDC → role wall time');
    ratio(med['bad-region'], med['ref-bad'], 0.7, 'bad-input run (`aws-region: us east 1`)');
    ratio(med.chain3, med['ref-chain3'], 0.4, '3-hop chain in one step vs three reference steps');
    ratio(med.denied, med['ref-denied'], 0.01, 'AccessDenied (reference capped, see above)');
  }
  say(table(['budget', 'measured', 'verdict'], rows, ['l', 'l', 'l']));
  say();
  // The budgets of the hand-written-protocol era (before issue 10 put the runtime on
  // @actions/core and @aws-sdk/client-sts): printed for comparison, no longer targets.
  say('Earlier budgets (before the toolkit and SDK migration; for comparison, not targets):');
  say();
  rows.length = 0;
  for (const [name, { med, overhead }] of Object.entries(derived)) {
    if (ONLY.length > 0) break; // these compare scenarios a partial run may not have
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
