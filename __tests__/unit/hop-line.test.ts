import { ROLE } from '../../__fixtures__/inputs.js';
import type { HopSpec } from '../../src/config/types.js';
import {
  HOP_OPTIONS,
  hopLineSecrets,
  parseHopTokens,
  tokenizeHopLine,
} from '../../src/config/role-chain-line.js';

const POLICY =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::a {b} c"}]}';

describe('tokenizeHopLine', () => {
  test.each<{ name: string; line: string; expected: string[] | string }>([
    {
      name: 'plain tokens',
      line: `${ROLE.prod}  external-id=abc\tduration=900`,
      expected: [ROLE.prod, 'external-id=abc', 'duration=900'],
    },
    {
      name: 'quoted value with spaces',
      line: 'deploy tag:Team="Payments Team"',
      expected: ['deploy', 'tag:Team=Payments Team'],
    },
    {
      name: 'escaped quote inside quotes',
      line: 'deploy tag:Note="say \\"hi\\""',
      expected: ['deploy', 'tag:Note=say "hi"'],
    },
    {
      name: 'JSON with spaces, and braces inside strings',
      line: `deploy inline-session-policy=${POLICY} duration=900`,
      expected: ['deploy', `inline-session-policy=${POLICY}`, 'duration=900'],
    },
    {
      name: 'JSON string with an escaped quote and brace',
      line: 'deploy inline-session-policy={"Sid": "a\\"}"} x',
      expected: ['deploy', 'inline-session-policy={"Sid": "a\\"}"}', 'x'],
    },
    {
      name: 'placeholder braces stay in the token',
      line: 'deploy session-name={repo}-{run_id}',
      expected: ['deploy', 'session-name={repo}-{run_id}'],
    },
    { name: 'arrows are tokens', line: 'a -> b', expected: ['a', '->', 'b'] },
    { name: 'empty line', line: '   ', expected: [] },
    {
      name: 'unclosed quote',
      line: 'deploy tag:Team="Payments',
      expected: 'a double quote is not closed',
    },
    {
      name: 'unclosed brace',
      line: 'deploy inline-session-policy={"Version": "2012-10-17"',
      expected: 'a { is not closed',
    },
    {
      name: 'brace closed inside a JSON string only',
      line: 'deploy inline-session-policy={"a": "}"',
      expected: 'a { is not closed',
    },
    { name: 'stray closing brace', line: 'deploy }', expected: 'a closing } has no opening {' },
  ])('$name', ({ line, expected }) => {
    expect(tokenizeHopLine(line)).toEqual(expected);
  });
});

const hop = (overrides: Partial<HopSpec>): HopSpec => ({
  origin: 'test',
  role: {
    kind: 'arn',
    arn: {
      arn: ROLE.prod,
      partition: 'aws',
      accountId: '222222222222',
      path: '',
      name: 'prod-deploy',
    },
  },
  externalId: undefined,
  sessionName: undefined,
  durationSeconds: undefined,
  inlineSessionPolicy: undefined,
  managedSessionPolicies: [],
  tags: [],
  skipSessionTagging: undefined,
  transitiveTagKeys: undefined,
  ...overrides,
});

