// An in-memory STS: issues credentials per role, fails a role with an AWS error code when told
// to, and records every call with the key id that signed it, so tests assert on what STS saw
// (which hop signed which call) without the SDK or a network. Error texts follow the shapes in
// sts-errors.ts; credential values are made up and unique per issue.
import { StsCallError } from '../src/model/errors.js';
import type {
  AssumedSession,
  AwsCredentials,
  CallOptions,
  CallerIdentity,
  TemporaryCredentials,
} from '../src/aws/sts-gateway.js';
import type { OwnedGateway } from '../src/obtain-credentials.js';

export type StsOperation =
  'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetCallerIdentity' | 'GetSessionToken';

/** One call as STS received it. */
export interface StsCall {
  readonly operation: StsOperation;
  /** The access key id that signed the call; undefined for AssumeRoleWithWebIdentity (unsigned). */
  readonly callerKeyId: string | undefined;
  readonly roleArn?: string | undefined;
  readonly sessionName?: string | undefined;
  readonly externalId?: string | undefined;
}

export interface FakeStsGateway extends OwnedGateway {
  readonly calls: StsCall[];
  /** Every credential issued, in order. */
  readonly issued: TemporaryCredentials[];
  /** True once the run closed the gateway. */
  readonly destroyed: boolean;
  /** Fails every call for the role with this AWS error code (and message, else a typical one). */
  failRole(roleArn: string, code: string, message?: string): void;
  /** Never answers for the role: the call ends only when the run aborts it. */
  hangRole(roleArn: string): void;
  /** Gives stored keys an identity, for GetCallerIdentity and denial messages. */
  knowKeys(accessKeyId: string, arn: string): void;
}

const ISSUED_AT = Date.parse('2026-01-01T00:00:00Z');

const accountOf = (arn: string): string => /:(\d{12}):/.exec(arn)?.[1] ?? '000000000000';
const roleNameOf = (arn: string): string => arn.split('/').pop() ?? 'role';

/** A fresh in-memory STS gateway. */
export function fakeStsGateway(): FakeStsGateway {
  const calls: StsCall[] = [];
  const issued: TemporaryCredentials[] = [];
  const identities = new Map<string, CallerIdentity>();
  const failures = new Map<string, { code: string; message: string | undefined }>();
  const hanging = new Set<string>();
  let destroyed = false;

  const issue = (durationSeconds: number, identity: CallerIdentity): TemporaryCredentials => {
    const n = issued.length + 1;
    const credentials: TemporaryCredentials = {
      accessKeyId: `ASIAFAKE${String(n).padStart(12, '0')}`,
      secretAccessKey: `fakeSecretAccessKey${n}`.padEnd(40, 'x'),
      sessionToken: `FwoGZXIvYXdzEFAKESESSIONTOKEN${n}`,
      expiration: new Date(ISSUED_AT + durationSeconds * 1000),
    };
    issued.push(credentials);
    identities.set(credentials.accessKeyId, identity);
    return credentials;
  };

  const assume = (
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
  ): AssumedSession => {
    const assumedRoleArn = `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`;
    const assumedRoleId = `AROAFAKE:${sessionName}`;
    const identity = { account: accountOf(roleArn), arn: assumedRoleArn, userId: assumedRoleId };
    return {
      credentials: issue(durationSeconds, identity),
      assumedRoleArn,
      assumedRoleId,
      sourceIdentity: undefined,
      packedPolicySize: undefined,
      subjectFromWebIdentityToken: undefined,
    };
  };

  const answer = async (
    operation: StsOperation,
    roleArn: string,
    caller: string,
    options: CallOptions,
  ): Promise<void> => {
    if (hanging.has(roleArn))
      await new Promise<never>((_, reject) =>
        options.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const failure = failures.get(roleArn);
    if (failure === undefined) return;
    const message =
      failure.message ??
      (operation === 'AssumeRoleWithWebIdentity'
        ? 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
        : `User: ${caller} is not authorized to perform: sts:${operation} on resource: ${roleArn}`);
    throw new StsCallError(operation, failure.code, message, 403);
  };

  const identityOf = (caller: AwsCredentials): CallerIdentity => {
    const identity = identities.get(caller.accessKeyId);
    if (identity === undefined)
      throw new StsCallError(
        'GetCallerIdentity',
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
    return identity;
  };

  const gateway: FakeStsGateway = {
    calls,
    issued,
    get destroyed() {
      return destroyed;
    },
    failRole: (roleArn, code, message) => void failures.set(roleArn, { code, message }),
    hangRole: (roleArn) => void hanging.add(roleArn),
    knowKeys: (accessKeyId, arn) =>
      void identities.set(accessKeyId, { account: accountOf(arn), arn, userId: 'AIDAFAKE' }),
    destroy: () => {
      destroyed = true;
    },
    async assumeRole(request, caller, options) {
      const { roleArn, sessionName, externalId } = request;
      calls.push({
        operation: 'AssumeRole',
        callerKeyId: caller.accessKeyId,
        roleArn,
        sessionName,
        externalId,
      });
      const callerArn = identities.get(caller.accessKeyId)?.arn ?? caller.accessKeyId;
      await answer('AssumeRole', roleArn, callerArn, options);
      return assume(roleArn, sessionName, request.durationSeconds);
    },
    async assumeRoleWithWebIdentity(request, options) {
      const { roleArn, sessionName } = request;
      calls.push({
        operation: 'AssumeRoleWithWebIdentity',
        callerKeyId: undefined,
        roleArn,
        sessionName,
      });
      await answer('AssumeRoleWithWebIdentity', roleArn, 'web identity', options);
      return assume(roleArn, sessionName, request.durationSeconds);
    },
    async getCallerIdentity(caller) {
      calls.push({ operation: 'GetCallerIdentity', callerKeyId: caller.accessKeyId });
      return identityOf(caller);
    },
    async getSessionToken(request, caller) {
      calls.push({ operation: 'GetSessionToken', callerKeyId: caller.accessKeyId });
      return issue(request.durationSeconds, identityOf(caller));
    },
  };
  return gateway;
}
