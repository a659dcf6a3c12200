import fc from 'fast-check';
import { runContext } from '../../__fixtures__/context.js';
import {
  fitSessionName,
  placeholdersIn,
  renderSessionName,
  sessionNameProblem,
} from '../../src/model/session-name.js';

/** RoleSessionName / SourceIdentity as STS validates them (API reference, AssumeRole). */
const STS_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const ctx = runContext({
  repository: 'octo-org/deploy-app',
  repositoryOwner: 'octo-org',
  runId: '1658821493',
  runAttempt: '2',
  actor: 'octocat',
  job: 'deploy',
  workflow: 'Deploy',
  sha: 'ffac537e6cbbf934b08745a378932722df287a53',
  refName: 'main',
  eventName: 'push',
});

describe('renderSessionName placeholders', () => {
  test.each([
    { placeholder: '{repository}', expected: 'octo-org-deploy-app' },
    { placeholder: '{repo}', expected: 'deploy-app' },
    { placeholder: '{owner}', expected: 'octo-org' },
    { placeholder: '{run_id}', expected: '1658821493' },
    { placeholder: '{run_attempt}', expected: '2-gh' },
    { placeholder: '{actor}', expected: 'octocat' },
    { placeholder: '{job}', expected: 'deploy' },
    { placeholder: '{workflow}', expected: 'Deploy' },
    { placeholder: '{sha}', expected: 'ffac537' },
    { placeholder: '{ref_name}', expected: 'main' },
    { placeholder: '{event}', expected: 'push' },
  ])('$placeholder', ({ placeholder, expected }) => {
    expect(renderSessionName(placeholder, ctx)).toBe(expected);
  });

  test('several placeholders and literal text', () => {
    expect(renderSessionName('gh-{repo}-{run_id}-{run_attempt}', ctx)).toBe(
      'gh-deploy-app-1658821493-2',
    );
  });

  test.each(['GitHubActions', 'deploy--prod', 'a.b@c+d=e,f'])(
    "valid literal '%s' is sent exactly as written",
    (literal) => {
      expect(renderSessionName(literal, ctx)).toBe(literal);
    },
  );
});

describe('sanitizing context values', () => {
  test.each([
    {
      name: 'bot actor',
      template: '{actor}',
      overrides: { actor: 'dependabot[bot]' },
      expected: 'dependabot-bot-',
    },
    {
      name: 'branch with slashes',
      template: 'deploy-{ref_name}',
      overrides: { refName: 'feature/JIRA-12/new ui' },
      expected: 'deploy-feature-JIRA-12-new-ui',
    },
    {
      name: 'unicode actor',
      template: '{actor}',
      overrides: { actor: 'José-Müller' },
      expected: 'Jos-M-ller',
    },
    {
      name: 'emoji workflow',
      template: 'wf-{workflow}',
      overrides: { workflow: '🚀 Deploy 🚀' },
      expected: 'wf-Deploy-',
    },
    {
      name: 'allowed punctuation kept',
      template: '{actor}',
      overrides: { actor: 'a+b=c,d.e@f_g-h' },
      expected: 'a+b=c,d.e@f_g-h',
    },
    { name: 'empty value padded', template: '{actor}', overrides: { actor: '' }, expected: '-gh' },
  ])('$name', ({ template, overrides, expected }) => {
    const name = renderSessionName(template, runContext(overrides));
    expect(name).toBe(expected);
    expect(name).toMatch(STS_SESSION_NAME);
  });

  test('a 200-character name is cut to 64 with a hash suffix', () => {
    const name = renderSessionName('{workflow}', runContext({ workflow: 'w'.repeat(200) }));
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^w{55}-[0-9a-f]{8}$/);
  });

  test('two long names with the same prefix stay distinct', () => {
    const prefix = 'release-'.repeat(10);
    const a = renderSessionName('{ref_name}', runContext({ refName: `${prefix}alpha` }));
    const b = renderSessionName('{ref_name}', runContext({ refName: `${prefix}beta` }));
    expect(a.slice(0, 55)).toBe(b.slice(0, 55));
    expect(a).not.toBe(b);
    expect([a, b]).toEqual([
      expect.stringMatching(STS_SESSION_NAME),
      expect.stringMatching(STS_SESSION_NAME),
    ]);
  });

  test('the same long name always renders the same way', () => {
    const long = runContext({ repository: `octo-org/${'x'.repeat(120)}` });
    expect(renderSessionName('{repository}', long)).toBe(renderSessionName('{repository}', long));
  });
});

describe('sessionNameProblem', () => {
  test.each([
    { name: 'literal', template: 'GitHubActions', problem: undefined },
    { name: 'known placeholders', template: '{repo}@{run_id}', problem: undefined },
    {
      name: 'placeholder with text STS would reject (fixed at render time)',
      template: 'run {run_id}',
      problem: undefined,
    },
    {
      name: 'literal with a space',
      template: 'my session',
      problem: "'my session' must be 2-64 characters of letters, digits and +=,.@_-",
    },
    {
      name: 'literal too long',
      template: 'x'.repeat(65),
      problem: expect.stringContaining('must be 2-64'),
    },
    {
      name: 'unknown placeholder',
      template: '{repo}-{branch}',
      problem: expect.stringMatching(
        /^unknown placeholder \{branch\}; use any of \{repository\}, /,
      ),
    },
    {
      name: 'empty placeholder',
      template: '{}',
      problem: expect.stringContaining('unknown placeholder {}'),
    },
  ])('$name', ({ template, problem }) => {
    expect(sessionNameProblem(template)).toEqual(problem);
  });

  test('placeholdersIn lists names in order', () => {
    expect(placeholdersIn('{a}-{b}-{a}')).toEqual(['a', 'b', 'a']);
  });
});

describe('properties', () => {
  test('any actor and repository render to a name STS accepts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        (actor, repository) => {
          const context = runContext({ actor, repository });
          for (const template of [
            '{actor}',
            '{repository}',
            '{repo}',
            'gh-{actor}-{repository}-{run_id}',
          ]) {
            expect(renderSessionName(template, context)).toMatch(STS_SESSION_NAME);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('valid literal names render unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(STS_SESSION_NAME), (name) => {
        expect(renderSessionName(name, ctx)).toBe(name);
      }),
    );
  });

  test('fitSessionName output always matches the STS pattern', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        expect(fitSessionName(text)).toMatch(STS_SESSION_NAME),
      ),
    );
  });
});
