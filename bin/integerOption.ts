/** Parsing a whole-number option (`--runs`, `--workers`): a `UsageError` naming the option and what was expected. */
import { UsageError } from './UsageError.ts';

/** The option's value as a positive integer (or non-negative with `zeroAllowed`). */
export function positiveInteger(text: string, option: string, zeroAllowed = false): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new UsageError(`${option}: expected ${zeroAllowed ? 'a non-negative' : 'a positive'} integer, got ${JSON.stringify(text)}`);
  return value;
}
