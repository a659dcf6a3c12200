// Property-based tests with hostile input: arbitrary strings (unicode, lone surrogates, CR/LF,
// very long, JSON edge cases, workflow-command and file-command syntax) in every input and in
// the run context. parseConfig + planRun must return a Plan that STS would accept, or an
// InputErrors naming action.yml inputs, and nothing else; secrets never appear in messages;
// what reaches the runner's files, profile files and the step summary cannot be forged.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EOL } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { runContext } from '../../__fixtures__/context.js';
import { rawInputs } from '../../__fixtures__/inputs.js';
import { parseFileCommands } from '../e2e/harness/file-commands.js';
import { parseConfig } from '../../src/config/parse-config.js';
import type { RunContext } from '../../src/model/run-context.js';
import { InputErrors } from '../../src/model/errors.js';
import { INPUT, type InputKey, type RawInputs } from '../../src/config/input-names.js';
import {
  EXTERNAL_ID_PATTERN,
  MAX_CHAINED_DURATION_SECONDS,
  MAX_DURATION_SECONDS,
  MAX_HOPS,
  MAX_INLINE_POLICY_CHARS,
  MAX_MANAGED_SESSION_POLICIES,
  MAX_SESSION_TAGS,
  MIN_DURATION_SECONDS,
  SESSION_NAME_PATTERN,
  TAG_DISALLOWED,
  TAG_KEY_MAX,
  TAG_VALUE_MAX,
} from '../../src/model/limits.js';
import { planRun, type Plan } from '../../src/plan/plan-run.js';
import { configHeader, readSection, renderSections } from '../../src/publish/profile-files.js';
import { createGitHubRunner } from '../../src/publish/runner.js';
import { escapeMarkdown } from '../../src/publish/summary.js';

const ACTION_INPUTS = new Set(
  Object.keys(
    (
      parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
        inputs: Record<string, unknown>;
      }
    ).inputs,
  ),
);
const KEYS = Object.keys(INPUT) as InputKey[];
const SECRET_KEYS: InputKey[] = [
  'awsSecretAccessKey',
  'awsSessionToken',
  'mfaTotpSecret',
  'mfaTokenCode',
];
// STS's own patterns, from limits.ts without the global flag (a /g regex keeps state in .test).
const TAG_BAD = new RegExp(TAG_DISALLOWED.source, 'u');

// ---------------------------------------------------------------------------------------------
// Arbitraries

const SPECIAL = [
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u0000',
  '\t',
  '\u000b',
  ' ',
  '\u00a0',
  '\ufeff',
  '\u200b',
  '\u202e',
  '=',
  '<<',
  '%',
  '%0A',
  '%25',
  '::',
  '::add-mask::',
  '::error::',
  '::stop-commands::',
  'ghadelimiter_',
  'EOF',
  '[',
  ']',
  '[default]',
  '[profile x]',
  '{',
  '}',
  '{actor}',
  '{nope}',
  '"',
  "'",
  '\\',
  '`',
  '|',
  '#',
  ';',
  ',',
  '->',
  '*',
  '?',
  '$',
  '${{',
  '&',
  '<',
  '>',
  '<script>',
  'tag:',
  'external-id=',
  'duration=',
  'session-name=',
  '\ud800',
  '\udfff',
  '👩‍💻',
  'é',
  'ﬁ',
  'İ',
  'ß',
  '٣',
  '𝟘',
  'arn:aws:iam::',
  '123456789012',
  ':role/',
  'true',
  'false',
  '0',
  '-1',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
];
const special = fc.constantFrom(...SPECIAL);

const JSON_EDGES = [
  '{}',
  '[]',
  'null',
  'true',
  '0',
  '-0',
  '1e999',
  '"text"',
  '{"a":',
  '{"a":1,"a":2}',
  '{"":""}',
  '{"k":null}',
  '{"k":{"x":1}}',
  '{"k":[1]}',
  '{"k":1e999}',
  '{"k":"\\u0000"}',
  '{"k":"a\\nb"}',
  '{"k\\r\\n":"v"}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '\ufeff{}',
  '{"Version":"2012-10-17","Statement":[]}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  `{"k":"${'v'.repeat(300)}"}`,
  `{${Array.from({ length: 60 }, (_, i) => `"Tag${i}":"v${i}"`).join(',')}}`,
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
];

