// The e2e project's globalSetup and globalTeardown: one temp directory per test run for the
// AWS SDK for Go v2 client (harness/go-client.ts builds it there on first use, once per run,
// whichever test file asks first), removed with its build cache when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GO_CLIENT_DIR_VARIABLE = 'E2E_GO_CLIENT_DIR';

export function setup() {
  process.env[GO_CLIENT_DIR_VARIABLE] = mkdtempSync(join(tmpdir(), 'e2e-go-client-'));
}

export function teardown() {
  const dir = process.env[GO_CLIENT_DIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
