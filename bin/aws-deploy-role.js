#!/usr/bin/env node
// The `aws-deploy-role` command. It runs the bundled CLI (ncc build src/cli.ts -o dist/cli) and
// calls main() itself: the bundle's own entry check sees this file, not the bundle, as the entry.
import { main } from '../dist/cli/index.js';

process.exitCode = main(process.argv.slice(2));
