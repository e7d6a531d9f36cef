/**
 * Synthetic event streams for the rule tests: small builders that number events per source the
 * way VigieEvent ids are numbered (`${source}#${n}`), and the templates file, loaded once.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VigieEvent } from '../../../engine/events/VigieEvent.ts';
import { loadRules } from '../../../engine/rules/loadRules.ts';
import type { RuleSetSpec } from '../../../engine/rules/RuleSet.ts';

export const TEMPLATES_PATH = resolve(import.meta.dirname, '../../../scenarios/rules/safe-city-templates.json');

/** The ready templates, checked by the loader. */
export function templates(): RuleSetSpec {
  return loadRules(readFileSync(TEMPLATES_PATH, 'utf8'), 'safe-city-templates.json');
}

/** A stream under construction: events are appended with per-source ids, then sorted by time. */
export class Stream {
  private readonly counters = new Map<string, number>();
  private readonly list: VigieEvent[] = [];

  add(event: Omit<VigieEvent, 'id'>): this {
    const n = (this.counters.get(event.source) ?? 0) + 1;
    this.counters.set(event.source, n);
    this.list.push({ id: `${event.source}#${n}`, ...event });
    return this;
  }

  /** A camera track sample (`tns1:VideoAnalytics/ObjectTrack`). */
  track(timeS: number, objectId: string, cls: string, x: number, y: number, data: VigieEvent['data'] = {}, confidence = 0.9): this {
    return this.add({ category: 'analytic', type: 'tns1:VideoAnalytics/ObjectTrack', source: 'cam:1', timeS, x, y, confidence, data: { objectId, class: cls, ...data } });
  }

  /** A crowd-flow observation of a zone (`CrowdFlowObserved`). */
  crowd(timeS: number, zone: string, data: VigieEvent['data'], source = `counter:${zone}`): this {
    return this.add({ category: 'observation', type: 'CrowdFlowObserved', source, timeS, zone, data });
  }

  /** The events sorted by time (stable: same-time events keep their order). */
  events(): VigieEvent[] {
    return this.list.map((event, i) => [event, i] as const).sort((a, b) => a[0].timeS - b[0].timeS || a[1] - b[1]).map(([event]) => event);
  }
}

/** Times from `fromS` to `toS` inclusive every `stepS` (integer arithmetic, no drift). */
export function times(fromS: number, toS: number, stepS: number): number[] {
  const count = Math.round((toS - fromS) / stepS);
  return Array.from({ length: count + 1 }, (_, i) => fromS + i * stepS);
}
