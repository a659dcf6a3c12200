/** Error types users can act on. Each renders as one short, secret-free message. */

/** A single input that cannot be used, rendered as "`input`: problem". */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`\`${input}\`: ${problem}`);
    this.name = 'InputError';
  }
}

/** Every input problem found in one pass, so users fix them all at once. */
export class InputErrors extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(
      errors.length === 1
        ? `Invalid input. ${errors[0]?.message ?? ''}`
        : `${errors.length} inputs need fixing:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
    this.name = 'InputErrors';
  }
}

/** A guard rail (allowed events, refs, environments, accounts) refused the run. */
export class GuardRailError extends Error {
  constructor(
    readonly rule: string,
    reason: string,
  ) {
    super(`Refused by \`${rule}\`: ${reason}`);
    this.name = 'GuardRailError';
  }
}

/** The GitHub OIDC token could not be obtained. */
export class OidcTokenError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** True when the endpoint could not be reached or did not answer in time (worth a retry). */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'OidcTokenError';
  }
}

/** An STS call failed with an AWS error code (or a transport failure, code "NetworkError"). */
export class StsCallError extends Error {
  /** The SDK corrected its clock from this answer's Date header: one more try can succeed. */
  readonly clockSkewCorrected: boolean;
  /** The host name DNS did not know (ENOTFOUND), when that was the failure. */
  readonly unresolvedHost: string | undefined;

  constructor(
    readonly operation: string,
    readonly code: string,
    readonly awsMessage: string,
    readonly status: number,
    options: { readonly clockSkewCorrected?: boolean; readonly unresolvedHost?: string } = {},
  ) {
    super(`${operation} failed: ${code}: ${awsMessage}`);
    this.name = 'StsCallError';
    this.clockSkewCorrected = options.clockSkewCorrected ?? false;
    this.unresolvedHost = options.unresolvedHost;
  }
}

/** Where in the plan a failure happened: wraps the cause once, at the layer that knows the hop. */
export class HopError extends Error {
  constructor(
    readonly session: string,
    readonly hopNumber: number,
    readonly hopCount: number,
    readonly roleArn: string,
    override readonly cause: unknown,
  ) {
    const where = hopCount > 1 ? `hop ${hopNumber} of ${hopCount}` : 'assuming the role';
    const label = session === 'default' ? '' : ` (profile ${session})`;
    super(`Failed at ${where}${label}, ${roleArn}: ${messageOf(cause)}`);
    this.name = 'HopError';
  }
}

/** The whole step ran past `action-timeout-s`. */
export class ActionTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(
      `Stopped after action-timeout-s (${seconds} s) before credentials were ready; nothing was exported. ` +
        'Raise `action-timeout-s`, or check that STS is reachable from this runner.',
    );
    this.name = 'ActionTimeoutError';
  }
}

/** Returns a readable message for anything thrown, Error or not. */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}
