/** Rendering and merging of AWS shared config/credentials files. Pure text in, text out. */

export interface IniSection {
  /** The header without brackets: "profile dev" in config, "dev" in credentials. */
  readonly header: string;
  readonly entries: Readonly<Record<string, string>>;
}

export { configHeader } from '../plan/profile-locations.js';
import { ambiguousSectionError, isHeaderLine, locateSection } from './profile-headers.js';

/** Renders sections as INI text; refuses values that could start a new line or section. */
export function renderSections(sections: readonly IniSection[]): string {
  return sections
    .map((section) => {
      const lines = Object.entries(section.entries).map(([key, value]) => {
        if (/[\r\n]/.test(value) || /[\r\n[\]]/.test(key))
          throw new Error(`refusing to write a line break into profile entry ${key}`);
        return `${key} = ${value}`;
      });
      if (/[\r\n[\]]/.test(section.header))
        throw new Error('refusing to write a malformed profile header');
      // Plain names only: the clients read such a header back as written (profile-headers.ts),
      // which is why no reading of it is compared here.
      if (!/^(?:profile )?[^\s"'[\]#;\\]+$/.test(section.header))
        throw new Error('refusing to write a profile header the AWS CLI and SDKs read differently');
      return `[${section.header}]\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

/**
 * Merges new sections into existing file text: sections with the same header are replaced,
 * everything else (other profiles, comments, blank lines) is kept as it was. Throws when the
 * text spells one of the headers ambiguously (profile-headers.ts).
 */
export function mergeSections(
  existing: string,
  sections: readonly IniSection[],
  file = 'the profile file',
): string {
  const head = removeSections(
    existing,
    sections.map((s) => s.header),
    file,
  ).replace(/\n+$/, '');
  const body = renderSections(sections);
  return head === '' ? body : `${head}\n\n${body}`;
}

/** Reads one section's entries from INI text (used by the tests). */
export function readSection(text: string, header: string): Record<string, string> | undefined {
  const lines = text.split(/\r?\n/);
  const place = locateSection(lines, header);
  if (place.kind !== 'present') return undefined;
  const found: Record<string, string> = {};
  for (const line of lines.slice(place.line + 1)) {
    if (isHeaderLine(line)) break;
    const entry = /^\s*([^=#;\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (entry) found[entry[1] as string] = (entry[2] as string).trim();
  }
  return found;
}

/**
 * The headers among `headers` that a file's text already has a section for. Throws when the
 * text spells one of them ambiguously, so no second section is ever added beside it.
 */
export function existingHeaders(
  text: string,
  headers: readonly string[],
  file = 'the profile file',
): string[] {
  const lines = text.split(/\r?\n/);
  return headers.filter((header) => {
    const place = locateSection(lines, header.trim());
    if (place.kind === 'ambiguous') throw ambiguousSectionError(file, header, lines, place.lines);
    return place.kind === 'present';
  });
}

/**
 * Removes the sections with these headers (each from its header to the next header line, as
 * either reader sees one), keeping every other line, comments included, as it was. Throws when
 * the text spells one of them ambiguously: nothing is removed then.
 */
export function removeSections(
  text: string,
  headers: readonly string[],
  file = 'the profile file',
): string {
  const lines = text.split(/\r?\n/);
  const starts = new Set<number>();
  for (const header of headers) {
    const place = locateSection(lines, header.trim());
    if (place.kind === 'ambiguous') throw ambiguousSectionError(file, header, lines, place.lines);
    if (place.kind === 'present') starts.add(place.line);
  }
  const kept: string[] = [];
  let skipping = false;
  lines.forEach((line, index) => {
    if (isHeaderLine(line)) skipping = starts.has(index);
    if (!skipping) kept.push(line);
  });
  const body = kept.join('\n').replace(/\n+$/, '');
  return body === '' ? '' : `${body}\n`;
}
