/**
 * Atomic output files: write a temporary file in the destination's own directory, then rename
 * it over the destination (a rename within one file system is atomic), so a reader never sees
 * a half-written file and an interrupted run leaves the previous output in place.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** Lines are flushed to disk about every this many characters. */
const LINE_CHUNK_CHARS = 1 << 20;

/**
 * Writes one line per item (`line(item)`, without its newline) to `path` atomically, in chunks of
 * about a megabyte, so that a long log never becomes one string (V8 caps strings at about 512 MB).
 */
export function writeLinesAtomic<T>(path: string, items: readonly T[], line: (item: T) => string): void {
  const tempPath = tempPathFor(path);
  let fd = -1;
  try {
    fd = openSync(tempPath, 'w');
    let buffer = '';
    for (const item of items) {
      buffer += `${line(item)}\n`;
      if (buffer.length >= LINE_CHUNK_CHARS) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) writeSync(fd, buffer);
    closeSync(fd);
    fd = -1;
    commitTempFile(tempPath, path);
  } catch (error) {
    if (fd >= 0) closeSync(fd);
    discardTempFile(tempPath);
    throw error;
  }
}
