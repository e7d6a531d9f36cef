/**
 * Sensors other than cameras, each against its model (engine/devices/Devices.ts): people
 * counters miss at their rate, tram passenger counters report the load, microphones hear a
 * gunshot where spherical spreading and air absorption leave it above their threshold and locate
 * it with an error growing with distance, gauges follow the river's hydrograph, citizen reports
 * come late, off and sometimes mistaken, and social media surges during an incident nearby.
 */
import { describe, expect, it } from 'vitest';
import { median, sampleStandardDeviation } from 'simple-statistics';
import { createWorld, runWorld, validateScenario, type World } from '../../../engine/index.ts';
import type { VigieEvent } from '../../../engine/events/VigieEvent.ts';

const SQUARE = [[[0, 0], [60, 0], [60, 60], [0, 60]]];

function run(extra: Record<string, unknown>, durationS = 600): { world: World; events: VigieEvent[] } {
  const world = createWorld(validateScenario({
    name: 'devices', seed: 4, durationS, stopWhenEmpty: false,
    geometry: { walkable: SQUARE, exits: [{ id: 'east', polygon: [[60, 20], [61, 20], [61, 40], [60, 40]] }] },
    ...extra,
  }, 'devices.json'), 'devices.json');
  runWorld(world);
  return { world, events: world.eventLog };
}

const ofType = (events: VigieEvent[], type: string) => events.filter((event) => event.type === type);

describe('people counters', () => {
  const walkers = { sources: [{ id: 'w', polygon: [[2, 20], [8, 20], [8, 40], [2, 40]], ratePerS: 1, fromS: 0, toS: 300, desiredSpeedMps: 1.34, goal: 'east' }] };
  it('count everyone crossing when they miss nothing, with the people behind each count', () => {
    const { events } = run({ ...walkers, devices: { counters: [{ id: 'gate', from: [30, 0], to: [30, 60], missRate: 0 }] } });
    const counts = ofType(events, 'CrowdFlowObserved');
    // Walking east across a line drawn north: crossing to its right (outbound).
    const outbound = counts.filter((e) => e.data.direction === 'outbound').reduce((sum, e) => sum + (e.data.peopleCount as number), 0);
    expect(outbound).toBe(300);
    expect(counts.filter((e) => e.data.direction === 'inbound').reduce((sum, e) => sum + (e.data.peopleCount as number), 0)).toBe(0);
    expect(new Set(counts.flatMap((e) => e.truth ?? [])).size).toBe(300);
  });
  it('miss about their miss rate (binomial, within 3 standard deviations)', () => {
    const { events } = run({ ...walkers, devices: { counters: [{ id: 'gate', from: [30, 0], to: [30, 60], missRate: 0.1 }] } });
    const counted = ofType(events, 'CrowdFlowObserved').reduce((sum, e) => sum + (e.data.peopleCount as number), 0);
    expect(Math.abs(counted - 270)).toBeLessThan(3 * Math.sqrt(300 * 0.1 * 0.9));
  });
});

describe('microphones', () => {
  const gunshots = Array.from({ length: 200 }, (_v, k) => ({ id: `shot-${k}`, type: 'gunshot', at: [30, 30], startS: 1 + k * 2 }));
  const { events } = run({ incidents: gunshots, devices: { microphones: [{ id: 'near', at: [130, 30], falseAlarmsPerHour: 0 }, { id: 'far', at: [3030, 30], falseAlarmsPerHour: 0 }] } }, 420);
  const heard = ofType(events, 'tns1:AudioAnalytics/Audio/DetectedSound');

  it('hear a gunshot at 100 m (150 - 40 - 0.5 = 109.5 dB) and not at 3 km (65.5 dB, under 70)', () => {
    expect(heard.filter((e) => e.source === 'near')).toHaveLength(200);
    expect(heard.filter((e) => e.source === 'far')).toHaveLength(0);
    expect(heard[0].data.levelDb).toBeCloseTo(109.5, 1);
  });
  it('locate it with the error of their model (sd 1 m + 5 % of 100 m = 6 m) and classify it as their confusion matrix says (90 %)', () => {
    const dx = heard.map((e) => e.x! - 30);
    expect(sampleStandardDeviation(dx)).toBeGreaterThan(6 * 0.8);
    expect(sampleStandardDeviation(dx)).toBeLessThan(6 * 1.2);
    const right = heard.filter((e) => e.data.class === 'gunshot').length / heard.length;
    expect(Math.abs(right - 0.9)).toBeLessThan(3 * Math.sqrt(0.9 * 0.1 / 200));
    expect(heard.every((e) => e.truth!.length === 1)).toBe(true);
  });
});

