/** Rendering and merging of AWS shared config/credentials files. Pure text in, text out. */

export interface IniSection {
  /** The header without brackets: "profile dev" in config, "dev" in credentials. */
  readonly header: string;
  readonly entries: Readonly<Record<string, string>>;
}

export { configHeader } from '../plan/profile-locations.js';

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
      return `[${section.header}]\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

const HEADER = /^\s*\[([^\]]+)\]\s*$/;

/**
 * Merges new sections into existing file text: sections with the same header are replaced,
 * everything else (other profiles, comments, blank lines) is kept as it was.
 */
export function mergeSections(existing: string, sections: readonly IniSection[]): string {
  const head = removeSections(
    existing,
    sections.map((s) => s.header),
  ).replace(/\n+$/, '');
  const body = renderSections(sections);
  return head === '' ? body : `${head}\n\n${body}`;
}

/** Reads one section's entries from INI text (used by the tests). */
export function readSection(text: string, header: string): Record<string, string> | undefined {
  let inside = false;
  let found: Record<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = HEADER.exec(line);
    if (match) {
      inside = match[1]?.trim() === header;
      if (inside) found = {};
      continue;
    }
    const entry = /^\s*([^=#;\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (inside && entry && found) found[entry[1] as string] = (entry[2] as string).trim();
  }
  return found;
}

/** The headers among `headers` that a file's text already has a section for. */
export function existingHeaders(text: string, headers: readonly string[]): string[] {
  const present = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const header = HEADER.exec(line)?.[1]?.trim();
    if (header !== undefined) present.add(header);
  }
  return headers.filter((h) => present.has(h.trim()));
}

/**
 * Removes the sections with these headers (each from its header to the next one), keeping
 * every other line, comments included, as it was.
 */
export function removeSections(text: string, headers: readonly string[]): string {
  const removed = new Set(headers.map((h) => h.trim()));
  const kept: string[] = [];
  let skipping = false;
  for (const line of text.split(/\r?\n/)) {
    const header = HEADER.exec(line)?.[1]?.trim();
    if (header !== undefined) skipping = removed.has(header);
    if (!skipping) kept.push(line);
  }
  const body = kept.join('\n').replace(/\n+$/, '');
  return body === '' ? '' : `${body}\n`;
}
