#!/usr/bin/env node
// npm run demo: the canonical workflow (templates/workflows/deploy.yml) played against the
// emulator with the bundled action, the way a GitHub runner runs it:
//
//   1. each role's trust policy from `trust-policy generate`, and the audit of all three
//   2. a push to main: the dev and staging matrix legs, side by side
//   3. a workflow_dispatch: the prod job (its reviewers' approval is GitHub's, not shown)
//   4. the prod job started by a push, as if its `if:` were deleted: the guards refuse it
//
// Each run shows the log a user would see on the runner (masked values as ***, no ::add-mask::
// lines), a later step's `aws sts get-caller-identity`, and the post step. moto does not
// evaluate trust policies, so step 1 checks them with the toolkit instead.
// Everything it starts is stopped by PID (also on error or Ctrl-C) and its temp dirs are removed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, started, tempDir, trackDir } from './lib/lifecycle.mjs';
import { createRole, startMoto } from './lib/moto.mjs';
import { startOidcServer } from './lib/oidc.mjs';
import { baseEnv, runBounded, which } from './lib/proc.mjs';
import { renderLog } from './lib/file-commands.mjs';
import { REPO_ROOT, createJob, findMachineNode, findNode24, runStep } from './lib/runner.mjs';
import { WORKFLOW_FILE, legsOf, legsStartedBy, readWorkflow } from './lib/workflow.mjs';

const REPO = 'my-org/my-repo';
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
const accountOf = (arn) => arn.split(':')[4];

/** text with every registered value as ***, longest first (as renderLog does). */
const masked = (text, masks) =>
  [...masks].sort((a, b) => b.length - a.length).reduce((s, m) => s.split(m).join('***'), text);

function check(ok, what) {
  if (!ok) throw new Error(what);
}

/** `node dist/cli/index.js ARGS` under the machine's Node, as a user runs the CLI. */
async function cli(args) {
  const run = await runBounded(NODE, [join(REPO_ROOT, 'dist/cli/index.js'), ...args], {
    env: baseEnv(REPO_ROOT),
    cwd: REPO_ROOT,
    timeoutMs: 60_000,
  });
  check(run.exitCode !== null && run.exitCode !== 2, `${args[1]} failed: ${run.stderr}`);
  return run;
}

/** Step 1: one role per leg, its trust policy written by generate; then the audit of all. */
async function createRoles(moto, legs, dir) {
  const roles = await Promise.all(
    legs.map(async (leg) => {
      const arn = leg.inputs['role-to-assume'];
      const args = ['trust-policy', 'generate', '--repo', REPO, '--environment', leg.environment];
      args.push('--account-id', accountOf(arn));
      const run = await cli(args);
      const policy = JSON.parse(run.stdout);
      await createRole(moto.url, {
        name: 'deploy',
        accountId: accountOf(arn),
        trustPolicy: policy,
      });
      return { leg, arn, args, policy };
    }),
  );
  for (const { leg, args, policy } of roles) {
    const sub =
      policy.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'];
    console.log(`  $ node dist/cli/index.js ${args.join(' ')} > ${leg.environment}.json`);
    console.log(`    admits sub = ${sub}`);
  }
  const file = join(dir, 'roles.json');
  const details = roles.map((r) => ({
    RoleName: 'deploy',
    Arn: r.arn,
    AssumeRolePolicyDocument: r.policy,
  }));
  writeFileSync(file, JSON.stringify({ RoleDetailList: details }));
  const audit = await cli([
    'trust-policy',
    'audit',
    '--from-file',
    file,
    '--fail-on',
    'repositories',
  ]);
  console.log(
    '  $ node dist/cli/index.js trust-policy audit --from-file roles.json --fail-on repositories',
  );
  console.log(indent(audit.stdout.split('\n\n')[0], '  │ '));
  console.log(`  exit code ${audit.exitCode}: no role admits more than its own environment`);
  check(audit.exitCode === 0, 'the audit found a role that outsiders can assume');
}

/** The claims GitHub gives a job of this repository in this environment, started by event. */
function claimsFor(leg, event) {
  const sub = `repo:${REPO}:environment:${leg.environment}`;
  const claims = { repository: REPO, repository_owner: 'my-org', sub, event_name: event };
  return { environment: leg.environment, claims };
}

