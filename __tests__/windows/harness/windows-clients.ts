// What a later step's AWS client does on Windows with the profiles the action wrote: the JS SDK
// v3 itself under node.exe, and the credential_process line launched as each SDK launches it.
// Which SDK launches it how is cited in src/model/credential-process-line.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Job } from './windows-runner.js';
import { windowsSystemEnv } from './windows-runner.js';
import { toLinuxPath, toWindowsPath, windowsNodeExe, type WindowsTask } from './wine-launch.js';

const JS_SDK_CLIENT = fileURLToPath(new URL('./js-sdk-client.mjs', import.meta.url));
/** Starting a Windows client under Wine: node.exe, and for the helper a second one. */
export const CLIENT_TIMEOUT_MS = 60_000;

/** A later step's env on the Windows runner: the system's, what the job exported, `extra`. */
export function laterStepEnv(job: Job, extra: Record<string, string> = {}): Record<string, string> {
  return { ...windowsSystemEnv(), USERPROFILE: toWindowsPath(job.home), ...job.env, ...extra };
}

/** The JS SDK v3 (fromIni, as a Node.js step's client) resolving `profile` under node.exe. */
export function jsSdkTask(id: string, profile: string, env: Record<string, string>): WindowsTask {
  return {
    id,
    kind: 'spawn',
    file: windowsNodeExe(),
    args: [toWindowsPath(JS_SDK_CLIENT), profile],
    env,
    timeoutMs: CLIENT_TIMEOUT_MS,
  };
}

/** botocore's own Windows split of a credential_process line (no shell), run for real. */
export function botocoreWindowsSplit(line: string): string[] {
  const script =
    'import json, sys; from botocore.compat import compat_shell_split; ' +
    "print(json.dumps(compat_shell_split(sys.argv[1], 'win32')))";
  return JSON.parse(
    execFileSync('python3', ['-c', script, line], { encoding: 'utf8', timeout: 60_000 }),
  ) as string[];
}

/**
 * The credential_process line launched as each client launches it on Windows
 * (src/model/credential-process-line.ts):
 * - JS SDK v3: child_process.exec(line), i.e. `cmd.exe /d /s /c "line"`;
 * - Go SDK v2 and Java SDK v2: `cmd.exe /C line` with line as one argument, quoted by the MS C
 *   runtime rules (Go's syscall.EscapeArg, Java's ProcessImpl); libuv applies the same rules;
 * - .NET SDK: cmd.exe with the raw command line `/c line`;
 * - botocore (AWS CLI, boto3): its own Windows split, then CreateProcess with no shell.
 */
export function credentialProcessLaunches(
  line: string,
  env: Record<string, string>,
): WindowsTask[] {
  const cmd = env['ComSpec'] ?? 'C:\\windows\\system32\\cmd.exe';
  const [program, ...args] = botocoreWindowsSplit(line);
  const timeoutMs = CLIENT_TIMEOUT_MS;
  return [
    { id: 'JS SDK v3: cmd.exe /d /s /c "line"', kind: 'exec', command: line, env, timeoutMs },
    {
      id: 'Go, Java: cmd.exe /C line',
      kind: 'spawn',
      file: cmd,
      args: ['/C', line],
      env,
      timeoutMs,
    },
    {
      id: '.NET: raw /c line',
      kind: 'spawn',
      file: cmd,
      args: ['/c', line],
      verbatim: true,
      env,
      timeoutMs,
    },
    {
      id: 'botocore: Windows split, no shell',
      kind: 'spawn',
      file: program ?? '',
      args,
      env,
      timeoutMs,
    },
  ];
}

/** The entries of `[profile NAME]` in a config file (read from Linux). */
export function profileSection(configFile: string, name: string): Record<string, string> {
  const config = readFileSync(configFile, 'utf8');
  const start = config.indexOf(`[profile ${name}]`);
  if (start < 0) throw new Error(`no [profile ${name}] section in ${configFile}`);
  const body = config.slice(start).split(/\r?\n/).slice(1);
  const end = body.findIndex((line) => line.startsWith('['));
  return Object.fromEntries(
    body
      .slice(0, end < 0 ? undefined : end)
      .map((line) => /^\s*([\w-]+)\s*=\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

/** The refresh spec file a credential_process line names (its last word), as a Linux path. */
export const specFileOf = (line: string): string => toLinuxPath(line.split(' ').at(-1) ?? '');
