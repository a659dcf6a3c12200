import {
  MAX_DURATION_SECONDS,
  MAX_INLINE_POLICY_CHARS,
  MIN_DURATION_SECONDS,
} from '../model/limits.js';
import { type Tag, tagKeyProblem, tagValueProblem } from '../model/tags.js';

/** Result of parsing one value: the value, or a problem phrased to follow the input's name. */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };

/**
 * Strict booleans: true/false in any case, empty means the default. Anything else is an
 * error rather than false, because a typo such as "ture" must not silently disable a guard.
 */
export function parseBoolean(raw: string, fallback: boolean): Parsed<boolean> {
  if (raw === '') return { value: fallback };
  if (/^true$/i.test(raw)) return { value: true };
  if (/^false$/i.test(raw)) return { value: false };
  return { problem: `expected true or false, got '${raw}'` };
}

/** A whole number within [min, max]; empty means the fallback. */
export function parseInteger(
  raw: string,
  min: number,
  max: number,
  fallback: number,
): Parsed<number>;
export function parseInteger(raw: string, min: number, max: number): Parsed<number | undefined>;
export function parseInteger(
  raw: string,
  min: number,
  max: number,
  fallback?: number,
): Parsed<number | undefined> {
  if (raw === '') return { value: fallback };
  if (!/^\d+$/.test(raw))
    return { problem: `expected a whole number from ${min} to ${max}, got '${raw}'` };
  const value = Number(raw);
  if (value < min || value > max) return { problem: `expected ${min}-${max}, got ${value}` };
  return { value };
}

/** A session duration in seconds (900-43200), or a problem. */
export function parseDuration(raw: string): number | string {
  const parsed = parseInteger(raw, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS);
  if ('problem' in parsed) return `${parsed.problem} seconds (15 minutes to 12 hours)`;
  return parsed.value ?? MIN_DURATION_SECONDS;
}

/** Splits a comma- or newline-separated list, trimming items and dropping empty ones. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Validates a JSON policy document and returns it compacted (STS counts characters). */
export function parseJsonPolicy(raw: string): { compact?: string; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return {
      problem: `is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: 'must be a JSON object such as {"Version":"2012-10-17","Statement":[...]}' };
  }
  const compact = JSON.stringify(parsed);
  if (compact.length > MAX_INLINE_POLICY_CHARS) {
    return {
      problem: `is ${compact.length} characters once compacted; STS accepts at most ${MAX_INLINE_POLICY_CHARS}`,
    };
  }
  return { compact };
}

/** Parses `custom-tags`: a JSON object of string (or number/boolean) values. */
export function parseCustomTags(raw: string): Parsed<Tag[]> {
  if (raw === '') return { value: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {
      problem: `must be a JSON object such as {"Team":"payments"}, got '${raw.slice(0, 40)}'`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: 'must be a JSON object such as {"Team":"payments"}' };
  }
  const tags: Tag[] = [];
  for (const [key, rawValue] of Object.entries(parsed)) {
    if (!['string', 'number', 'boolean'].includes(typeof rawValue)) {
      return { problem: `the value of tag '${key}' must be a string, number or boolean` };
    }
    const value = String(rawValue);
    const problem = tagKeyProblem(key) ?? tagValueProblem(key, value);
    if (problem !== undefined) return { problem };
    tags.push({ key, value });
  }
  return { value: tags };
}
