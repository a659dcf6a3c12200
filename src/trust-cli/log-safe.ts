/**
 * Streams whose reader has gone (`| head`) end quietly; each line is made log-safe by
 * logSafeLine (model/log-safe-line.ts) at the CLI's entry point.
 */
export { logSafeLine } from '../model/log-safe-line.js';

/**
 * A writer of lines to a stream. Once the reader has closed the pipe
 * (EPIPE, as `audit | head -1` does) the rest is dropped, so the process ends with its own exit
 * code instead of an unhandled 'error' event and a stack trace.
 */
export function lineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    throw error;
  });
  return (line) => {
    if (!closed) stream.write(`${line}\n`);
  };
}
