/**
 * Every rule template fires on a simulated scenario built to trigger it and stays silent on one
 * built not to (issue 5, must show). Unlike templates.test.ts (synthetic event streams), the
 * events here come from the simulation: people and vehicles moving, cameras seeing them through
 * their detection and tracking models, scripted incidents (a fall, a bag, a fire, a gunshot),
 * microphones, tram passenger counters and a river gauge; the templates run live as `vigie run
 * --rules` runs them. The scenes sit in the templates' 100 m frame (square x 0-40 y 0-30,
 * forbidden x 60-80 y 0-10, pedestrian zone y 40-60, quay y 70-80).
 */
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld, validateScenario } from '../../../engine/index.ts';
import type { CameraSpec, PointM } from '../../../engine/scenario/Scenario.ts';
import { createControlLoop } from '../../../engine/responses/ControlLoop.ts';
import { templates } from './eventStreams.ts';

type Parts = Record<string, unknown>;

const rect = (x0: number, y0: number, x1: number, y1: number): PointM[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const OPEN = {
  walkable: [rect(-20, -20, 120, 100)],
  exits: [{ id: 'west', polygon: rect(-20.5, 0, -20, 4) }, { id: 'east', polygon: rect(120, 0, 120.5, 4) }, { id: 'north', polygon: rect(48, 100, 52, 100.5) }],
};
const camera = (id: string, at: PointM, headingDeg: number, rangeM: number, extra: Partial<CameraSpec> = {}): CameraSpec => ({ id, at, heightM: 6, headingDeg, fovDeg: 60, rangeM, ...extra });
const standing = (id: string, points: PointM[]) => ({ id, count: points.length, spawn: { points }, desiredSpeedMps: 1.3, goal: 'west', preMovementS: 100_000 });
const walker = (id: string, at: PointM, goal: string, desiredSpeedMps = 1.3) => ({ id, count: 1, spawn: { points: [at] }, desiredSpeedMps, goal });
const road = (y: number, speedKph: number) => ({ roads: { nodes: [[-20, y], [120, y]], links: [{ from: 0, to: 1, speedKph }] }, demand: [{ id: 'cars', from: 0, to: 1, vehiclesPerHour: 240, fromS: 0, toS: 50 }] });
const TRAM_STOP = {
  geometry: { walkable: [rect(60, 1.3, 110, 6.3)], exits: [{ id: 'street', polygon: rect(110, 1.3, 111, 6.3) }] },
  pedestrians: [{ id: 'riders', count: 60, spawn: { polygon: rect(62, 2.6, 108, 6.1) }, desiredSpeedMps: 1.34, goal: 'stop-a' }],
  devices: { tramOccupancy: { id: 'apc', relativeErrorSd: 0, reportEveryS: 5 } },
};
const tram = (initialLoad: number) => ({ lines: [{ id: 'T1', track: [[0, 0], [400, 0]], timetable: { departuresS: [5] }, initialLoad, stops: [{ id: 'stop-a', atM: 100, side: 'left' }] }] });
/** Forty people standing 7 to 15 m in front of a camera at (50, 15) looking north, who leave at `leaveS` (a gunshot at 19 s). */
const dispersal = (leaveS: number): Parts => ({
  pedestrians: [{ id: 'crowd', count: 40, spawn: { polygon: rect(44, 22, 56, 30) }, desiredSpeedMps: 2.5, goal: 'east', preMovementS: leaveS }],
  sensors: { cameras: [camera('c', [50, 15], 0, 20, { countEveryS: 2 })] },
  incidents: [{ id: 'shot', type: 'gunshot', at: [50, 26], startS: 19 }],
  // Two microphones: each calls a gunshot something else one time in ten (its confusion matrix),
  // as the first does with this seed.
  devices: { microphones: [{ id: 'mic', at: [55, 20], falseAlarmsPerHour: 0 }, { id: 'mic2', at: [45, 20], falseAlarmsPerHour: 0 }] },
});

interface Case {
  rule: string;
  durationS: number;
  fires: Parts;
  silent: Parts;
  /** What the scene shows. */
  why: string;
}

const CASES: Case[] = [
  {
    rule: 'crowd-density', durationS: 60, why: 'a packed crowd (5/m²) in the square, against 1.6/m²',
    fires: { pedestrians: [{ ...standing('packed', []), count: 190, spawn: { polygon: rect(10.5, 7.6, 18.5, 12.4) } }], sensors: { cameras: [camera('c', [10, 10], 90, 8, { fovDeg: 30, countEveryS: 5 })] } },
    silent: { pedestrians: [{ ...standing('packed', []), count: 60, spawn: { polygon: rect(10.5, 7.6, 18.5, 12.4) } }], sensors: { cameras: [camera('c', [10, 10], 90, 8, { fovDeg: 30, countEveryS: 5 })] } },
  },
  {
    rule: 'crowd-surge', durationS: 60, why: '80 people walking into a view where 25 stand, against the 25 alone',
    fires: {
      pedestrians: [{ ...standing('stay', []), count: 25, spawn: { polygon: rect(45, 25, 55, 30) } }, { id: 'wave', count: 80, spawn: { polygon: rect(40, -18, 60, -10) }, desiredSpeedMps: 1.3, goal: 'north' }],
      sensors: { cameras: [camera('c', [50, 15], 0, 20, { countEveryS: 2 })] },
    },
    silent: { pedestrians: [{ ...standing('stay', []), count: 25, spawn: { polygon: rect(45, 25, 55, 30) } }], sensors: { cameras: [camera('c', [50, 15], 0, 20, { countEveryS: 2 })] } },
  },
  { rule: 'crowd-dispersal', durationS: 60, why: 'forty people running off after a gunshot, against forty who stay', fires: dispersal(20), silent: dispersal(100_000) },
  { rule: 'gunshot-then-dispersal', durationS: 60, why: 'the same gunshot followed by the dispersal, against the gunshot alone', fires: dispersal(20), silent: dispersal(100_000) },
  {
    // Two cameras: a pose classifier calls a lying person lying 9 times in 10 (posture.ts).
    rule: 'person-on-ground', durationS: 40, why: 'a person fallen in view of two cameras, against a person standing there',
    fires: { incidents: [{ id: 'fall', type: 'fall', at: [30, 55], startS: 5, endS: 100 }], sensors: { cameras: [camera('c', [30, 40], 0, 30), camera('c2', [45, 55], 270, 30)] } },
    silent: { pedestrians: [standing('p', [[30, 55]])], sensors: { cameras: [camera('c', [30, 40], 0, 30), camera('c2', [45, 55], 270, 30)] } },
  },
  {
    rule: 'object-left-behind', durationS: 100, why: 'a bag alone for 95 s, against a bag whose owner stands by it',
    fires: { incidents: [{ id: 'bag', type: 'object', at: [70, 55], startS: 5, endS: 200 }], sensors: { cameras: [camera('c', [70, 40], 0, 30)] } },
    silent: { incidents: [{ id: 'bag', type: 'object', at: [70, 55], startS: 5, endS: 200 }], pedestrians: [standing('owner', [[71, 55]])], sensors: { cameras: [camera('c', [70, 40], 0, 30)] } },
  },
  {
    rule: 'intrusion', durationS: 70, why: 'a walker through the forbidden zone, against one passing north of it',
    fires: { pedestrians: [walker('w', [40, 5], 'east')], sensors: { cameras: [camera('c', [70, -15], 0, 40)] } },
    silent: { pedestrians: [walker('w', [40, 25], 'east')], sensors: { cameras: [camera('c', [70, -15], 0, 40)] } },
  },
  {
    rule: 'wrong-way', durationS: 40, why: 'a walker crossing the line against its direction, against one crossing with it',
    fires: { pedestrians: [walker('w', [20, 5], 'east')], sensors: { cameras: [camera('c', [30, -15], 0, 40, { lines: [{ id: 'l', from: [30, -5], to: [30, 15] }] })] } },
    silent: { pedestrians: [walker('w', [40, 5], 'west')], sensors: { cameras: [camera('c', [30, -15], 0, 40, { lines: [{ id: 'l', from: [30, -5], to: [30, 15] }] })] } },
  },
  {
    rule: 'vehicle-in-pedestrian-zone', durationS: 60, why: 'cars on a street through the pedestrian zone, against cars on one south of it',
    fires: { traffic: road(50, 30), sensors: { cameras: [camera('c', [50, 30], 0, 40, { fovDeg: 90 })] } },
    silent: { traffic: road(25, 30), sensors: { cameras: [camera('c', [50, 5], 0, 40, { fovDeg: 90 })] } },
  },
  {
    rule: 'vehicle-speeding', durationS: 60, why: 'cars at 90 km/h, against cars at 30 km/h',
    fires: { traffic: road(20, 90), sensors: { cameras: [camera('c', [50, -5], 0, 60, { fovDeg: 120 })] } },
    silent: { traffic: road(20, 30), sensors: { cameras: [camera('c', [50, -5], 0, 60, { fovDeg: 120 })] } },
  },
  {
    rule: 'loitering', durationS: 330, why: 'a person standing on the quay for 5.5 min, against one walking across it',
    fires: { pedestrians: [standing('p', [[50, 75]])], sensors: { cameras: [camera('c', [50, 60], 0, 30)] } },
    silent: { pedestrians: [walker('w', [50, 65], 'north')], sensors: { cameras: [camera('c', [50, 60], 0, 30)] } },
  },
  {
    rule: 'running', durationS: 40, why: 'a person running at 4.5 m/s, against one walking at 1.3 m/s',
    fires: { pedestrians: [walker('w', [20, 10], 'east', 4.5)], sensors: { cameras: [camera('c', [50, -15], 0, 40)] } },
    silent: { pedestrians: [walker('w', [20, 10], 'east', 1.3)], sensors: { cameras: [camera('c', [50, -15], 0, 40)] } },
  },
  {
    rule: 'fire-smoke', durationS: 60, why: 'a fire in view, against none',
    fires: { incidents: [{ id: 'fire', type: 'fire', at: [30, 55], startS: 5, endS: 200 }], sensors: { cameras: [camera('c', [30, 40], 0, 30)] } },
    silent: { pedestrians: [standing('p', [[30, 55]])], sensors: { cameras: [camera('c', [30, 40], 0, 30)] } },
  },
  {
    rule: 'weapon', durationS: 60, why: 'a weapon shown 12 m from a camera with a weapon classifier, against a crowd of 40 walking past it',
    fires: { incidents: [{ id: 'knife', type: 'weapon', at: [30, 52], startS: 5, endS: 60 }], sensors: { cameras: [camera('c', [30, 40], 0, 30)], weaponDetection: {} } },
    silent: { pedestrians: [{ id: 'crowd', count: 40, spawn: { polygon: rect(20, 45, 40, 60) }, desiredSpeedMps: 1.3, goal: 'east' }], sensors: { cameras: [camera('c', [30, 40], 0, 30)], weaponDetection: {} } },
  },
  {
    rule: 'fight', durationS: 60, why: 'a fight 12 m from a camera with a violence classifier, against a crowd of 40 walking past it',
    fires: { incidents: [{ id: 'brawl', type: 'fight', at: [30, 52], startS: 5, endS: 60 }], sensors: { cameras: [camera('c', [30, 40], 0, 30)], violenceDetection: {} } },
    silent: { pedestrians: [{ id: 'crowd', count: 40, spawn: { polygon: rect(20, 45, 40, 60) }, desiredSpeedMps: 1.3, goal: 'east' }], sensors: { cameras: [camera('c', [30, 40], 0, 30)], violenceDetection: {} } },
  },
  { rule: 'tram-overcrowding', durationS: 120, why: 'a tram that fills to its 180 places, against one with 100 on board', fires: { ...TRAM_STOP, transit: tram(150) }, silent: { ...TRAM_STOP, transit: tram(40) } },
  {
    rule: 'river-level-rising', durationS: 900, why: 'the river rising 0.45 m in 15 min, against a steady river',
    fires: { river: { levelM: [[0, 1.0], [1200, 1.6]] }, devices: { waterGauges: [{ id: 'gauge', at: [50, 90] }] } },
    silent: { river: { levelM: [[0, 1.0], [1200, 1.0]] }, devices: { waterGauges: [{ id: 'gauge', at: [50, 90] }] } },
  },
];

/** Runs a scene with the templates live; returns the alerts' rule ids. */
function alertsOf(parts: Parts, durationS: number): string[] {
  const scenario = validateScenario({ name: 'template scene', seed: 5, durationS, stopWhenEmpty: false, navigation: { cellM: 0.5 }, geometry: OPEN, ...parts }, 'scene.json');
  const world = createWorld(scenario, 'scene.json');
  world.control = createControlLoop(templates(), [], world.seed);
  runWorld(world);
  return world.eventLog.filter((event) => event.category === 'alert').map((event) => event.source);
}

describe('the rule templates on simulated scenes', () => {
  it('cover every template', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(templates().rules.map((rule) => rule.id)));
  });
  for (const c of CASES) {
    it(`${c.rule}: ${c.why}`, () => {
      expect(alertsOf(c.fires, c.durationS)).toContain(c.rule);
      expect(alertsOf(c.silent, c.durationS)).not.toContain(c.rule);
    });
  }
});
