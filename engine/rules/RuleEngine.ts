/**
 * The detection-rule engine: takes VigieEvents one at a time, in time order, and returns the
 * Alert events they trigger. The same engine serves a live run (events as the sensors emit them)
 * and a replay (events read back from a run's log), so both give the same alerts.
 *
 * Per event: a duplicate id is ignored (one seen at the same time; see `seenIds`), an event older than the last one is set aside (counted,
 * never thrown: live data), a recorded alert of one of these rules is skipped (it is being
 * recomputed); then the rules that can select the event's type run in file order, and each alert
 * they emit is handed to the sequence steps that wait for that rule's alerts (in the order the
 * alerts were made; the loader has ruled out cycles, so this ends).
 * NOTE: alerts reach other rules only through sequence steps that name their rule, never through
 * a `match` selector, so no rule can feed itself.
 */
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { RulePointM, RuleSetSpec } from './RuleSet.ts';
import { compileRule, type CompiledRule, type RuleStats } from './CompiledRule.ts';
import { evaluateSimpleRule, expireSimpleState } from './evaluateSimpleKinds.ts';
import { evaluateSequence, expireSequenceState } from './evaluateSequence.ts';

/** Expired rule state (see expireSimpleState) is swept at most this often, s of event time. */
export const RULE_STATE_SWEEP_S = 10;

/** A rule engine and its state; create with `createRuleEngine`, feed with `processEvent`. */
export interface RuleEngine {
  /** The enabled rules, in file order. */
  rules: CompiledRule[];
  /** Rules that can select an event of a given type, in file order (filled lazily). */
  rulesByType: Map<string, CompiledRule[]>;
  /**
   * Per type, then per value of the event's `data.class`: the rules of that type that can select
   * it (those whose `match.where` requires another class are left out), filled lazily. Camera
   * analytics are most of a log and nearly every camera rule selects one object class.
   */
  rulesByTypeAndClass: Map<string, Map<unknown, CompiledRule[]>>;
  /** Rules that select on something else than the type (they see every event). */
  anyTypeRules: CompiledRule[];
  /** Per rule id: the sequence rules (and their steps) waiting for its alerts. */
  subscribers: Map<string, CompiledRule[]>;
  /** Ids of the rules of this engine (their recorded alerts are skipped on input). */
  ruleIds: Set<string>;
  /**
   * Ids of the events taken in at time `lastTimeS`. A repeated event carries its original time,
   * so only those can come back without being late: a repeat that comes after later events is
   * set aside as late. (Keeping every id of a run made the set the engine's largest cost.)
   */
  seenIds: Set<string>;
  lastTimeS: number;
  /** Expired state is swept when the event time has moved this far since the last sweep (RULE_STATE_SWEEP_S; Infinity: never). */
  sweepEveryS: number;
  /** Event time of the last sweep of expired state. */
  lastSweepS: number;
  stats: RuleStats;
}

/** Builds an engine for a checked rule set (see `loadRules`). The spec is read, not kept mutable. */
export function createRuleEngine(ruleSet: RuleSetSpec): RuleEngine {
  const drawn = new Map<string, RulePointM[]>((ruleSet.zones ?? []).map((zone) => [zone.id, zone.polygon]));
  const rules = ruleSet.rules.flatMap((spec, index) => (spec.enabled === false ? [] : [compileRule(spec, index, drawn)]));
  const typed = new Map<string, CompiledRule[]>();
  const anyTypeRules: CompiledRule[] = [];
  const subscribers = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    const selectors = rule.spec.kind === 'sequence' ? rule.steps.flatMap((step) => (step.selector === null ? [] : [step.selector])) : [rule.selector];
    for (const step of rule.steps) {
      if (step.rule === null) continue;
      const list = subscribers.get(step.rule) ?? [];
      if (!list.includes(rule)) list.push(rule);
      subscribers.set(step.rule, list);
    }
    if (selectors.some((selector) => selector.types === null)) {
      anyTypeRules.push(rule);
      continue;
    }
    for (const selector of selectors) {
      for (const type of selector.types ?? []) {
        const list = typed.get(type) ?? [];
        if (!list.includes(rule)) list.push(rule);
        typed.set(type, list);
      }
    }
  }
  return {
    rules,
    rulesByType: typed,
    rulesByTypeAndClass: new Map(),
    anyTypeRules,
    subscribers,
    ruleIds: new Set(ruleSet.rules.map((rule) => rule.id)),
    seenIds: new Set(),
    lastTimeS: -Infinity,
    sweepEveryS: RULE_STATE_SWEEP_S,
    lastSweepS: -Infinity,
    stats: { events: 0, duplicates: 0, outOfOrder: 0, recordedAlerts: 0, alerts: 0, suppressed: 0, belowConfidence: 0, alertsByRule: {} },
  };
}

