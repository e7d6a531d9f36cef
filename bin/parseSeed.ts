/** Parsing `--seed`: the scenario seed range of scenario.schema.json (an unsigned 32-bit integer). */
import { UsageError } from './UsageError.ts';

/** Largest seed the scenario schema accepts. */
export const MAX_SEED = 4294967295;

/** The seed given on the command line, or a `UsageError` saying what was expected. */
export function parseSeed(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value > MAX_SEED) {
    throw new UsageError(`--seed: expected a non-negative integer up to ${MAX_SEED}, got ${JSON.stringify(text)}`);
  }
  return value;
}
