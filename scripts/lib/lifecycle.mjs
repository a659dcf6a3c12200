// Cleanup on every way out: normal end, error, SIGINT/SIGTERM, a closed stdout pipe, a crash.
// Async handlers run once, newest first; temp dirs are also removed synchronously at exit,
// and proc.mjs kills every still-tracked child by PID at exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopAll } from './proc.mjs';

const handlers = [];
const dirs = new Set();
let running;
let stopping = false;

/** Registers a cleanup step (stop a server, …); runs it at once if cleanup already began. */
export function onCleanup(fn) {
  if (running)
    void Promise.resolve()
      .then(fn)
      .catch(() => undefined);
  else handlers.push(fn);
}

/** Awaits a started thing and registers its stop at once, so a sibling's failure cannot strand it. */
export async function started(promise) {
  const thing = await promise;
  onCleanup(() => thing.stop());
  return thing;
}

/** Removes dir (recursively) on every way out. */
export function trackDir(dir) {
  dirs.add(dir);
  return dir;
}

/** A fresh temp dir that is removed on every way out. */
export function tempDir(prefix) {
  return trackDir(mkdtempSync(join(tmpdir(), prefix)));
}

function removeDirs() {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  }
}

/** Runs every cleanup step (each at most once), stops tracked children by PID, removes temp dirs. */
export function cleanupAll() {
  running ??= (async () => {
    for (const fn of handlers.reverse()) {
      try {
        await fn();
      } catch (error) {
        process.stderr.write(
          `cleanup: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
    }
    await stopAll();
    removeDirs();
  })();
  return running;
}

process.once('exit', removeDirs);

function bail(why, code) {
  if (stopping) return;
  stopping = true;
  try {
    process.stderr.write(`\n${why}: stopping everything this script started…\n`);
  } catch {
    // stderr may be gone too
  }
  void cleanupAll().finally(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.once(signal, () =>
    bail(signal, 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)),
  );
process.on('uncaughtException', (error) => bail(`crash: ${error?.stack ?? error}`, 1));
process.on('unhandledRejection', (error) => bail(`crash: ${error?.stack ?? error}`, 1));
// `npm run demo | head` closes our stdout early: stop cleanly instead of dying on EPIPE.
process.stdout.on('error', (error) =>
  bail(`stdout: ${error.code ?? error.message}`, error.code === 'EPIPE' ? 0 : 1),
);
process.stderr.on('error', () => bail('stderr closed', 1));

/** Runs main() and always cleans up; exit code 1 if main throws. */
export async function runScript(main) {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    if (stopping) return; // a signal or closed pipe is already shutting everything down
    process.stderr.write(
      `\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    code = 1;
  } finally {
    await cleanupAll();
  }
  // Everything we started is stopped; do not wait on anything that still holds the loop.
  process.exit(code);
}
