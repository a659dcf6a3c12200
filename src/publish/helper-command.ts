import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The credential_process command line for a refresh spec file: this Node.js running the helper
 * bundle that ships beside the main bundle (dist/credential-process/index.js). Where the action
 * is installed is a fact of the running bundle, so publishing reads it here rather than having
 * it passed down from the entry point.
 */
export function helperCommand(specFile: string, bundleUrl: string = import.meta.url): string {
  // Built at run time from parts so the bundler leaves the path alone (it would inline it).
  const helperParts = ['credential-process', 'index.js'];
  const helper = path.join(path.dirname(fileURLToPath(bundleUrl)), ...helperParts);
  return `"${process.execPath}" "${helper}" "${specFile}"`;
}
