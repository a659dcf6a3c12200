import type { HopSpec, ProfileSpec } from './types.js';
import { parseHopTokens, tokenizeHopLine } from './role-chain-line.js';
import { INPUT } from './input-names.js';

const PROFILE_LINE = /^([A-Za-z0-9_.-]{1,64}):\s+(.+)$/;
const NAME_RULE = '1-64 letters, digits and _ . - (no spaces)';
const EXAMPLE = '"prod: arn:aws:iam::123456789012:role/deploy"';

/**
 * Parses the `profiles` input: one profile per line, "NAME: ROLE [options] [-> ROLE [options]]...".
 * Blank lines and lines starting with # are ignored. Each problem names its line.
 */
export function parseProfileLines(
  text: string,
): ({ profile: ProfileSpec } | { problem: string })[] {
  const results: ({ profile: ProfileSpec } | { problem: string })[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${index + 1}`;
    const match = PROFILE_LINE.exec(line);
    if (!match) {
      results.push({ problem: `${where}: ${lineProblem(line)}` });
      return;
    }
    const [, name, chainText] = match as unknown as [string, string, string];
    const tokens = tokenizeHopLine(chainText);
    if (typeof tokens === 'string') {
      results.push({ problem: `${where} (profile ${name}): ${tokens}` });
      return;
    }
    const hops: HopSpec[] = [];
    const problems: string[] = [];
    splitOnArrows(tokens).forEach((hopTokens, hopIndex) => {
      const origin = `${INPUT.profiles} ${where}, profile ${name}, hop ${hopIndex + 1}`;
      const hop = parseHopTokens(hopTokens, origin);
      if (Array.isArray(hop))
        problems.push(...hop.map((p) => `${where} (profile ${name}, hop ${hopIndex + 1}): ${p}`));
      else hops.push(hop);
    });
    const [first, ...rest] = hops;
    if (problems.length > 0 || first === undefined) {
      results.push(...problems.map((problem) => ({ problem })));
      return;
    }
    results.push({ profile: { name, hops: [first, ...rest] } });
  });
  return results;
}

/** Which part of a line that is not "NAME: ROLE ..." is wrong, quoting it. */
function lineProblem(line: string): string {
  const shown = JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
  if (line.startsWith('arn:'))
    return `${shown} starts with a role ARN; put the profile name first, e.g. ${EXAMPLE}`;
  // "NAME: ROLE": the name ends at the first colon followed by a space (an ARN has none).
  const separator = /:\s/.exec(line);
  const arnAt = line.indexOf('arn:');
  if (separator !== null && (arnAt < 0 || separator.index < arnAt)) {
    const name = line.slice(0, separator.index).trim();
    return `the profile name ${JSON.stringify(name)} is not valid: a name holds ${NAME_RULE}, e.g. ${JSON.stringify(name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 64) || 'prod')}`;
  }
  const glued = /^([A-Za-z0-9_.-]{1,64}):/.exec(line)?.[1];
  if (glued !== undefined)
    return `profile ${glued}: a space must follow "${glued}:", then the role; expected e.g. ${EXAMPLE}`;
  return `${shown} has no "NAME:" before its role; expected "NAME: ROLE [options] [-> ROLE ...]", e.g. ${EXAMPLE}`;
}

function splitOnArrows(tokens: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (const token of tokens) {
    if (token === '->') groups.push([]);
    else groups[groups.length - 1]?.push(token);
  }
  return groups;
}
