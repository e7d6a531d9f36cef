/**
 * The rule kinds that look at one stream of selected events per group:
 *  - event: every selected event in the geofence that meets the condition fires;
 *  - count: sliding window (t − windowS, t] of such events; fires when it holds minCount of them
 *    (or minRatePerS × windowS), then empties the window (an event counts towards one alert);
 *  - persistence: the condition (and the geofence) holds on every selected event of the group for
 *    at least forS; a selected event that fails it, or a silence over maxGapS, restarts the clock;
 *    one alert per episode;
 *  - change: a data field's newest value minus the lowest (for a rise) or highest (for a fall)
 *    value of the last overS seconds reaches `by` (a fraction of that value when relative); the
 *    window then restarts from the newest value.
 * Evaluation is driven by events: a window is tested when an event of its group arrives.
 */
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { Firing } from './alertEvent.ts';
import { combineConfidence } from './confidence.ts';
import { emitFiring, type CompiledRule, type RuleStats } from './CompiledRule.ts';
import { groupKeyOf, meetsAll, objectIdOf, outsideGeofence, selects, zoneOf } from './matchEvent.ts';

/** A persistence episode. NOTE: keeps the first and the latest cause only (bounded memory). */
interface Run {
  startS: number;
  lastS: number;
  first: VigieEvent;
  latest: VigieEvent;
  confidenceSum: number;
  samples: number;
  fired: boolean;
}

/** Events (with their values, for change rules) in a window, oldest first. */
interface Window {
  events: VigieEvent[];
  values: number[];
}

/** Builds a firing with the group's zone, object and device as the rule's `per` keys say. */
export function firingOf(rule: CompiledRule, zone: string, event: VigieEvent, causes: VigieEvent[], confidence: number, figures: Record<string, number>): Firing {
  return {
    timeS: event.timeS,
    causes,
    zone: zone === '' ? undefined : zone,
    objectId: rule.per.includes('object') ? objectIdOf(event) : undefined,
    deviceSource: rule.per.includes('source') ? event.source : undefined,
    confidence,
    figures,
  };
}

function confidencesOf(events: readonly VigieEvent[]): number[] {
  return events.map((event) => event.confidence ?? 1);
}

/** Runs an event, count, persistence or change rule on one event; alerts go to `out`. */
export function evaluateSimpleRule(rule: CompiledRule, event: VigieEvent, stats: RuleStats, out: VigieEvent[]): void {
  const spec = rule.spec;
  if (outsideGeofence(rule.geofenceBounds, rule.zones, event)) {
    // Far from the geofence: nothing to do, unless the event ends its group's persistence episode.
    if (spec.kind !== 'persistence' || rule.state.size === 0) return;
    const key = groupKeyOf(rule.per, event.zone ?? '', event);
    if (rule.state.has(key) && selects(rule.selector, event)) rule.state.delete(key);
    return;
  }
  if (!selects(rule.selector, event)) return;
  const zone = zoneOf(rule.zones, event);
  if (spec.kind === 'persistence') {
    const holds = zone !== null && meetsAll(rule.condition, event.data);
    // A failing event only ends an episode: with none running, nothing to do.
    if (!holds && rule.state.size === 0) return;
    const key = groupKeyOf(rule.per, zone ?? event.zone ?? '', event);
    evaluatePersistence(rule, key, zone, holds, event, stats, out);
    return;
  }
  if (zone === null || !meetsAll(rule.condition, event.data)) return;
  const key = groupKeyOf(rule.per, zone, event);
  if (spec.kind === 'event') {
    emitFiring(rule, key, firingOf(rule, zone, event, [event], combineConfidence(confidencesOf([event]), spec.confidence, 'mean'), {}), stats, out);
  } else if (spec.kind === 'count') {
    evaluateCount(rule, key, zone, event, stats, out);
  } else if (spec.kind === 'change') {
    evaluateChange(rule, key, zone, event, stats, out);
  }
}

function windowOf(rule: CompiledRule, key: string): Window {
  let window = rule.state.get(key) as Window | undefined;
  if (window === undefined) {
    window = { events: [], values: [] };
    rule.state.set(key, window);
  }
  return window;
}

/** Drops the events at or before `cutoffS` (or strictly before it when `keepEqual`). */
function pruneWindow(window: Window, cutoffS: number, keepEqual: boolean): void {
  let drop = 0;
  while (drop < window.events.length && (keepEqual ? window.events[drop].timeS < cutoffS : window.events[drop].timeS <= cutoffS)) drop++;
  if (drop > 0) {
    window.events.splice(0, drop);
    window.values.splice(0, drop);
  }
}

function evaluateCount(rule: CompiledRule, key: string, zone: string, event: VigieEvent, stats: RuleStats, out: VigieEvent[]): void {
  const spec = rule.spec;
  const windowS = spec.windowS ?? 0;
  const window = windowOf(rule, key);
  window.events.push(event);
  window.values.push(0);
  pruneWindow(window, event.timeS - windowS, false);
  const count = window.events.length;
  const needed = spec.minCount ?? (spec.minRatePerS ?? Infinity) * windowS;
  // NOTE: a rate is compared as a count (count >= rate × window) so that no division rounds it.
  if (count < needed - 1e-9) return;
  const figures = { count, ratePerS: count / windowS };
  const causes = window.events.slice();
  if (emitFiring(rule, key, firingOf(rule, zone, event, causes, combineConfidence(confidencesOf(causes), spec.confidence, 'mean'), figures), stats, out)) {
    window.events.length = 0;
    window.values.length = 0;
  }
}