describe('parseHopTokens', () => {
  test.each<{ name: string; options: string[]; expected: Partial<HopSpec> }>([
    { name: 'role only', options: [], expected: {} },
    {
      name: 'external-id',
      options: ['external-id=Acme:Prod/1'],
      expected: { externalId: 'Acme:Prod/1' },
    },
    {
      name: 'session-name literal',
      options: ['session-name=deploy-prod'],
      expected: { sessionName: 'deploy-prod' },
    },
    {
      name: 'session-name template',
      options: ['session-name={actor}-{run_id}'],
      expected: { sessionName: '{actor}-{run_id}' },
    },
    { name: 'duration', options: ['duration=1800'], expected: { durationSeconds: 1800 } },
    {
      name: 'inline policy, compacted',
      options: [`inline-session-policy=${POLICY}`],
      expected: { inlineSessionPolicy: JSON.stringify(JSON.parse(POLICY)) },
    },
    {
      name: 'managed policies',
      options: [
        'managed-session-policies=arn:aws:iam::aws:policy/ReadOnlyAccess,arn:aws:iam::aws:policy/AWSDenyAll',
      ],
      expected: {
        managedSessionPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/AWSDenyAll',
        ],
      },
    },
    {
      name: 'transitive keys',
      options: ['transitive-tag-keys=Team, Repository'],
      expected: { transitiveTagKeys: ['Team', 'Repository'] },
    },
    {
      name: 'bare skip-session-tagging',
      options: ['skip-session-tagging'],
      expected: { skipSessionTagging: true },
    },
    {
      name: 'skip-session-tagging=FALSE',
      options: ['skip-session-tagging=FALSE'],
      expected: { skipSessionTagging: false },
    },
    {
      name: 'tags, in order',
      options: ['tag:Team=Payments Team', 'tag:Env=prod', 'tag:Empty='],
      expected: {
        tags: [
          { key: 'Team', value: 'Payments Team' },
          { key: 'Env', value: 'prod' },
          { key: 'Empty', value: '' },
        ],
      },
    },
  ])('$name', ({ options, expected }) => {
    expect(parseHopTokens([ROLE.prod, ...options], 'test')).toEqual(hop(expected));
  });

  test('a bare role name keeps its path', () => {
    expect(parseHopTokens(['ci/deploy'], 'role-chain line 1')).toEqual(
      hop({ origin: 'role-chain line 1', role: { kind: 'name', name: 'deploy', path: 'ci' } }),
    );
  });

  test.each<{ name: string; tokens: string[]; problems: (string | RegExp)[] }>([
    { name: 'no tokens', tokens: [], problems: ['expected a role ARN or name'] },
    {
      name: 'bad ARN',
      tokens: ['arn:aws:iam::12:role/x'],
      problems: [/is not a valid IAM role ARN/],
    },
    {
      name: 'unknown option suggests the list',
      tokens: [ROLE.prod, 'role-session-name=x'],
      problems: [
        `unknown option 'role-session-name'; use one of ${HOP_OPTIONS.join(', ')}, or tag:KEY=VALUE`,
      ],
    },
    {
      name: 'option without =',
      tokens: [ROLE.prod, 'duration'],
      problems: ["option 'duration' needs a value (duration=...)"],
    },
    {
      name: 'option with empty value',
      tokens: [ROLE.prod, 'external-id='],
      problems: ["option 'external-id' needs a value (external-id=...)"],
    },
    {
      name: 'duration too short',
      tokens: [ROLE.prod, 'duration=60'],
      problems: ['duration expected 900-43200, got 60 seconds (15 minutes to 12 hours)'],
    },
    {
      name: 'duration not a number',
      tokens: [ROLE.prod, 'duration=1h'],
      problems: [/^duration expected a whole number from 900 to 43200, got '1h'/],
    },
    {
      name: 'external id too short',
      tokens: [ROLE.prod, 'external-id=x'],
      problems: [/^external-id must be 2-1224 characters/],
    },
    {
      name: 'external id with a bad character',
      tokens: [ROLE.prod, 'external-id=a;b'],
      problems: [/^external-id must be 2-1224 characters/],
    },
    {
      name: 'bad session name',
      tokens: [ROLE.prod, 'session-name=a b'],
      problems: [/^session-name 'a b' must be 2-64 characters/],
    },
    {
      name: 'unknown placeholder',
      tokens: [ROLE.prod, 'session-name={branch}'],
      problems: [/^session-name unknown placeholder \{branch\}/],
    },
    {
      name: 'policy not an object',
      tokens: [ROLE.prod, 'inline-session-policy=[1]'],
      problems: [/^inline-session-policy must be a JSON object/],
    },
    {
      name: 'skip-session-tagging=maybe',
      tokens: [ROLE.prod, 'skip-session-tagging=maybe'],
      problems: ["skip-session-tagging takes true or false, got 'maybe'"],
    },
    {
      name: 'tag without value',
      tokens: [ROLE.prod, 'tag:Team'],
      problems: ['tag:Team needs a value (tag:KEY=VALUE)'],
    },
    {
      name: 'tag with empty key',
      tokens: [ROLE.prod, 'tag:=x'],
      problems: ['tag keys cannot be empty'],
    },
    {
      name: 'tag key with a bad character',
      tokens: [ROLE.prod, 'tag:Te$m=x'],
      problems: [/^tag key 'Te\$m' has characters STS rejects/],
    },
    {
      name: 'tag value with a bad character',
      tokens: [ROLE.prod, 'tag:Team=a;b'],
      problems: [/^the value of tag 'Team' has characters STS rejects/],
    },
    {
      name: 'every problem at once',
      tokens: ['arn:bad', 'duration=1', 'nope=1'],
      problems: [/not a valid IAM role ARN/, /^duration expected/, /^unknown option 'nope'/],
    },
  ])('refuses $name', ({ tokens, problems }) => {
    const result = parseHopTokens(tokens, 'test');
    expect(Array.isArray(result)).toBe(true);
    expect(result).toEqual(
      problems.map((p) => (typeof p === 'string' ? p : expect.stringMatching(p))),
    );
  });
});

