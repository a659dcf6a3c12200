// Checks that a log never shows a secret before the runner was told to mask
// it. The runner masks a value only from its ::add-mask:: line on, so any
// earlier occurrence would reach the job log in clear text. Shared by the step
// runner (runner.mjs checks every step) and the e2e harness (harness/leaks.ts
// re-exports this; types in leaks.d.mts).
import { unescapeCommandData } from './file-commands.mjs';

/** A safe hint for error messages: never the secret, only its start and length. */
export function secretHint(secret) {
  return `${secret.slice(0, 2)}… (${secret.length} chars)`;
}

// Offsets of every occurrence of `needle` in `text`.
function occurrences(text, needle) {
  const found = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

// Offset of the first line that is exactly `::add-mask::<secret>` (escaped or not).
function maskLineStart(text, secret) {
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = /^\s*::add-mask::(.*?)\r?$/.exec(line);
    if (m && (m[1] === secret || unescapeCommandData(m[1] ?? '') === secret)) return offset;
    offset += line.length + 1;
  }
  return undefined;
}

function where(text, at, secrets) {
  const line = text.slice(0, at).split('\n').length;
  let context = text.slice(Math.max(0, at - 40), at + 60);
  // Never echo any secret in the message, not even a neighbouring one.
  for (const s of secrets) if (s) context = context.split(s).join('***');
  return `line ${line}: ${JSON.stringify(context)}`;
}

/**
 * Every non-empty secret either never appears in `text`, or first appears in
 * its own `::add-mask::` line with no occurrence before that line. Throws an
 * Error naming the secret by index and hint (never the secret itself).
 */
export function assertNoLeaks(text, secrets) {
  const problems = [];
  secrets.forEach((secret, index) => {
    if (!secret) return;
    const hits = occurrences(text, secret);
    if (hits.length === 0) return;
    const maskAt = maskLineStart(text, secret);
    const first = hits[0] ?? 0;
    if (maskAt === undefined) {
      problems.push(
        `secret #${index} ${secretHint(secret)} appears ${hits.length}x and is never masked; first at ${where(text, first, secrets)}`,
      );
    } else if (first < maskAt) {
      problems.push(
        `secret #${index} ${secretHint(secret)} appears before its ::add-mask:: line, at ${where(text, first, secrets)}`,
      );
    }
  });
  if (problems.length) throw new Error(`secret leak:\n${problems.join('\n')}`);
}

/** The secret values of a set of AWS credentials (env-var or output names), skipping absent ones. */
export function collectSecrets(...sources) {
  const keys = [
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'aws-secret-access-key',
    'aws-session-token',
  ];
  const out = new Set();
  for (const src of sources) for (const k of keys) if (src[k]) out.add(src[k]);
  return [...out];
}
