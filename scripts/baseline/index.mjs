// Bench baseline: the straightforward way to write the same OIDC -> role job, with
// @actions/core for the runner protocol and @aws-sdk/client-sts for STS. scripts/bench.mjs
// builds it with `ncc build scripts/baseline/index.mjs -o <tmpdir> -m` (never committed) and
// times it next to dist/index.js. It is a yardstick, not a product: no chains, no profiles.
import * as core from '@actions/core';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';

async function run() {
  try {
    const region = core.getInput('aws-region', { required: true });
    const roleArn = core.getInput('role-to-assume', { required: true });
    const endpoint = core.getInput('sts-endpoint') || undefined;
    const audience = core.getInput('audience') || 'sts.amazonaws.com';
    const sessionName = core.getInput('role-session-name') || 'GitHubActions';
    const durationText = core.getInput('role-duration-seconds') || '3600';
    const duration = Number(durationText);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200)
      throw new Error(
        `role-duration-seconds must be a whole number from 900 to 43200, got "${durationText}"`,
      );

    const token = await core.getIDToken(audience); // getIDToken registers the token as a secret

    const sts = new STSClient({
      region,
      endpoint,
      maxAttempts: Number(core.getInput('retry-max-attempts') || 8),
    });
    const { Credentials: creds, AssumedRoleUser: user } = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        WebIdentityToken: token,
        DurationSeconds: duration,
      }),
    );
    if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken)
      throw new Error('STS returned no credentials');
    core.setSecret(creds.AccessKeyId);
    core.setSecret(creds.SecretAccessKey);
    core.setSecret(creds.SessionToken);
    core.info(`Assumed ${roleArn} as ${user?.Arn}`);

    core.exportVariable('AWS_REGION', region);
    core.exportVariable('AWS_DEFAULT_REGION', region);
    core.exportVariable('AWS_ACCESS_KEY_ID', creds.AccessKeyId);
    core.exportVariable('AWS_SECRET_ACCESS_KEY', creds.SecretAccessKey);
    core.exportVariable('AWS_SESSION_TOKEN', creds.SessionToken);
    core.setOutput('aws-account-id', user?.Arn?.split(':')[4] ?? '');
    core.setOutput('aws-assumed-role-arn', user?.Arn ?? '');
    core.setOutput('aws-expiration', creds.Expiration?.toISOString() ?? '');
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

await run();
