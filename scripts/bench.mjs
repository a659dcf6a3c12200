#!/usr/bin/env node
// npm run bench: end-to-end wall time of the main step (spawn to exit, as the runner sees it)
// against a local moto_server and an OIDC token stand-in, on loopback and with 100 ms added to
// every STS and token request (a hosted runner to a regional endpoint), next to `node -e 0`, a
// straightforward @actions/core + @aws-sdk/client-sts bundle (the baseline) and the reference
// action users switch from (configure-aws-credentials v6.2.3's published dist/, run as the runner
// runs it: INPUT_* from its own action.yml defaults), scenarios alternating in the same run.
// Prints Markdown: one table per Node runtime, bundle sizes, budgets with PASS/FAIL (medians of
// per-round ratios to the reference, beside each scenario's floor: Node start-up plus one round
// trip per request the run makes), and a CPU profile summary.
// A record, not a test: FAILs do not change the exit code; only a broken bench exits non-zero.
//
//   node scripts/bench.mjs [--runs N] [--warmup N] [--no-profile] [--machine-node] [--only=oidc1,...]
// Runs under Node 24 (action.yml: using: node24); --machine-node also times the machine's Node.
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

/** --name=value or --name value. */
const arg = (name, dflt) => {
  const argv = process.argv;
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1] !== undefined) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
};
const RUNS = Math.max(1, Number(arg('runs', '20')));
const WARMUP = Math.max(1, Number(arg('warmup', '2')));
const MACHINE_NODE = process.argv.includes('--machine-node');
/** Added to every STS and token request in the `-100ms` scenarios. */
const FAR_MS = 100;
const PROFILE = !process.argv.includes('--no-profile');
const ONLY = arg('only', '')
  .split(',')
  .map((id) => id.trim())
  .filter(Boolean);
