import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/**
 * Everything the action asks of the GitHub runner. One implementation speaks the runner's
 * documented protocol (workflow commands and file commands); tests use a recording fake.
 */
export interface Runner {
  /** Registers a secret; the runner replaces it with *** in every later log line. */
  mask(secret: string): void;
  exportVariable(name: string, value: string): void;
  setOutput(name: string, value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  appendSummary(markdown: string): void;
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
  setFailed(message: string): void;
  isDebug(): boolean;
}

type Env = Record<string, string | undefined>;
type Write = (text: string) => void;

/** Escapes data of a workflow command (the runner's own escaping rules). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Formats a file command entry (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE) in the heredoc form.
 * A random delimiter that appears in neither name nor value makes injecting a second entry impossible.
 */
export function fileCommandEntry(
  name: string,
  value: string,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Unexpected input: the value of ${name} contains the delimiter`);
  // The runner reads "NAME=..." when '=' comes before '<<', and a trailing '<' would merge into
  // '<<': such names (or none) would turn the heredoc's body into entries of their own.
  if (name === '' || /[\r\n=<]/.test(name))
    throw new Error(`Unexpected name '${name.slice(0, 40)}' for a file command`);
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

/** The real runner: writes workflow commands to stdout and appends to the runner's files. */
export function createGitHubRunner(
  env: Env = process.env,
  write: Write = (text) => process.stdout.write(text),
): Runner {
  const command = (name: string, data: string): void =>
    write(`::${name}::${escapeCommandData(data)}${EOL}`);
  const appendTo = (variable: string, entry: string): void => {
    const file = env[variable];
    if (file === undefined || file === '')
      throw new Error(`${variable} is not set: is this running inside a GitHub Actions step?`);
    appendFileSync(file, entry, { encoding: 'utf8' });
  };
  return {
    mask: (secret) => {
      // The runner masks line by line, so every line of a multi-line secret is registered.
      for (const line of secret.split(/\r?\n/)) if (line.trim() !== '') command('add-mask', line);
    },
    exportVariable: (name, value) => {
      appendTo('GITHUB_ENV', fileCommandEntry(name, value));
      env[name] = value;
    },
    setOutput: (name, value) => appendTo('GITHUB_OUTPUT', fileCommandEntry(name, value)),
    saveState: (name, value) => appendTo('GITHUB_STATE', fileCommandEntry(name, value)),
    getState: (name) => env[`STATE_${name}`] ?? '',
    appendSummary: (markdown) => appendTo('GITHUB_STEP_SUMMARY', markdown),
    info: (message) => write(`${message}${EOL}`),
    warning: (message) => command('warning', message),
    debug: (message) => command('debug', message),
    group: async (name, body) => {
      command('group', name);
      try {
        return await body();
      } finally {
        write(`::endgroup::${EOL}`);
      }
    },
    setFailed: (message) => {
      process.exitCode = 1;
      command('error', message);
    },
    isDebug: () => env['RUNNER_DEBUG'] === '1',
  };
}
