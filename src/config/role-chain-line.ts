import { parseRoleRef } from '../model/arn.js';
import type { HopSpec } from './types.js';
import { EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE } from '../model/limits.js';
import { parseDuration, parseJsonPolicy, splitList } from './parse-values.js';
import { sessionNameProblem } from '../model/session-name.js';
import { type Tag, tagKeyProblem, tagValueProblem } from '../model/tags.js';

/**
 * The one-line hop syntax shared by `role-chain` and `profiles`:
 *
 *   ROLE [external-id=ID] [session-name=NAME] [duration=SECONDS] [tag:KEY=VALUE]...
 *        [inline-session-policy={...}] [managed-session-policies=ARN,ARN]
 *        [transitive-tag-keys=K,K] [skip-session-tagging[=true|false]]
 *
 * Values with spaces go in double quotes; a JSON policy may contain spaces inside its braces.
 */
export const HOP_OPTIONS = [
  'external-id',
  'session-name',
  'duration',
  'inline-session-policy',
  'managed-session-policies',
  'transitive-tag-keys',
  'skip-session-tagging',
] as const;

/** Splits a line into tokens, honouring "quoted values" and {json} values; an error string otherwise. */
export function tokenizeHopLine(line: string): string[] | string {
  const tokens: string[] = [];
  let current = '';
  let depth = 0; // inside a {json} value: copied verbatim, spaces included
  let inJsonString = false;
  let quote = false; // inside a "quoted value": quotes are dropped
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (depth > 0) {
      current += ch;
      if (inJsonString) {
        if (ch === '\\') current += line.charAt(++i);
        else if (ch === '"') inJsonString = false;
      } else if (ch === '"') inJsonString = true;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    } else if (quote) {
      if (ch === '\\' && i + 1 < line.length) current += line.charAt(++i);
      else if (ch === '"') quote = false;
      else current += ch;
    } else if (ch === '"') {
      quote = true;
    } else if (ch === '{') {
      depth = 1;
      current += ch;
    } else if (ch === '}') {
      return 'a closing } has no opening {';
    } else if (/\s/.test(ch)) {
      if (current !== '') tokens.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (quote) return 'a double quote is not closed';
  if (depth > 0) return 'a { is not closed';
  if (current !== '') tokens.push(current);
  return tokens;
}

interface MutableHop {
  externalId?: string;
  sessionName?: string;
  durationSeconds?: number;
  inlineSessionPolicy?: string | undefined;
  managedSessionPolicies?: string[];
  transitiveTagKeys?: string[];
  skipSessionTagging?: boolean;
  tags: Tag[];
}

/** Parses one hop's tokens (role first, then options). Returns the hop or the problems found. */
export function parseHopTokens(tokens: readonly string[], origin: string): HopSpec | string[] {
  const [roleText, ...options] = tokens;
  if (roleText === undefined) return ['expected a role ARN or name'];
  const problems: string[] = [];
  const role = parseRoleRef(roleText);
  if (typeof role === 'string') problems.push(role);
  const hop: MutableHop = { tags: [] };
  for (const option of options) {
    const problem = applyOption(hop, option);
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length > 0 || typeof role === 'string') return problems;
  return {
    origin,
    role,
    externalId: hop.externalId,
    sessionName: hop.sessionName,
    durationSeconds: hop.durationSeconds,
    inlineSessionPolicy: hop.inlineSessionPolicy,
    managedSessionPolicies: hop.managedSessionPolicies ?? [],
    tags: hop.tags,
    skipSessionTagging: hop.skipSessionTagging,
    transitiveTagKeys: hop.transitiveTagKeys,
  };
}

function applyOption(hop: MutableHop, option: string): string | undefined {
  if (option.startsWith('tag:')) return applyTag(hop, option.slice(4));
  const eq = option.indexOf('=');
  const key = eq === -1 ? option : option.slice(0, eq);
  const value = eq === -1 ? undefined : option.slice(eq + 1);
  if (key === 'skip-session-tagging') {
    if (value === undefined || /^true$/i.test(value)) hop.skipSessionTagging = true;
    else if (/^false$/i.test(value)) hop.skipSessionTagging = false;
    else return `skip-session-tagging takes true or false, got '${value}'`;
    return undefined;
  }
  if (!(HOP_OPTIONS as readonly string[]).includes(key)) {
    // A word without '=' may be a value whose key was forgotten (often an external ID): never echo it.
    const what =
      value === undefined ? "a word without '=' (not shown: it may be a secret)" : `'${key}'`;
    return `unknown option ${what}; use one of ${HOP_OPTIONS.join(', ')}, or tag:KEY=VALUE`;
  }
  if (value === undefined || value === '') return `option '${key}' needs a value (${key}=...)`;
  return applyValueOption(hop, key, value);
}

function applyValueOption(hop: MutableHop, key: string, value: string): string | undefined {
  switch (key) {
    case 'external-id':
      if (!EXTERNAL_ID_PATTERN.test(value)) return `external-id must be ${EXTERNAL_ID_RULE}`;
      hop.externalId = value;
      return undefined;
    case 'session-name': {
      const problem = sessionNameProblem(value);
      if (problem !== undefined) return `session-name ${problem}`;
      hop.sessionName = value;
      return undefined;
    }
    case 'duration': {
      const seconds = parseDuration(value);
      if (typeof seconds === 'string') return `duration ${seconds}`;
      hop.durationSeconds = seconds;
      return undefined;
    }
    case 'inline-session-policy': {
      const policy = parseJsonPolicy(value);
      if (policy.problem !== undefined) return `inline-session-policy ${policy.problem}`;
      hop.inlineSessionPolicy = policy.compact;
      return undefined;
    }
    case 'managed-session-policies':
      hop.managedSessionPolicies = splitList(value);
      return undefined;
    default:
      hop.transitiveTagKeys = splitList(value);
      return undefined;
  }
}

function applyTag(hop: MutableHop, body: string): string | undefined {
  const eq = body.indexOf('=');
  if (eq === -1) return `tag:${body} needs a value (tag:KEY=VALUE)`;
  const key = body.slice(0, eq);
  const value = body.slice(eq + 1);
  const problem = tagKeyProblem(key) ?? tagValueProblem(key, value);
  if (problem !== undefined) return problem;
  hop.tags.push({ key, value });
  return undefined;
}

/** Option keys whose values are shown in logs and plans, so masking them would garble output. */
const PUBLIC_OPTIONS: readonly string[] = HOP_OPTIONS.filter((key) => key !== 'external-id');

/**
 * The values in `role-chain` or `profiles` text that may be secret, found without parsing (so
 * before parsing can fail): external-id values, values of unknown options, and words without
 * '=' after a role (a value whose key was forgotten). Role ARNs, known keys and tags are kept.
 */
export function hopLineSecrets(text: string): string[] {
  const secrets: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim().replace(/^[A-Za-z0-9_.-]{1,64}:\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const tokenized = tokenizeHopLine(line);
    // An unclosed quote or brace: every whitespace-separated word is a candidate.
    const tokens = typeof tokenized === 'string' ? line.split(/\s+/) : tokenized;
    let isRole = true;
    for (const token of tokens) {
      if (token === '->') isRole = true;
      else if (isRole) isRole = false;
      else secrets.push(...tokenSecrets(token));
    }
    if (typeof tokenized === 'string') secrets.push(...line.split(/[\s"{}]+/).filter(isValueLike));
  }
  return secrets;
}

function tokenSecrets(token: string): string[] {
  if (token.startsWith('tag:')) return [];
  const eq = token.indexOf('=');
  if (eq === -1) return token === 'skip-session-tagging' ? [] : [token];
  const key = token.slice(0, eq);
  if (PUBLIC_OPTIONS.includes(key)) return [];
  const value = token.slice(eq + 1);
  if ((HOP_OPTIONS as readonly string[]).includes(key)) return [value];
  // An unknown key with only '=' after it is likely a secret cut at its base64 padding, and the
  // input error names unknown keys: mask it (a mistyped key with a value, externl-id=x, stays
  // readable in the error).
  return /^=*$/.test(value) ? [key, token] : [value];
}

function isValueLike(word: string): boolean {
  return (
    word !== '->' && !word.startsWith('arn:') && !(HOP_OPTIONS as readonly string[]).includes(word)
  );
}
