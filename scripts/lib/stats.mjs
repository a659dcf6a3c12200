// Small statistics and formatting helpers for the bench.
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const fmt = (x, digits = 1) =>
  x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);

export function kb(bytes) {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(2)} MB`
    : `${(bytes / 1000).toFixed(1)} kB`;
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows, align) {
  const a = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const sep = a.map((x) => (x === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
