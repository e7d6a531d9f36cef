/**
 * The output directory of a run: created only when the first output is about to be written, and
 * removed again (with whatever the run put there) if the run fails after creating it, so that a
 * failed run leaves no trace. A directory that existed before the run is never removed.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { UsageError } from './UsageError.ts';

/** An output directory and whether this run created it. */
export interface OutputDir {
  path: string;
  /** The topmost directory this run created (`mkdir -p` may create several), or null. */
  createdRoot: string | null;
}

/** Fails early (before a long run) when `path` exists and is not a directory. */
export function checkOutputDir(path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return; // does not exist yet: created when needed
  }
  if (!isDirectory) throw new UsageError(`--out ${path}: exists and is not a directory`);
}

/** Creates the directory (and its parents) if needed and remembers what was created. */
export function openOutputDir(path: string): OutputDir {
  const created = mkdirSync(path, { recursive: true });
  return { path, createdRoot: created ?? null };
}

/** Removes what `openOutputDir` created (never throws); used when a run fails. */
export function removeCreatedOutputDir(dir: OutputDir | null): void {
  if (dir?.createdRoot) rmSync(dir.createdRoot, { recursive: true, force: true });
}
