/**
 * Reading an event log: JSONL text (one `VigieEvent` per line, as a run writes `events.jsonl`)
 * into events, checked at the boundary: each line must be a JSON object with an id, a category,
 * a type, a source, a finite time and a data object; optional fields must have their types.
 * Blank lines are skipped. Every bad line is reported with its number in an `EventLogError`.
 */
import type { EventCategory, VigieEvent } from '../events/VigieEvent.ts';
import { EventLogError } from './EventLogError.ts';
import type { RulesProblem } from './RulesError.ts';
import { describeValue, errorText, isPlainObject } from './rulesText.ts';

const CATEGORIES: readonly EventCategory[] = ['observation', 'analytic', 'alert', 'command', 'ack'];
const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];
/** At most this many bad lines are listed. */
const MAX_PROBLEMS = 20;

/** The events of a log, in file order (owned by the caller); throws `EventLogError` on bad lines. */
export function parseEventLog(text: string, fileName: string): VigieEvent[] {
  const events: VigieEvent[] = [];
  const problems: RulesProblem[] = [];
  let badLines = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const checked = checkEventLine(line);
    if (typeof checked !== 'string') {
      events.push(checked);
      return;
    }
    const message = checked;
    badLines++;
    if (problems.length < MAX_PROBLEMS) problems.push({ path: `line ${i + 1}`, message });
  });
  if (badLines > problems.length) problems.push({ path: '(root)', message: `${badLines - problems.length} more bad lines not listed` });
  if (problems.length > 0) throw new EventLogError(fileName, problems);
  return events;
}

/** The event on one line, or what is wrong with it. */
function checkEventLine(line: string): VigieEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON: ${errorText(error).replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '')}`;
  }
  if (!isPlainObject(value)) return `expected an event (a JSON object), got ${describeValue(value)}`;
  const wrong = (field: string, expected: string) => `expected "${field}" to be ${expected}, got ${describeValue(value[field])}`;
  for (const field of ['id', 'type', 'source']) if (typeof value[field] !== 'string' || value[field] === '') return wrong(field, 'a non-empty string');
  if (!CATEGORIES.includes(value.category as EventCategory)) return wrong('category', `one of ${CATEGORIES.join(', ')}`);
  if (typeof value.timeS !== 'number' || !Number.isFinite(value.timeS)) return wrong('timeS', 'a finite number of seconds');
  if (!isPlainObject(value.data)) return wrong('data', 'an object');
  for (const field of ['x', 'y']) if (value[field] !== undefined && (typeof value[field] !== 'number' || !Number.isFinite(value[field]))) return wrong(field, 'a finite number of metres');
  if (value.zone !== undefined && typeof value.zone !== 'string') return wrong('zone', 'a string');
  if (value.confidence !== undefined && !(typeof value.confidence === 'number' && value.confidence >= 0 && value.confidence <= 1)) return wrong('confidence', 'a number from 0 to 1');
  if (value.severity !== undefined && !SEVERITIES.includes(value.severity as string)) return wrong('severity', `one of ${SEVERITIES.join(', ')}`);
  for (const field of ['truth', 'causes']) {
    const list = value[field];
    if (list !== undefined && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) return wrong(field, 'a list of strings');
  }
  return value as unknown as VigieEvent;
}
