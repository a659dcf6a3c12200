import { promises as fs } from 'node:fs';
import { claimString, decodeJwtClaims } from '../model/jwt-claims.js';
import { InputError } from '../model/errors.js';
import { INPUT } from '../config/input-names.js';
import type { CredentialSource, MaskSecret } from './types.js';

/** Reads a web-identity token file, refusing symlinks (they could point at another secret). */
async function readTokenFile(path: string, mask: MaskSecret): Promise<string> {
  let stat;
  try {
    stat = await fs.lstat(path);
  } catch {
    throw new InputError(
      INPUT.webIdentityTokenFile,
      `cannot read '${path}': no such file. Paths are relative to the workspace.`,
    );
  }
  if (stat.isSymbolicLink())
    throw new InputError(
      INPUT.webIdentityTokenFile,
      `'${path}' is a symbolic link; give the real file`,
    );
  if (!stat.isFile())
    throw new InputError(INPUT.webIdentityTokenFile, `'${path}' is not a regular file`);
  const token = (await fs.readFile(path, 'utf8')).trim();
  if (token === '') throw new InputError(INPUT.webIdentityTokenFile, `'${path}' is empty`);
  mask(token);
  return token;
}

/** The token-file source: AssumeRoleWithWebIdentity with the file's token, re-read when stale. */
export function tokenFileSource(path: string, mask: MaskSecret): CredentialSource {
  return {
    async obtain() {
      let current = await readTokenFile(path, mask);
      const claims = decodeJwtClaims(current);
      const subject = claimString(claims, 'sub');
      return {
        kind: 'web-identity',
        claims,
        description: `web identity token file ${path}${subject === undefined ? '' : ` (sub: ${subject})`}`,
        token: async (fresh) => {
          if (fresh) current = await readTokenFile(path, mask);
          return current;
        },
      };
    },
  };
}
