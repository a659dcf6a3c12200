#!/usr/bin/env node
// npm run demo: the bundled action end to end on this machine, the way a GitHub runner runs it.
//
//   moto_server (STS + IAM emulator)  +  an OIDC token stand-in (RS256 JWT, GitHub's claims)
//   -> main step  `node dist/index.js`  (OIDC -> gateway role -> deploy role)
//   -> a later step: `aws sts get-caller-identity` with the exported credentials
//   -> post step  `node dist/post/index.js`  with STATE_* from the main step's GITHUB_STATE
//
// Everything it starts is stopped by PID (also on error or Ctrl-C) and its temp dirs are removed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, started, trackDir } from './lib/lifecycle.mjs';
import { createRole, startMoto } from './lib/moto.mjs';
import { startOidcServer } from './lib/oidc.mjs';
import { baseEnv, runBounded, which } from './lib/proc.mjs';
import { renderLog } from './lib/file-commands.mjs';
import { createJob, findMachineNode, findNode24, runStep } from './lib/runner.mjs';

const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const DEPLOY = 'arn:aws:iam::222222222222:role/deploy';
// The runner runs node24 actions with Node 24 (action.yml: using: node24).
const NODE = findNode24() ?? findMachineNode();
const showDebug = process.argv.includes('--debug') || process.env.RUNNER_DEBUG === '1';

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const heading = (n, title) => console.log(`\n${bold(`━━ ${n}. ${title} `.padEnd(78, '━'))}`);
const indent = (text, pad = '  ') =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
const ms = (x) => `${Math.round(x)} ms`;

function check(ok, what) {
  if (!ok) throw new Error(what);
}

/** A value as the demo prints it: anything the step registered as a secret is never shown. */
function shownValue(name, value, masks) {
  const secret = masks.some((m) => m.length >= 4 && value.includes(m));
  if (!secret) return value;
  if (/ACCESS_KEY_ID|access-key-id/i.test(name)) return `${value.slice(0, 4)}…(masked)`;
  return `***(masked, ${value.length} chars)`;
}

function maskText(text, masks) {
  let out = text;
  for (const m of [...masks].sort((a, b) => b.length - a.length)) out = out.split(m).join('***');
  return out;
}

