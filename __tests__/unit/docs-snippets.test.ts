// Every workflow in README.md and docs/ must work as written: each ```yaml block that is a
// workflow, a job list or a list of steps is parsed by GitHub's own workflow parser
// (@actions/workflow-parser, the one behind the Actions language service), and every `with:` key
// of an aws-deploy-role step must be an input of action.yml. The quick start's trust-policy
// command must produce a policy that admits the quick-start job.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import { parse } from 'yaml';
import { githubClaims } from '../../__fixtures__/github-claims.js';
import { parseTrustPolicyArgs } from '../../src/cli.js';
import { evaluateTrustPolicy, generateTrustPolicy } from '../../src/trust-policy/generator.js';

interface ActionYaml {
  inputs: Record<string, { required?: boolean }>;
}
type Step = { uses?: unknown; with?: unknown; run?: unknown; env?: unknown };
type Job = {
  steps?: Step[];
  env?: unknown;
  permissions?: unknown;
  environment?: unknown;
  'runs-on'?: unknown;
};
type Workflow = {
  on?: unknown;
  permissions?: unknown;
  env?: unknown;
  jobs?: Record<string, Job>;
};

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml;
const INPUTS = new Set(Object.keys(action.inputs));
const REQUIRED = Object.entries(action.inputs)
  .filter(([, spec]) => spec.required === true)
  .map(([name]) => name);
const OUR_ACTION = /(^|\/)aws-deploy-role@/;

const DOC_FILES = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f)),
];

interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Every ```yaml block of a Markdown text, with the line its content starts on. */
function yamlBlocks(file: string, markdown: string): Snippet[] {
  const blocks: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    blocks.push({ file, line: start + 1, text: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

type Kind = 'workflow' | 'jobs' | 'steps' | 'other';

/** What a YAML block is: a whole workflow, a workflow without `on:`, a list of steps, or else. */
function snippetKind(text: string): Kind {
  const value: unknown = parse(text);
  if (Array.isArray(value))
    return value.every((s) => typeof s === 'object' && s !== null && ('uses' in s || 'run' in s))
      ? 'steps'
      : 'other';
  if (typeof value !== 'object' || value === null) return 'other';
  if ('jobs' in value) return 'on' in value ? 'workflow' : 'jobs';
  return 'other';
}

const indent = (text: string, by: number): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(by) + l))
    .join('\n');

/** A complete workflow for a snippet: fragments go into a minimal workflow of their own. */
function asWorkflow(text: string, kind: Kind): string {
  if (kind === 'workflow') return text;
  if (kind === 'jobs') return `on: push\n${text}`;
  return [
    'on: push',
    'jobs:',
    '  snippet:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '      contents: read',
    '    steps:',
    indent(text, 6),
  ].join('\n');
}

/** Problems GitHub's parser reports for a workflow text; empty when it is valid. */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || result.value === undefined) return errors;
  const template = await convertWorkflowTemplate(result.context, result.value);
  return (template.errors ?? []).map((e) => e.Message);
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

const usesOurAction = (step: Step): boolean =>
  typeof step.uses === 'string' && OUR_ACTION.test(step.uses);

/** Problems with the aws-deploy-role steps of a workflow: unknown inputs, missing ones, OIDC. */
function actionStepProblems(workflowText: string): string[] {
  const workflow = parse(workflowText) as Workflow;
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (!usesOurAction(step)) continue;
      const inputs = (step.with ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(inputs))
        if (!INPUTS.has(key)) problems.push(`${jobId}: '${key}' is not an input of action.yml`);
      // A required input may also come from its environment variable (docs/inputs-from-env.md).
      const env = { ...asRecord(workflow.env), ...asRecord(job.env), ...asRecord(step.env) };
      const fromEnv = (name: string): boolean => name.toUpperCase().replace(/-/g, '_') in env;
      for (const name of REQUIRED)
        if (!(name in inputs) && !fromEnv(name))
          problems.push(`${jobId}: required input '${name}' is missing`);
      const isOidc = !['aws-access-key-id', 'role-chaining', 'web-identity-token-file'].some(
        (k) => k in inputs,
      );
      const permissions = JSON.stringify([workflow.permissions, job.permissions]);
      if (isOidc && !/"id-token":"write"/.test(permissions))
        problems.push(`${jobId}: an OIDC step needs 'permissions: id-token: write'`);
    }
  }
  return problems;
}

const snippets = DOC_FILES.flatMap((file) => yamlBlocks(file, readFileSync(file, 'utf8')));
const checked = snippets
  .map((s) => ({ ...s, kind: snippetKind(s.text) }))
  .filter((s) => s.kind !== 'other');
const cases = checked.map((s) => [`${s.file}:${s.line} (${s.kind})`, s] as const);

describe('workflow snippets in README.md and docs/', () => {
  test('there are enough of them that the checks below mean something', () => {
    expect(checked.length).toBeGreaterThanOrEqual(12);
    const ours = checked.filter((s) => OUR_ACTION.test(s.text));
    expect(ours.length).toBeGreaterThanOrEqual(10);
  });

  test('every yaml block is a workflow, a job list or a list of steps', () => {
    const others = snippets
      .filter((s) => snippetKind(s.text) === 'other')
      .map((s) => `${s.file}:${s.line}`);
    expect(others).toEqual([]);
  });

  test.each(cases)('%s parses with GitHub’s workflow parser', async (_name, s) => {
    expect(await workflowErrors(`${s.file}:${s.line}`, asWorkflow(s.text, s.kind))).toEqual([]);
  });

  test.each(cases)('%s uses only inputs of action.yml', (_name, s) => {
    expect(actionStepProblems(asWorkflow(s.text, s.kind))).toEqual([]);
  });
});

describe('the checks catch broken snippets', () => {
  test('a misspelt workflow key is a parser error', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissionz: {}\n    steps:\n      - run: "true"\n';
    expect(await workflowErrors('broken.yml', broken)).toEqual([
      expect.stringContaining("Unexpected value 'permissionz'"),
    ]);
  });

  test('a misspelt input, a missing region and a missing id-token permission are reported', () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: OWNER/aws-deploy-role@v1\n        with:\n          role-to-asume: arn:aws:iam::123456789012:role/x\n';
    expect(actionStepProblems(text)).toEqual([
      "a: 'role-to-asume' is not an input of action.yml",
      "a: required input 'aws-region' is missing",
      "a: an OIDC step needs 'permissions: id-token: write'",
    ]);
  });
});

describe('the README quick start', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('\n## Quick start (OIDC)\n')[1]?.split('\n## ')[0] ?? '';
  const workflowText = yamlBlocks('README.md', section)[0]?.text ?? '';
  const workflow = parse(workflowText) as Workflow;
  const job = Object.values(workflow.jobs ?? {})[0] ?? {};
  const step = (job.steps ?? []).find(usesOurAction);
  const command = /node dist\/cli\/index\.js trust-policy ([^>\n]*)/.exec(section)?.[1] ?? '';
  const args = command.trim().split(/\s+/);

  test('shows a trust-policy command run from a checkout, never an npm package', () => {
    expect(command).not.toBe('');
    for (const file of DOC_FILES.filter((f) => f !== 'docs/aws-setup.md'))
      expect(readFileSync(file, 'utf8')).not.toMatch(/npx aws-deploy-role/);
  });

  test('the trust policy it prints admits the quick-start job', () => {
    const options = parseTrustPolicyArgs(args);
    const repository = options.repository;
    const environment = typeof job.environment === 'string' ? job.environment : undefined;
    // GitHub's sub claim: environment jobs get ...:environment:NAME, others ...:ref:REF.
    // https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
    const sub =
      environment !== undefined
        ? `repo:${repository}:environment:${environment}`
        : `repo:${repository}:ref:refs/heads/main`;
    const claims = githubClaims({
      sub,
      repository,
      repository_owner: repository.split('/')[0],
      ...(environment !== undefined ? { environment } : {}),
    });
    expect(evaluateTrustPolicy(generateTrustPolicy(options).policy, claims)).toMatchObject({
      allowed: true,
      reasons: [],
    });
  });

  test('the job runs in the environment the command names, in the account the role is in', () => {
    const options = parseTrustPolicyArgs(args);
    expect(job.environment).toBe(options.environment);
    const roleArn = String((step?.with as Record<string, unknown> | undefined)?.['role-to-assume']);
    expect(roleArn.split(':')[4]).toBe(options.accountId);
    expect(JSON.stringify(job.permissions)).toContain('"id-token":"write"');
  });
});

describe('the repository’s own workflows', () => {
  const files = readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f));

  test('include the release workflow', () => {
    expect(files).toContain('release.yml');
  });

  test.each(files)('%s parses with GitHub’s workflow parser', async (file) => {
    const content = readFileSync(path.join('.github/workflows', file), 'utf8');
    expect(await workflowErrors(file, content)).toEqual([]);
  });

  test('release.yml runs on a published release, checks dist/ and moves the major tag', () => {
    const release = readFileSync('.github/workflows/release.yml', 'utf8');
    const workflow = parse(release) as Workflow & { on: { release?: { types?: string[] } } };
    expect(workflow.on.release?.types).toEqual(['published']);
    expect(workflow.permissions).toEqual({});
    type Job = {
      needs?: string;
      permissions?: Record<string, string>;
      steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
    };
    const jobs = (workflow as unknown as { jobs: Record<string, Job> }).jobs;
    const runs = (job: Job | undefined): string =>
      (job?.steps ?? []).map((step) => step.run ?? '').join('\n');
    // verify installs and builds with a read-only token that checkout does not leave on disk.
    const verify = jobs['verify'];
    expect(verify?.permissions).toEqual({ contents: 'read' });
    const checkout = verify?.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
    expect(runs(verify)).toContain('npm ci --ignore-scripts');
    expect(runs(verify)).toContain('npm run package');
    expect(runs(verify)).toMatch(/git diff --exit-code[^\n]*-- dist/);
    expect(runs(verify)).toContain('npm run test:unit');
    // tag holds the write token and runs nothing but git, only after verify passed.
    const tag = jobs['tag'];
    expect(tag?.needs).toBe('verify');
    expect(tag?.permissions).toEqual({ contents: 'write' });
    expect(runs(tag)).not.toMatch(/\bnpm\b|\bnode\b/);
    expect(runs(tag)).toMatch(/git push --force origin "refs\/tags\/\$major"/);
    expect(Object.keys(jobs).sort()).toEqual(['tag', 'verify']);
    // Every action is pinned by a full commit SHA.
    for (const uses of release.matchAll(/^\s*(?:- )?uses: (\S+)/gm))
      expect(uses[1]).toMatch(/@[0-9a-f]{40}$/);
  });
});

describe('release files', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    version: string;
    license: string;
  };

  test('LICENSE is the license package.json names', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 aws-deploy-role contributors\n/);
  });

  test('CHANGELOG.md has an Unreleased section and a release for package.json’s version', () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(changelog).toContain('\n## [Unreleased]\n');
    expect(changelog).toMatch(
      new RegExp(`\\n## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}\\n`),
    );
  });

  test('SECURITY.md says how to report a vulnerability privately', () => {
    expect(readFileSync('SECURITY.md', 'utf8')).toContain('private vulnerability reporting');
  });
});

describe('links between the docs', () => {
  // Pages another branch adds (docs/trust-policy.md comes with the trust-policy checker);
  // remove an entry once its page exists.
  const PENDING = new Set<string>([]);
  const FILES = [...DOC_FILES, 'SECURITY.md', 'CHANGELOG.md', 'CONTRIBUTING.md'];
  const withoutCode = (text: string): string => text.replace(/```[\s\S]*?```/g, '');
  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  const anchorOf = (heading: string): string =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
  const anchors = (file: string): Set<string> =>
    new Set(
      [...withoutCode(readFileSync(file, 'utf8')).matchAll(/^#+ (.*)$/gm)].map((m) =>
        anchorOf(m[1] ?? ''),
      ),
    );

  test.each(FILES)('every relative link in %s reaches a file and heading', (file) => {
    const broken: string[] = [];
    for (const match of withoutCode(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = match[1] ?? '';
      if (/^[a-z]+:/.test(link)) continue;
      const [target = '', anchor] = link.split('#');
      const resolved = target === '' ? file : path.normalize(path.join(path.dirname(file), target));
      if (PENDING.has(resolved)) continue;
      if (!existsSync(resolved)) broken.push(`${link}: no such file`);
      else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor))
        broken.push(`${link}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
