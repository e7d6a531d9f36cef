/**
 * Audit scoring (engine/audit/scoreAudit.ts) on hand-made runs: one-to-one matching within the
 * window, duplicates, false alarms and their causes, flag rates; and the intervals against
 * published values.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, normalQuantile, poissonRateInterval, wilsonInterval } from '../../../engine/audit/intervals.ts';
import { identificationFigures, scoreAudit, type AuditRun } from '../../../engine/audit/scoreAudit.ts';

const run = (partial: Partial<AuditRun>): AuditRun => ({
  seed: 1, durationS: 3600, cameras: 10, incidents: [], alarms: [], people: { ordinary: 100 }, behaviourOf: {}, privacy: { trips: 100, seen: 80, linkable: 20, observedS: 6000, tripS: 30_000 },
  series: { binS: 10, inside: [100, 90], maxDensityPerM2: [1, Number.NaN], meanDensityPerM2: [0.5, Number.NaN] }, ...partial,
});

describe('intervals', () => {
  it('match published values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    // Wilson interval of 0/10 is [0, 0.2775]; of 5/10, [0.2366, 0.7634] (Brown, Cai, DasGupta 2001 give the formula; values by hand).
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.2775, 3);
    expect(wilsonInterval(5, 10).low).toBeCloseTo(0.2366, 3);
    expect(wilsonInterval(5, 10).high).toBeCloseTo(0.7634, 3);
    // Chi-square quantiles (tables): χ²(0.975; 2) = 7.378, χ²(0.025; 20) = 9.591, χ²(0.975; 22) = 36.781.
    expect(chiSquareQuantile(0.975, 2)).toBeCloseTo(7.378, 0);
    expect(chiSquareQuantile(0.025, 20) / 9.591).toBeCloseTo(1, 2);
    expect(chiSquareQuantile(0.975, 22) / 36.781).toBeCloseTo(1, 2);
    // Poisson: 0 events in 1 h, upper bound 3.689 per hour; 10 events, [4.795, 18.39].
    expect(poissonRateInterval(0, 1).high).toBeCloseTo(3.689, 1);
    expect(poissonRateInterval(10, 1).low / 4.795).toBeCloseTo(1, 2);
    expect(poissonRateInterval(10, 1).high / 18.39).toBeCloseTo(1, 2);
  });
});

describe('matching', () => {
  const spec = { rules: { fall: ['fall'], noise: [] }, matchWindowS: 30, matchRadiusM: 50 };
  const incidents = [{ id: 'f1', type: 'fall', startS: 100, endS: 200, x: 0, y: 0 }, { id: 'f2', type: 'fall', startS: 1000, endS: 1100, x: 0, y: 0 }, { id: 'f3', type: 'fall', startS: 2000, endS: 2100, x: 0, y: 0 }];
  const score = scoreAudit([run({
    incidents,
    alarms: [
      { id: 'fall#1', rule: 'fall', timeS: 150, x: 3, y: 0, truth: ['incident/f1'] }, // detects f1
      { id: 'fall#2', rule: 'fall', timeS: 220, x: 3, y: 0, truth: ['incident/f1'] }, // within f1's window again: duplicate
      { id: 'fall#3', rule: 'fall', timeS: 1050, x: 500, y: 0, truth: ['agent/7'] }, // too far from f2: false alarm, a sitter
      { id: 'fall#4', rule: 'fall', timeS: 1500, truth: [] }, // nothing then: sensor noise
      { id: 'noise#1', rule: 'noise', timeS: 10, truth: ['agent/8', 'agent/9', 'agent/3'] },
    ],
    people: { ordinary: 90, sitting: 10 },
    behaviourOf: { 7: 'sitting', 8: 'ordinary', 9: 'ordinary', 3: 'sitting' },
  })], spec);

  it('count detections, misses, duplicates and false alarms, one incident per alarm', () => {
    const fall = score.byRule.fall;
    expect(fall).toMatchObject({ incidents: 3, detections: 1, misses: 2, duplicates: 1, falseAlarms: 2, alarms: 4 });
    expect(fall.recall.value).toBeCloseTo(1 / 3, 6);
    expect(fall.precision.value).toBeCloseTo(2 / 4, 6);
    expect(fall.falseAlarmsPerHour.value).toBe(2);
    expect(fall.falseAlarmsPerCameraHour.value).toBeCloseTo(0.2, 6);
    expect(fall.detectionCostRate).toBeCloseTo(2 / 3 + 0.005 * 2, 6);
    expect(score.byIncidentType.fall).toMatchObject({ incidents: 3, detections: 1, falseAlarms: 2, duplicates: 1 });
    expect(score.system).toMatchObject({ incidents: 3, detections: 1, falseAlarms: 3, alarms: 5 });
  });

  it('put each false alarm down to its cause, and the majority group of a crowd', () => {
    expect(score.byRule.fall.causes).toEqual({ 'behaviour:sitting': 1, 'sensor noise': 1 });
    expect(score.byRule.noise.causes).toEqual({ 'ordinary people': 1 });
    expect(score.alarms.find((alarm) => alarm.id === 'fall#2')).toMatchObject({ outcome: 'duplicate', incident: 'f1' });
  });

  it('give flag rates per group and their ratio to everybody', () => {
    // Flagged: agents 7, 3 (sitting: 2 of 10) and 8, 9 (ordinary: 2 of 90); 4 of 100 overall.
    expect(score.byGroup.sitting.flagRate.value).toBeCloseTo(0.2, 6);
    expect(score.byGroup.sitting.ratioToAverage).toBeCloseTo(0.2 / 0.04, 6);
    expect(score.byGroup.ordinary.ratioToAverage).toBeCloseTo(2 / 90 / 0.04, 6);
  });
});

describe('the privacy view and the base-rate calculator', () => {
  it('pool the trips seen, linkable and observed over runs', () => {
    const score = scoreAudit([run({}), run({ seed: 2, privacy: { trips: 100, seen: 60, linkable: 10, observedS: 4000, tripS: 30_000 } })], { rules: {} });
    expect(score.privacy.trips).toBe(200);
    expect(score.privacy.seen.value).toBeCloseTo(0.7, 9);
    expect(score.privacy.linkable.value).toBeCloseTo(0.15, 9);
    expect(score.privacy.meanObservedS).toBeCloseTo(50, 9);
    expect(score.privacy.observedShareOfTime).toBeCloseTo(10_000 / 60_000, 9);
  });

  it('average the density over time bin by bin, over the runs that counted', () => {
    const score = scoreAudit([run({}), run({ seed: 2, series: { binS: 10, inside: [50, 70], maxDensityPerM2: [3, 2], meanDensityPerM2: [1.5, 1] } })], { rules: {} });
    expect(score.densityOverTime).toEqual({ binS: 10, inside: [75, 80], maxDensityPerM2: [2, 2], meanDensityPerM2: [1, 1] });
  });

  it('size a watch-list search against the footfall: false matches swamp true ones', () => {
    // 100,000 people a day against 1,000 entries at FMR 1e-6: 1 - (1 - 1e-6)^1000 = 0.0009995 per person.
    const figures = identificationFigures({ watchListSize: 1000, falseMatchRate: 1e-6, trueMatchRate: 0.9, watchListedPerDay: 1 }, 100_000);
    expect(figures.falseMatchesPerDay).toBeCloseTo(99.95, 1);
    expect(figures.trueMatchesPerDay).toBeCloseTo(0.9, 9);
    expect(figures.falseShareOfMatches).toBeCloseTo(99.95 / 100.85, 4);
    // From the runs: 80 people seen in each 1-hour run, 1,920 a day.
    const score = scoreAudit([run({})], { rules: {}, identification: { watchListSize: 1000, falseMatchRate: 1e-6, trueMatchRate: 0.9 } });
    expect(score.identification!.footfallPerDay).toBeCloseTo(1920, 6);
  });
});

describe('threshold sweeps', () => {
  it('sweep the threshold a user would turn: a speed, a distance, a dwell, a count, a change', async () => {
    const { sweepVariants } = await import('../../../engine/audit/sweeps.ts');
    const { templates } = await import('../rules/eventStreams.ts');
    const rules = new Map(templates().rules.map((rule) => [rule.id, rule]));
    const swept = (id: string) => sweepVariants(rules.get(id)!);
    expect(swept('running')[0].parameter).toBe('condition.speedMps');
    expect(swept('running').map((v) => v.value)).toEqual([0.75, 1.5, 2.25, 3, 4.5, 6, 9, 12]);
    expect(swept('object-left-behind')[0].parameter).toBe('condition.nearestPersonM');
    expect(swept('person-on-ground')[0].parameter).toBe('forS');
    // Counts are whole and at least 1: 2 x (0.25 ... 4) gives 1, 2, 3, 4, 6, 8 once each.
    expect(swept('fire-smoke').map((v) => v.value)).toEqual([1, 2, 3, 4, 6, 8]);
    expect(swept('crowd-surge')[0].parameter).toBe('by');
    expect(swept('gunshot-then-dispersal')).toEqual([]);
    expect(swept('running').every((v) => v.id.startsWith('running~') && v.spec.id === v.id)).toBe(true);
    // The original rule is left as it was.
    expect(rules.get('running')!.condition![0].value).toBe(3);
  });
});

describe('floods as ground truth', () => {
  it('are the times the hydrograph stands above the level, found exactly on each segment', async () => {
    const { floodIntervals } = await import('../../../engine/audit/floodTruth.ts');
    // 1 m at 0 s, 3 m at 1000 s, 1 m at 2000 s: above 2 m from 500 s to 1500 s.
    expect(floodIntervals([[0, 1], [1000, 3], [2000, 1]], 2, 3600)).toEqual([[500, 1500]]);
    // Held at the ends: above from the start, and still above at the end of the run.
    expect(floodIntervals([[600, 2.5], [1200, 1.5], [1800, 2.5]], 2, 2400)).toEqual([[0, 900], [1500, 2400]]);
    expect(floodIntervals([[0, 1], [1000, 1.5]], 2, 3600)).toEqual([]);
  });
});
