/**
 * Audits of simulated runs (issue 6, must show): a rule perfect by construction has recall 1 and
 * no false alarm; a rule that fires at random at a known rate is measured at that rate, within
 * its interval; people sitting on the grass are the cause of a person-on-ground rule's false
 * alarms and are over-flagged; the same seeds give the same audit, more runs narrower intervals.
 */
import { describe, expect, it } from 'vitest';
import { scoreAudit, type AuditRun } from '../../../engine/audit/scoreAudit.ts';
import { withSweepVariants } from '../../../engine/audit/sweeps.ts';
import { validateScenario } from '../../../engine/index.ts';
import { auditRun } from '../../../engine/run/auditRun.ts';
import { validateRules } from '../../../engine/rules/loadRules.ts';
import type { RuleSetSpec } from '../../../engine/rules/RuleSet.ts';
import { templates } from '../rules/eventStreams.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const GEOMETRY = { walkable: [rect(0, 0, 80, 80)], exits: [{ id: 'e', polygon: rect(80, 38, 80.5, 42) }] };

function runs(scenario: object, rules: RuleSetSpec, seeds: number[], swept: string[] = []): AuditRun[] {
  const checked = validateScenario(scenario, 'audit.json');
  return seeds.map((seed) => auditRun(checked, 'audit.json', rules, seed, swept));
}

