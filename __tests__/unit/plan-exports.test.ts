// What a run will export and what the post step will undo, decided from the plan alone and
// compared as plain data: no files, no runner, no mocks.
import { runContext } from '../../__fixtures__/context.js';
import { ROLE } from '../../__fixtures__/inputs.js';
import { planFor } from '../../__fixtures__/plan.js';
import type { RawInputs } from '../../src/config/input-names.js';
import type { RunContext } from '../../src/model/run-context.js';
import {
  type ExportFacts,
  type ExportPlan,
  type VariableValue,
  planExports,
} from '../../src/plan/plan-exports.js';

const DIR = '/home/runner/work/_temp/aws-deploy-role-abc123';
const facts: ExportFacts = {
  home: '/home/runner',
  platform: 'linux',
  directory: DIR,
  homeFilesExist: { config: true, credentials: false },
  homeDirectoryExists: true,
};
const oidc = runContext({ isOidcAvailable: true });
const text = (value: string): VariableValue => ({ kind: 'text', text: value });
const REGION = [
  { name: 'AWS_REGION', value: text('us-east-1') },
  { name: 'AWS_DEFAULT_REGION', value: text('us-east-1') },
];
const ENV_CREDENTIALS = [
  { name: 'AWS_ACCESS_KEY_ID', value: { kind: 'credential', field: 'accessKeyId' } },
  { name: 'AWS_SECRET_ACCESS_KEY', value: { kind: 'credential', field: 'secretAccessKey' } },
  { name: 'AWS_SESSION_TOKEN', value: { kind: 'credential', field: 'sessionToken' } },
] as const;
const FILE_VARIABLES = [
  { name: 'AWS_CONFIG_FILE', value: text(`${DIR}/config`) },
  { name: 'AWS_SHARED_CREDENTIALS_FILE', value: text(`${DIR}/credentials`) },
];
const IDENTITY_OUTPUTS = [
  'aws-account-id',
  'aws-assumed-role-arn',
  'aws-expiration',
  'aws-session-chain',
];
const HOME_FILES = {
  config: '/home/runner/.aws/config',
  credentials: '/home/runner/.aws/credentials',
};
const RESTORE_FILES = {
  AWS_CONFIG_FILE: HOME_FILES.config,
  AWS_SHARED_CREDENTIALS_FILE: HOME_FILES.credentials,
};
const ENV_NAMES = ['AWS_REGION', 'AWS_DEFAULT_REGION', ...ENV_CREDENTIALS.map((v) => v.name)];

