// Bounded child processes, shared by the demo/bench scripts and the e2e harness
// (__tests__/e2e/harness/proc.ts re-exports this). Plain ESM so `node scripts/*.mjs` needs no
// build; the types are in proc.d.mts. Every child (the action, the AWS CLI, python, moto) is
// started here, has a time limit, and is stopped by its own PID, never by name.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Children still running, so that a crash or Ctrl-C can stop each one by PID. */
const live = new Set();

/** Asks a child to stop (SIGTERM), then forces it (SIGKILL) if it lingers. */
export async function stopChild(child, graceMs = 2000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** Spawns a child that stopAll() (or process exit) will stop by its PID. */
export function spawnTracked(cmd, args, opts) {
  const child = spawn(cmd, args, opts);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Stops every child still running, each by its own PID. */
export async function stopAll() {
  await Promise.all([...live].map((child) => stopChild(child)));
}

// Last resort when a script dies without awaiting stopAll(): signal each PID synchronously.
// (Under jest the `process` a module sees is a per-file copy, so there this is inert and the
// suites stop what they started in afterAll.)
process.once('exit', () => {
  for (const child of live) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Runs a command to completion (or its time limit). `log` keeps stdout and stderr chunks in
 * arrival order, like a runner's job log. durationMs is spawn-to-close wall time, fractional
 * (performance.now), because the bench compares medians of short runs.
 */
export function runBounded(cmd, args, opts) {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawnTracked(cmd, args, {
      env: opts.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let log = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s) => {
      stdout += s;
      log += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s) => {
      stderr += s;
      log += s;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      void stopChild(child);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'close' (not 'exit') so that all piped output has been read.
    child.on('close', (code, signal) => {
      const durationMs = performance.now() - started;
      clearTimeout(timer);
      resolve({ exitCode: code, signal, stdout, stderr, log, timedOut, durationMs });
    });
    // A child that exits without reading stdin must not crash the caller with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Finds an executable on PATH the way a shell would, without spawning one. On Windows a
 * command is found under each PATHEXT extension (`aws` is aws.exe or aws.cmd), as cmd.exe does.
 */
export function which(name, path = process.env.PATH ?? '') {
  const extensions =
    process.platform === 'win32'
      ? ['', ...(process.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
      : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, `${name}${extension}`);
      try {
        accessSync(candidate, constants.X_OK);
        if (process.platform !== 'win32' || statSync(candidate).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/**
 * The few host variables a clean child env keeps (pyenv shims need PYENV_ROOT). The home is
 * given as both HOME and USERPROFILE, since the AWS clients on Windows read USERPROFILE
 * (src/model/aws-home.ts); Windows programs also need the system variables (Python cannot
 * start its random source or sockets without SYSTEMROOT).
 */
export function baseEnv(home) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USERPROFILE: home };
  const windows = ['SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'COMSPEC', 'PATHEXT', 'TEMP', 'TMP'];
  for (const key of [
    'PYENV_ROOT',
    'LANG',
    'LC_ALL',
    'TMPDIR',
    ...(process.platform === 'win32' ? windows : []),
  ]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Asks the OS for a port that is free right now (it may be taken again later). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
