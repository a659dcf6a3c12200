import { decodeJwtClaims } from '../model/jwt-claims.js';
import { evaluateTrustPolicy } from '../trust-policy/evaluate.js';
import type { Claims } from '../trust-policy/variables.js';
import { readPolicyInput } from '../trust-policy/input.js';
import { formatEvaluation, versionWarning } from '../trust-policy/report.js';
import { UsageError, keyValues, parseFlags } from './parse-args.js';

/** `trust-policy check`: evaluate a trust policy against one run's claims, offline. */

const CHECK_FLAGS = {
  '--policy': 'value',
  '--claims': 'value',
  '--token': 'value',
  '--claim': 'repeat',
} as const;

/** Reads a file's text; a port so that tests need no files. */
export type ReadFile = (path: string) => string;

/**
 * Exit codes: 0 admitted, 1 denied, 2 bad input (thrown as an Error by this function). The report
 * goes to out; notes and warnings about the policy go to err, as generate's do.
 */
export function runCheck(
  args: readonly string[],
  readFile: ReadFile,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const flags = parseFlags(args, CHECK_FLAGS);
  const policyPath = flags.values['--policy'];
  if (policyPath === undefined) throw new UsageError('--policy FILE is required');
  const claimsPath = flags.values['--claims'];
  const tokenPath = flags.values['--token'];
  const single = keyValues('--claim', flags.repeats['--claim']);
  if (claimsPath !== undefined && tokenPath !== undefined) {
    throw new UsageError('give --claims or --token, not both');
  }
  if (claimsPath === undefined && tokenPath === undefined && Object.keys(single).length === 0) {
    throw new UsageError("give the run's claims: --claims FILE, --token FILE or --claim KEY=VALUE");
  }
  const { policy, role } = readPolicyInput(read(readFile, policyPath, '--policy'));
  const base =
    claimsPath !== undefined
      ? claimsFromJson(read(readFile, claimsPath, '--claims'))
      : tokenPath !== undefined
        ? claimsFromToken(read(readFile, tokenPath, '--token'))
        : {};
  const claims: Claims = { ...base, ...single };
  const evaluation = evaluateTrustPolicy(policy, claims, { role });
  if (evaluation.ambiguities.length > 0) {
    throw new Error(`the policy's result is ambiguous: ${evaluation.ambiguities.join('; ')}`);
  }
  for (const note of [...versionWarning(policy), ...evaluation.notes]) {
    err(`aws-deploy-role: ${note}`);
  }
  for (const line of formatEvaluation(evaluation)) out(line);
  return evaluation.allowed ? 0 : 1;
}

function read(readFile: ReadFile, path: string, flag: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`${flag}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

function claimsFromJson(text: string): Claims {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new Error('--claims: the file is not JSON; give the decoded token payload as an object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      '--claims: expected a JSON object of claims, e.g. {"sub": "repo:o/r:ref:refs/heads/main"}',
    );
  }
  return value as Claims;
}

function claimsFromToken(text: string): Claims {
  // The token itself is never echoed, not even in this error: it may still be valid.
  const claims = decodeJwtClaims(text.trim());
  if (claims === undefined)
    throw new Error('--token: the file does not hold a JWT (header.payload.signature)');
  return claims;
}
