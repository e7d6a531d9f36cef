/**
 * Every ready template (scenarios/rules/safe-city-templates.json) fires on a synthetic stream built
 * to trigger it and stays silent on one built not to. Each stream runs through the whole template
 * set, so the other rules see it too; only the template under test is checked.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/rules/RuleEngine.ts';
import { Stream, templates, times } from './eventStreams.ts';

type Case = { rule: string; fires: () => Stream; silent: () => Stream };

const cases: Case[] = [
  {
    rule: 'crowd-density',
    fires: () => times(0, 60, 5).reduce((s, t) => s.crowd(t, 'square', { densityPerM2: 4.5, peopleCount: 900 }), new Stream()),
    silent: () => {
      const s = new Stream();
      // Dense but never for 30 s in a row, and dense for a minute in another zone.
      for (const t of times(0, 120, 5)) s.crowd(t, 'square', { densityPerM2: t % 25 === 0 ? 3.5 : 4.5 });
      for (const t of times(0, 120, 5)) s.crowd(t, 'market', { densityPerM2: 5 });
      return s;
    },
  },
  {
    rule: 'crowd-surge',
    fires: () => new Stream().crowd(0, 'square', { peopleCount: 30 }).crowd(10, 'square', { peopleCount: 45 }).crowd(20, 'square', { peopleCount: 65 }),
    silent: () => {
      const s = new Stream();
      for (const [t, n] of [[0, 30], [30, 50], [60, 65], [90, 80]]) s.crowd(t, 'square', { peopleCount: n });
      for (const [t, n] of [[0, 5], [10, 12], [20, 19]]) s.crowd(t, 'quay', { peopleCount: n }); // small numbers: under minBase
      return s;
    },
  },
  {
    rule: 'crowd-dispersal',
    fires: () => new Stream().crowd(0, 'square', { peopleCount: 100 }).crowd(5, 'square', { peopleCount: 70 }).crowd(10, 'square', { peopleCount: 40 }),
    silent: () => new Stream().crowd(0, 'square', { peopleCount: 100 }).crowd(15, 'square', { peopleCount: 60 }).crowd(30, 'square', { peopleCount: 40 }),
  },
  {
    rule: 'person-on-ground',
    fires: () => times(0, 12, 0.5).reduce((s, t) => s.track(t, 'p1', 'person', 10, 10, { posture: 'lying', speedMps: 0 }), new Stream()),
    silent: () =>
      // Lying 8 s, up for 1 s, lying 8 s again.
      times(0, 17, 0.5).reduce((s, t) => s.track(t, 'p1', 'person', 10, 10, { posture: t > 8 && t < 9 ? 'standing' : 'lying', speedMps: 0 }), new Stream()),
  },
  {
    rule: 'object-left-behind',
    fires: () => times(0, 70, 1).reduce((s, t) => s.track(t, 'b1', 'bag', 20, 20, { speedMps: 0, nearestPersonM: 12 }), new Stream()),
    silent: () => {
      const s = new Stream();
      for (const t of times(0, 90, 1)) s.track(t, 'b1', 'bag', 20, 20, { speedMps: 0, nearestPersonM: 2 }); // its owner stays by it
      for (const t of times(0, 50, 1)) s.track(t, 'b2', 'bag', 30, 20, { speedMps: 0, nearestPersonM: 12 }); // left only 50 s
      return s;
    },
  },
  {
    rule: 'intrusion',
    fires: () => new Stream().track(3, 'p7', 'person', 70, 5),
    silent: () => new Stream().track(3, 'p7', 'person', 85, 5).track(4, 'v1', 'vehicle', 70, 5).track(5, 'p8', 'person', 70, 5, {}, 0.2),
  },
  {
    rule: 'wrong-way',
    fires: () => new Stream().add({ category: 'analytic', type: 'tns1:RuleEngine/LineDetector/Crossed', source: 'line:gate', timeS: 4, data: { objectId: 'p2', class: 'person', direction: 'against' } }),
    silent: () =>
      times(0, 19, 1).reduce(
        (s, t) => s.add({ category: 'analytic', type: 'tns1:RuleEngine/LineDetector/Crossed', source: 'line:gate', timeS: t, data: { objectId: `p${t}`, class: 'person', direction: 'with' } }),
        new Stream(),
      ),
  },
  {
    rule: 'vehicle-in-pedestrian-zone',
    fires: () => times(0, 3, 0.5).reduce((s, t) => s.track(t, 'v1', 'vehicle', 10 + 2 * t, 50, { speedMps: 2 }), new Stream()),
    silent: () => {
      const s = new Stream();
      for (const t of times(0, 5, 0.5)) s.track(t, 'v1', 'vehicle', 10 + 8 * t, 30, { speedMps: 8 }); // on the road beside it
      for (const t of times(0, 5, 0.5)) s.track(t, 'p1', 'person', 10 + t, 50, { speedMps: 1.3 });
      return s;
    },
  },
  {
    rule: 'vehicle-speeding',
    fires: () => times(0, 2, 0.2).reduce((s, t) => s.track(t, 'v2', 'vehicle', 16 * t, 30, { speedMps: 16 }), new Stream()),
    silent: () => times(0, 10, 0.2).reduce((s, t) => s.track(t, 'v2', 'vehicle', 12 * t, 30, { speedMps: Math.abs(t - 5) < 0.01 ? 20 : 12 }), new Stream()),
  },
  {
    rule: 'loitering',
    fires: () => times(0, 320, 5).reduce((s, t) => s.track(t, 'p3', 'person', 50 + Math.sin(t) * 3, 75, { speedMps: 0.3 }), new Stream()),
    silent: () => {
      const s = new Stream();
      for (const t of times(0, 60, 1)) s.track(t, 'p4', 'person', 1.4 * t, 75, { speedMps: 1.4 }); // walks along the quay
      for (const t of times(0, 200, 5)) s.track(t, 'p5', 'person', 50, 75, { speedMps: 0 }); // stays 200 s
      for (const t of times(0, 400, 5)) s.track(t, 'p6', 'person', 50, 90, { speedMps: 0 }); // off the quay
      return s;
    },
  },
  {
    rule: 'running',
    fires: () => times(0, 3, 0.2).reduce((s, t) => s.track(t, 'p9', 'person', 4 * t, 20, { speedMps: 4 }), new Stream()),
    silent: () => times(0, 60, 0.2).reduce((s, t) => s.track(t, 'p9', 'person', 1.4 * t, 20, { speedMps: Math.abs(t - 30) < 0.01 ? 4.5 : 1.4 }), new Stream()),
  },
  {
    rule: 'weapon',
    fires: () => new Stream().add({ category: 'analytic', type: 'vigie:WeaponDetected', source: 'cam:3', timeS: 4, x: 20, y: 20, confidence: 0.82, data: { kind: 'weapon', camera: 'cam:3' } }),
    // A mistaken score under the rule's 0.6, and a fire.
    silent: () => new Stream()
      .add({ category: 'analytic', type: 'vigie:WeaponDetected', source: 'cam:3', timeS: 4, x: 20, y: 20, confidence: 0.55, data: { kind: 'weapon', camera: 'cam:3', objectId: 'cam:3/7' } })
      .add({ category: 'analytic', type: 'vigie:FireSmokeDetected', source: 'cam:3', timeS: 5, zone: 'square', confidence: 0.9, data: { kind: 'fire' } }),
  },
  {
    rule: 'fight',
    fires: () => new Stream().add({ category: 'analytic', type: 'vigie:ViolenceDetected', source: 'cam:3', timeS: 4, x: 20, y: 20, confidence: 0.75, data: { kind: 'fight', camera: 'cam:3' } }),
    silent: () => new Stream().add({ category: 'analytic', type: 'vigie:ViolenceDetected', source: 'cam:3', timeS: 4, x: 20, y: 20, confidence: 0.4, data: { kind: 'fight', camera: 'cam:3', objectId: 'cam:3/2' } }),
  },
  {
    rule: 'fire-smoke',
    fires: () => {
      const s = new Stream();
      for (const t of [0, 10]) s.add({ category: 'analytic', type: 'vigie:FireSmokeDetected', source: 'cam:3', timeS: t, zone: 'square', confidence: 0.6, data: { kind: 'smoke' } });
      return s;
    },
    silent: () => {
      const s = new Stream();
      for (const t of [0, 60, 120]) s.add({ category: 'analytic', type: 'vigie:FireSmokeDetected', source: 'cam:3', timeS: t, zone: 'square', confidence: 0.6, data: { kind: 'smoke' } });
      for (const t of [200, 201]) s.add({ category: 'analytic', type: 'vigie:FireSmokeDetected', source: 'cam:3', timeS: t, zone: 'square', confidence: 0.2, data: { kind: 'fire' } });
      return s;
    },
  },
  {
    rule: 'tram-overcrowding',
    fires: () => new Stream().crowd(100, 'tram-T1', { occupancy: 210, capacity: 200 }, 'tram:T1'),
    silent: () => new Stream().crowd(100, 'tram-T1', { occupancy: 150, capacity: 200 }, 'tram:T1').crowd(100, 'square', { peopleCount: 900, occupancy: 900 }),
  },
  {
    rule: 'river-level-rising',
    fires: () => times(0, 3600, 600).reduce((s, t) => s.add({ category: 'observation', type: 'WaterObserved', source: 'gauge:1', timeS: t, data: { heightM: 1 + (0.1 * t) / 600 } }), new Stream()),
    silent: () => times(0, 7200, 600).reduce((s, t) => s.add({ category: 'observation', type: 'WaterObserved', source: 'gauge:1', timeS: t, data: { heightM: 1 + (0.04 * t) / 600 } }), new Stream()),
  },
  {
    rule: 'gunshot-then-dispersal',
    fires: () =>
      new Stream()
        .add({ category: 'analytic', type: 'tns1:AudioAnalytics/Audio/DetectedSound', source: 'mic:1', timeS: 2, x: 20, y: 15, confidence: 0.8, data: { class: 'gunshot', levelDb: 110 } })
        .crowd(5, 'square', { peopleCount: 120 })
        .crowd(15, 'square', { peopleCount: 40 }),
    silent: () =>
      new Stream()
        .crowd(5, 'square', { peopleCount: 120 })
        .crowd(15, 'square', { peopleCount: 40 }) // a dispersal with no gunshot before it
        .add({ category: 'analytic', type: 'tns1:AudioAnalytics/Audio/DetectedSound', source: 'mic:1', timeS: 100, confidence: 0.8, data: { class: 'gunshot' } })
        .crowd(200, 'square', { peopleCount: 120 })
        .crowd(210, 'square', { peopleCount: 40 }), // a dispersal 110 s after the shot
  },
];

describe('safe-city rule templates', () => {
  const ruleSet = templates();

  it('has a synthetic test case for every template', () => {
    expect(cases.map((entry) => entry.rule).sort()).toEqual(ruleSet.rules.map((rule) => rule.id).sort());
  });

  it.each(cases)('$rule fires on a stream built to trigger it', ({ rule, fires }) => {
    const { alerts } = runRules(ruleSet, fires().events());
    const mine = alerts.filter((alert) => alert.source === rule);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    for (const alert of mine) {
      expect(alert).toMatchObject({ category: 'alert', type: 'Alert', data: { ruleId: rule } });
      expect(alert.causes?.length).toBeGreaterThanOrEqual(1);
      expect(alert.confidence).toBeGreaterThan(0);
    }
  });

  it.each(cases)('$rule stays silent on a stream built not to trigger it', ({ rule, silent }) => {
    const { alerts } = runRules(ruleSet, silent().events());
    expect(alerts.filter((alert) => alert.source === rule)).toEqual([]);
  });

  it('reports the figures behind an alert: duration, counts, change', () => {
    const density = runRules(ruleSet, cases[0].fires().events()).alerts.find((alert) => alert.source === 'crowd-density');
    expect(density).toMatchObject({ timeS: 30, zone: 'square', severity: 'high', data: { durationS: 30, samples: 7, kind: 'persistence' } });
    const fire = runRules(ruleSet, cases.find((entry) => entry.rule === 'fire-smoke')!.fires().events()).alerts[0];
    // noisy-OR of two detections of 0.6: 1 - 0.4².
    expect(fire).toMatchObject({ source: 'fire-smoke', confidence: 0.84, data: { count: 2 }, causes: ['cam:3#1', 'cam:3#2'] });
    const river = runRules(ruleSet, cases.find((entry) => entry.rule === 'river-level-rising')!.fires().events()).alerts[0];
    expect(river).toMatchObject({ timeS: 1800, data: { fromValue: 1, toValue: 1.3, deviceSource: 'gauge:1' } });
  });
});