function evaluatePersistence(rule: CompiledRule, key: string, zone: string | null, holds: boolean, event: VigieEvent, stats: RuleStats, out: VigieEvent[]): void {
  const spec = rule.spec;
  let run = rule.state.get(key) as Run | undefined;
  if (run !== undefined && spec.maxGapS !== undefined && event.timeS - run.lastS > spec.maxGapS) run = undefined;
  if (!holds) {
    rule.state.delete(key);
    return;
  }
  if (run === undefined) {
    run = { startS: event.timeS, lastS: event.timeS, first: event, latest: event, confidenceSum: 0, samples: 0, fired: false };
    rule.state.set(key, run);
  }
  run.lastS = event.timeS;
  run.latest = event;
  run.confidenceSum += event.confidence ?? 1;
  run.samples++;
  const durationS = event.timeS - run.startS;
  if (run.fired || durationS < (spec.forS ?? 0)) return;
  const causes = run.first === event ? [event] : [run.first, event];
  // The mean over every sample of the episode, not only the two causes kept.
  const mean = run.confidenceSum / run.samples;
  const confidence = combineConfidence(spec.confidence?.combine === undefined || spec.confidence.combine === 'mean' ? [mean] : confidencesOf(causes), spec.confidence, 'mean');
  if (emitFiring(rule, key, firingOf(rule, zone ?? '', event, causes, confidence, { durationS, samples: run.samples }), stats, out)) run.fired = true;
}

function evaluateChange(rule: CompiledRule, key: string, zone: string, event: VigieEvent, stats: RuleStats, out: VigieEvent[]): void {
  const spec = rule.spec;
  const value = event.data[spec.field ?? ''];
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  const window = windowOf(rule, key);
  window.events.push(event);
  window.values.push(value);
  pruneWindow(window, event.timeS - (spec.overS ?? 0), true);
  const by = spec.by ?? 0;
  const rising = by > 0;
  // The reference: the lowest earlier value for a rise, the highest for a fall.
  let ref = -1;
  for (let i = 0; i < window.values.length - 1; i++) {
    if (ref < 0 || (rising ? window.values[i] < window.values[ref] : window.values[i] > window.values[ref])) ref = i;
  }
  if (ref < 0) return;
  const fromValue = window.values[ref];
  const delta = value - fromValue;
  let change = delta;
  if (spec.relative) {
    if (!(fromValue > 0) || fromValue < (spec.minBase ?? 0)) return;
    change = delta / fromValue;
  }
  if (rising ? change < by : change > by) return;
  const causes = [window.events[ref], event];
  const figures = { fromValue, toValue: value, change: Math.round(change * 1e6) / 1e6, durationS: event.timeS - window.events[ref].timeS };
  if (emitFiring(rule, key, firingOf(rule, zone, event, causes, combineConfidence(confidencesOf(causes), spec.confidence, 'mean'), figures), stats, out)) {
    window.events.splice(0, window.events.length - 1);
    window.values.splice(0, window.values.length - 1);
  }
}

/**
 * Forgets what can no longer change an alert once the events have reached `nowS` (they come in
 * time order): persistence episodes silent for more than `maxGapS` (the next event would restart
 * them), count and change windows whose every event would be pruned, and suppression times
 * older than `suppressS`. The alerts are the same with or without it; the state stays the size
 * of the groups now active instead of every group ever seen.
 */
export function expireSimpleState(rule: CompiledRule, nowS: number): void {
  const spec = rule.spec;
  if (spec.kind === 'persistence' && spec.maxGapS !== undefined) {
    const maxGapS = spec.maxGapS;
    for (const [key, run] of rule.state) if (nowS - (run as Run).lastS > maxGapS) rule.state.delete(key);
  } else if (spec.kind === 'count' || spec.kind === 'change') {
    const spanS = (spec.kind === 'count' ? spec.windowS : spec.overS) ?? 0;
    for (const [key, value] of rule.state) {
      const events = (value as Window).events;
      const lastS = events.length === 0 ? -Infinity : events[events.length - 1].timeS;
      // A count window drops events at or before t - windowS, a change window those before t - overS.
      if (spec.kind === 'count' ? lastS <= nowS - spanS : lastS < nowS - spanS) rule.state.delete(key);
    }
  }
  expireSuppression(rule, nowS);
}

/** Forgets the alert times that can no longer suppress one (see `emitFiring`). */
export function expireSuppression(rule: CompiledRule, nowS: number): void {
  const suppressS = rule.spec.suppressS ?? 0;
  for (const [key, lastS] of rule.lastAlertS) if (nowS - lastS >= suppressS) rule.lastAlertS.delete(key);
}