describe('audits of simulated runs', () => {
  it('a rule perfect by construction: every fire in a close camera\'s view detected, no false alarm', () => {
    // Five fires, 5 min apart (the template suppresses a zone's alerts for 5 min), 15 m from a
    // camera that makes no false detection: it sees a fire (p about 0.98 a frame) within a second.
    const fires = [0, 1, 2, 3, 4].map((k) => ({ id: `fire${k}`, type: 'fire', at: [30 + 5 * k, 40], startS: 10 + 310 * k, endS: 70 + 310 * k }));
    const scenario = {
      name: 'fires', seed: 1, durationS: 1600, stopWhenEmpty: false, geometry: GEOMETRY, incidents: fires,
      sensors: { cameras: [{ id: 'c', at: [40, 20], heightM: 8, headingDeg: 0, fovDeg: 90, rangeM: 60, falseDetectionsPerHour: 0 }] },
    };
    const score = scoreAudit(runs(scenario, templates(), [1, 2]), { rules: { 'fire-smoke': ['fire'] } });
    expect(score.byRule['fire-smoke']).toMatchObject({ incidents: 10, detections: 10, misses: 0, falseAlarms: 0 });
    expect(score.byRule['fire-smoke'].recall.value).toBe(1);
    expect(score.byIncidentType.fire.recall.value).toBe(1);
  });

  it('a rule that fires at random at a known rate is measured at that rate, inside its interval', () => {
    // Microphones that hear nothing real but raise 60 false sounds an hour; a rule on any sound.
    const rules = validateRules({ rules: [{ id: 'any-sound', kind: 'event', severity: 'low', match: { types: ['tns1:AudioAnalytics/Audio/DetectedSound'] } }] }, 'rules.json');
    const scenario = { name: 'noise', seed: 1, durationS: 1800, stopWhenEmpty: false, geometry: GEOMETRY, devices: { microphones: [{ id: 'm', at: [40, 40], falseAlarmsPerHour: 60 }] } };
    const few = scoreAudit(runs(scenario, rules, [1, 2]), { rules: { 'any-sound': [] } });
    const many = scoreAudit(runs(scenario, rules, [1, 2, 3, 4, 5, 6, 7, 8]), { rules: { 'any-sound': [] } });
    for (const score of [few, many]) {
      const rate = score.byRule['any-sound'].falseAlarmsPerHour;
      expect(rate.low).toBeLessThan(60);
      expect(rate.high).toBeGreaterThan(60);
      expect(score.byRule['any-sound'].causes).toEqual({ 'sensor noise': score.byRule['any-sound'].falseAlarms });
    }
    // More runs, a narrower interval.
    const width = (score: typeof few) => score.byRule['any-sound'].falseAlarmsPerHour.high - score.byRule['any-sound'].falseAlarmsPerHour.low;
    expect(width(many)).toBeLessThan(width(few) * 0.6);
  });

  it('people sitting on the grass cause the person-on-ground false alarms and are over-flagged', () => {
    // A park: 150 people sitting on the lawn, 150 walking across, four cameras; nobody falls.
    const scenario = {
      name: 'park', seed: 1, durationS: 120, stopWhenEmpty: false, geometry: GEOMETRY, navigation: { cellM: 0.5 },
      pedestrians: [
        { id: 'lawn', count: 150, spawn: { polygon: rect(20, 20, 60, 60) }, desiredSpeedMps: 1.3, goal: 'e', behaviour: 'sitting' },
        { id: 'walkers', count: 150, spawn: { polygon: rect(2, 2, 78, 18) }, desiredSpeedMps: 1.3, goal: 'e' },
      ],
      sensors: { cameras: [[0, 40, 90], [80, 40, 270], [40, 0, 0], [40, 80, 180]].map(([x, y, h], k) => ({ id: `c${k}`, at: [x, y], heightM: 8, headingDeg: h, fovDeg: 80, rangeM: 60 })) },
    };
    const records = runs(scenario, templates(), [1, 2], ['person-on-ground']);
    const score = scoreAudit(records, { rules: { 'person-on-ground': ['fall'] } }, withSweepVariants(templates(), ['person-on-ground']).variants);
    const rule = score.byRule['person-on-ground'];
    expect(rule.falseAlarms).toBeGreaterThan(10);
    expect(rule.causes['behaviour:sitting']).toBeGreaterThan(rule.falseAlarms * 0.8);
    expect(score.byGroup.sitting.ratioToAverage).toBeGreaterThan(1.5);
    expect(score.byGroup.sitting.flagRate.low).toBeGreaterThan(score.byGroup.ordinary.flagRate.high);
    // The privacy view: most trips seen (four cameras over an 80 m park), fewer followable end to end.
    expect(score.privacy.seen.value).toBeGreaterThan(0.5);
    expect(score.privacy.linkable.value).toBeLessThanOrEqual(score.privacy.seen.value);
    expect(score.privacy.meanObservedS).toBeGreaterThan(10);
    expect(score.privacy.observedShareOfTime).toBeLessThanOrEqual(1);
    // The DET curve: the dwell of 10 s swept from 2.5 s to 40 s; a longer dwell, fewer false alarms.
    const det = score.det['person-on-ground'];
    expect(det.parameter).toBe('forS');
    expect(det.points.map((point) => point.value)).toEqual([2.5, 5, 7.5, 10, 15, 20, 30, 40]);
    const fa = det.points.map((point) => point.falseAlarmsPerHour);
    expect(fa[3]).toBeCloseTo(rule.falseAlarmsPerHour.value, 9);
    expect(fa[7]).toBeLessThan(fa[0]);
    for (let k = 1; k < fa.length; k++) expect(fa[k]).toBeLessThanOrEqual(fa[k - 1]);
    // The same seeds, the same audit.
    const again = runs(scenario, templates(), [1, 2], ['person-on-ground']);
    expect(JSON.stringify(scoreAudit(again, { rules: { 'person-on-ground': ['fall'] } }, withSweepVariants(templates(), ['person-on-ground']).variants))).toBe(JSON.stringify(score));
  });

  it('people entering a forbidden zone are ground truth, and an intrusion rule on the same zone finds them', () => {
    // Twelve walkers cross a 6 m strip in front of a camera; the rule and the audit share the polygon.
    const strip = rect(36, 0, 42, 80);
    const rules = validateRules({
      zones: [{ id: 'strip', polygon: strip }],
      rules: [{ id: 'intrusion', kind: 'event', severity: 'high', match: { types: ['tns1:VideoAnalytics/ObjectTrack'], where: [{ field: 'class', op: 'eq', value: 'person' }] }, zones: ['strip'], per: ['object'], suppressS: 60 }],
    }, 'rules.json');
    const scenario = {
      name: 'strip', seed: 1, durationS: 90, stopWhenEmpty: false, geometry: GEOMETRY, navigation: { cellM: 0.5 },
      pedestrians: [{ id: 'crossers', count: 12, spawn: { polygon: rect(2, 30, 10, 50) }, desiredSpeedMps: 1.3, goal: 'e' }],
      sensors: { cameras: [{ id: 'c', at: [39, 10], heightM: 8, headingDeg: 0, fovDeg: 70, rangeM: 60, falseDetectionsPerHour: 0 }] },
      audit: { rules: { intrusion: ['intrusion'] }, zones: [{ id: 'strip', type: 'intrusion', polygon: strip }] },
    };
    const records = runs(scenario, rules, [1, 2]);
    expect(records[0].incidents.filter((incident) => incident.type === 'intrusion').length).toBe(12);
    const score = scoreAudit(records, { rules: { intrusion: ['intrusion'] } });
    expect(score.byRule.intrusion.incidents).toBe(24);
    expect(score.byRule.intrusion.recall.value).toBeGreaterThan(0.8);
    expect(score.byRule.intrusion.falseAlarms).toBeLessThanOrEqual(2);
  });

  it('crossings against a line and a packed zone are ground truth: wrong way and excessive density', () => {
    // Eight people walk east and eight west across a line drawn north (its prescribed direction:
    // east to west); a camera watches the line. Sixty people stand packed in a 3 m x 4 m pen.
    const line = { id: 'l', from: [40, 20], to: [40, 60] } as { id: string; from: [number, number]; to: [number, number] };
    const scenario = {
      name: 'ways', seed: 1, durationS: 90, stopWhenEmpty: false, navigation: { cellM: 0.5 },
      geometry: { walkable: [rect(0, 0, 80, 80)], exits: [{ id: 'e', polygon: rect(80, 38, 80.5, 42) }, { id: 'w', polygon: rect(-0.5, 38, 0, 42) }] },
      pedestrians: [
        { id: 'eastbound', count: 8, spawn: { polygon: rect(20, 30, 28, 50) }, desiredSpeedMps: 1.3, goal: 'e' },
        { id: 'westbound', count: 8, spawn: { polygon: rect(52, 30, 60, 50) }, desiredSpeedMps: 1.3, goal: 'w' },
        { id: 'pen', count: 60, spawn: { polygon: rect(5, 5, 8, 9) }, desiredSpeedMps: 1.3, goal: 'e', preMovementS: 1000 },
      ],
      sensors: { cameras: [{ id: 'c', at: [40, 5], heightM: 8, headingDeg: 0, fovDeg: 80, rangeM: 60, falseDetectionsPerHour: 0, lines: [{ id: 'l', from: [40, 20], to: [40, 60] }] }] },
      audit: { rules: { 'wrong-way': ['wrongWay'], 'crowd-density': ['density'] }, lines: [{ ...line, type: 'wrongWay' }], zones: [{ id: 'pen', type: 'density', polygon: rect(4.5, 4.5, 8.5, 9.5), densityAbovePerM2: 2, forS: 5 }] },
    };
    const records = runs(scenario, templates(), [1]);
    const incidents = records[0].incidents;
    // Against the line (from its left, the west of a line drawn north, to its right): the eastbound.
    expect(incidents.filter((incident) => incident.type === 'wrongWay')).toHaveLength(8);
    expect(incidents.filter((incident) => incident.type === 'wrongWay').every((incident) => incident.id.startsWith('l/'))).toBe(true);
    const density = incidents.filter((incident) => incident.type === 'density');
    expect(density).toHaveLength(1);
    expect(density[0].startS).toBeCloseTo(5, 0);
    expect(density[0].endS).toBe(90);
    const score = scoreAudit(records, { rules: { 'wrong-way': ['wrongWay'] } });
    expect(score.byRule['wrong-way'].recall.value).toBeGreaterThan(0.7);
    expect(score.byRule['wrong-way'].falseAlarms).toBeLessThanOrEqual(1);
  });

  it('couriers who set parcels down and walk off cause object-left-behind false alarms', () => {
    // Ten couriers stand 9-14 m from a camera for 20 s, then walk away; their parcels (0.5 m, about
    // 170 px/m here: seen 9 frames in 10) stay 120 s more.
    const scenario = {
      name: 'parcels', seed: 1, durationS: 200, stopWhenEmpty: false, geometry: GEOMETRY, navigation: { cellM: 0.5 },
      pedestrians: [{ id: 'couriers', count: 10, spawn: { points: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => [34 + 1.2 * k, 31 + 2.5 * (k % 3)] as [number, number]) }, desiredSpeedMps: 1.3, goal: 'e', preMovementS: 20, behaviour: 'delivery' }],
      sensors: { cameras: [{ id: 'c', at: [40, 22], heightM: 6, headingDeg: 0, fovDeg: 60, rangeM: 40, falseDetectionsPerHour: 0 }] },
    };
    const score = scoreAudit(runs(scenario, templates(), [1]), { rules: { 'object-left-behind': ['object'] } });
    const rule = score.byRule['object-left-behind'];
    expect(rule.incidents).toBe(0);
    expect(rule.falseAlarms).toBeGreaterThanOrEqual(5);
    expect(rule.causes).toEqual({ 'behaviour:delivery': rule.falseAlarms });
    expect(score.byGroup.delivery.flagged).toBeGreaterThanOrEqual(5);
  });

  it('vehicles entering a pedestrian zone are ground truth, found by the template on the same zone', () => {
    const zone = rect(0, 40, 100, 60);
    const scenario = {
      name: 'cars', seed: 1, durationS: 120, stopWhenEmpty: false, geometry: { walkable: [rect(0, -20, 100, 30)], exits: [{ id: 'e', polygon: rect(100, 0, 100.5, 4) }] },
      traffic: { roads: { nodes: [[-20, 50], [120, 50]], links: [{ from: 0, to: 1, speedKph: 30 }] }, demand: [{ id: 'cars', from: 0, to: 1, vehiclesPerHour: 240, fromS: 0, toS: 60 }] },
      sensors: { cameras: [{ id: 'c', at: [50, 30], heightM: 6, headingDeg: 0, fovDeg: 120, rangeM: 60, falseDetectionsPerHour: 0 }] },
      audit: { rules: { 'vehicle-in-pedestrian-zone': ['vehicleInZone'] }, zones: [{ id: 'pedestrian-zone', type: 'vehicleInZone', of: 'vehicles', polygon: zone }] },
    };
    const records = runs(scenario, templates(), [1, 2]);
    const entries = records.flatMap((run) => run.incidents.filter((incident) => incident.type === 'vehicleInZone'));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.every((incident) => /^pedestrian-zone\/vehicle-\d+\/1$/.test(incident.id))).toBe(true);
    const score = scoreAudit(records, { rules: { 'vehicle-in-pedestrian-zone': ['vehicleInZone'] } });
    expect(score.byRule['vehicle-in-pedestrian-zone'].recall.value).toBeGreaterThan(0.7);
  });

  it('a crowd that runs off is ground truth (crowd movement), found by the dispersal rule on a camera\'s count', () => {
    const scene = (leaveS: number) => ({
      name: 'dispersal', seed: 1, durationS: 60, stopWhenEmpty: false, geometry: GEOMETRY, navigation: { cellM: 0.5 },
      pedestrians: [{ id: 'crowd', count: 40, spawn: { polygon: rect(34, 27, 46, 35) }, desiredSpeedMps: 2.5, goal: 'e', preMovementS: leaveS }],
      sensors: { cameras: [{ id: 'c', at: [40, 20], heightM: 6, headingDeg: 0, fovDeg: 60, rangeM: 20, countEveryS: 2, falseDetectionsPerHour: 0 }] },
      audit: { rules: { 'crowd-dispersal': ['crowdMovement'] }, zones: [{ id: 'square', type: 'crowdMovement', polygon: rect(30, 22, 50, 40), countChange: { by: -0.5, overS: 15, minCount: 20 } }] },
    });
    const left = runs(scene(20), templates(), [1]);
    expect(left[0].incidents.filter((incident) => incident.type === 'crowdMovement')).toHaveLength(1);
    expect(scoreAudit(left, { rules: { 'crowd-dispersal': ['crowdMovement'] } }).byRule['crowd-dispersal']).toMatchObject({ incidents: 1, detections: 1, falseAlarms: 0 });
    const stayed = runs(scene(100_000), templates(), [1]);
    expect(stayed[0].incidents).toHaveLength(0);
  });

  it('a flood is ground truth while the river stands above its level, and a rising river warns of it', () => {
    // The river rises from 1 m to 2.5 m over 20 min: above 2 m from 800 s. The rising-river rule
    // (+0.3 m within an hour) warns at about 4 min: an early warning, matched with a 15 min lead.
    const scenario = {
      name: 'flood', seed: 1, durationS: 1500, stopWhenEmpty: false, geometry: GEOMETRY,
      river: { levelM: [[0, 1], [1200, 2.5]] }, devices: { waterGauges: [{ id: 'gauge', at: [40, 40] }] },
      audit: { rules: { 'river-level-rising': ['flood'] }, flood: { levelAboveM: 2 }, matchLeadS: 900 },
    };
    const records = runs(scenario, templates(), [1]);
    const floods = records[0].incidents.filter((incident) => incident.type === 'flood');
    expect(floods).toEqual([{ id: 'flood-1', type: 'flood', startS: 800, endS: 1500 }]);
    const score = scoreAudit(records, { rules: { 'river-level-rising': ['flood'] }, matchLeadS: 900 });
    expect(score.byRule['river-level-rising']).toMatchObject({ incidents: 1, detections: 1, falseAlarms: 0 });
    // Without the lead, the warning comes too early to count.
    expect(scoreAudit(records, { rules: { 'river-level-rising': ['flood'] } }).byRule['river-level-rising'].detections).toBe(0);
  });
});

