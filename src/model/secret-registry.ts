/**
 * Every secret value of the run. Registering one masks it with the runner at once; redact()
 * scrubs any text we write ourselves (error messages, the step summary), which the runner's
 * masking does not always reach.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  constructor(private readonly maskWithRunner: (value: string) => void) {}

  /**
   * Masks a secret whatever its length (only the empty string is ignored): a value the user gave
   * as a secret must never print, and STS accepts external IDs of 2 characters
   * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). Its URL-encoded
   * forms are masked too, since an endpoint or proxy may echo the form-encoded request body.
   */
  readonly add = (value: string | undefined): void => {
    if (value === undefined || value === '') return;
    encodedForms(value).forEach(this.register);
  };

  /**
   * Masks a value that only may be a secret (e.g. a word after a mistyped key in a role-chain
   * line). Values under 4 characters are skipped: masking a guess like `1` or `on` would garble
   * every log line, while a real secret reaches add() through its own input.
   */
  readonly addCandidate = (value: string | undefined): void => {
    if (value === undefined || value.length < MIN_CANDIDATE_LENGTH) return;
    this.add(value);
  };

  /** Replaces every registered secret (and its URL-encoded forms) in a text with ***. */
  redact(text: string): string {
    let out = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length))
      out = out.split(value).join('***');
    return out;
  }

  private readonly register = (value: string): void => {
    if (this.values.has(value)) return;
    this.values.add(value);
    this.maskWithRunner(value);
  };
}

const MIN_CANDIDATE_LENGTH = 4;

/**
 * A value and the ways a request may carry it: encodeURIComponent, the AWS SDK's query encoding
 * (which also escapes !'()*), and form encoding (URLSearchParams: spaces as '+').
 */
export function encodedForms(value: string): string[] {
  const component = encodeURIComponent(value);
  const extended = component.replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const forms = [value, component, extended, form, component.replace(/%20/g, '+')];
  return [...new Set(forms)];
}
