// Types for moto.mjs (hand-written: the scripts run under plain node, with no build step).

export const DEFAULT_ACCOUNT_ID: '123456789012';

export interface Moto {
  url: string;
  /** moto_server's PID (-1 if the OS reported none). */
  pid: number;
  stop(): Promise<void>;
}

export interface MotoRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default 5 s. */
  timeoutMs?: number;
}

export interface StartMotoOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** HOME of the moto process (default this process's HOME, else /tmp). */
  home?: string;
}

export interface RoleSpec {
  name: string;
  /** Account that owns the role (default 123456789012). */
  accountId?: string;
  trustPolicy?: object;
  maxSessionDuration?: number;
}

export function requireMoto(): string;
export function motoRequest(
  url: string,
  init?: MotoRequestInit,
): Promise<{ status: number; body: string }>;
export function startMoto(opts?: StartMotoOptions): Promise<Moto>;
export function resetMoto(url: string): Promise<void>;
export function createRole(
  motoUrl: string,
  spec: RoleSpec,
): Promise<{ arn: string; roleId: string }>;
