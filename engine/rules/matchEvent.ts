/**
 * Event selection, compiled once per rule: the selector (categories, types, sources, field
 * conditions, minimum confidence), the geofence (zones of the rules file, tested on the event's
 * position with a bounding-box pre-test, or zone ids compared with the event's `zone`) and the
 * threshold conditions. Pure functions on plain events; nothing here allocates per event.
 */
import { pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { EventSelector, FieldCondition, GroupKey, RulePointM } from './RuleSet.ts';

/** A selector with its lists turned into sets. */
export interface CompiledSelector {
  categories: ReadonlySet<string> | null;
  types: ReadonlySet<string> | null;
  sources: ReadonlySet<string> | null;
  where: readonly FieldCondition[];
  minConfidence: number;
}

/** A zone a rule may test: its id and, when the rules file draws it, its polygon. */
export interface CompiledZone {
  id: string;
  polygon: RulePointM[] | null;
  /** [minX, minY, maxX, maxY] of the polygon. */
  bounds: [number, number, number, number] | null;
}

/** Compiles a selector (absent: every event). */
export function compileSelector(selector: EventSelector | undefined): CompiledSelector {
  const set = (items: string[] | undefined) => (items === undefined ? null : new Set(items));
  return {
    categories: set(selector?.categories),
    types: set(selector?.types),
    sources: set(selector?.sources),
    where: selector?.where ?? [],
    minConfidence: selector?.minConfidence ?? 0,
  };
}

/** Compiles a zone id against the zones drawn in the rules file (others are scenario zone ids). */
export function compileZone(id: string, drawn: ReadonlyMap<string, RulePointM[]>): CompiledZone {
  const polygon = drawn.get(id) ?? null;
  return { id, polygon, bounds: polygon === null ? null : polygonBounds(polygon) };
}

/** Whether the selector takes the event. */
export function selects(selector: CompiledSelector, event: VigieEvent): boolean {
  if (selector.types !== null && !selector.types.has(event.type)) return false;
  if (selector.categories !== null && !selector.categories.has(event.category)) return false;
  if (selector.sources !== null && !selector.sources.has(event.source)) return false;
  if ((event.confidence ?? 1) < selector.minConfidence) return false;
  return meetsAll(selector.where, event.data);
}

/**
 * The zone the event lies in: with no geofence, its own zone id ('' when it has none); with one,
 * the first listed zone whose id is the event's zone or whose polygon holds its position, or
 * null when it lies in none of them.
 */
export function zoneOf(zones: readonly CompiledZone[] | null, event: VigieEvent): string | null {
  if (zones === null) return event.zone ?? '';
  const { x, y } = event;
  for (const zone of zones) {
    if (event.zone === zone.id) return zone.id;
    if (zone.polygon === null || zone.bounds === null || x === undefined || y === undefined) continue;
    const [minX, minY, maxX, maxY] = zone.bounds;
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    if (pointInPolygon(x, y, zone.polygon)) return zone.id;
  }
  return null;
}

/**
 * Whether an event surely lies in none of a geofence's zones: it has a position outside the box
 * around them all (`bounds`, every zone drawn) and no zone id of its own that a zone could match.
 * False when in doubt (zoneOf decides).
 */
export function outsideGeofence(bounds: readonly number[] | null, zones: readonly CompiledZone[] | null, event: VigieEvent): boolean {
  if (bounds === null || zones === null) return false;
  const { x, y } = event;
  if (x === undefined || y === undefined || (x >= bounds[0] && x <= bounds[2] && y >= bounds[1] && y <= bounds[3])) return false;
  if (event.zone === undefined) return true;
  for (const zone of zones) if (zone.id === event.zone) return false;
  return true;
}

/** Whether every condition holds on the data (a missing or mistyped field fails its test). */
export function meetsAll(conditions: readonly FieldCondition[], data: VigieEvent['data']): boolean {
  for (const condition of conditions) if (!meets(condition, data)) return false;
  return true;
}

function meets(condition: FieldCondition, data: VigieEvent['data']): boolean {
  const raw = data[condition.field];
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return raw !== undefined && raw !== null;
    case 'eq':
      return raw === expected;
    case 'ne':
      return raw !== expected;
    case 'in':
      return (typeof raw === 'string' || typeof raw === 'number') && Array.isArray(expected) && expected.includes(raw);
    case 'notIn':
      return (typeof raw === 'string' || typeof raw === 'number') && Array.isArray(expected) && !expected.includes(raw);
    default: {
      if (typeof raw !== 'number' || typeof expected !== 'number') return false;
      let value = raw;
      if (condition.divideBy !== undefined) {
        const divisor = data[condition.divideBy];
        if (typeof divisor !== 'number' || divisor === 0) return false;
        value = raw / divisor;
      }
      if (condition.op === 'gt') return value > expected;
      if (condition.op === 'gte') return value >= expected;
      if (condition.op === 'lt') return value < expected;
      return value <= expected;
    }
  }
}

/** The object id of an event (`data.objectId`, numbers written as text), or undefined. */
export function objectIdOf(event: VigieEvent): string | undefined {
  const id = event.data.objectId;
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
}

/** The key of the rule state an event belongs to, from the rule's `per` keys. */
export function groupKeyOf(per: readonly GroupKey[], zone: string, event: VigieEvent): string {
  if (per.length === 1) {
    if (per[0] === 'zone') return zone;
    if (per[0] === 'source') return event.source;
    return objectIdOf(event) ?? '';
  }
  let key = '';
  for (const part of per) key += `${part === 'zone' ? zone : part === 'source' ? event.source : (objectIdOf(event) ?? '')}\u0001`;
  return key;
}
