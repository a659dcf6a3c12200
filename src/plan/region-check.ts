import { INPUT, inputName as input } from '../config/input-names.js';
import { InputError } from '../model/errors.js';

/** True for a region the AWS SDK's partition data lists (aws/region-data.ts reads it). */
export type IsKnownRegion = (region: string) => boolean;

/** What the run knows of its region: listed, or unknown with the listed regions it is near. */
export type RegionCheck =
  | { readonly known: true; readonly region: string }
  | { readonly known: false; readonly region: string; readonly nearMisses: readonly string[] };

/** The characters of a region name, for the near-miss spellings. */
const REGION_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** Checks the region against the SDK's data and, when it is unknown, finds the near misses. Pure. */
export function checkRegion(region: string, isKnown: IsKnownRegion): RegionCheck {
  if (isKnown(region)) return { known: true, region };
  const nearMisses = [...new Set(spellingsOneEditAway(region))].filter(isKnown).sort();
  return { known: false, region, nearMisses };
}

/**
 * Every spelling one typing slip away: two adjacent characters swapped, one missing, one extra,
 * one changed (the Damerau-Levenshtein neighbours). Tested against the SDK's data rather than a
 * list of our own, so a region AWS adds is suggested as soon as the SDK knows it.
 */
export function spellingsOneEditAway(word: string): string[] {
  const spellings: string[] = [];
  for (let i = 0; i <= word.length; i++) {
    const [before, after] = [word.slice(0, i), word.slice(i)];
    if (after.length >= 2 && after[0] !== after[1])
      spellings.push(before + after.charAt(1) + after.charAt(0) + after.slice(2));
    if (after.length >= 1) spellings.push(before + after.slice(1));
    for (const character of REGION_CHARACTERS) {
      spellings.push(before + character + after);
      if (after.length >= 1 && character !== after[0])
        spellings.push(before + character + after.slice(1));
    }
  }
  return spellings;
}

/** "us-east-1", "us-west-1 or us-west-2": the regions the user most likely meant. */
function likely(check: RegionCheck & { known: false }): string {
  return check.nearMisses.join(' or ');
}

/** The warning for a region the SDK does not know, given before any request; '' when known. */
export function unknownRegionWarning(check: RegionCheck): string {
  if (check.known) return '';
  const guess = check.nearMisses.length > 0 ? ` Did you mean ${likely(check)}?` : '';
  return (
    `${input('awsRegion')}: '${check.region}' is not a region this action's AWS SDK knows.${guess} ` +
    `STS and the AWS tools of later steps (AWS_REGION) fail there, unless it is a region newer than this release.`
  );
}

/**
 * The error for an unknown region whose STS host does not resolve: the typo, named, rather than
 * a network fault retried for seconds.
 */
export function unknownRegionError(
  check: RegionCheck & { known: false },
  host: string,
): InputError {
  const guess =
    check.nearMisses.length > 0 ? `; did you mean ${likely(check)}?` : '; check the spelling.';
  return new InputError(
    INPUT.awsRegion,
    `'${check.region}' is not a region this action's AWS SDK knows, and its STS host ${host} does not resolve (ENOTFOUND)${guess}`,
  );
}
