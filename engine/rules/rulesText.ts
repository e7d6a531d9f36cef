/**
 * Wording helpers of the rules checks: how values and lists are written in a `RulesError`'s
 * messages, the scenario loader's own (`scenarioText.ts`, on floor 0) plus a few of the rules'.
 * Pure functions.
 */
import { abbreviateList as abbreviate, closestName, describeValue, errorText, isPlainObject, quote } from '../scenario/scenarioText.ts';

export { closestName, describeValue, errorText, isPlainObject, quote };
export { ROOT } from '../scenario/scenarioText.ts';

/** The first `max` items joined by commas, then `and N more`. */
export function abbreviateList(items: string[], max = 12): string {
  return abbreviate(items, max);
}

/** `unknown field "x"` with a suggestion or the list of known names. */
export function unknownNameMessage(what: string, key: string, known: string[]): string {
  const suggestion = closestName(key, known);
  if (suggestion !== undefined) return `unknown ${what} ${quote(key)}, did you mean ${quote(suggestion)}?`;
  return known.length === 0 ? `unknown ${what} ${quote(key)}` : `unknown ${what} ${quote(key)} (known: ${abbreviateList(known)})`;
}

