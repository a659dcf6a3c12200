// Cleanup on every way out: normal end, error, SIGINT/SIGTERM. Handlers run once, in reverse.
import { stopAll } from './proc.mjs';

const handlers = [];
let running;

/** Registers a cleanup step (stop a server, remove a temp dir). */
export function onCleanup(fn) {
  handlers.push(fn);
}

/** Runs every cleanup step (each at most once), then stops all tracked children by PID. */
export function cleanupAll() {
  running ??= (async () => {
    for (const fn of handlers.reverse()) {
      try {
        await fn();
      } catch (error) {
        process.stderr.write(`cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    await stopAll();
  })();
  return running;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping everything this script started…\n`);
    void cleanupAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

/** Runs main() and always cleans up; exit code 1 if main throws. */
export async function runScript(main) {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    process.stderr.write(`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    code = 1;
  } finally {
    await cleanupAll();
  }
  process.exitCode = code;
}
