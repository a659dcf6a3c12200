import { ROLE } from '../../__fixtures__/inputs.js';
import { parseProfileLines } from '../../src/config/profiles-input.js';

describe('parseProfileLines', () => {
  test('profiles, multi-hop chains, comments and blank lines', () => {
    const text = [
      '# deploy targets',
      `prod: ${ROLE.deploy} -> ${ROLE.prod} external-id=acme-prod duration=900`,
      '',
      `  audit: ${ROLE.audit} session-name="audit-{run_id}"  `,
    ].join('\n');
    const parsed = parseProfileLines(text);
    expect(
      parsed.map((entry) => ('profile' in entry ? entry.profile.name : entry.problem)),
    ).toEqual(['prod', 'audit']);
    const [prod, audit] = parsed.map((entry) => ('profile' in entry ? entry.profile.hops : []));
    expect(
      prod?.map((h) => [
        h.origin,
        h.role.kind === 'arn' ? h.role.arn.arn : '',
        h.externalId,
        h.durationSeconds,
      ]),
    ).toEqual([
      ['profiles line 2, profile prod, hop 1', ROLE.deploy, undefined, undefined],
      ['profiles line 2, profile prod, hop 2', ROLE.prod, 'acme-prod', 900],
    ]);
    expect(audit?.map((h) => h.sessionName)).toEqual(['audit-{run_id}']);
  });

  test.each([
    {
      name: 'no colon: the line quoted, the missing NAME: named',
      text: `prod ${ROLE.prod}`,
      problems: [
        `line 1: "prod ${ROLE.prod}" has no "NAME:" before its role; expected "NAME: ROLE [options] [-> ROLE ...]", e.g. "prod: arn:aws:iam::123456789012:role/deploy"`,
      ],
    },
    {
      name: 'a name with a space: the name quoted, the characters a name holds, a fixed name',
      text: `# c\nprod deploy: ${ROLE.prod}`,
      problems: [
        'line 2: the profile name "prod deploy" is not valid: a name holds 1-64 letters, digits and _ . - (no spaces), e.g. "prod-deploy"',
      ],
    },
    {
      name: 'a role without a name',
      text: ROLE.prod,
      problems: [
        `line 1: "${ROLE.prod}" starts with a role ARN; put the profile name first, e.g. "prod: arn:aws:iam::123456789012:role/deploy"`,
      ],
    },
    {
      name: 'no space after the colon',
      text: `prod:${ROLE.prod}`,
      problems: [
        'line 1: profile prod: a space must follow "prod:", then the role; expected e.g. "prod: arn:aws:iam::123456789012:role/deploy"',
      ],
    },
    {
      name: 'bad option on hop 2',
      text: `# c\nprod: ${ROLE.deploy} -> ${ROLE.prod} duration=5`,
      problems: [/^line 2 \(profile prod, hop 2\): duration expected 900-43200/],
    },
    {
      name: 'trailing arrow',
      text: `prod: ${ROLE.deploy} ->`,
      problems: ['line 1 (profile prod, hop 2): expected a role ARN or name'],
    },
    {
      name: 'unclosed quote',
      text: `\n\nprod: ${ROLE.deploy} tag:A="x`,
      problems: ['line 3 (profile prod): a double quote is not closed'],
    },
    {
      name: 'two bad lines, each named',
      text: `a: ${ROLE.deploy} tag:K\nb: ${ROLE.prod}\nc: ${ROLE.audit} frob=1`,
      problems: [
        'line 1 (profile a, hop 1): tag:K needs a value (tag:KEY=VALUE)',
        /^line 3 \(profile c, hop 1\): unknown option 'frob'/,
      ],
    },
  ])('$name', ({ text, problems }) => {
    const found = parseProfileLines(text).flatMap((entry) =>
      'problem' in entry ? [entry.problem] : [],
    );
    expect(found).toEqual(
      problems.map((p) => (typeof p === 'string' ? p : expect.stringMatching(p))),
    );
  });
});