/** Arbitrary text: full unicode, broken surrogates, syntax fragments, JSON, and very long strings. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  {
    arbitrary: fc
      .array(fc.oneof(special, fc.string({ maxLength: 4 })), { maxLength: 24 })
      .map((parts) => parts.join('')),
    weight: 4,
  },
  {
    arbitrary: fc.string({
      unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      maxLength: 8,
    }),
    weight: 1,
  },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom(...JSON_EDGES), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.oneof(special, fc.string({ minLength: 1, maxLength: 3 })),
        fc.integer({ min: 500, max: 20_000 }),
      )
      .map(([unit, times]) => unit.repeat(times)),
    weight: 1,
  },
);

/** Values users plausibly write, so that mixing reaches the deeper rules. */
const PLAUSIBLE: Record<InputKey, string[]> = {
  awsRegion: ['us-east-1', 'eu-central-2', 'cn-north-1', 'us-gov-west-1', 'US-EAST-1', 'mars-1'],
  roleToAssume: [
    'arn:aws:iam::111111111111:role/deploy',
    'arn:aws-cn:iam::111111111111:role/path/to/deploy',
    'deploy',
    'arn:aws:iam::1111:role/x',
    'arn:aws:iam::111111111111:user/alice',
  ],
  credentialSource: [
    'auto',
    'oidc',
    'static-keys',
    'web-identity-token-file',
    'role-chaining',
    'default-chain',
    '',
  ],
  awsAccessKeyId: ['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE', ''],
  awsSecretAccessKey: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ''],
  awsSessionToken: ['FQoGZXIvYXdzEBYaDEXAMPLE', ''],
  webIdentityTokenFile: [
    'token.jwt',
    '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    '../../etc/passwd',
  ],
  roleChaining: ['true', 'false', 'TRUE', 'yes'],
  audience: ['sts.amazonaws.com', 'sts.amazonaws.com.cn', 'https://github.com/octo-org'],
  forceSkipOidc: ['true', 'false'],
  roleChain: [
    'arn:aws:iam::222222222222:role/next',
    'arn:aws:iam::222222222222:role/next external-id=abc123 duration=900 tag:Team=payments\narn:aws:iam::333333333333:role/last session-name={actor}',
    'audit skip-session-tagging=true transitive-tag-keys=Team',
    '# comment\n\narn:aws:iam::222222222222:role/next -> arn:aws:iam::333333333333:role/x',
  ],
  roleDurationSeconds: ['900', '3600', '43200', '7200', '899', '43201', '1e3'],
  roleExternalId: ['abc123', 'x', 'with space'],
  roleSessionName: ['GitHubActions', '{actor}-{run_id}', '{repository}@{sha}', '{nope}', 'a'],
  roleSkipSessionTagging: ['true', 'false'],
  transitiveTagKeys: ['Team', 'Team,Repository', 'Repository\nActor'],
  customTags: ['{"Team":"payments"}', '{"Cost Center":42,"Prod":true}', '{"bad key!":"v"}'],
  inlineSessionPolicy: [
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  ],
  managedSessionPolicies: [
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`).join(','),
  ],
  sourceIdentity: ['{actor}', 'alice', 'x'],
  mfaSerialNumber: ['arn:aws:iam::123456789012:mfa/alice', 'GAHT12345678'],
  mfaTokenCode: ['123456', '12345', 'abcdef'],
  mfaTotpSecret: ['JBSWY3DPEHPK3PXP', 'jbsw y3dp ehpk 3pxp', 'not-base32!'],
  awsProfile: ['dev', 'default', 'has space'],
  profiles: [
    'prod: arn:aws:iam::222222222222:role/deploy',
    'prod: arn:aws:iam::222222222222:role/a -> arn:aws:iam::333333333333:role/b duration=900\naudit: arn:aws:iam::444444444444:role/audit',
    'dev: deploy',
    'prod: arn:aws:iam::222222222222:role/deploy\nprod: arn:aws:iam::222222222222:role/deploy',
  ],
  refreshCredentials: ['true', 'false'],
  overwriteAwsProfile: ['true', 'false', 'maybe'],
  profileFilesLocation: ['runner-temp', 'home', '~/.aws'],
  outputCredentials: ['true', 'false'],
  outputEnvCredentials: ['true', 'false'],
  unsetCurrentCredentials: ['true', 'false'],
  useExistingCredentials: ['true', 'false'],
  maskAwsAccountId: ['true', 'false'],
  allowedAccountIds: ['111111111111', '111111111111, 222222222222', '1234'],
  allowedEvents: ['push', 'push,workflow_dispatch'],
  allowedRefs: ['refs/heads/main', 'refs/tags/v*\nrefs/heads/release/**'],
  allowedEnvironments: ['production', 'staging,production'],
  sessionSummary: ['true', 'false'],
  stsEndpoint: [
    'https://sts.us-east-1.amazonaws.com',
    'http://127.0.0.1:5000',
    'ftp://x',
    'https://[::1]:443',
  ],
  httpProxy: ['http://proxy.internal:3128', 'socks5://x'],
  noProxy: ['localhost,.internal', '*'],
  disableRetry: ['true', 'false'],
  retryMaxAttempts: ['1', '3', '20', '0', '21', '08'],
  attemptTimeoutS: ['1', '10', '300', '0', '301'],
  actionTimeoutS: ['1', '60', '21600', '21601', '0'],
  specialCharactersWorkaround: ['true', 'false'],
};

/** Hostile text, a plausible value, or a plausible value with hostile text spliced in. */
function valueFor(key: InputKey): fc.Arbitrary<string> {
  const plausible = fc.constantFrom(...PLAUSIBLE[key]);
  return fc.oneof(
    { arbitrary: hostile, weight: 3 },
    { arbitrary: plausible, weight: 1 },
    {
      arbitrary: fc.tuple(plausible, hostile, fc.nat()).map(([p, h, at]) => {
        const i = p.length === 0 ? 0 : at % (p.length + 1);
        return p.slice(0, i) + h + p.slice(i);
      }),
      weight: 2,
    },
  );
}

/** Starting points that reach each source (and so each source's rules). */
const BASES: { name: string; inputs: Partial<RawInputs>; ctx: RunContext }[] = [
  {
    name: 'oidc',
    inputs: { awsRegion: 'us-east-1', roleToAssume: 'arn:aws:iam::111111111111:role/deploy' },
    ctx: runContext({ isOidcAvailable: true }),
  },
  {
    name: 'stored keys + MFA + chain',
    inputs: {
      awsRegion: 'us-east-1',
      awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      roleToAssume: 'deploy',
      roleChain: 'arn:aws:iam::222222222222:role/next',
      mfaSerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
      mfaTotpSecret: 'JBSWY3DPEHPK3PXP',
      sourceIdentity: '{actor}',
    },
    ctx: runContext({ isOidcAvailable: false }),
  },
  {
    name: 'token file + profiles',
    inputs: {
      awsRegion: 'eu-west-1',
      webIdentityTokenFile: 'token.jwt',
      roleToAssume: 'arn:aws:iam::111111111111:role/deploy',
      profiles: 'prod: arn:aws:iam::222222222222:role/deploy',
      refreshCredentials: 'true',
      awsProfile: 'dev',
    },
    ctx: runContext({ isOidcAvailable: false }),
  },
  {
    name: 'role chaining',
    inputs: {
      awsRegion: 'us-east-1',
      roleChaining: 'true',
      roleToAssume: 'arn:aws:iam::111111111111:role/deploy',
    },
    ctx: runContext({
      isOidcAvailable: true,
      ambient: { ...runContext().ambient, hasAccessKeyId: true },
    }),
  },
];
const base = fc.constantFrom(...BASES);

// ---------------------------------------------------------------------------------------------
// Oracles

/** Checks one hop plan against STS's documented limits (src/model/limits.ts). */
function expectStsAcceptsPlan(plan: Plan): void {
  expect(plan.region).not.toBe('');
  const endpoint = plan.network.stsEndpoint;
  if (endpoint !== undefined) expect(['http:', 'https:']).toContain(new URL(endpoint).protocol);
  expect(plan.network.maxAttempts).toBeGreaterThanOrEqual(1);
  expect(plan.network.maxAttempts).toBeLessThanOrEqual(20);
  expect(plan.network.attemptTimeoutMs).toBeGreaterThanOrEqual(1000);
  if (plan.sessions.length === 0) expect(plan.useExistingCredentials).toBe(true);
  for (const session of plan.sessions) {
    expect(session.hops.length).toBeLessThanOrEqual(MAX_HOPS);
    for (const hop of session.hops) expectStsAcceptsHop(hop);
  }
}

function expectStsAcceptsHop(hop: Plan['sessions'][number]['hops'][number]): void {
  expect(hop.sessionName).toMatch(SESSION_NAME_PATTERN);
  if (hop.sourceIdentity !== undefined) expect(hop.sourceIdentity).toMatch(SESSION_NAME_PATTERN);
  if (hop.externalId !== undefined) expect(hop.externalId).toMatch(EXTERNAL_ID_PATTERN);
  expect(hop.durationSeconds).toBeGreaterThanOrEqual(MIN_DURATION_SECONDS);
  expect(hop.durationSeconds).toBeLessThanOrEqual(
    hop.isChained ? MAX_CHAINED_DURATION_SECONDS : MAX_DURATION_SECONDS,
  );
  expect(hop.managedSessionPolicies.length).toBeLessThanOrEqual(MAX_MANAGED_SESSION_POLICIES);
  if (hop.inlineSessionPolicy !== undefined)
    expect(hop.inlineSessionPolicy.length).toBeLessThanOrEqual(MAX_INLINE_POLICY_CHARS);
  expectStsAcceptsTags(hop.tags, hop.transitiveTagKeys);
  if (hop.operation === 'AssumeRoleWithWebIdentity') {
    expect(hop.tags).toEqual([]);
    expect(hop.sourceIdentity).toBeUndefined();
  }
}

function expectStsAcceptsTags(
  tags: readonly { key: string; value: string }[],
  transitive: readonly string[] = [],
): void {
  expect(tags.length).toBeLessThanOrEqual(MAX_SESSION_TAGS);
  const keys = new Set<string>();
  for (const { key, value } of tags) {
    expect([...key].length).toBeGreaterThanOrEqual(1);
    expect([...key].length).toBeLessThanOrEqual(TAG_KEY_MAX);
    expect([...value].length).toBeLessThanOrEqual(TAG_VALUE_MAX);
    expect(TAG_BAD.test(key)).toBe(false);
    expect(TAG_BAD.test(value)).toBe(false);
    // STS compares tag keys case-insensitively: a duplicate would be refused.
    expect(keys.has(key.toLowerCase())).toBe(false);
    keys.add(key.toLowerCase());
  }
  for (const key of transitive) expect(keys.has(key.toLowerCase())).toBe(true);
}

/**
 * The whole contract of parseConfig + planRun for any input: a Plan STS accepts, or
 * InputErrors whose every entry names an input of action.yml. Anything else is a bug.
 */
function planOrInputErrors(raw: RawInputs, ctx: RunContext): Plan | InputErrors {
  let result: Plan | InputErrors;
  try {
    result = planRun(parseConfig(raw, ctx), ctx);
  } catch (error) {
    if (!(error instanceof InputErrors)) throw error;
    result = error;
  }
  if (result instanceof InputErrors) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(ACTION_INPUTS.has(e.input)).toBe(true);
      expect(e.message.startsWith(`\`${e.input}\``)).toBe(true);
    }
  } else {
    expectStsAcceptsPlan(result);
  }
  return result;
}

