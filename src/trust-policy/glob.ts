import { literal } from './variables.js';

/**
 * IAM's StringLike/ArnLike pattern match, the one matcher `check` and `audit` share. Pure.
 *
 * IAM: "*" matches any run of characters (the empty run and "/" included), "?" exactly one
 * character, everything else itself; the comparison is case-sensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 *
 * Why not a regular expression: a pattern with many "*" built into /^.*a.*b.*$/ backtracks
 * exponentially on a long value that almost matches, and anyone who can edit one trust policy
 * could then stall an audit of every role. This is the greedy two-pointer match with a single
 * backtrack point (the last "*" seen): a later "*" makes every earlier choice final, so it takes
 * at most about pattern length × value length steps.
 */

/** How a match went: the result and the steps taken (each one compare or one backtrack). */
export interface GlobResult {
  readonly matched: boolean;
  readonly steps: number;
}

const STAR = -1;
const ONE = -2;

/**
 * The pattern as code points, with the wildcards as STAR and ONE. The stand-ins a policy
 * variable ${*} or ${?} left (variables.ts) are the literal characters, never wildcards.
 */
function compile(pattern: string): number[] {
  return Array.from(pattern, (ch) =>
    ch === '*' ? STAR : ch === '?' ? ONE : (literal(ch).codePointAt(0) ?? 0),
  );
}

/** Whether the value matches the pattern, and in how many steps. */
export function globMatchSteps(pattern: string, value: string): GlobResult {
  const p = compile(pattern);
  // Code points, so that "?" takes one character even outside the Basic Multilingual Plane.
  const v = Array.from(value, (ch) => ch.codePointAt(0) ?? 0);
  let pi = 0;
  let vi = 0;
  let star = -1;
  let resume = 0;
  let steps = 0;
  while (vi < v.length) {
    steps++;
    const token = p[pi];
    if (token === STAR) {
      // Try the empty run first; remember where to come back to.
      star = pi++;
      resume = vi;
    } else if (token !== undefined && (token === ONE || token === v[vi])) {
      pi++;
      vi++;
    } else if (star >= 0) {
      // Let the last "*" take one more character and retry what follows it.
      pi = star + 1;
      vi = ++resume;
    } else {
      return { matched: false, steps };
    }
  }
  while (p[pi] === STAR) {
    steps++;
    pi++;
  }
  return { matched: pi === p.length, steps };
}

/** IAM's StringLike: whether the value matches the pattern (see globMatchSteps). */
export function globMatch(pattern: string, value: string): boolean {
  return globMatchSteps(pattern, value).matched;
}
