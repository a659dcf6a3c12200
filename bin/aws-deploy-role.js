#!/usr/bin/env node
// The `aws-deploy-role` bin of a local checkout (npm link, npm exec inside the repository). It runs the
// bundled CLI (ncc build src/cli.ts -o dist/cli) and
// calls main() itself: the bundle's own entry check sees this file, not the bundle, as the entry.
// Documented usage is `node dist/cli/index.js`: the package is not on npm, so never `npx aws-deploy-role`.
import { main } from '../dist/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
