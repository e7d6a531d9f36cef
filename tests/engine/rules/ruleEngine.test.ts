/**
 * The rule engine's time semantics, checked against small reference models on random streams
 * (fast-check, seeded: tests/setup.ts forbids Math.random, which fast-check would seed itself
 * from): sliding counts, persistence, sequences, suppression; and determinism, duplicates and
 * out-of-order input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VigieEvent } from '../../../engine/events/VigieEvent.ts';
import { createRuleEngine, processEvent, runRules } from '../../../engine/rules/RuleEngine.ts';
import type { RuleSetSpec, RuleSpec } from '../../../engine/rules/RuleSet.ts';
import { Stream, templates } from './eventStreams.ts';

const SEED = 20260505;
const RUNS = 300;

/** Sorted times on a 0.5 s grid (ties allowed), from gaps of 0 to 10 s. */
const timesArbitrary = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }).map((gaps) => {
  let t = 0;
  return gaps.map((gap) => (t += gap / 2));
});

function ping(timeS: number, n: number, data: VigieEvent['data'] = {}, type = 'WaterObserved'): VigieEvent {
  return { id: `s#${n}`, category: 'observation', type, source: 's', timeS, data };
}

function only(rule: RuleSpec): RuleSetSpec {
  return { rules: [rule] };
}

