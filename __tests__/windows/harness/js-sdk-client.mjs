// A JavaScript SDK v3 client under the Windows node.exe, as a later Node.js step would run it:
// fromIni reads the profile from %USERPROFILE%\.aws (or AWS_CONFIG_FILE) and, for a
// credential_process profile, runs the line with child_process.exec (cmd.exe on Windows).
// Prints the key ID and expiry it got as JSON: never the secret.
import { fromIni } from '@aws-sdk/credential-provider-ini';

const credentials = await fromIni({ profile: process.argv[2] })();
process.stdout.write(
  JSON.stringify({
    accessKeyId: credentials.accessKeyId,
    expiration: credentials.expiration?.toISOString(),
  }),
);