const messagesOf = (r: Plan | InputErrors): string =>
  r instanceof InputErrors ? [r.message, ...r.errors.map((e) => e.message)].join('\n') : '';

// ---------------------------------------------------------------------------------------------

describe('parseConfig + planRun: a valid Plan or InputErrors naming action.yml inputs', () => {
  test('the inputs exercised are exactly those of action.yml', () => {
    expect(new Set(KEYS.map((k) => INPUT[k]))).toEqual(ACTION_INPUTS);
  });

  test.each(KEYS.map((k) => [INPUT[k], k] as const))('one hostile input: %s', (_name, key) => {
    fc.assert(
      fc.property(base, valueFor(key), (b, value) => {
        planOrInputErrors(rawInputs({ ...b.inputs, [key]: value }), b.ctx);
      }),
      { numRuns: 60 },
    );
  });

  test('several hostile inputs at once', () => {
    const some = fc.record(
      Object.fromEntries(KEYS.map((k) => [k, valueFor(k)])) as Record<
        InputKey,
        fc.Arbitrary<string>
      >,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(base, some, (b, values) => {
        planOrInputErrors(rawInputs({ ...b.inputs, ...values }), b.ctx);
      }),
      { numRuns: 400 },
    );
  });

  test('every input hostile, as the runner passes them (trimmed)', () => {
    const all = fc.record(
      Object.fromEntries(KEYS.map((k) => [k, valueFor(k).map((v) => v.trim())])) as Record<
        InputKey,
        fc.Arbitrary<string>
      >,
    );
    fc.assert(
      fc.property(fc.boolean(), all, (oidc, values) => {
        planOrInputErrors(values as RawInputs, runContext({ isOidcAvailable: oidc }));
      }),
      { numRuns: 200 },
    );
  });

  test('JSON inputs never pollute prototypes', () => {
    fc.assert(
      fc.property(
        base,
        fc.constantFrom(...JSON_EDGES),
        fc.constantFrom<InputKey>('customTags', 'inlineSessionPolicy'),
        (b, json, key) => {
          planOrInputErrors(rawInputs({ ...b.inputs, [key]: json }), b.ctx);
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });

  test('many custom tags: never a plan with more session tags than STS accepts', () => {
    const tags = fc.dictionary(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:/=+@-]{0,20}$/),
      fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,30}$/),
      { minKeys: 30, maxKeys: 60 },
    );
    fc.assert(
      fc.property(base, tags, (b, t) => {
        planOrInputErrors(rawInputs({ ...b.inputs, customTags: JSON.stringify(t) }), b.ctx);
      }),
      { numRuns: 100 },
    );
  });
});