describe('count rules', () => {
  it('fire exactly when a reference model of the sliding window does, each event counting once', () => {
    fc.assert(
      fc.property(timesArbitrary, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }), (times, minCount, windowHalfS) => {
        const windowS = windowHalfS / 2;
        const events = times.map((t, i) => ping(t, i + 1));
        const { alerts } = runRules(only({ id: 'c', kind: 'count', severity: 'low', match: {}, windowS, minCount }), events);
        // Reference: the events not yet used; the window at time t is those later than t - windowS.
        const expected: string[][] = [];
        let unused: VigieEvent[] = [];
        for (const event of events) {
          unused = [...unused, event].filter((other) => other.timeS > event.timeS - windowS);
          if (unused.length >= minCount) {
            expected.push(unused.map((other) => other.id));
            unused = [];
          }
        }
        expect(alerts.map((alert) => alert.causes)).toEqual(expected);
        for (const alert of alerts) expect(alert.data.count).toBeGreaterThanOrEqual(minCount);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('take a rate as a count over the window', () => {
    const events = [0, 1, 2, 3].map((t, i) => ping(t, i + 1));
    const { alerts } = runRules(only({ id: 'r', kind: 'count', severity: 'low', match: {}, windowS: 4, minRatePerS: 1 }), events);
    expect(alerts.map((alert) => [alert.timeS, alert.data.ratePerS])).toEqual([[3, 1]]);
  });
});

describe('persistence rules', () => {
  it('fire once per episode when the condition has held for forS, as a reference model says', () => {
    fc.assert(
      fc.property(timesArbitrary, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.integer({ min: 0, max: 20 }), (times, truths, forHalfS) => {
        const forS = forHalfS / 2;
        const events = times.map((t, i) => ping(t, i + 1, { heightM: truths[i] ? 2 : 0 }));
        const rule: RuleSpec = { id: 'p', kind: 'persistence', severity: 'low', match: {}, condition: [{ field: 'heightM', op: 'gt', value: 1 }], forS };
        const { alerts } = runRules(only(rule), events);
        const expected: number[] = [];
        let startS: number | null = null;
        let fired = false;
        for (const event of events) {
          if (event.data.heightM !== 2) {
            startS = null;
            fired = false;
            continue;
          }
          startS ??= event.timeS;
          if (!fired && event.timeS - startS >= forS) {
            expected.push(event.timeS);
            fired = true;
          }
        }
        expect(alerts.map((alert) => alert.timeS)).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('restart the clock after a silence longer than maxGapS', () => {
    const rule: RuleSpec = { id: 'p', kind: 'persistence', severity: 'low', match: {}, forS: 10, maxGapS: 3 };
    expect(runRules(only(rule), [0, 2, 4, 8, 10, 12, 14].map((t, i) => ping(t, i + 1))).alerts).toEqual([]);
    expect(runRules(only(rule), [0, 2, 4, 6, 8, 10].map((t, i) => ping(t, i + 1))).alerts.map((a) => a.timeS)).toEqual([10]);
  });

  it('keep one clock per object: one person leaving the zone does not reset another', () => {
    const s = new Stream();
    for (let t = 0; t <= 12; t += 1) {
      s.track(t, 'a', 'person', 5, 5);
      s.track(t, 'b', 'person', t < 6 ? 5 : 50, 5); // b leaves the zone at 6 s
    }
    const ruleSet: RuleSetSpec = {
      zones: [{ id: 'z', polygon: [[0, 0], [10, 0], [10, 10], [0, 10]] }],
      rules: [{ id: 'stay', kind: 'persistence', severity: 'low', match: { types: ['tns1:VideoAnalytics/ObjectTrack'] }, zones: ['z'], forS: 10, per: ['object'] }],
    };
    expect(runRules(ruleSet, s.events()).alerts.map((alert) => [alert.timeS, alert.data.objectId])).toEqual([[10, 'a']]);
  });
});

describe('sequence rules', () => {
  it('fire on B after A within withinS, each A used once, as a reference model says', () => {
    fc.assert(
      fc.property(timesArbitrary, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (times, isA, withinS) => {
        const events = times.map((t, i) => ping(t, i + 1, {}, isA[i] ? 'A' : 'B'));
        const rule: RuleSpec = { id: 'ab', kind: 'sequence', severity: 'low', withinS, steps: [{ match: { types: ['A'] } }, { match: { types: ['B'] } }] };
        const { alerts } = runRules(only(rule), events);
        const expected: string[][] = [];
        let lastA: VigieEvent | null = null;
        for (const event of events) {
          if (event.type === 'A') lastA = event;
          else if (lastA !== null) {
            if (event.timeS - lastA.timeS <= withinS) expected.push([lastA.id, event.id]);
            lastA = null;
          }
        }
        expect(alerts.map((alert) => alert.causes)).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('chain another rule\'s alerts, in the same zone when per zone, with a product of confidences', () => {
    const ruleSet: RuleSetSpec = {
      rules: [
        { id: 'high', kind: 'event', severity: 'low', match: { types: ['WaterObserved'] }, condition: [{ field: 'heightM', op: 'gt', value: 3 }] },
        { id: 'crowd-then-high', kind: 'sequence', severity: 'high', withinS: 100, per: ['zone'], steps: [{ match: { types: ['CrowdFlowObserved'] } }, { rule: 'high' }] },
      ],
    };
    const events: VigieEvent[] = [
      { id: 'c#1', category: 'observation', type: 'CrowdFlowObserved', source: 'c', timeS: 0, zone: 'quay', confidence: 0.5, data: { peopleCount: 10 } },
      { id: 'g#1', category: 'observation', type: 'WaterObserved', source: 'g', timeS: 10, zone: 'bridge', confidence: 0.8, data: { heightM: 4 } },
      { id: 'g#2', category: 'observation', type: 'WaterObserved', source: 'g', timeS: 20, zone: 'quay', confidence: 0.8, data: { heightM: 4 } },
    ];
    const { alerts } = runRules(ruleSet, events);
    expect(alerts.map((alert) => alert.id)).toEqual(['high#1', 'high#2', 'crowd-then-high#1']);
    expect(alerts[2]).toMatchObject({ zone: 'quay', confidence: 0.4, causes: ['c#1', 'high#2'], data: { durationS: 20 } });
  });
});

describe('suppression', () => {
  it('never lets a rule fire twice for one group within suppressS, and lets other groups fire', () => {
    fc.assert(
      fc.property(timesArbitrary, fc.array(fc.constantFrom('north', 'south'), { minLength: 60, maxLength: 60 }), fc.integer({ min: 0, max: 30 }), (times, zones, suppressS) => {
        const events = times.map((t, i): VigieEvent => ({ ...ping(t, i + 1), zone: zones[i] }));
        const { alerts, stats } = runRules(only({ id: 'e', kind: 'event', severity: 'low', match: {}, suppressS }), events);
        const last = new Map<string, number>();
        for (const alert of alerts) {
          const before = last.get(alert.zone ?? '');
          if (before !== undefined) expect(alert.timeS - before).toBeGreaterThanOrEqual(suppressS);
          last.set(alert.zone ?? '', alert.timeS);
        }
        expect(alerts.length + stats.suppressed).toBe(events.length);
        expect(new Set(alerts.map((alert) => alert.zone)).size).toBe(new Set(zones.slice(0, events.length)).size);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('the rule engine', () => {
  it('gives byte-identical alerts for the same stream, run after run', () => {
    const s = new Stream();
    for (let t = 0; t <= 400; t += 0.5) {
      s.track(t, 'p1', 'person', 50, 75, { speedMps: t % 20 < 4 ? 4 : 0.2, posture: t > 300 ? 'lying' : 'standing' });
      if (t % 5 === 0) s.crowd(t, 'square', { densityPerM2: 3 + (t % 60) / 20, peopleCount: 20 + ((t * 7) % 90) });
    }
    const events = s.events();
    const first = JSON.stringify(runRules(templates(), events));
    const second = JSON.stringify(runRules(templates(), structuredClone(events)));
    expect(JSON.parse(first).alerts.length).toBeGreaterThan(10);
    expect(second).toBe(first);
  });

  it('forgets expired state without changing any alert, so the state stays the size of the active groups', () => {
    // Two hours of people who each walk in, stay a while (some long enough to loiter or lie on
    // the ground), run or not, and leave for good; crowd counts and a gauge alongside.
    const s = new Stream();
    for (let person = 0; person < 400; person++) {
      const startS = person * 18, stayS = 20 + ((person * 37) % 400);
      for (let t = startS; t <= startS + stayS; t += 2) {
        s.track(t, `p${person}`, person % 7 === 0 ? 'bag' : 'person', 20 + (person % 60), 20 + ((person * 13) % 60), {
          speedMps: person % 5 === 0 && t < startS + 10 ? 4 : 0.05, posture: person % 11 === 0 ? 'lying' : 'standing', nearestPersonM: 8,
        });
      }
    }
    for (let t = 0; t <= 7200; t += 5) s.crowd(t, 'square', { densityPerM2: 3 + (t % 90) / 20, peopleCount: 20 + ((t * 7) % 90) });
    const events = s.events();
    const run = (sweepEveryS: number) => {
      const engine = createRuleEngine(templates());
      engine.sweepEveryS = sweepEveryS;
      const alerts: VigieEvent[] = [];
      let largest = 0;
      for (const event of events) {
        alerts.push(...processEvent(engine, event));
        for (const rule of engine.rules) largest = Math.max(largest, rule.state.size, rule.lastAlertS.size);
      }
      return { alerts: JSON.stringify(alerts), count: alerts.length, largest, left: engine.rules.reduce((n, rule) => n + rule.state.size + rule.lastAlertS.size, 0) };
    };
    const kept = run(Infinity), swept = run(10), sweptOften = run(0.5);
    expect(kept.count).toBeGreaterThan(100);
    expect(swept.alerts).toBe(kept.alerts);
    expect(sweptOften.alerts).toBe(kept.alerts);
    // Without sweeping, the people who loitered, lay down or ran keep their entries for good (251
    // at the end); with it, only those of the last minutes (6).
    expect(kept.largest).toBeGreaterThanOrEqual(50);
    expect(kept.left).toBeGreaterThanOrEqual(200);
    expect(swept.largest).toBeLessThanOrEqual(10);
    expect(swept.left).toBeLessThan(kept.left / 10);
  });

  it('processes a repeated event once, sets late events aside and skips its own recorded alerts', () => {
    const engine = createRuleEngine(only({ id: 'e', kind: 'event', severity: 'low', match: {} }));
    expect(processEvent(engine, ping(5, 1)).map((alert) => alert.id)).toEqual(['e#1']);
    expect(processEvent(engine, ping(5, 1))).toEqual([]);
    expect(processEvent(engine, ping(4, 2))).toEqual([]);
    expect(processEvent(engine, { id: 'e#1', category: 'alert', type: 'Alert', source: 'e', timeS: 6, data: { ruleId: 'e' } })).toEqual([]);
    expect(engine.stats).toMatchObject({ events: 1, duplicates: 1, outOfOrder: 1, recordedAlerts: 1, alerts: 1 });
  });

  it('finds events in a drawn zone by position and in a named zone by id, and ignores disabled rules', () => {
    const ruleSet: RuleSetSpec = {
      zones: [{ id: 'z', polygon: [[0, 0], [10, 0], [10, 10], [0, 10]] }],
      rules: [
        { id: 'in-z', kind: 'event', severity: 'low', match: {}, zones: ['z'] },
        { id: 'off', kind: 'event', severity: 'low', match: {}, enabled: false },
      ],
    };
    const events: VigieEvent[] = [
      { ...ping(0, 1), x: 5, y: 5 },
      { ...ping(1, 2), x: 15, y: 5 },
      { ...ping(2, 3), zone: 'z' },
      ping(3, 4),
    ];
    expect(runRules(ruleSet, events).alerts.map((alert) => alert.causes?.[0])).toEqual(['s#1', 's#3']);
  });
});
