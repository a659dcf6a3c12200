import { parseRoleRef } from '../model/arn.js';
import type { PolicyDocument } from './evaluate.js';
import type { RoleAccount } from './principal.js';

/**
 * Reads the policy file of `trust-policy check`: a policy document or `aws iam get-role` output,
 * refusing what the evaluator could only misread (duplicate keys, generator placeholders,
 * malformed statements) with a message that names the problem. Pure.
 */

/** A policy read from a file, with the role's partition and account when the file names the role. */
export interface PolicyInput {
  readonly policy: PolicyDocument;
  readonly role?: RoleAccount;
}

/** The policy and role of a policy file; throws an Error naming the problem for bad input. */
export function readPolicyInput(text: string): PolicyInput {
  const policy = policyFromJson(text);
  const placeholder = placeholderIn(policy.Statement, 'Statement');
  if (placeholder !== undefined) {
    throw new Error(
      `the policy still holds the generator's placeholder ${placeholder.text} (at ${placeholder.path}): fill it in (for <ACCOUNT_ID>, generate with --account-id) and check again`,
    );
  }
  const role = roleOfJson(JSON.parse(text) as unknown);
  return role === undefined ? { policy } : { policy, role };
}

/** The partition and account of get-role output's Role.Arn, if the file is get-role output. */
function roleOfJson(value: unknown): RoleAccount | undefined {
  const role = (value as { Role?: { Arn?: unknown } } | null)?.Role;
  if (typeof role?.Arn !== 'string') return undefined;
  const account = roleAccountOf(role.Arn);
  if (account === undefined) {
    throw new Error(`Role.Arn in the policy file is not a role ARN: '${role.Arn}'`);
  }
  return account;
}

/** The partition and account of a role ARN, or undefined when the text is not one. */
export function roleAccountOf(arn: string): RoleAccount | undefined {
  const ref = parseRoleRef(arn);
  if (typeof ref === 'string' || ref.kind !== 'arn') return undefined;
  return { partition: ref.arn.partition, accountId: ref.arn.accountId };
}

/** The generator's placeholders, such as <ACCOUNT_ID> and <REPOSITORY_ID>. */
const PLACEHOLDER = /<[A-Z][A-Z0-9_]*>/;

function placeholderIn(value: unknown, path: string): { text: string; path: string } | undefined {
  if (typeof value === 'string') {
    const found = PLACEHOLDER.exec(value);
    return found === null ? undefined : { text: found[0], path };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const keyHit = PLACEHOLDER.exec(key);
    if (keyHit !== null) return { text: keyHit[0], path: `${path}.${key}` };
    const child = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    const hit = placeholderIn(item, child);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * The first key that occurs twice in one JSON object, with where. JSON.parse keeps only the last
 * of them, so a policy with two "StringEquals" blocks would be checked without the first; IAM's
 * own reading of such a document is not documented. The text must already be valid JSON.
 */
export function duplicateKeyIn(text: string): { key: string; path: string } | undefined {
  interface Level {
    readonly keys?: Set<string>;
    readonly path: string;
    expectKey: boolean;
    last: string;
    index: number;
  }
  const stack: Level[] = [];
  const childPath = (top: Level | undefined): string =>
    top === undefined
      ? ''
      : top.keys
        ? `${top.path}${top.path === '' ? '' : '.'}${top.last}`
        : `${top.path}[${top.index}]`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = stack.at(-1);
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.keys !== undefined && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, path: top.path || '(top level)' };
        top.keys.add(key);
        top.last = key;
        top.expectKey = false;
      }
      i = end;
    } else if (ch === '{' || ch === '[') {
      const path = childPath(top);
      stack.push({
        ...(ch === '{' ? { keys: new Set<string>() } : {}),
        path,
        expectKey: true,
        last: '',
        index: 0,
      });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',' && top !== undefined) {
      top.expectKey = true;
      top.index++;
    }
  }
  return undefined;
}

/**
 * A trust policy's text as IAM's API returns it: URL-encoded per RFC 3986, which IAM's docs say
 * to undo with a URL decoder such as java.net.URLDecoder (so '+' is a space); the AWS CLI and
 * some SDKs hand it over already decoded. JSON text is returned as it is.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
 */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  try {
    return decodeURIComponent(trimmed.replace(/\+/g, '%20'));
  } catch {
    throw new Error('AssumeRolePolicyDocument is neither JSON nor URL-encoded JSON');
  }
}

/**
 * The trust policy in a file's JSON: a policy document, or `aws iam get-role` output whose
 * Role.AssumeRolePolicyDocument may be a URL-encoded string (as IAM's query API returns it).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
 */
export function policyFromJson(text: string): PolicyDocument {
  let value: unknown = parseJson(text, 'the policy file');
  const record = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  const role = record(record(value)?.['Role']);
  if (role !== undefined) value = role['AssumeRolePolicyDocument'];
  else if (record(value)?.['AssumeRolePolicyDocument'] !== undefined) {
    value = record(value)?.['AssumeRolePolicyDocument'];
  }
  if (typeof value === 'string') {
    value = parseJson(decodePolicyText(value), 'AssumeRolePolicyDocument');
  }
  const statement = record(value)?.['Statement'];
  if (statement === undefined || (typeof statement !== 'object' && !Array.isArray(statement))) {
    throw new Error(
      'the policy file has no Statement: give a trust policy or the output of aws iam get-role',
    );
  }
  const list: readonly unknown[] = Array.isArray(statement) ? statement : [statement];
  list.forEach((item, index) => checkStatement(item, list.length > 1 ? index + 1 : 1));
  return value as PolicyDocument;
}

/** Rejects a statement the evaluator could only misread: not an object, or a malformed Condition. */
function checkStatement(item: unknown, number: number): void {
  const isRecord = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(item)) {
    throw new Error(
      `statement ${number} of the policy is ${JSON.stringify(item)}, not an object: each statement needs Effect, Principal and Action`,
    );
  }
  const condition = (item as { Condition?: unknown }).Condition;
  if (condition === undefined) return;
  const example = '{"StringEquals": {"KEY": "VALUE"}}';
  if (!isRecord(condition)) {
    throw new Error(
      `statement ${number}: Condition must be an object of operators, e.g. ${example}; got ${JSON.stringify(condition)}`,
    );
  }
  for (const [operator, entries] of Object.entries(condition as Record<string, unknown>)) {
    if (!isRecord(entries)) {
      throw new Error(
        `statement ${number}: Condition operator ${operator} must map keys to values, e.g. ${example}; got ${JSON.stringify(entries)}`,
      );
    }
  }
}

/** JSON.parse that names `what` on failure and refuses duplicate keys (which it would drop). */
export function parseJson(text: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(
      `${what} is not JSON (${error instanceof Error ? error.message : 'parse error'})`,
    );
  }
  const duplicate = duplicateKeyIn(text);
  if (duplicate !== undefined) {
    throw new Error(
      `${what} has the key "${duplicate.key}" twice in one object (at ${duplicate.path}); JSON keeps only the last, so merge them into one`,
    );
  }
  return value;
}
