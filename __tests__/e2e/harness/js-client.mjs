// A real AWS SDK for JavaScript v3 client, as a later step's Node script would use it: the
// default credential chain (env keys, AWS_PROFILE, shared files), sts:GetCallerIdentity against
// the endpoint given as the first argument. Prints the answer as JSON, or the SDK's error.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const client = new STSClient({ region: 'us-east-1', endpoint: process.argv[2] });
try {
  const answer = await client.send(new GetCallerIdentityCommand({}));
  process.stdout.write(JSON.stringify({ Account: answer.Account, Arn: answer.Arn }));
} catch (error) {
  process.stderr.write(String(error instanceof Error ? error.message : error));
  process.exitCode = 1;
}
