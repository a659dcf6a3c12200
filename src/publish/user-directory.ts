import { promises as fs } from 'node:fs';

/**
 * Throws when a user's profile directory (~/.aws) is a symbolic link: a write through it would
 * land wherever the link points, which may be shared or outside the user's home. A missing
 * directory is fine (it is created as a real one). The post step asks again before it edits or
 * removes anything there: on a self-hosted runner a later step may have swapped the directory.
 */
export async function refuseLinkedDirectory(directory: string, doing?: string): Promise<void> {
  const stat = await fs.lstat(directory).catch(() => undefined);
  if (stat?.isSymbolicLink() !== true) return;
  const refusal = doing === undefined ? 'refusing to write profiles into' : `refusing to ${doing}`;
  throw new Error(
    `${refusal} ${directory}: it is a symbolic link, and a write through it would land where it points. Replace the link with a real directory, or use \`profile-files-location: runner-temp\``,
  );
}
