import { main } from './refresh/credential-process.js';

// Entry point of the credential_process helper bundle.
process.exitCode = await main(process.argv.slice(2));
