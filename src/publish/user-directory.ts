import { promises as fs } from 'node:fs';

/**
 * Throws when a user's profile directory (~/.aws) is a symbolic link: a write through it would
 * land wherever the link points, which may be shared or outside the user's home. A missing
 * directory is fine (it is created as a real one).
 */
export async function refuseLinkedDirectory(directory: string): Promise<void> {
  const stat = await fs.lstat(directory).catch(() => undefined);
  if (stat?.isSymbolicLink() === true)
    throw new Error(
      `refusing to write profiles into ${directory}: it is a symbolic link, and a write through it would land where it points. Replace the link with a real directory, or use \`profile-files-location: runner-temp\``,
    );
}
