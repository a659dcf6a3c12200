// Runs under the Windows node.exe in Wine, started from Linux by wine-launch.ts. It is the
// Windows parent every step and client needs: Wine overwrites USERPROFILE in a process started
// from Linux, and node.exe cannot write to a Linux pipe, so this process starts each task with
// an explicit environment, reads its output through Windows pipes, and writes one JSON result
// file (the plan's `result`). Types of the plan and result: wine-launch.ts.
//
//   node.exe launcher.mjs PLAN.json                           run the plan's holds and tasks
//   node.exe launcher.mjs --hold SIGNAL RELEASE MAX_MS < F    hold F (stdin) until RELEASE exists
//
// A hold is started through cmd.exe's `<` redirection, which opens the file with read sharing
// only (no FILE_SHARE_DELETE, no FILE_SHARE_WRITE), as a virus scanner or an indexer may: until
// the holder exits, deleting the file fails with EBUSY and renaming over it with EPERM.
import { exec, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POLL_MS = 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (process.argv[2] === '--hold') {
  const [signal, release, maxMs] = process.argv.slice(3);
  const end = Date.now() + Number(maxMs);
  writeFileSync(signal, String(Date.now()));
  while (!existsSync(release) && Date.now() < end) await sleep(POLL_MS);
  process.exit(0);
}

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = Date.now();

/** Runs one task to completion or its time limit; resolves with what runBounded reports. */
function runTask(task) {
  const begin = performance.now();
  if (task.kind === 'exec') {
    // Exactly the JS SDK's call: child_process.exec(line), i.e. `cmd.exe /d /s /c "line"`.
    return new Promise((resolve) => {
      exec(
        task.command,
        { env: task.env, cwd: task.cwd, timeout: task.timeoutMs },
        (error, stdout, stderr) =>
          resolve({
            exitCode: error ? (typeof error.code === 'number' ? error.code : null) : 0,
            signal: error?.signal ?? null,
            stdout,
            stderr,
            log: stdout + stderr,
            timedOut: error?.killed === true,
            durationMs: performance.now() - begin,
          }),
      );
    });
  }
  return new Promise((resolve) => {
    const child = spawn(task.file, task.args, {
      env: task.env,
      cwd: task.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsVerbatimArguments: task.verbatim === true,
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let log = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s) => ((stdout += s), (log += s)));
    child.stderr.setEncoding('utf8').on('data', (s) => ((stderr += s), (log += s)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, task.timeoutMs);
    const finish = (exitCode, signal, error) => {
      clearTimeout(timer);
      const tail = error ? `launcher: ${error.message}\n` : '';
      resolve({
        exitCode,
        signal,
        stdout,
        stderr: stderr + tail,
        log: log + tail,
        timedOut,
        durationMs: performance.now() - begin,
      });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Whether the hold's release condition holds: a file matching the pattern (non-empty if asked). */
function releaseDue(when) {
  const pattern = new RegExp(when.pattern);
  let names = [];
  try {
    names = readdirSync(when.directory);
  } catch {
    return false;
  }
  return names.some((name) => {
    if (!pattern.test(name)) return false;
    if (!when.nonEmpty) return true;
    try {
      return statSync(join(when.directory, name)).size > 0;
    } catch {
      return false;
    }
  });
}

/** Starts a holder process on `hold.target` and resolves once it holds the file. */
async function startHold(hold, index) {
  const signal = `${plan.result}.hold-${index}.signal`;
  const release = `${plan.result}.hold-${index}.release`;
  const launcher = fileURLToPath(import.meta.url);
  const quoted = [process.execPath, launcher, '--hold', signal, release, String(hold.maxMs)]
    .map((word) => `"${word}"`)
    .join(' ');
  const holder = spawn(
    process.env.ComSpec || 'cmd.exe',
    ['/d', '/s', '/c', `"${quoted} < "${hold.target}""`],
    {
      stdio: 'ignore',
      windowsVerbatimArguments: true,
      windowsHide: true,
    },
  );
  const state = {
    id: hold.id,
    heldAtMs: undefined,
    releaseAtMs: undefined,
    releasedBy: undefined,
    seenAtMs: undefined,
    exitedAtMs: undefined,
  };
  const exited = new Promise((resolve) =>
    holder.on('close', () => resolve((state.exitedAtMs = Date.now() - started))),
  );
  const deadline = Date.now() + 30_000;
  while (!existsSync(signal)) {
    if (Date.now() > deadline || state.exitedAtMs !== undefined)
      throw new Error(`could not hold ${hold.target}`);
    await sleep(POLL_MS);
  }
  state.heldAtMs = Date.now() - started;
  const releaseNow = (cause) => {
    if (state.releaseAtMs !== undefined) return;
    state.releaseAtMs = Date.now() - started;
    state.releasedBy = cause;
    writeFileSync(release, '');
  };
  const watch = (async () => {
    while (state.releaseAtMs === undefined && state.exitedAtMs === undefined) {
      if (hold.releaseWhen && releaseDue(hold.releaseWhen)) {
        state.seenAtMs = Date.now() - started;
        await sleep(hold.releaseAfterMs ?? 0);
        releaseNow('condition');
      }
      await sleep(POLL_MS);
    }
  })();
  return {
    /** Releases the file (if still held) and resolves once the holder is gone. */
    finish: async () => {
      releaseNow('end');
      await watch;
      await exited;
      return state;
    },
  };
}

const result = { tasks: {}, holds: {}, error: undefined };
const holds = [];
try {
  for (const [index, hold] of (plan.holds ?? []).entries())
    holds.push(await startHold(hold, index));
  const runs = await Promise.all(plan.tasks.map((task) => runTask(task)));
  plan.tasks.forEach((task, i) => (result.tasks[task.id] = runs[i]));
} catch (error) {
  result.error = error instanceof Error ? error.stack : String(error);
} finally {
  for (const hold of holds) {
    const state = await hold.finish();
    result.holds[state.id] = state;
  }
  writeFileSync(plan.result, JSON.stringify(result));
}
