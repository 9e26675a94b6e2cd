import fs from "node:fs/promises";

/**
 * Whether a stored photo directory or scan (named by its content) already exists,
 * marking it fresh if so: an upload about to reuse it is then inside the grace period
 * of the clean-up job (clean-up.server.ts), and a copy that job has already moved away
 * counts as missing, so the upload writes it anew. No other imports: the photo
 * pipeline, its bench and the seed use it without the app's environment.
 */
export async function reuseIfStored(full: string): Promise<boolean> {
  const now = new Date();
  return fs.utimes(full, now, now).then(
    () => true,
    () => false,
  );
}
