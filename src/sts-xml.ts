/** Minimal readers for STS's Query-protocol XML: a fixed, documented response shape. */

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** The inner XML of the first <tag> element, or undefined. */
export function xmlElement(xml: string, tag: string): string | undefined {
  const start = xml.search(new RegExp(`<${tag}(\\s[^>]*)?>`));
  if (start === -1) return undefined;
  const open = xml.indexOf('>', start) + 1;
  const close = xml.indexOf(`</${tag}>`, open);
  return close === -1 ? undefined : xml.slice(open, close);
}

/** The decoded text of the first <tag> element, or undefined. */
export function xmlText(xml: string, tag: string): string | undefined {
  const inner = xmlElement(xml, tag);
  return inner === undefined ? undefined : decodeEntities(inner.trim());
}

/** The error code and message of an STS error response, if the body is one. */
export function parseStsError(xml: string): { code: string; message: string } | undefined {
  const error = xmlElement(xml, 'Error');
  if (error === undefined) return undefined;
  return {
    code: xmlText(error, 'Code') ?? 'UnknownError',
    message: xmlText(error, 'Message') ?? '',
  };
}