describe('hopLineSecrets', () => {
  test.each<{ name: string; text: string; secrets: string[] }>([
    {
      name: 'an external-id value, in role-chain and profiles lines',
      text: `${ROLE.prod} external-id=acme-prod-99\nprod: ${ROLE.deploy} -> ${ROLE.prod} external-id=Zed42zed`,
      secrets: ['acme-prod-99', 'Zed42zed'],
    },
    {
      name: 'a word without = (a value whose key was forgotten)',
      text: `${ROLE.prod} TopSecretExt99 duration=900`,
      secrets: ['TopSecretExt99'],
    },
    {
      name: 'the value of a mistyped key',
      text: `staging: ${ROLE.prod} externl-id=TopSecretExt99`,
      secrets: ['TopSecretExt99'],
    },
    {
      name: 'a base64 ID without its key: what precedes its = padding is named as a key, so masked too',
      text: `${ROLE.prod} c2VjcmV0aWQ=`,
      secrets: ['c2VjcmV0aWQ', 'c2VjcmV0aWQ='],
    },
    {
      name: 'an unclosed quote: every value-like word',
      text: `prod: ${ROLE.deploy} external-id="Top Secret`,
      secrets: ['"Top', 'Secret', 'Top'],
    },
    {
      name: 'known public options, tags, roles and comments are not secrets',
      text: `# external-id=comment\n${ROLE.prod} session-name=ci duration=900 tag:Team=web skip-session-tagging -> deploy`,
      secrets: [],
    },
  ])('$name', ({ text, secrets }) => {
    expect(hopLineSecrets(text)).toEqual(expect.arrayContaining(secrets));
    if (secrets.length === 0) expect(hopLineSecrets(text)).toEqual([]);
  });

  test('the key an unknown-option problem names is among the secrets', () => {
    const problems = parseHopTokens([ROLE.prod, 'c2VjcmV0aWQ='], 'role-chain line 1');
    expect(JSON.stringify(problems)).toContain("'c2VjcmV0aWQ'");
    expect(hopLineSecrets(`${ROLE.prod} c2VjcmV0aWQ=`)).toContain('c2VjcmV0aWQ');
  });

  test('an unknown word is not echoed in the problem', () => {
    const problems = parseHopTokens([ROLE.prod, 'TopSecretExt99'], 'role-chain line 1');
    expect(JSON.stringify(problems)).not.toContain('TopSecretExt99');
    expect(JSON.stringify(problems)).toContain("a word without '='");
  });
});
