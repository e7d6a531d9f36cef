/**
 * Reading a scenario file for the CLI: the text, or a one-line `UsageError` naming the file and
 * what went wrong (missing, a directory, not readable). Parsing and checking are the loader's.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './UsageError.ts';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, expected a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent of this path is not a directory',
};

/** The file's text (UTF-8), as given to `loadScenario`; `what` names the file in errors. */
export function readScenarioFile(path: string, what = 'scenario file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`${path}: cannot read the ${what}: ${REASONS[code] ?? `error ${code || String(error)}`}`);
  }
}
