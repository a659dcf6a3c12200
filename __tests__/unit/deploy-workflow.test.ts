// The canonical workflow (templates/workflows/deploy.yml): GitHub's parser accepts it, the docs
// show exactly it (docs/examples.md word for word, the README without its comments), a push runs
// dev and staging and never prod, a dispatch runs prod only behind its guards, and the trust
// policies the docs print are what `trust-policy generate` writes: each admits its own
// environment's job only, and the audit finds no role wider than specific environments.
import { readFileSync } from 'node:fs';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import { parse } from 'yaml';
import { githubClaims } from '../../__fixtures__/github-claims.js';
import { parseTrustPolicyArgs } from '../../src/cli.js';
import { evaluateTrustPolicy, generateTrustPolicy } from '../../src/trust-policy/generator.js';
import { auditRoles } from '../../src/trust-cli/audit-command.js';
import { renderTable } from '../../src/trust-cli/audit-report.js';
import { type Leg, legsOf, legsStartedBy } from '../../scripts/lib/workflow.mjs';

const FILE = 'templates/workflows/deploy.yml';
const SECTION = 'Dev and staging on push, prod by dispatch';
const text = readFileSync(FILE, 'utf8');

type Step = { uses?: string; with?: Record<string, string> };
type Job = {
  if?: string;
  environment?: string;
  concurrency?: unknown;
  strategy?: { matrix?: { include?: Record<string, string>[] } };
  steps: Step[];
};
const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };

/** The ```LANG blocks of one `## title` section of a Markdown file. */
function blocks(file: string, title: string, lang: string): string[] {
  const section = readFileSync(file, 'utf8').split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
    (m) => m[1] ?? '',
  );
}

/** Each leg of a job, as the demo plays it (scripts/lib/workflow.mjs). */
const legs = (jobId: string): Leg[] => legsOf(workflow, jobId);
const started = (event: string): string[] =>
  legsStartedBy(workflow, event).map((l) => `${l.jobId}/${l.environment}`);

const generateCommands = blocks('docs/examples.md', SECTION, 'sh')
  .join('\n')
  .split('\n')
  .flatMap((line) => {
    const args = /node dist\/cli\/index\.js trust-policy generate ([^>]*)>/.exec(line)?.[1];
    return args === undefined ? [] : [args.trim().split(/\s+/)];
  });

const tokenFor = (environment: string, event: string): Record<string, unknown> =>
  githubClaims({
    sub: `repo:my-org/my-repo:environment:${environment}`,
    repository: 'my-org/my-repo',
    repository_owner: 'my-org',
    environment,
    event_name: event,
  });

test('GitHub’s workflow parser accepts the template', async () => {
  const result = parseWorkflow({ name: FILE, content: text }, new NoOperationTraceWriter());
  expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  const template = await convertWorkflowTemplate(result.context, result.value!);
  expect((template.errors ?? []).map((e) => e.Message)).toEqual([]);
});

test('docs/examples.md shows the template word for word, the README the same without comments', () => {
  expect(blocks('docs/examples.md', SECTION, 'yaml')[0]).toBe(text);
  const short = blocks('README.md', SECTION, 'yaml')[0] ?? '';
  expect(short).not.toContain('#');
  expect(parse(short)).toEqual(workflow);
});

test('a push deploys dev and staging, never prod; a dispatch deploys prod only', () => {
  expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
  expect(started('push')).toEqual(['stages/dev', 'stages/staging']);
  expect(started('workflow_dispatch')).toEqual(['prod/prod']);
  expect(workflow.jobs['stages']?.if).toBe("github.event_name == 'push'");
  expect(workflow.jobs['prod']?.if).toBe("github.event_name == 'workflow_dispatch'");
});

test('every leg guards its event and environment, targets its own account, and is serialised', () => {
  const accounts = { dev: '444444444444', staging: '333333333333', prod: '222222222222' };
  for (const leg of [...legs('stages'), ...legs('prod')]) {
    const event = leg.environment === 'prod' ? 'workflow_dispatch' : 'push';
    expect(leg.inputs).toMatchObject({
      'allowed-events': event,
      'allowed-environments': leg.environment,
      'role-to-assume': `arn:aws:iam::${accounts[leg.environment as keyof typeof accounts]}:role/deploy`,
    });
  }
  expect(legs('prod')[0]?.inputs['allowed-refs']).toBe('refs/heads/main');
  expect(workflow.jobs['prod']?.concurrency).toEqual({
    group: 'deploy-prod',
    'cancel-in-progress': false,
  });
  expect(workflow.jobs['stages']?.concurrency).toBe('deploy-${{ matrix.environment }}');
});

test('the docs show one generate command per leg, and the policy each prints', () => {
  const shown = blocks('docs/examples.md', SECTION, 'json').map((j) => JSON.parse(j) as unknown);
  const all = [...legs('stages'), ...legs('prod')];
  expect(generateCommands).toHaveLength(all.length);
  generateCommands.forEach((args, i) => {
    const leg = all[i];
    const options = parseTrustPolicyArgs(args);
    expect(args.join(' ')).toBe(
      `--repo my-org/my-repo --environment ${leg?.environment} --account-id ${leg?.inputs['role-to-assume']?.split(':')[4]}`,
    );
    expect(shown[i]).toEqual(generateTrustPolicy(options).policy);
  });
});

test('each role admits its own leg’s job, and no other leg’s', () => {
  const all = [...legs('stages'), ...legs('prod')];
  for (const [i, args] of generateCommands.entries()) {
    const { policy } = generateTrustPolicy(parseTrustPolicyArgs(args));
    for (const [j, leg] of all.entries()) {
      const event = leg.environment === 'prod' ? 'workflow_dispatch' : 'push';
      const verdict = evaluateTrustPolicy(policy, tokenFor(leg.environment, event));
      expect([leg.environment, verdict.allowed]).toEqual([leg.environment, i === j]);
    }
  }
});

test('the audit finds every role limited to specific environments, as the docs show', () => {
  const roles = generateCommands.map((args) => {
    const options = parseTrustPolicyArgs(args);
    return {
      name: 'deploy',
      arn: `arn:aws:iam::${String(options.accountId)}:role/deploy`,
      policy: generateTrustPolicy(options).policy,
    };
  });
  const report = auditRoles(roles);
  expect(report.roles.map((r) => r.audience)).toEqual(['refs', 'refs', 'refs']);
  const table = blocks('docs/examples.md', SECTION, 'text')[0] ?? '';
  // The docs show the table as the audit prints it: header and one row per role, FINDINGS included.
  expect(table.split('\n').slice(0, 4)).toEqual(renderTable(report).slice(0, 4));
});
