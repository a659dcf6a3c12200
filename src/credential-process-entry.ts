import { main } from './refresh/credential-process.js';

// Entry point of the credential_process helper bundle. The AWS client waits for this process to
// end, so it ends as soon as its answer is out: a request it gave up on (a proxy that never
// answers a CONNECT holds a socket open past every timeout) must not keep it alive. The empty
// write's callback runs once everything before it has been flushed, where stdout is a pipe that
// writes asynchronously (macOS runners).
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
