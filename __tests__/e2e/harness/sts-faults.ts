// Fault rules and STS-shaped error bodies for the recording proxy. Kept apart
// from the server so the matching rules can be read (and tested) on their own.
import { randomBytes } from 'node:crypto';

export type Fault =
  | { kind: 'throttle' }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  | { kind: 'error'; status: number; code: string; message: string }
  /**
   * An error whose Message (or, with inCode, Code) is the raw form body, as a careless endpoint
   * or proxy reflects it.
   */
  | { kind: 'echo-body'; status: number; code: string; inCode?: true };

export interface FaultRule {
  /** Matches the request's Action (e.g. AssumeRole); any action if absent. */
  action?: string;
  /** Matches params.RoleArn exactly; any role if absent. */
  roleArn?: string;
  /** How many matching requests get the fault; forever if absent. */
  times?: number;
  fault: Fault;
}

export function requestId(): string {
  return randomBytes(16)
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The error document STS's Query protocol returns (Sender = caller's fault). */
export function stsErrorXml(code: string, message: string, status: number): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
    `<Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>` +
    `<RequestId>${requestId()}</RequestId></ErrorResponse>`
  );
}

// Codes STS actually uses for these statuses, so SDK retry classifiers see
// what they would see from AWS.
const CODE_FOR_STATUS: Record<number, [string, string]> = {
  500: ['InternalFailure', 'The request processing has failed because of an unknown error.'],
  502: ['BadGateway', 'Bad Gateway'],
  503: ['ServiceUnavailable', 'Service is unavailable.'],
  504: ['GatewayTimeout', 'Gateway Timeout'],
};

/** Status and body for a fault that answers on its own (not reset/delay). */
export function faultResponse(fault: Fault): { status: number; body: string } | undefined {
  switch (fault.kind) {
    case 'throttle':
      return { status: 400, body: stsErrorXml('Throttling', 'Rate exceeded', 400) };
    case 'error':
      return { status: fault.status, body: stsErrorXml(fault.code, fault.message, fault.status) };
    case 'status': {
      const [code, message] = CODE_FOR_STATUS[fault.status] ?? [
        `Http${fault.status}`,
        `HTTP ${fault.status}`,
      ];
      return { status: fault.status, body: fault.body ?? stsErrorXml(code, message, fault.status) };
    }
    default:
      return undefined;
  }
}

/** Ordered rules; the first live match wins and uses up one of its `times`. */
export class FaultRules {
  private rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  take(action: string, roleArn: string | undefined): Fault | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.action !== undefined && rule.action !== action) continue;
      if (rule.roleArn !== undefined && rule.roleArn !== roleArn) continue;
      entry.left -= 1;
      return rule.fault;
    }
    return undefined;
  }
}

/** Sliding one-second window: answers true when a request is over the limit. */
export class RateLimiter {
  private stamps: number[] = [];

  constructor(private readonly perSecond: number) {}

  overLimit(now = Date.now()): boolean {
    this.stamps = this.stamps.filter((t) => now - t < 1000);
    if (this.stamps.length >= this.perSecond) return true;
    this.stamps.push(now);
    return false;
  }
}