const NO_RULES: CompiledRule[] = [];

/** The rules an event of this type goes to, in file order (typed and untyped lists merged once). */
function rulesFor(engine: RuleEngine, type: string): CompiledRule[] {
  const typed = engine.rulesByType.get(type);
  if (engine.anyTypeRules.length === 0) return typed ?? NO_RULES;
  const key = `\u0000${type}`;
  let merged = engine.rulesByType.get(key);
  if (merged === undefined) {
    merged = [...(typed ?? []), ...engine.anyTypeRules].sort((a, b) => a.index - b.index);
    engine.rulesByType.set(key, merged);
  }
  return merged;
}

/** The object classes a rule's selector requires (`where` on `class` with eq or in), or null when it takes any. */
function requiredClasses(rule: CompiledRule): unknown[] | null {
  if (rule.spec.kind === 'sequence') return null;
  let classes: unknown[] | null = null;
  for (const condition of rule.selector.where) {
    if (condition.field !== 'class') continue;
    const allowed: unknown[] | null = condition.op === 'eq' ? [condition.value] : condition.op === 'in' && Array.isArray(condition.value) ? condition.value : null;
    if (allowed === null) continue;
    classes = classes === null ? allowed : classes.filter((value) => allowed.includes(value));
  }
  return classes;
}

/** The rules an event goes to: those of its type, less those that require another object class. */
function rulesForEvent(engine: RuleEngine, event: VigieEvent): CompiledRule[] {
  let byClass = engine.rulesByTypeAndClass.get(event.type);
  if (byClass === undefined) {
    byClass = new Map();
    engine.rulesByTypeAndClass.set(event.type, byClass);
  }
  const cls = event.data.class;
  let rules = byClass.get(cls);
  if (rules === undefined) {
    rules = rulesFor(engine, event.type).filter((rule) => {
      const classes = requiredClasses(rule);
      return classes === null || classes.includes(cls);
    });
    byClass.set(cls, rules);
  }
  return rules;
}

/**
 * Takes one event and returns the alerts it triggers (a new array, owned by the caller; empty
 * most of the time), in a fixed order. Never throws on bad live data: it is counted instead.
 */
export function processEvent(engine: RuleEngine, event: VigieEvent): VigieEvent[] {
  const out: VigieEvent[] = [];
  const { stats } = engine;
  if (event.category === 'alert' && engine.ruleIds.has(event.source)) {
    stats.recordedAlerts++;
    return out;
  }
  if (engine.seenIds.has(event.id)) {
    stats.duplicates++;
    return out;
  }
  if (!(event.timeS >= engine.lastTimeS)) {
    stats.outOfOrder++;
    return out;
  }
  if (event.timeS > engine.lastTimeS) {
    engine.seenIds.clear();
    if (event.timeS - engine.lastSweepS >= engine.sweepEveryS) {
      engine.lastSweepS = event.timeS;
      for (const rule of engine.rules) {
        if (rule.spec.kind === 'sequence') expireSequenceState(rule, event.timeS);
        else expireSimpleState(rule, event.timeS);
      }
    }
  }
  engine.seenIds.add(event.id);
  engine.lastTimeS = event.timeS;
  stats.events++;
  for (const rule of rulesForEvent(engine, event)) {
    if (rule.spec.kind === 'sequence') evaluateSequence(rule, event, stats, out);
    else evaluateSimpleRule(rule, event, stats, out);
  }
  for (let i = 0; i < out.length; i++) {
    const waiting = engine.subscribers.get(out[i].source);
    if (waiting !== undefined) for (const rule of waiting) evaluateSequence(rule, out[i], stats, out);
  }
  return out;
}

/** Runs a whole stream through a fresh engine: every alert, in order, and the engine's counters. */
export function runRules(ruleSet: RuleSetSpec, events: Iterable<VigieEvent>): { alerts: VigieEvent[]; stats: RuleStats } {
  const engine = createRuleEngine(ruleSet);
  const alerts: VigieEvent[] = [];
  for (const event of events) for (const alert of processEvent(engine, event)) alerts.push(alert);
  return { alerts, stats: engine.stats };
}
