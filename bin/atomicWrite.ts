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

/** A text file written line by line to its temporary path, then moved into place (`commitLineFile`). */
export interface LineFile {
  path: string;
  tempPath: string;
  fd: number;
  buffer: string;
  lines: number;
}

/** Opens `path`'s temporary file for writing lines (nothing appears at `path` before the commit). */
export function openLineFile(path: string): LineFile {
  const tempPath = tempPathFor(path);
  return { path, tempPath, fd: openSync(tempPath, 'w'), buffer: '', lines: 0 };
}

/** Appends a line (without its newline); the text goes to disk about every megabyte. */
export function writeLine(file: LineFile, line: string): void {
  file.buffer += `${line}\n`;
  file.lines++;
  if (file.buffer.length >= LINE_CHUNK_CHARS) {
    writeSync(file.fd, file.buffer);
    file.buffer = '';
  }
}

/** Writes what is left, closes the file and moves it into place. */
export function commitLineFile(file: LineFile): void {
  try {
    if (file.buffer.length > 0) writeSync(file.fd, file.buffer);
    file.buffer = '';
    closeSync(file.fd);
    file.fd = -1;
    commitTempFile(file.tempPath, file.path);
  } catch (error) {
    abortLineFile(file);
    throw error;
  }
}

/** Closes and removes the temporary file (never throws); whatever was at `path` stays. */
export function abortLineFile(file: LineFile): void {
  if (file.fd >= 0) {
    try {
      closeSync(file.fd);
    } catch {
      // Already closed or unusable: the file is removed below all the same.
    }
    file.fd = -1;
  }
  discardTempFile(file.tempPath);
}

/**
 * Writes one line per item (`line(item)`, without its newline) to `path` atomically, in chunks of
 * about a megabyte, so that a long log never becomes one string (V8 caps strings at about 512 MB).
 */
export function writeLinesAtomic<T>(path: string, items: readonly T[], line: (item: T) => string): void {
  const file = openLineFile(path);
  try {
    for (const item of items) writeLine(file, line(item));
  } catch (error) {
    abortLineFile(file);
    throw error;
  }
  commitLineFile(file);
}
