/**
 * Atomic output files: write a temporary file in the destination's own directory, then rename
 * it over the destination (a rename within one file system is atomic), so a reader never sees
 * a half-written file and an interrupted run leaves the previous output in place.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The temporary path used while `path` is being written: a hidden `.tmp` file beside it. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** Moves a finished temporary file into place (atomic within one file system). */
export function commitTempFile(tempPath: string, path: string): void {
  renameSync(tempPath, path);
}

/** Removes a temporary file if it exists (never throws). */
export function discardTempFile(tempPath: string): void {
  rmSync(tempPath, { force: true });
}

/** Writes `text` (UTF-8) to `path` atomically: nothing at `path` until the whole text is on disk. */
export function writeFileAtomic(path: string, text: string): void {
  const tempPath = tempPathFor(path);
  try {
    writeFileSync(tempPath, text, 'utf8');
    commitTempFile(tempPath, path);
  } catch (error) {
    discardTempFile(tempPath);
    throw error;
  }
}
