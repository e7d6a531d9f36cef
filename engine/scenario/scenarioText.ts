/**
 * Small wording helpers shared by the scenario checks (`parseScenarioJson`, `schemaProblems`,
 * `semanticProblems`, `loadScenario`) and by the rules and responses loaders: how values, points
 * and lists are written in the messages of a `ScenarioError` or a `RulesError`, where in a text an
 * offset is, and which known name a typo meant. Pure functions on plain values; they import
 * nothing but types, so they sit on the engine's floor 0 (docs/decisions/002-engine-floors.md).
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

/** "line L, column C" of a character offset in a text (both counted from 1). */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** The known name a typo most likely meant: same letters ignoring case, or a few edits away. */
export function closestName(key: string, names: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
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

/**
 * Formats a JSON pointer (`/pedestrians/2/goal`) as a path (`pedestrians[2].goal`), walking the
 * value so that array indices and object keys that look like numbers are told apart.
 */
export function formatPath(root: unknown, pointer: string): string {
  if (pointer === '') return ROOT;
  let path = '';
  let node: unknown = root;
  for (const segment of pointer.slice(1).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      path += `[${key}]`;
      node = node[Number(key)];
      continue;
    }
    if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
    node = isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  }
  return path;
}