async function main() {
  const t0 = performance.now();
  const job = createJob({ prefix: 'adr-demo-' });
  trackDir(job.root);

  heading(1, 'Local stack');
  const [moto, oidc] = await Promise.all([
    started(startMoto({ home: job.home })),
    started(startOidcServer()),
  ]);
  // Real roles, so that GetCallerIdentity's role id matches what AssumeRole returned.
  await createRole(moto.url, {
    name: 'gateway',
    accountId: '111111111111',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated:
              'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
          },
        },
      ],
    },
  });
  await createRole(moto.url, {
    name: 'deploy',
    accountId: '222222222222',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: GATEWAY },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        },
      ],
    },
  });
  console.log(`  moto_server          pid ${moto.pid}, ${moto.url}`);
  console.log(
    `  OIDC token stand-in  ${oidc.requestUrl.replace(/\?.*/, '')} (RS256, key made with node:crypto)`,
  );
  console.log(`  IAM roles            ${GATEWAY}\n                       ${DEPLOY}`);
  console.log(`  job dir              ${job.root}`);
  console.log(`  ready after ${ms(performance.now() - t0)}`);

  heading(2, 'Main step: node dist/index.js');
  console.log(`  node: ${NODE}`);
  const inputs = {
    'aws-region': 'us-east-1',
    'role-to-assume': GATEWAY,
    'role-chain': `${DEPLOY} session-name=deploy-{run_id}`,
    'sts-endpoint': moto.url,
  };
  console.log('  - uses: ./  # with id-token: write\n    with:');
  for (const [k, v] of Object.entries(inputs)) console.log(`      ${k}: ${v}`);
  const mainStep = await runStep({
    job,
    entry: 'main',
    inputs,
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
      ...(showDebug ? { RUNNER_DEBUG: '1' } : {}),
    },
    node: NODE,
    timeoutMs: 30_000,
  });
  const { text, masks } = renderLog(mainStep.log, { showDebug });
  const hidden = mainStep.log.split('\n').filter((l) => l.startsWith('::debug::')).length;
  console.log(
    `\n  Log, as the runner shows it (${masks.length} values masked from their ::add-mask:: on):`,
  );
  console.log(indent(text, '  │ '));
  if (!showDebug && hidden > 0)
    console.log(`  (${hidden} debug lines hidden; run with --debug to show them)`);
  console.log(`\n  exit code ${mainStep.exitCode}, ${ms(mainStep.durationMs)} wall time`);
  check(
    mainStep.exitCode === 0 && !mainStep.timedOut,
    `main step failed (exit ${mainStep.exitCode})`,
  );
  // Every registered secret (OIDC token, request token, each hop's keys) is hidden once masked.
  for (const secret of [...oidc.issuedTokens(), ...mainStep.masks])
    check(!text.includes(secret), 'a secret is visible in the displayed log');

  heading(3, 'Exported variables (GITHUB_ENV)');
  for (const [name, value] of Object.entries(mainStep.env))
    console.log(`  ${name}=${shownValue(name, value, mainStep.masks)}`);
  check(
    mainStep.env.AWS_ACCESS_KEY_ID?.startsWith('ASIA'),
    'no temporary AWS_ACCESS_KEY_ID exported',
  );

  heading(4, 'Outputs (GITHUB_OUTPUT)');
  for (const [name, value] of Object.entries(mainStep.outputs)) {
    let shown = shownValue(name, value, mainStep.masks);
    if (name === 'aws-session-chain') {
      try {
        shown = `\n${indent(maskText(JSON.stringify(JSON.parse(value), null, 2), mainStep.masks), '    ')}`;
      } catch {
        // leave as is
      }
    }
    console.log(`  ${name}: ${shown}`);
  }
  check(
    mainStep.outputs['aws-assumed-role-arn']?.startsWith(
      'arn:aws:sts::222222222222:assumed-role/deploy/',
    ),
    'aws-assumed-role-arn is not the deploy role',
  );

  heading(5, 'Step summary (GITHUB_STEP_SUMMARY, Markdown)');
  console.log(indent(maskText(mainStep.summary, mainStep.masks), '  │ '));
  check(mainStep.summary.trim() !== '', 'the step summary is empty');

  heading(6, 'A later step: aws sts get-caller-identity');
  const aws = which('aws');
  check(aws, 'the AWS CLI (aws) is not on PATH');
  const cliHome = join(job.root, 'cli-home');
  mkdirSync(cliHome);
  const exported = Object.fromEntries(Object.entries(mainStep.env).filter(([, v]) => v !== ''));
  const cliEnv = {
    ...baseEnv(cliHome),
    ...exported,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  const cliArgs = ['sts', 'get-caller-identity', '--endpoint-url', moto.url, '--output', 'json'];
  console.log(`  $ aws ${cliArgs.join(' ')}`);
  console.log(`    (clean env: ${Object.keys(cliEnv).sort().join(', ')})`);
  const cli = await runBounded(aws, cliArgs, { env: cliEnv, cwd: cliHome, timeoutMs: 30_000 });
  console.log(indent(cli.stdout || cli.stderr, '  │ '));
  console.log(`  exit code ${cli.exitCode}, ${ms(cli.durationMs)}`);
  check(cli.exitCode === 0, `aws sts get-caller-identity failed: ${cli.stderr.slice(0, 500)}`);
  const identity = JSON.parse(cli.stdout);
  check(
    identity.Account === '222222222222' && /:assumed-role\/deploy\/deploy-4242$/.test(identity.Arn),
    `the CLI is not the deploy role: ${identity.Arn}`,
  );
  console.log(`  → the later step runs as the deploy role in account ${identity.Account}`);

  heading(7, 'Post step: node dist/post/index.js');
  console.log("  STATE_* from the main step's GITHUB_STATE:");
  for (const [name, value] of Object.entries(job.lastState))
    console.log(`    STATE_${name}=${value}`);
  const post = await runStep({ job, entry: 'post', node: NODE, timeoutMs: 30_000 });
  const postLog = renderLog(post.log, { showDebug }).text;
  console.log(
    postLog.trim()
      ? `\n  Log:\n${indent(postLog, '  │ ')}`
      : '\n  Log: (no lines: nothing to warn about)',
  );
  console.log('\n  What it cleared (GITHUB_ENV of the post step):');
  for (const [name, value] of Object.entries(post.env))
    console.log(`    ${name}=${value === '' ? "''   (emptied)" : `${value}   (restored)`}`);
  console.log(`  exit code ${post.exitCode}, ${ms(post.durationMs)}`);
  check(post.exitCode === 0, `post step failed (exit ${post.exitCode})`);
  for (const name of JSON.parse(job.lastState.exportedVariables ?? '[]'))
    check(post.env[name] === '', `the post step did not empty ${name}`);

  heading(8, 'Done');
  console.log(
    `  every stage passed in ${ms(performance.now() - t0)}; stopping moto (pid ${moto.pid}) and the token stand-in`,
  );
  return 0;
}

await runScript(main);
