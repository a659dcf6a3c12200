// Types for leaks.mjs (hand-written: the scripts run under plain node, with no build step).

/** A safe hint for error messages: never the secret, only its start and length. */
export function secretHint(secret: string): string;
/**
 * Throws (naming secrets only by index and hint) unless every non-empty secret is absent from
 * `text` or first appears in its own `::add-mask::` line.
 */
export function assertNoLeaks(text: string, secrets: readonly string[]): void;
/** The secret values of AWS credentials (env-var or output names), skipping absent ones. */
export function collectSecrets(...sources: Record<string, string | undefined>[]): string[];