/** Whether a scenario runs: all of them, or those --only names (the floor always). */
const selected = (id) => ONLY.length === 0 || id === 'floor' || ONLY.includes(id);

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
function scenarios({ dist, baselineScript, oidcEnv, farOidcEnv }) {
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
      id: 'oidc1-100ms',
      label: `OIDC → role (1 hop), +${FAR_MS} ms per request`,
      script: join(dist, 'index.js'),
      far: true,
      env: farOidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      check: ok('111111111111'),
    },
    {
      id: 'ref-oidc1-100ms',
      label: `REFERENCE v6.2.3: OIDC → role (1 hop), +${FAR_MS} ms per request`,
      script: join(REFERENCE, 'dist', 'index.js'),
      reference: true,
      far: true,
      env: farOidcEnv,
      inputs: { 'role-to-assume': GATEWAY },
      check: refOk('111111111111'),
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
  // The far endpoints: the same moto and token signer, every request held FAR_MS first.
  const [counter, farSts, farOidc] = await Promise.all([
    started(startCountingProxy(moto.url)),
    started(startCountingProxy(moto.url, { delayMs: FAR_MS })),
    started(startOidcServer({ delayMs: FAR_MS })),
  ]);
  const envOf = (server) => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: server.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: server.requestToken,
  });
  const oidcEnv = envOf(oidc);
  const farOidcEnv = envOf(farOidc);

  const sts = await stsRoundTrip(moto.url, oidc);
  const oidcRtt = await oidcRoundTrip(oidc);
  const farStsRtt = await stsRoundTrip(farSts.url, oidc, 3);
  const farOidcRtt = await oidcRoundTrip(farOidc, 3);
  log(
    `bench: STS round trip ${fmt(sts)} ms (far: ${fmt(farStsRtt)} ms), ` +
      `OIDC token round trip ${fmt(oidcRtt)} ms (far: ${fmt(farOidcRtt)} ms)`,
  );
  /** Round trip of one STS call and one token request, on the scenario's network. */
  const rtt = (s) => (s.far ? { sts: farStsRtt, token: farOidcRtt } : { sts, token: oidcRtt });
  /** Token requests answered so far, by either token server. */
  const tokenCount = () => oidc.requests().length + farOidc.requests().length;

  // Node 24 (action.yml: using: node24); with --machine-node the machine's Node first, each once.
  const runtimes = [];
  for (const [role, node] of [
    ...(MACHINE_NODE ? [['machine', findMachineNode()]] : []),
    ['action.yml node24', findNode24() ?? findMachineNode()],
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

  const list = scenarios({ dist, baselineScript: baseline.script, oidcEnv, farOidcEnv }).filter(
    (s) => selected(s.id),
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
    const tokens = {};
    const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
    // Warm-ups: the first goes through a counting forwarder to record each scenario's STS calls
    // (the far forwarder counts too), and the token servers' logs give its token requests.
    for (let w = 0; w < WARMUP; w++) {
      for (const s of list) {
        counter.take();
        farSts.take();
        const tokensBefore = tokenCount();
        await runScenario(job, node, s, s.far ? farSts.url : w === 0 ? counter.url : moto.url);
        if (w === 0) {
          calls[s.id] = sum(counter.take()) + sum(farSts.take());
          tokens[s.id] = tokenCount() - tokensBefore;
        }
      }
    }
    log(`bench: ${name}: ${RUNS} rounds of ${list.length} scenarios…`);
    // Round-robin, so drift (other load on the machine) spreads over every scenario alike.
    for (let i = 0; i < RUNS; i++) {
      for (const s of list)
        samples[s.id].push(
          (await runScenario(job, node, s, s.far ? farSts.url : moto.url)).durationMs,
        );
    }
    log(
      `bench: ${name}: AccessDenied, ours (${OURS_DENIED_RUNS} runs) and the reference (${DENIED_RUNS}) alternating…`,
    );
    for (const s of deniedScenarios) samples[s.id] = [];
    for (let i = 0; i < OURS_DENIED_RUNS; i++)
      for (const s of deniedScenarios)
        if (i < deniedRuns(s))
          samples[s.id].push((await runOnce(job, node, s, denying.url)).durationMs);
    results[name] = { node, samples, calls, tokens };
  }

  // ---- report ----
  const out = [];
  const say = (s = '') => out.push(s);
  const sizes = bundleSizes(dist);
  const mainBytes = sizes.find((r) => r.file === 'dist/index.js')?.bytes ?? NaN;
  say(
    `## Bench: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  say();
  say(
    `Wall time of one step (spawn to exit) against a local moto_server; median and p90 of ${RUNS} runs after ` +
      `${WARMUP} warm-up(s), scenarios interleaved. Round trips (fetch, median): STS ${fmt(sts)} ms, ` +
      `token ${fmt(oidcRtt)} ms on loopback; ${fmt(farStsRtt)} ms and ${fmt(farOidcRtt)} ms with ` +
      `${FAR_MS} ms added (the \`${FAR_MS}ms\` scenarios). **floor** = \`node -e 0\` per step + one ` +
      'round trip per request the run makes (STS calls and token requests, counted in a warm-up).',
  );
  say();
  const derived = {};
  for (const [name, { samples, calls, tokens }] of Object.entries(results)) {
    const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const floorOf = (s) =>
      calls[s.id] === undefined
        ? undefined
        : med.floor * (s.steps?.length ?? 1) +
          calls[s.id] * rtt(s).sts +
          tokens[s.id] * rtt(s).token;
    const floors = Object.fromEntries(list.map((s) => [s.id, floorOf(s)]));
    derived[name] = { med, samples, floors };
    const requests = (s) =>
      `${calls[s.id]} STS call${calls[s.id] === 1 ? '' : 's'}, ${tokens[s.id]} token request${tokens[s.id] === 1 ? '' : 's'}`;
    say(`### ${name}`);
    say();
    say(
      table(
        ['scenario', 'median ms', 'p90 ms', 'floor ms', 'above floor ms'],
        [
          ...list.map((s) => [
            `${s.label}${s.id === 'floor' ? '' : ` — ${requests(s)}`}`,
            fmt(med[s.id]),
            fmt(percentile(samples[s.id], 90)),
            s.id === 'floor' ? '—' : fmt(floors[s.id]),
            s.id === 'floor' ? '—' : fmt(med[s.id] - floors[s.id]),
          ]),
          ...deniedScenarios.map((s) => [
            `${s.label} — median of ${deniedRuns(s)}`,
            fmt(med[s.id]),
            fmt(Math.max(...samples[s.id])),
            '—',
            '—',
          ]),
        ],
      ),
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
  say(
    'Each ratio is the median over rounds of ours ÷ the reference in the same round (AccessDenied: ' +
      'pairs of runs). **floor ratio** = our floor ÷ the reference median: the best any action ' +
      'making our requests could reach.',
  );
  say();
  const verdict = (ok) => (ok ? 'PASS' : '**FAIL**');
  /** Median of per-round ratios a[i] / b[i]. */
  const ratioMedian = (a, b) => {
    const n = Math.min(a.length, b.length);
    return median(Array.from({ length: n }, (_, i) => a[i] / b[i]));
  };
  const rows = [];
  for (const [name, { med, samples, floors }] of Object.entries(derived)) {
    const budget = (ours, ref, limit, what) => {
      if (samples[ours] === undefined || samples[ref] === undefined) return;
      const r = ratioMedian(samples[ours], samples[ref]);
      rows.push([
        `${name}: ${what} ≤ ${limit}×`,
        `${fmt(med[ours])} / ${fmt(med[ref])} ms`,
        fmt(r, 3),
        floors[ours] === undefined ? '—' : fmt(floors[ours] / med[ref], 3),
        verdict(r <= limit),
      ]);
    };
    budget('oidc1-100ms', 'ref-oidc1-100ms', 0.85, `OIDC → role, +${FAR_MS} ms per request`);
    budget('oidc1', 'ref-oidc1', 1.0, 'OIDC → role, loopback');
    budget('bad-region', 'ref-bad', 0.7, 'bad input (`aws-region: us east 1`)');
    budget('chain3', 'ref-chain3', 0.4, '3-hop chain in one step ÷ three reference steps');
    budget('denied', 'ref-denied', 0.01, 'AccessDenied, defaults (reference capped)');
  }
  say(
    table(['budget (ours ÷ reference)', 'medians', 'ratio', 'floor ratio', 'verdict'], rows, [
      'l',
      'r',
      'r',
      'r',
      'l',
    ]),
  );
  say();
  say(`main bundle dist/index.js: ${kb(mainBytes)}.`);
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
