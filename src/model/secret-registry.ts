/**
 * Every secret value of the run. Registering one masks it with the runner at once; redact()
 * scrubs any text we write ourselves (error messages, the step summary), which the runner's
 * masking does not always reach.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  constructor(private readonly maskWithRunner: (value: string) => void) {}

  /** Masks a value (ignoring empty and trivially short ones, which would garble every log line). */
  readonly add = (value: string | undefined): void => {
    if (value === undefined || value.length < 4 || this.values.has(value)) return;
    this.values.add(value);
    this.maskWithRunner(value);
  };

  /** Replaces every registered secret in a text with ***. */
  redact(text: string): string {
    let out = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length))
      out = out.split(value).join('***');
    return out;
  }
}
