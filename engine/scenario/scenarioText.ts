/**
 * Small wording helpers shared by the scenario checks (`parseScenarioJson`, `schemaProblems`,
 * `semanticProblems`, `loadScenario`): how values, points and lists are written in the messages of
 * a `ScenarioError`. Pure functions on plain values; they import nothing but types.
 */
import type { PointM } from './Scenario.ts';

/** The path that names the document as a whole. */
export const ROOT = '(root)';

/** A value as quoted in messages: numbers and literals as written, strings quoted and shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `an array of ${value.length} ${plural(value.length, 'item')}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A string as quoted in messages: JSON-quoted, shortened to 60 characters with "..." when longer. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** A point in metres as written in messages: `(x, y)`. */
export function formatPoint(point: PointM): string {
  return `(${point[0]}, ${point[1]})`;
}

/** The first `max` items joined by `separator`, then `and N more` when there are more. */
export function abbreviateList(items: string[], max: number, separator = ', '): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown}${separator}and ${items.length - max} more` : shown;
}

/** `noun` for a count of one, `nouns` otherwise (regular plurals only). */
export function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

/** Whether a value is a non-null object that is not an array (a JSON object once parsed). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message of a caught error, or its string form; never throws. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}
