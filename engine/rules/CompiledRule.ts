/**
 * A rule ready to run: its selector, geofence and conditions compiled (matchEvent.ts), its state
 * per group (zone, object, device), and the emission gate that applies suppression and the
 * minimum confidence before an alert becomes an event. Owned by one `RuleEngine`.
 */
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { FieldCondition, GroupKey, RulePointM, RuleSpec } from './RuleSet.ts';
import { alertEvent, type Firing } from './alertEvent.ts';
import { compileSelector, compileZone, type CompiledSelector, type CompiledZone } from './matchEvent.ts';

/** A sequence step, compiled. */
export interface CompiledStep {
  /** The rule whose alerts the step waits for, or null for a `match` step. */
  rule: string | null;
  selector: CompiledSelector | null;
  zones: CompiledZone[] | null;
  condition: readonly FieldCondition[];
}

/** Counters of what the engine did, for reports. */
export interface RuleStats {
  /** Events taken in (not counting duplicates, late ones and recorded alerts of these rules). */
  events: number;
  /** Events whose id had been seen already (processed once). */
  duplicates: number;
  /** Events older than one already processed (set aside). */
  outOfOrder: number;
  /** Alerts of these very rules found in the input (a recorded run's): replaced by fresh ones. */
  recordedAlerts: number;
  alerts: number;
  /** Firings held back by a rule's `suppressS`. */
  suppressed: number;
  /** Firings below the rule's `minConfidence`. */
  belowConfidence: number;
  alertsByRule: Record<string, number>;
}

/** A compiled rule and its state. */
export interface CompiledRule {
  spec: RuleSpec;
  /** Position in the rules file (dispatch follows it, so alerts come out in a fixed order). */
  index: number;
  selector: CompiledSelector;
  zones: CompiledZone[] | null;
  /**
   * When every zone of the geofence is drawn in the rules file: the box around them all
   * [minX, minY, maxX, maxY], so that an event far from them is turned away with four
   * comparisons (matchEvent.ts `outsideGeofence`); null otherwise.
   */
  geofenceBounds: [number, number, number, number] | null;
  condition: readonly FieldCondition[];
  per: readonly GroupKey[];
  steps: CompiledStep[];
  /** Per group key: the kind's state (a window, a run, partial sequences). */
  state: Map<string, unknown>;
  /** Per group key: time of the last alert, s. */
  lastAlertS: Map<string, number>;
  /** Alerts emitted so far (the next alert's id is `${id}#${alertCount + 1}`). */
  alertCount: number;
}

/** Compiles one rule; `drawn` maps the rules file's zone ids to their polygons. */
export function compileRule(spec: RuleSpec, index: number, drawn: ReadonlyMap<string, RulePointM[]>): CompiledRule {
  const zonesOf = (ids: string[] | undefined) => (ids === undefined ? null : ids.map((id) => compileZone(id, drawn)));
  return {
    spec,
    index,
    selector: compileSelector(spec.match),
    zones: zonesOf(spec.zones),
    geofenceBounds: geofenceBoundsOf(zonesOf(spec.zones)),
    condition: spec.condition ?? [],
    per: spec.per ?? (spec.kind === 'sequence' ? [] : ['zone']),
    steps: (spec.steps ?? []).map((step) => ({
      rule: step.rule ?? null,
      selector: step.match === undefined ? null : compileSelector(step.match),
      zones: zonesOf(step.zones),
      condition: step.condition ?? [],
    })),
    state: new Map(),
    lastAlertS: new Map(),
    alertCount: 0,
  };
}

function geofenceBoundsOf(zones: CompiledZone[] | null): [number, number, number, number] | null {
  if (zones === null || zones.length === 0 || zones.some((zone) => zone.bounds === null)) return null;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const zone of zones) {
    const [minX, minY, maxX, maxY] = zone.bounds!;
    box[0] = Math.min(box[0], minX);
    box[1] = Math.min(box[1], minY);
    box[2] = Math.max(box[2], maxX);
    box[3] = Math.max(box[3], maxY);
  }
  return box;
}

/**
 * Turns a firing into an alert appended to `out`, unless the rule fired for the same group less
 * than `suppressS` ago or the confidence is below `minConfidence`. Returns whether it was emitted
 * (a kind resets its group's state only then).
 */
export function emitFiring(rule: CompiledRule, key: string, firing: Firing, stats: RuleStats, out: VigieEvent[]): boolean {
  const last = rule.lastAlertS.get(key);
  if (last !== undefined && firing.timeS - last < (rule.spec.suppressS ?? 0)) {
    stats.suppressed++;
    return false;
  }
  if (firing.confidence < (rule.spec.minConfidence ?? 0)) {
    stats.belowConfidence++;
    return false;
  }
  rule.alertCount++;
  rule.lastAlertS.set(key, firing.timeS);
  stats.alerts++;
  stats.alertsByRule[rule.spec.id] = (stats.alertsByRule[rule.spec.id] ?? 0) + 1;
  out.push(alertEvent(rule.spec, rule.alertCount, firing));
  return true;
}
