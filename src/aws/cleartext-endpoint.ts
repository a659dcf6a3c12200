import { isIPv4 } from 'node:net';
import type { ChosenEndpoint } from './sts-endpoint.js';

/**
 * The warning for a chosen STS endpoint reached over plain HTTP, or undefined. Over http:// the
 * GitHub OIDC token (the credential of AssumeRoleWithWebIdentity), the signed requests and the
 * credentials STS returns all cross the network in cleartext. A loopback host (localhost,
 * 127.0.0.0/8, [::1], as @actions/http-client counts them) gets none: that traffic never leaves
 * the machine, which is where an emulator such as moto or LocalStack runs. Names the origin only.
 */
export function cleartextEndpointWarning(chosen: ChosenEndpoint | undefined): string | undefined {
  if (chosen === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(chosen.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return `The STS endpoint ${url.origin} (from ${chosen.from}) is plain HTTP: the GitHub OIDC token, the signed requests and the credentials STS returns cross the network unencrypted. Use an https:// endpoint unless it is an emulator on this machine.`;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  // 127.0.0.0/8 only as a dotted IPv4 address: a name such as 127.evil.example is not loopback.
  return host === 'localhost' || (isIPv4(host) && host.startsWith('127.')) || host === '[::1]';
}
