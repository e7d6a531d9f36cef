/**
 * Sequence rules: steps A, B, ... in that order, the last one within `withinS` of the first, and,
 * with `per`, in the same zone and/or on the same object. A step is either events selected
 * directly or another rule's alerts. Per group, the latest partial sequence that has completed
 * each step is kept (the latest A is the one most likely to see a B in time); an event that
 * completes step k takes the partial that completed step k − 1, so each step event serves one
 * sequence, and the steps are tried from the last to the first so that one event cannot advance
 * the same partial twice.
 */
import type { VigieEvent } from '../events/VigieEvent.ts';
import { combineConfidence } from './confidence.ts';
import { emitFiring, type CompiledRule, type CompiledStep, type RuleStats } from './CompiledRule.ts';
import { expireSuppression, firingOf } from './evaluateSimpleKinds.ts';
import { groupKeyOf, meetsAll, selects, zoneOf } from './matchEvent.ts';

/** A sequence under way: when it started and the events of the steps done so far. */
interface PartialSequence {
  startS: number;
  causes: VigieEvent[];
}

/** The zone of the event if it is one of the step's events, else null. */
function stepZone(step: CompiledStep, event: VigieEvent): string | null {
  if (step.rule !== null) {
    if (event.category !== 'alert' || event.source !== step.rule) return null;
  } else if (step.selector === null || !selects(step.selector, event)) {
    return null;
  }
  const zone = zoneOf(step.zones, event);
  return zone !== null && meetsAll(step.condition, event.data) ? zone : null;
}

/** Runs a sequence rule on one event (an observation, or an alert of another rule). */
export function evaluateSequence(rule: CompiledRule, event: VigieEvent, stats: RuleStats, out: VigieEvent[]): void {
  const steps = rule.steps;
  const withinS = rule.spec.withinS ?? 0;
  for (let k = steps.length - 1; k >= 0; k--) {
    const zone = stepZone(steps[k], event);
    if (zone === null) continue;
    const key = groupKeyOf(rule.per, zone, event);
    let partials = rule.state.get(key) as (PartialSequence | undefined)[] | undefined;
    if (partials === undefined) {
      partials = new Array<PartialSequence | undefined>(steps.length - 1).fill(undefined);
      rule.state.set(key, partials);
    }
    if (k === 0) {
      partials[0] = { startS: event.timeS, causes: [event] };
      continue;
    }
    const before = partials[k - 1];
    if (before === undefined) continue;
    partials[k - 1] = undefined;
    if (event.timeS - before.startS > withinS) continue;
    const causes = [...before.causes, event];
    if (k < steps.length - 1) {
      partials[k] = { startS: before.startS, causes };
      continue;
    }
    const confidence = combineConfidence(causes.map((cause) => cause.confidence ?? 1), rule.spec.confidence, 'product');
    emitFiring(rule, key, firingOf(rule, zone, event, causes, confidence, { durationS: event.timeS - before.startS }), stats, out);
  }
}

/**
 * Forgets the partial sequences that can no longer complete by `nowS` (started more than
 * `withinS` ago: the next step event would only consume them) and the groups left empty; the
 * alerts are the same with or without it.
 */
export function expireSequenceState(rule: CompiledRule, nowS: number): void {
  const withinS = rule.spec.withinS ?? 0;
  for (const [key, value] of rule.state) {
    const partials = value as (PartialSequence | undefined)[];
    let live = false;
    for (let k = 0; k < partials.length; k++) {
      const partial = partials[k];
      if (partial === undefined) continue;
      if (nowS - partial.startS > withinS) partials[k] = undefined;
      else live = true;
    }
    if (!live) rule.state.delete(key);
  }
  expireSuppression(rule, nowS);
}