/** One job of the workflow on its own runner: main step, a later CLI call, post step. */
async function runLeg(stack, oidc, leg, event) {
  const job = createJob({
    prefix: 'adr-demo-',
    event: {
      ref: 'refs/heads/main',
      repository: { full_name: REPO },
      sender: { login: 'octocat' },
    },
  });
  trackDir(job.root);
  const env = {
    GITHUB_REPOSITORY: REPO,
    GITHUB_REPOSITORY_OWNER: 'my-org',
    GITHUB_EVENT_NAME: event,
    GITHUB_JOB: leg.jobId,
    GITHUB_WORKFLOW_REF: `${REPO}/.github/workflows/deploy.yml@refs/heads/main`,
    ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
    ...(showDebug ? { RUNNER_DEBUG: '1' } : {}),
  };
  // The emulator stands in for STS: the one input the workflow file does not have.
  const inputs = { ...leg.inputs, 'sts-endpoint': stack.moto.url };
  const main = await runStep({ job, entry: 'main', inputs, env, node: NODE, timeoutMs: 60_000 });
  const run = { leg, event, main, shown: renderLog(main.log, { showDebug }).text };
  for (const secret of [...oidc.issuedTokens(), ...main.masks])
    check(!run.shown.includes(secret), 'a secret is visible in the displayed log');
  if (main.exitCode !== 0) return run;
  const home = join(job.root, 'cli-home');
  mkdirSync(home);
  const exported = Object.fromEntries(Object.entries(main.env).filter(([, v]) => v !== ''));
  const cliEnv = {
    ...baseEnv(home),
    ...exported,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  const args = ['sts', 'get-caller-identity', '--endpoint-url', stack.moto.url];
  run.identity = await runBounded(stack.aws, [...args, '--query', 'Arn', '--output', 'text'], {
    env: cliEnv,
    cwd: home,
    timeoutMs: 60_000,
  });
  run.post = await runStep({ job, entry: 'post', node: NODE, timeoutMs: 60_000 });
  return run;
}

/** Prints one job's run as the Actions UI would, and checks what it promises. */
function show(run, expectExit) {
  const { leg, main } = run;
  console.log(`\n  ${bold(`${leg.jobId} (${leg.environment})`)}, started by ${run.event}`);
  console.log(`  - uses: OWNER/aws-deploy-role@v1\n    with:`);
  for (const [k, v] of Object.entries(leg.inputs)) console.log(`      ${k}: ${v}`);
  console.log(indent(run.shown, '  │ '));
  console.log(`  main step: exit code ${main.exitCode}, ${ms(main.durationMs)}`);
  check(!run.shown.includes('::add-mask::'), 'the displayed log shows an ::add-mask:: line');
  check(
    main.exitCode === expectExit && !main.timedOut,
    `${leg.environment}: exit ${main.exitCode}`,
  );
  if (expectExit !== 0) {
    check(Object.keys(main.env).length === 0, 'a refused run exported variables');
    console.log('  nothing exported: later steps get no credentials');
    return;
  }
  // What `env` in a later step prints: the runner masks every registered value there too.
  const exported = Object.entries(main.env).map(([k, v]) => `${k}=${v}`);
  console.log(`  exported: ${masked(exported.join(' '), main.masks)}`);
  const arn = run.identity.stdout.trim();
  const failed = `exit ${run.identity.exitCode}${run.identity.timedOut ? ' (timed out)' : ''}`;
  console.log(
    `  $ aws sts get-caller-identity --query Arn\n  │ ${arn || `${failed} ${run.identity.stderr}`}`,
  );
  const account = accountOf(leg.inputs['role-to-assume']);
  check(
    arn.startsWith(`arn:aws:sts::${account}:assumed-role/deploy/`),
    `${leg.environment}: ${arn}`,
  );
  const postLog = renderLog(run.post.log, { showDebug }).text;
  if (postLog.trim()) console.log(indent(postLog, '  │ '));
  const emptied = Object.keys(run.post.env).filter((k) => run.post.env[k] === '');
  console.log(`  post step: exit code ${run.post.exitCode}, emptied ${emptied.join(', ')}`);
  check(run.post.exitCode === 0, `${leg.environment}: post step failed`);
}

async function main() {
  const t0 = performance.now();
  const workflow = readWorkflow();
  const onPush = legsStartedBy(workflow, 'push');
  const onDispatch = legsStartedBy(workflow, 'workflow_dispatch');
  const allLegs = [...onPush, ...onDispatch];
  check(!onPush.some((l) => l.environment === 'prod'), `${WORKFLOW_FILE}: a push reaches prod`);
  const aws = which('aws');
  check(aws, 'the AWS CLI (aws) is not on PATH');

  heading(1, `Local stack, and the roles of ${WORKFLOW_FILE}`);
  const dir = tempDir('adr-demo-');
  const [prod] = legsOf(workflow, 'prod');
  // The runs of steps 2-4, each with a token stand-in of its own (its environment and event).
  const plays = [
    ...onPush.map((leg) => ({ leg, event: 'push' })),
    ...onDispatch.map((leg) => ({ leg, event: 'workflow_dispatch' })),
    { leg: prod, event: 'push' },
  ];
  const [moto, ...tokens] = await Promise.all([
    started(startMoto({ home: dir, timeoutMs: 60_000 })),
    ...plays.map(({ leg, event }) => started(startOidcServer(claimsFor(leg, event)))),
  ]);
  const stack = { moto, aws };
  console.log(`  moto_server pid ${moto.pid} at ${moto.url}; a GitHub OIDC token stand-in per job`);
  await createRoles(moto, allLegs, dir);
  // Every job starts at once, as on GitHub; their logs are shown in the workflow's order.
  const runs = plays.map((play, i) => runLeg(stack, tokens[i], play.leg, play.event));
  const done = await Promise.all(runs);
  const refused = done.pop();

  heading(2, `push to main: the stages matrix (${onPush.map((l) => l.environment).join(', ')})`);
  for (const run of done.slice(0, onPush.length)) show(run, 0);

  heading(3, 'workflow_dispatch, approved by a prod reviewer: the prod job');
  for (const run of done.slice(onPush.length)) show(run, 0);

  heading(4, 'The backstop: the prod job started by a push (its if: deleted by mistake)');
  show(refused, 1);
  check(
    /Refused by `allowed-events`/.test(refused.shown),
    'the refusal does not name allowed-events',
  );

  heading(5, 'Done');
  console.log(`  every run behaved as the workflow promises, in ${ms(performance.now() - t0)}`);
  return 0;
}

await runScript(main);
