import * as os from 'node:os';
import { runPost } from './post/run-post.js';
import { createGitHubRunner } from './publish/runner.js';

// Entry point of the post step: driven by the main step's saved state only.
const runner = createGitHubRunner();
try {
  await runPost(runner, process.env['RUNNER_TEMP'] || os.tmpdir());
} catch (error) {
  runner.warning(`Cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
}
