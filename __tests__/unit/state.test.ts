import {
  type CleanupState,
  decodeCleanupState,
  encodeCleanupState,
  STATE_KEY,
} from '../../src/publish/cleanup-state.js';

const reader =
  (entries: Record<string, string>) =>
  (key: string): string =>
    entries[key] ?? '';

describe('encode/decode round trip', () => {
  test.each<{ name: string; state: CleanupState }>([
    {
      name: 'everything set',
      state: {
        exportedVariables: [
          'AWS_ACCESS_KEY_ID',
          'AWS_SECRET_ACCESS_KEY',
          'AWS_SESSION_TOKEN',
          'AWS_REGION',
        ],
        restoreVariables: { AWS_CONFIG_FILE: '/home/runner/.aws/config', AWS_PROFILE: '' },
        writtenFiles: [
          '/home/runner/work/_temp/aws-deploy-role-abc/config',
          '/home/runner/work/_temp/aws-deploy-role-abc/credentials',
        ],
        createdDirectory: '/home/runner/work/_temp/aws-deploy-role-abc',
        userFileSections: [],
      },
    },
    {
      name: 'home location: sections in ~/.aws, which main created',
      state: {
        exportedVariables: ['AWS_REGION'],
        restoreVariables: {},
        writtenFiles: [],
        createdDirectory: undefined,
        userFileSections: [
          {
            file: '/home/runner/.aws/config',
            headers: ['profile dev'],
            created: true,
            // The key ID that proves the section is still this step's (post/plan-cleanup.ts).
            marks: {
              'profile dev': {
                file: '/home/runner/.aws/credentials',
                header: 'dev',
                entry: 'aws_access_key_id',
                value: 'ASIAEXAMPLE',
              },
            },
          },
        ],
        createdUserDirectory: '/home/runner/.aws',
      },
    },
    {
      name: 'nothing done',
      state: {
        exportedVariables: [],
        restoreVariables: {},
        writtenFiles: [],
        createdDirectory: undefined,
        userFileSections: [],
      },
    },
    {
      name: 'odd characters survive',
      state: {
        exportedVariables: ['A'],
        restoreVariables: { X: 'a "quoted" value\nwith a newline' },
        writtenFiles: ["/tmp/r/aws-deploy-role-ü/it's"],
        createdDirectory: '/tmp/r/aws-deploy-role-ü',
        userFileSections: [],
      },
    },
  ])('$name', ({ state }) => {
    const encoded = encodeCleanupState(state);
    expect(Object.keys(encoded).sort()).toEqual(Object.values(STATE_KEY).sort());
    expect(Object.values(encoded).every((value) => typeof value === 'string')).toBe(true);
    expect(decodeCleanupState(reader(encoded))).toEqual(state);
  });
});

describe('malformed state reads as nothing to undo', () => {
  const nothing: CleanupState = {
    exportedVariables: [],
    restoreVariables: {},
    writtenFiles: [],
    createdDirectory: undefined,
    userFileSections: [],
  };
  test.each<{ name: string; entries: Record<string, string>; expected: CleanupState }>([
    { name: 'no state at all (main failed early)', entries: {}, expected: nothing },
    {
      name: 'not JSON',
      entries: { exportedVariables: 'AWS_ACCESS_KEY_ID', restoreVariables: '{', writtenFiles: '[' },
      expected: nothing,
    },
    {
      name: 'wrong JSON types',
      entries: { exportedVariables: '{"a":1}', restoreVariables: '["x"]', writtenFiles: '"file"' },
      expected: nothing,
    },
    {
      name: 'null',
      entries: { exportedVariables: 'null', restoreVariables: 'null', writtenFiles: 'null' },
      expected: nothing,
    },
    {
      name: 'non-string items dropped, strings kept',
      entries: {
        exportedVariables: '["AWS_REGION", 1, null, {"x":1}]',
        restoreVariables: '{"A":"1","B":2,"C":null}',
        writtenFiles: '[true, "/tmp/r/aws-deploy-role-x/f"]',
      },
      expected: {
        exportedVariables: ['AWS_REGION'],
        restoreVariables: { A: '1' },
        writtenFiles: ['/tmp/r/aws-deploy-role-x/f'],
        createdDirectory: undefined,
        userFileSections: [],
      },
    },
  ])('$name', ({ entries, expected }) => {
    expect(decodeCleanupState(reader(entries))).toEqual(expected);
  });
});
