/**
 * Wording helpers of the rules checks: how values and lists are written in a `RulesError`'s
 * messages (the same wording as the scenario loader's `scenarioText.ts`). Pure functions.
 */

/** The path that names the document as a whole. */
export const ROOT = '(root)';

/** A value as quoted in messages: numbers and literals as written, strings quoted and shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A string as quoted in messages: JSON-quoted, shortened to 60 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** The first `max` items joined by commas, then `and N more`. */
export function abbreviateList(items: string[], max = 12): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, and ${items.length - max} more` : shown;
}

/** Whether a value is a JSON object (not null, not an array). */
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

/** The closest of `names` to `key` when it is close enough to be a likely typo. */
export function closestName(key: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** `unknown field "x"` with a suggestion or the list of known names. */
export function unknownNameMessage(what: string, key: string, known: string[]): string {
  const suggestion = closestName(key, known);
  if (suggestion !== undefined) return `unknown ${what} ${quote(key)}, did you mean ${quote(suggestion)}?`;
  return known.length === 0 ? `unknown ${what} ${quote(key)}` : `unknown ${what} ${quote(key)} (known: ${abbreviateList(known)})`;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
