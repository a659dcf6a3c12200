import { messageOf } from '../model/errors.js';
import type { Runner } from './runner.js';

/**
 * Appends the success summary, best effort: once credentials are exported the step must not fail
 * (a later `if: always()` step would get working credentials from a failed step), so a summary
 * that cannot be written (GITHUB_STEP_SUMMARY unset or unwritable) becomes a warning naming why.
 */
export async function appendSuccessSummary(
  runner: Runner,
  markdown: string,
  redact: (text: string) => string,
): Promise<void> {
  try {
    await runner.appendSummary(markdown);
  } catch (error) {
    runner.warning(
      redact(`The step summary was not written (credentials are exported): ${messageOf(error)}`),
    );
  }
}
