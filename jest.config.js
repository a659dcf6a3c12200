// One jest config, three projects: fast pure unit tests, end-to-end tests that run the
// committed dist/ bundle as the runner does, and the same bundles under Windows node.exe in Wine. ESM throughout (see README,
// "Development"), so jest runs under --experimental-vm-modules.
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      // A temp directory for the Go SDK client, built there once per run (harness/go-client.ts).
      globalSetup: '<rootDir>/__tests__/e2e/harness/go-client-setup.mjs',
      globalTeardown: '<rootDir>/__tests__/e2e/harness/go-client-teardown.mjs',
    },
    {
      // npm run test:windows: the bundles under the Windows node.exe in Wine (not in npm test).
      ...shared,
      displayName: 'windows',
      testMatch: ['<rootDir>/__tests__/windows/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/windows/harness/global-setup.mjs',
      globalTeardown: '<rootDir>/__tests__/windows/harness/global-teardown.mjs',
    },
  ],
};