describe('secrets never appear in error messages', () => {
  // A random marker inside the value: an echo of any part around it would carry it along.
  const secretValue = fc
    .tuple(hostile, fc.stringMatching(/^[A-Za-z0-9]{16}$/), hostile)
    .map(([before, marker, after]) => ({ value: `${before}${marker}${after}`, marker }));

  test.each(SECRET_KEYS.map((k) => [INPUT[k], k] as const))('%s', (_name, key) => {
    fc.assert(
      fc.property(base, secretValue, fc.boolean(), (b, { value, marker }, withOthers) => {
        // With and without the inputs that make the secret's own rules apply.
        const others: Partial<RawInputs> = withOthers
          ? {
              mfaSerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
              awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
              awsSecretAccessKey: 'x'.repeat(40),
              mfaTotpSecret: '',
              mfaTokenCode: '',
            }
          : {};
        const result = planOrInputErrors(
          rawInputs({ ...b.inputs, ...others, [key]: value }),
          b.ctx,
        );
        const text = messagesOf(result);
        expect(text.includes(marker)).toBe(false);
        if (value.trim().length >= 4) expect(text.includes(value)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  test('plain hostile secrets (no marker), all four at once', () => {
    const distinct = (v: string) => new Set(v).size >= 6;
    const secret = hostile.filter(distinct);
    fc.assert(
      fc.property(base, secret, secret, secret, secret, (b, s1, s2, s3, s4) => {
        const result = planOrInputErrors(
          rawInputs({
            ...b.inputs,
            awsSecretAccessKey: s1,
            awsSessionToken: s2,
            mfaTotpSecret: s3,
            mfaTokenCode: s4,
          }),
          b.ctx,
        );
        const text = messagesOf(result);
        for (const s of [s1, s2, s3, s4]) expect(text.includes(s)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('planRun with an arbitrary run context', () => {
  const contextText = fc.oneof(
    hostile,
    fc.constantFrom('', 'dependabot[bot]', 'refs/heads/feat/ü-🚀', 'a'.repeat(500)),
  );
  const hostileContext = fc
    .record({
      repository: contextText,
      repositoryOwner: contextText,
      ref: fc.oneof(
        contextText,
        contextText.map((t) => `refs/heads/${t}`),
      ),
      refName: contextText,
      sha: contextText,
      eventName: contextText,
      workflow: contextText,
      job: contextText,
      runId: contextText,
      runAttempt: contextText,
      actor: contextText,
      action: contextText,
      workspace: contextText,
    })
    .map((fields) => runContext(fields));

  const templates = fc.constantFrom(
    'GitHubActions',
    '{actor}',
    '{repository}',
    '{ref_name}',
    '{repo}-{run_id}-{run_attempt}',
    '{owner}/{repo}@{sha}#{job}:{workflow}:{event}',
    '{actor}{actor}{actor}{actor}{actor}',
  );

  test('session names, source identities and tags always satisfy STS; planRun never throws', () => {
    fc.assert(
      fc.property(
        hostileContext,
        templates,
        templates,
        fc.boolean(),
        (ctx, sessionName, sourceIdentity, oidc) => {
          // Stored keys (AssumeRole: tags and source identity are sent) or OIDC, with a chain.
          const inputs = rawInputs({
            awsRegion: 'us-east-1',
            roleToAssume: 'arn:aws:iam::111111111111:role/deploy',
            roleChain:
              'arn:aws:iam::222222222222:role/next session-name={actor}-{job}\narn:aws:iam::333333333333:role/last',
            roleSessionName: sessionName,
            sourceIdentity,
            transitiveTagKeys: 'Repository,Actor,Branch',
            ...(oidc
              ? {}
              : { awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE', awsSecretAccessKey: 'x'.repeat(40) }),
          });
          const plan = planRun(parseConfig(inputs, { ...ctx, isOidcAvailable: oidc }), ctx);
          expectStsAcceptsPlan(plan);
          const hops = plan.sessions.flatMap((s) => s.hops);
          expect(hops).toHaveLength(3);
          expect(hops.filter((h) => h.sourceIdentity !== undefined)).toHaveLength(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('hostile inputs and a hostile context together', () => {
    const some = fc.record(
      Object.fromEntries(KEYS.map((k) => [k, valueFor(k)])) as Record<
        InputKey,
        fc.Arbitrary<string>
      >,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(base, hostileContext, some, (b, ctx, values) => {
        planOrInputErrors(rawInputs({ ...b.inputs, ...values }), {
          ...ctx,
          isOidcAvailable: b.ctx.isOidcAvailable,
          ambient: b.ctx.ambient,
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE) cannot be forged', () => {
  // The real runner adapter (@actions/core underneath) writing setOutput entries to a temp
  // GITHUB_OUTPUT file, read back with the harness's parser (the runner's rules).
  let dir = '';
  let file = '';
  const saved = process.env['GITHUB_OUTPUT'];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-commands-'));
    file = join(dir, 'set_output');
    process.env['GITHUB_OUTPUT'] = file;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['GITHUB_OUTPUT'];
    else process.env['GITHUB_OUTPUT'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const runner = createGitHubRunner();
  const written = (entries: readonly (readonly [string, string])[]): string => {
    writeFileSync(file, '');
    for (const [name, v] of entries) runner.setOutput(name, v);
    return readFileSync(file, 'utf8');
  };
  const fileCommandEntry = (name: string, v: string): string => written([[name, v]]);

  // Every name the action writes, plus arbitrary ones (which must be refused or round-trip).
  const ACTION_NAMES = [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'aws-account-id',
    'aws-assumed-role-arn',
    'aws-expiration',
    'aws-session-chain',
    'aws-secret-access-key',
    'exportedVariables',
    'restoreVariables',
    'writtenFiles',
    'createdDirectory',
  ];
  const value = fc.oneof(
    hostile,
    // Attempts to close the heredoc early and start a second entry.
    fc
      .tuple(
        hostile,
        fc.constantFrom(
          'EOF',
          'ghadelimiter_',
          'ghadelimiter_00000000-0000-0000-0000-000000000000',
        ),
        hostile,
      )
      .map(([a, d, b]) => `${a}\n${d}\nINJECTED=1\n${d}\n${b}`),
    fc.tuple(hostile, hostile).map(([a, b]) => `${a}\nINJECTED<<X\n${b}\nX`),
  );

  /**
   * The harness parser treats CRLF as a line break, so a CR right before a line break (or at
   * the very end of the value) reads back without it; no other character changes.
   */
  const asHarnessReadsIt = (v: string): string =>
    asUtf8(`${v}\n`.replace(/\r\n/g, '\n').slice(0, -1));
  /** The file is UTF-8: a lone surrogate is written (and read back) as U+FFFD. */
  const asUtf8 = (v: string): string => Buffer.from(v, 'utf8').toString('utf8');

  test('an action-written name with any value parses back as exactly that one entry', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTION_NAMES), value, (name, v) => {
        const parsed = parseFileCommands(fileCommandEntry(name, v));
        expect(Object.keys(parsed)).toEqual([name]);
        expect(parsed[name]).toBe(asHarnessReadsIt(v));
        if (!v.includes('\r')) expect(parsed[name]).toBe(asUtf8(v));
      }),
      { numRuns: 1000 },
    );
  });

  test('without CR the value comes back byte for byte, including after other entries', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...ACTION_NAMES),
            value.map((v) => v.replace(/\r/g, '')),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (entries) => {
          const text = written(entries);
          const expected: Record<string, string> = {};
          for (const [n, v] of entries) expected[n] = asUtf8(v); // a later entry for a name wins
          expect(parseFileCommands(text)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('arbitrary names: refused, or exactly one entry with that name and value', () => {
    // The harness parser keeps entries in a plain object, where '__proto__' cannot be a key.
    const name = fc
      .oneof(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc
          .array(fc.oneof(special, fc.stringMatching(/^[A-Z_]{1,4}$/)), { maxLength: 5 })
          .map((p) => p.join('')),
      )
      .filter((n) => n !== '__proto__');
    fc.assert(
      fc.property(name, value, (n, v) => {
        let text: string;
        try {
          text = fileCommandEntry(n, v);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return;
        }
        const parsed = parseFileCommands(text);
        expect(Object.keys(parsed)).toEqual([asUtf8(n)]);
        expect(parsed[asUtf8(n)]).toBe(asHarnessReadsIt(v));
      }),
      { numRuns: 1000 },
    );
  });

  test('entries end with the platform line ending', () => {
    expect(fileCommandEntry('A', 'v').endsWith(EOL)).toBe(true);
  });
});

describe('profile files: renderSections refuses or renders one section per profile', () => {
  const HEADER_LINE = /^\s*\[([^\]]+)\]\s*$/;
  const PROFILE_KEYS = [
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_session_token',
    'region',
    'credential_process',
    'role_arn',
    'source_profile',
  ];

  test('any profile name, key and value: refused, or exactly one header and the values intact', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.constantFrom('default', 'dev', 'prod')),
        fc.dictionary(fc.oneof(fc.constantFrom(...PROFILE_KEYS), hostile), hostile, { maxKeys: 4 }),
        (profile, entries) => {
          const header = configHeader(profile);
          let text: string;
          try {
            text = renderSections([{ header, entries }]);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            return;
          }
          // Python's configparser and the AWS SDKs split lines on LF, CR and CRLF.
          const lines = text.split(/\r\n|\r|\n/);
          expect(lines.filter((l) => HEADER_LINE.test(l))).toEqual([`[${header}]`]);
          expect(lines[0]).toBe(`[${header}]`);
          // The action's own reader (readSection, used by the refresh helper) gets the values
          // back, trimmed. Known gap, not a second section: it skips a line holding U+2028 or
          // U+2029 (its regex's `.` stops there), so those values are left out of this check.
          const section = readSection(text, header.trim());
          for (const [key, v] of Object.entries(entries)) {
            if (PROFILE_KEYS.includes(key) && !/[\u2028\u2029]/.test(v))
              expect(section?.[key]).toBe(v.trim());
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('several profiles: one header each, in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.oneof(hostile, fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/)), hostile),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (profiles) => {
          const sections = profiles.map(([name, v]) => ({
            header: configHeader(name),
            entries: { aws_secret_access_key: v, region: 'us-east-1' },
          }));
          let text: string;
          try {
            text = renderSections(sections);
          } catch {
            return;
          }
          const headers = text.split(/\r\n|\r|\n/).filter((l) => HEADER_LINE.test(l));
          expect(headers).toEqual(sections.map((s) => `[${s.header}]`));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('step summary: escapeMarkdown', () => {
  /** Every | must be preceded by an odd run of backslashes (i.e. itself escaped). */
  function unescapedPipes(text: string): number {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '|') continue;
      let slashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
      if (slashes % 2 === 0) count++;
    }
    return count;
  }

  test('arbitrary text never yields a raw line break or an unescaped |', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          fc
            .array(fc.constantFrom('|', '\\', '\\|', '\n', '\r', '`', '<br>', '&'), {
              maxLength: 30,
            })
            .map((p) => p.join('')),
        ),
        (text) => {
          const out = escapeMarkdown(text);
          expect(out).not.toMatch(/[\r\n]/);
          expect(unescapedPipes(out)).toBe(0);
          expect(out).not.toMatch(/<[a-z/!]/i);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a table row built from escaped cells keeps its column count', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 5 }), (cells) => {
        const row = `| ${cells.map(escapeMarkdown).join(' | ')} |`;
        expect(row.split('\n')).toHaveLength(1);
        expect(unescapedPipes(row)).toBe(cells.length + 1);
      }),
      { numRuns: 500 },
    );
  });
});