const cases: {
  name: string;
  inputs: Partial<RawInputs>;
  ctx?: RunContext;
  expected: ExportPlan;
}[] = [
  {
    name: 'env only: region and the session in env, nothing on disk',
    inputs: { roleToAssume: ROLE.deploy },
    expected: {
      variables: [...REGION, ...ENV_CREDENTIALS],
      outputSession: 'default',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: undefined,
      warnings: [],
      cleanup: {
        exportedVariables: ENV_NAMES,
        restoreVariables: {},
        writtenFiles: [],
        createdDirectory: undefined,
        userFileSections: [],
      },
    },
  },
  {
    name: 'aws-profile: env credentials and a profile in private files that start from ~/.aws',
    inputs: { roleToAssume: ROLE.deploy, awsProfile: 'dev' },
    expected: {
      variables: [...REGION, ...ENV_CREDENTIALS, ...FILE_VARIABLES],
      outputSession: 'default',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: {
        location: 'runner-temp',
        directory: DIR,
        configFile: `${DIR}/config`,
        credentialsFile: `${DIR}/credentials`,
        mergeFrom: HOME_FILES,
        profiles: [{ name: 'dev', refresh: undefined }],
      },
      warnings: [],
      cleanup: {
        exportedVariables: ENV_NAMES,
        restoreVariables: RESTORE_FILES,
        writtenFiles: [`${DIR}/config`, `${DIR}/credentials`],
        createdDirectory: DIR,
        userFileSections: [],
      },
    },
  },
  {
    name: 'aws-profile without env credentials: no AWS_PROFILE, which no post step could take back',
    inputs: { roleToAssume: ROLE.deploy, awsProfile: 'dev', outputEnvCredentials: 'false' },
    expected: {
      variables: [...REGION, ...FILE_VARIABLES],
      outputSession: 'default',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: {
        location: 'runner-temp',
        directory: DIR,
        configFile: `${DIR}/config`,
        credentialsFile: `${DIR}/credentials`,
        mergeFrom: HOME_FILES,
        profiles: [{ name: 'dev', refresh: undefined }],
      },
      warnings: [],
      cleanup: {
        exportedVariables: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
        restoreVariables: RESTORE_FILES,
        writtenFiles: [`${DIR}/config`, `${DIR}/credentials`],
        createdDirectory: DIR,
        userFileSections: [],
      },
    },
  },
  {
    name: 'profiles only: no env credentials, no AWS_PROFILE, outputs describe the first profile',
    inputs: { profiles: `prod: ${ROLE.prod}\naudit: ${ROLE.audit}` },
    expected: {
      variables: [...REGION, ...FILE_VARIABLES],
      outputSession: 'prod',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: {
        location: 'runner-temp',
        directory: DIR,
        configFile: `${DIR}/config`,
        credentialsFile: `${DIR}/credentials`,
        mergeFrom: HOME_FILES,
        profiles: [
          { name: 'prod', refresh: undefined },
          { name: 'audit', refresh: undefined },
        ],
      },
      warnings: [],
      cleanup: {
        exportedVariables: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
        restoreVariables: RESTORE_FILES,
        writtenFiles: [`${DIR}/config`, `${DIR}/credentials`],
        createdDirectory: DIR,
        userFileSections: [],
      },
    },
  },
  {
    name: 'profiles with refresh: a spec and a cache per profile, all in the private directory',
    inputs: { profiles: `prod: ${ROLE.prod}`, refreshCredentials: 'true' },
    expected: {
      variables: [...REGION, ...FILE_VARIABLES],
      outputSession: 'prod',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: {
        location: 'runner-temp',
        directory: DIR,
        configFile: `${DIR}/config`,
        credentialsFile: `${DIR}/credentials`,
        mergeFrom: HOME_FILES,
        profiles: [
          {
            name: 'prod',
            refresh: { specFile: `${DIR}/refresh-prod.json`, cacheFile: `${DIR}/cache-prod.json` },
          },
        ],
      },
      warnings: [],
      cleanup: {
        exportedVariables: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
        restoreVariables: RESTORE_FILES,
        writtenFiles: [
          `${DIR}/config`,
          `${DIR}/credentials`,
          `${DIR}/refresh-prod.json`,
          `${DIR}/cache-prod.json`,
        ],
        createdDirectory: DIR,
        userFileSections: [],
      },
    },
  },
  {
    name: 'home location: sections in ~/.aws (credentials file created), no directory, a warning for AWS_CONFIG_FILE',
    inputs: { profiles: `prod: ${ROLE.prod}`, profileFilesLocation: 'home' },
    ctx: runContext({
      ambient: {
        hasAccessKeyId: false,
        hasSessionToken: false,
        profile: undefined,
        configFile: '/elsewhere/config',
        credentialsFile: undefined,
      },
    }),
    expected: {
      variables: REGION,
      outputSession: 'prod',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: {
        location: 'home',
        directory: undefined,
        configFile: HOME_FILES.config,
        credentialsFile: HOME_FILES.credentials,
        mergeFrom: HOME_FILES,
        profiles: [{ name: 'prod', refresh: undefined }],
      },
      warnings: [
        `profile-files-location: home writes ${HOME_FILES.config}, but AWS_CONFIG_FILE points at /elsewhere/config, so AWS tools in later steps read that file instead. Unset AWS_CONFIG_FILE in the job, or use profile-files-location: runner-temp.`,
      ],
      cleanup: {
        exportedVariables: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
        restoreVariables: {},
        writtenFiles: [],
        createdDirectory: undefined,
        userFileSections: [
          { file: HOME_FILES.config, headers: ['profile prod'], created: false },
          { file: HOME_FILES.credentials, headers: ['prod'], created: true },
        ],
      },
    },
  },
  {
    name: 'unset-current-credentials with a profile already set: AWS_PROFILE left as the job had it, files back to the job’s',
    inputs: {
      roleToAssume: ROLE.deploy,
      awsProfile: 'dev',
      outputEnvCredentials: 'false',
      unsetCurrentCredentials: 'true',
    },
    ctx: runContext({
      ambient: {
        hasAccessKeyId: true,
        hasSessionToken: true,
        profile: 'ci',
        configFile: '/job/config',
        credentialsFile: '/job/credentials',
      },
    }),
    expected: {
      variables: [...REGION, ...FILE_VARIABLES],
      outputSession: 'default',
      outputs: IDENTITY_OUTPUTS,
      profileFiles: {
        location: 'runner-temp',
        directory: DIR,
        configFile: `${DIR}/config`,
        credentialsFile: `${DIR}/credentials`,
        mergeFrom: { config: '/job/config', credentials: '/job/credentials' },
        profiles: [{ name: 'dev', refresh: undefined }],
      },
      warnings: [],
      cleanup: {
        exportedVariables: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
        restoreVariables: {
          AWS_CONFIG_FILE: '/job/config',
          AWS_SHARED_CREDENTIALS_FILE: '/job/credentials',
        },
        writtenFiles: [`${DIR}/config`, `${DIR}/credentials`],
        createdDirectory: DIR,
        userFileSections: [],
      },
    },
  },
  {
    name: 'output-credentials: the three credential outputs follow the identity ones',
    inputs: { roleToAssume: ROLE.deploy, outputCredentials: 'true' },
    expected: {
      variables: [...REGION, ...ENV_CREDENTIALS],
      outputSession: 'default',
      outputs: [
        ...IDENTITY_OUTPUTS,
        'aws-access-key-id',
        'aws-secret-access-key',
        'aws-session-token',
      ],
      profileFiles: undefined,
      warnings: [],
      cleanup: {
        exportedVariables: ENV_NAMES,
        restoreVariables: {},
        writtenFiles: [],
        createdDirectory: undefined,
        userFileSections: [],
      },
    },
  },
];

test.each(cases)('$name', ({ inputs, ctx = oidc, expected }) => {
  expect(planExports(planFor(inputs, ctx), ctx, facts)).toEqual(expected);
});

test('home location: a ~/.aws this run creates is removed again once empty, one that was there is kept', () => {
  const inputs = { profiles: `prod: ${ROLE.prod}`, profileFilesLocation: 'home' } as const;
  const ctx = runContext({});
  const created = planExports(planFor(inputs, ctx), ctx, { ...facts, homeDirectoryExists: false });
  expect(created.cleanup.createdUserDirectory).toBe('/home/runner/.aws');
  const existing = planExports(planFor(inputs, ctx), ctx, { ...facts, homeDirectoryExists: true });
  expect(existing.cleanup.createdUserDirectory).toBeUndefined();
  // runner-temp never touches ~/.aws
  const temp = planExports(planFor({ profiles: `prod: ${ROLE.prod}` }, ctx), ctx, {
    ...facts,
    homeDirectoryExists: false,
  });
  expect(temp.cleanup.createdUserDirectory).toBeUndefined();
});