describe('water gauges, citizen reports and social media', () => {
  const incidents = Array.from({ length: 60 }, (_v, k) => ({ id: `fight-${k}`, type: 'fight', at: [30, 30], startS: k * 10, endS: k * 10 + 5 }));
  const { events } = run({
    incidents,
    river: { levelM: [[0, 1.0], [600, 3.0]] },
    devices: {
      waterGauges: [{ id: 'bridge', at: [0, 0], errorSdM: 0.01 }],
      citizenReports: { reportsPerIncident: 2, medianDelayS: 60, mistakenPerHour: 12 },
      socialMedia: [{ id: 'square', at: [30, 30], baselinePerHour: 60, surgeFactor: 10 }, { id: 'elsewhere', at: [2000, 2000], baselinePerHour: 60 }],
    },
  }, 1200);

  it('gauges follow the hydrograph within their error', () => {
    const readings = ofType(events, 'WaterObserved');
    expect(readings.length).toBe(20);
    for (const reading of readings) {
      const truth = reading.timeS >= 600 ? 3 : 1 + (2 * reading.timeS) / 600;
      expect(Math.abs((reading.data.heightM as number) - truth)).toBeLessThan(0.05);
    }
  });
  it('citizens report each incident about twice, a median minute late, and mistaken reports carry no truth', () => {
    const reports = ofType(events, 'vigie:CitizenReport');
    const true_ = reports.filter((e) => e.truth!.length > 0);
    expect(Math.abs(true_.length - 120)).toBeLessThan(3 * Math.sqrt(120));
    expect(median(true_.map((e) => e.data.delayS as number))).toBeGreaterThan(45);
    expect(median(true_.map((e) => e.data.delayS as number))).toBeLessThan(80);
    const mistaken = reports.filter((e) => e.truth!.length === 0).length;
    expect(Math.abs(mistaken - 4)).toBeLessThan(3 * Math.sqrt(4) + 1);
  });
  it('social media surges near the incidents and not elsewhere', () => {
    const posts = (source: string, from: number, to: number) => ofType(events, 'vigie:SocialMediaActivity').filter((e) => e.source === source && e.timeS > from && e.timeS <= to).reduce((sum, e) => sum + (e.data.posts as number), 0);
    // During the incidents (0-600 s): 600 posts an hour; after (660-1200 s): 60 an hour.
    expect(posts('square', 0, 600)).toBeGreaterThan(60);
    expect(posts('square', 660, 1200)).toBeLessThan(25);
    expect(posts('elsewhere', 0, 600)).toBeLessThan(25);
  });
});

describe('tram passenger counters', () => {
  it('report each tram\'s occupancy and capacity', () => {
    const { world, events } = run({
      geometry: { walkable: [[[60, 1.3], [110, 1.3], [110, 6.3], [60, 6.3]]], exits: [{ id: 'street', polygon: [[110, 1.3], [111, 1.3], [111, 6.3], [110, 6.3]] }] },
      pedestrians: [{ id: 'riders', count: 60, spawn: { polygon: [[62, 2.6], [108, 2.6], [108, 6.1], [62, 6.1]] }, desiredSpeedMps: 1.34, goal: 'stop-a' }],
      transit: { lines: [{ id: 'T1', track: [[0, 0], [400, 0]], timetable: { departuresS: [5] }, initialLoad: 40, stops: [{ id: 'stop-a', atM: 100, side: 'left' }] }] },
      devices: { tramOccupancy: { id: 'apc', relativeErrorSd: 0, reportEveryS: 5 } },
    }, 120);
    const counts = ofType(events, 'CrowdFlowObserved');
    expect(counts.length).toBeGreaterThan(5);
    expect(counts.every((e) => e.data.capacity === 180)).toBe(true);
    expect(Math.min(...counts.map((e) => e.data.occupancy as number))).toBe(40);
    expect(Math.max(...counts.map((e) => e.data.occupancy as number))).toBe(100);
    expect(world.transit!.visits[0].boarded).toBe(60);
  });
});

describe('determinism', () => {
  it('gives the same events for the same seed', () => {
    const scenario = { incidents: [{ id: 'g', type: 'glass', at: [30, 30], startS: 5 }], devices: { microphones: [{ id: 'm', at: [40, 30], falseAlarmsPerHour: 30 }], citizenReports: {} } };
    expect(JSON.stringify(run(scenario, 300).events)).toBe(JSON.stringify(run(scenario, 300).events));
  });
});
