import type { HopSpec, ProfileSpec } from './types.js';
import { parseHopTokens, tokenizeHopLine } from './role-chain-line.js';
import { INPUT } from './input-names.js';

const PROFILE_LINE = /^([A-Za-z0-9_.-]{1,64}):\s+(.+)$/;

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
      results.push({
        problem: `${where}: expected "NAME: ROLE [options] [-> ROLE ...]", e.g. "prod: arn:aws:iam::123456789012:role/deploy"`,
      });
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

function splitOnArrows(tokens: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (const token of tokens) {
    if (token === '->') groups.push([]);
    else groups[groups.length - 1]?.push(token);
  }
  return groups;
}
