// Time limits for e2e tests, sized for a loaded 2-core machine (CI runs beside other work).
// Every e2e file sets one with jest.setTimeout at its top, because every e2e test starts
// processes (the bundled action, moto, AWS clients) whose start-up time grows several-fold
// under load; jest's default of 5 s failed on an idle machine already.

/** A test that runs a few steps of the action (each ~0.2-1 s idle). */
export const STEP_TEST_TIMEOUT_MS = 60_000;

/** A test that also starts AWS CLI v1, v2 and boto3 several times (~1 s each idle). */
export const CLIENT_TEST_TIMEOUT_MS = 120_000;
