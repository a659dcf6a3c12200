// A recording Runner: everything the action asks of the runner, kept as plain data so tests
// assert on what a user would see (masks, exports, outputs, state, summary, and the order of
// every print and mask) instead of on calls.
import type { Runner } from '../src/publish/runner.js';

/** One event in the step's log, in order: a mask registration or a printed line. */
export type LogEvent =
  | { readonly kind: 'mask'; readonly value: string }
  | {
      readonly kind: 'info' | 'warning' | 'debug' | 'error' | 'group' | 'endgroup';
      readonly text: string;
    };

export interface RecordingRunner extends Runner {
  readonly masks: string[];
  readonly exported: Record<string, string>;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: string[];
  readonly log: LogEvent[];
  failed: string | undefined;
  /** The printed text, one line per print event (what the job log would show, unmasked). */
  printed(): string;
  /** The first secret (of those given) printed before it was masked, or undefined. */
  unmaskedBeforePrint(secrets: readonly string[]): string | undefined;
}

/** A fresh recording Runner; `savedState` plays the STATE_* variables of a post step. */
export function recordingRunner(
  options: { debug?: boolean; savedState?: Record<string, string> } = {},
): RecordingRunner {
  const log: LogEvent[] = [];
  const print = (kind: Exclude<LogEvent['kind'], 'mask'>, text: string): void => {
    log.push({ kind, text });
  };
  const runner: RecordingRunner = {
    masks: [],
    exported: {},
    outputs: {},
    state: {},
    summary: [],
    log,
    failed: undefined,
    mask(secret) {
      runner.masks.push(secret);
      log.push({ kind: 'mask', value: secret });
    },
    exportVariable(name, value) {
      runner.exported[name] = value;
    },
    setOutput(name, value) {
      runner.outputs[name] = value;
    },
    saveState(name, value) {
      runner.state[name] = value;
    },
    getState: (name) => options.savedState?.[name] ?? '',
    appendSummary: async (markdown) => {
      runner.summary.push(markdown);
    },
    info: (message) => print('info', message),
    warning: (message) => print('warning', message),
    error: (message) => print('error', message),
    debug: (message) => print('debug', message),
    async group(name, body) {
      print('group', name);
      try {
        return await body();
      } finally {
        print('endgroup', '');
      }
    },
    setFailed(message) {
      runner.failed = message;
      print('error', message);
    },
    isDebug: () => options.debug ?? false,
    printed: () =>
      log
        .filter((e): e is Extract<LogEvent, { text: string }> => e.kind !== 'mask')
        .map((e) => e.text)
        .join('\n'),
    unmaskedBeforePrint(secrets) {
      const masked = new Set<string>();
      for (const event of log) {
        if (event.kind === 'mask') masked.add(event.value);
        else {
          const leaked = secrets.find((s) => event.text.includes(s) && !masked.has(s));
          if (leaked !== undefined) return leaked;
        }
      }
      return undefined;
    },
  };
  return runner;
}
