// Types for eager-factories.mjs (hand-written: the scripts run under plain node, with no build step).

/** One bundle file's text with its module factories marked for eager compilation. */
export function markEagerFactories(source: string): {
  code: string;
  /** Module factories marked (parenthesized). */
  factories: number;
  /** Of those, arrows rewritten as function expressions. */
  asFunctions: number;
};
