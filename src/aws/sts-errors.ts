import { StsCallError } from '../model/errors.js';

/** Node's codes for a TLS certificate the runner does not trust (wrong CA, self-signed, expired). */
const TLS_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** An error as the SDK throws it: a service exception, a deserialization failure or a Node error. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  /** The wire code of a Query-protocol error (the class name adds "Exception" to some). */
  readonly Code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly clockSkewCorrected?: boolean };
  readonly $response?: { readonly statusCode?: number };
  /** Node's getaddrinfo errors name the host they could not resolve. */
  readonly hostname?: unknown;
}

/**
 * Converts whatever the SDK threw into an StsCallError whose code and status carry today's
 * retry classification (retry.ts): 429 is throttling whatever its body, a TLS certificate
 * failure is final and says how to trust the CA, network faults are "NetworkError".
 */
export function toStsCallError(thrown: unknown, operation: string, endpoint: string): StsCallError {
  if (thrown instanceof StsCallError) return thrown;
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as SdkErrorShape;
  const name =
    typeof error.Code === 'string' && error.Code !== ''
      ? error.Code
      : typeof error.name === 'string'
        ? error.name
        : 'Error';
  const message = typeof error.message === 'string' ? error.message : String(thrown);
  const code = typeof error.code === 'string' ? error.code : undefined;
  const where = endpoint === '' ? '' : ` (endpoint ${endpoint})`;
  const status = error.$metadata?.httpStatusCode ?? error.$response?.statusCode ?? 0;
  if (code !== undefined && TLS_CERTIFICATE_CODES.has(code))
    return new StsCallError(
      operation,
      'TlsCertificateError',
      `${code}: ${message}${where}. The runner does not trust the certificate it was shown: a TLS-inspecting ` +
        'proxy (http-proxy, HTTPS_PROXY) or a private endpoint signs with its own CA. Give Node that CA with ' +
        'NODE_EXTRA_CA_CERTS=/path/to/ca.pem, or fix the proxy; this is not retried.',
      0,
    );
  if (status === 429)
    return new StsCallError(
      operation,
      isKnownCode(name) ? name : 'Throttling',
      firstLine(message),
      429,
    );
  if (error.$fault !== undefined && status > 0)
    return new StsCallError(operation, name, firstLine(message), status, {
      clockSkewCorrected: error.$metadata?.clockSkewCorrected === true,
    });
  if (status >= 200 && status < 300)
    return malformedResponse(operation, `the response could not be read: ${firstLine(message)}`);
  if (status > 0)
    return new StsCallError(
      operation,
      status >= 500 ? 'ServiceUnavailable' : `HTTP${status}`,
      `HTTP ${status}${where}: ${firstLine(message)}`,
      status,
    );
  if (name === 'TimeoutError' || code === 'ETIMEDOUT')
    return new StsCallError(operation, 'TimeoutError', `no response in time${where}`, 0);
  if (name === 'AbortError') return new StsCallError(operation, 'Aborted', `aborted${where}`, 0);
  const unresolved =
    code === 'ENOTFOUND' && typeof error.hostname === 'string' ? error.hostname : undefined;
  return new StsCallError(
    operation,
    'NetworkError',
    `${code ?? name}: ${firstLine(message)}${where}`,
    0,
    unresolved === undefined ? {} : { unresolvedHost: unresolved },
  );
}

function isKnownCode(name: string): boolean {
  return !/^(Unknown|Error|SyntaxError|TypeError)/.test(name);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** An StsCallError for a 200 answer the action cannot use (no credentials, a bad time, no XML). */
export function malformedResponse(operation: string, problem: string): StsCallError {
  return new StsCallError(operation, 'MalformedResponse', problem, 200);
}
