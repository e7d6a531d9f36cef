/**
 * A rehearsal run (engine/run/rehearsalRun.ts, issue 7): a gathering that waits for its moment
 * and lets people go over their pre-movement times, reduced mobility, the planner's density
 * measures on a lattice of known density, closing the main exit and adding one (the issue's
 * "must show"), and the same figures for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, stepWorld, validateScenario } from '../../../engine/index.ts';
import { rehearsalRun, type RehearsalRun } from '../../../engine/run/rehearsalRun.ts';
import type { ExitSpec, PointM, PolygonM, Scenario } from '../../../engine/scenario/Scenario.ts';
import { GATHER_WAITING } from '../../../engine/step/phases/gather.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonM => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const WEIDMANN = { distribution: 'normal', mean: 1.34, sd: 0.26, min: 0.8, max: 1.9 } as const;

/**
 * An audience arriving over 20 s (3 people a second) anywhere in a 40 m x 40 m square gathers
 * at (12, 20) until the show ends at 40 s, then sets off after a pre-movement time of U(0, 20) s
 * for the exit on the east side.
 */
function audience(standAtPerM2?: number): Scenario {
  return validateScenario({
    name: 'audience', seed: 5, durationS: 150, stepS: 0.1, navigation: { cellM: 0.25 },
    geometry: { walkable: [rect(0, 0, 40, 40)], exits: [{ id: 'e', polygon: rect(40, 15, 40.5, 25) }] },
    schedule: [{ id: 'show-starts', atS: 20 }, { id: 'show-ends', atS: 40 }],
    sources: [{
      id: 'audience', polygon: rect(2, 2, 38, 38), profile: { binS: 20, perHour: [10800] }, goal: 'e', desiredSpeedMps: 1.3,
      preMovementS: { distribution: 'uniform', min: 0, max: 20 },
      gathering: { at: [12, 20], radiusM: 2, until: 'show-ends', ...(standAtPerM2 === undefined ? {} : { standAtPerM2 }) },
    }],
  }, 'audience.json');
}

describe('a gathering until a moment of the schedule', () => {
  it('keeps everyone until the show ends, then lets each go after their own pre-movement time of 0 to 20 s', () => {
    const world = createWorld(audience(), 'audience.json');
    const stepS = world.clock.stepS;
    const leftAtS = new Map<number, number>();
    while (!(world.records.count === 60 && world.agents.count === 0) && world.clock.tick < 1500) {
      const timeS = world.clock.tick * stepS;
      stepWorld(world);
      const { agents } = world;
      // Leaving: the person's field is the goal's, no longer the meeting point's.
      for (let i = 0; i < agents.count; i++) {
        if (agents.field[i] === world.populations[agents.group[i]].fieldIndex && !leftAtS.has(agents.id[i])) leftAtS.set(agents.id[i], timeS);
      }
    }
    expect(world.records.count).toBe(60);
    expect(leftAtS.size).toBe(60);
    const left = [...leftAtS.values()];
    expect(Math.min(...left)).toBeGreaterThanOrEqual(40);
    // Those still on their way at 40 s turn back one step later: at most 20 s + two steps after.
    expect(Math.max(...left)).toBeLessThanOrEqual(60 + 2 * stepS + 1e-9);
    // Sixty draws of U(0, 20): spread over the whole range, not all at once.
    expect(Math.min(...left)).toBeLessThan(44);
    expect(Math.max(...left)).toBeGreaterThan(56);
    const mean = left.reduce((a, b) => a + b, 0) / left.length;
    expect(Math.abs(mean - 50)).toBeLessThan(2.5);
    // Nobody went out before the show ended; everybody did by the end.
    for (let id = 0; id < world.records.count; id++) {
      expect(world.records.exitTick[id]).toBeGreaterThan(0);
      expect(world.records.exitTick[id] * stepS).toBeGreaterThan(40);
    }
  });

  it('with standAtPerM2 those who have found their place stand still until the moment', () => {
    const world = createWorld(audience(1.5), 'audience.json');
    const stepS = world.clock.stepS;
    const positions = new Map<number, [number, number]>();
    let checked = 0;
    while (world.clock.tick * stepS < 40 - 1e-9) {
      stepWorld(world);
      const { agents } = world;
      for (let i = 0; i < agents.count; i++) {
        const id = agents.id[i];
        if (world.gatherState[id] !== GATHER_WAITING) continue;
        // Found their place: no speed, and not a centimetre from where they stopped.
        expect(Math.hypot(agents.velXMps[i], agents.velYMps[i]), `person ${id} at ${world.clock.tick * stepS} s`).toBe(0);
        const at = positions.get(id);
        if (at === undefined) positions.set(id, [agents.posXM[i], agents.posYM[i]]);
        else expect(Math.hypot(agents.posXM[i] - at[0], agents.posYM[i] - at[1])).toBeLessThan(0.01);
        checked++;
      }
    }
    // Most of the sixty have found their place at the crowd's edge by then.
    expect(positions.size).toBeGreaterThan(40);
    expect(checked).toBeGreaterThan(5000);
    expect(world.records.count - world.agents.count).toBe(0);
    // Without standAtPerM2, the people waiting at the point press on toward it: some still move.
    const pressing = createWorld(audience(), 'audience.json');
    while (pressing.clock.tick * stepS < 40 - 1e-9) stepWorld(pressing);
    let moving = 0;
    for (let i = 0; i < pressing.agents.count; i++) {
      if (pressing.gatherState[pressing.agents.id[i]] === GATHER_WAITING && Math.hypot(pressing.agents.velXMps[i], pressing.agents.velYMps[i]) > 0.01) moving++;
    }
    expect(moving).toBeGreaterThan(5);
    // After the moment they leave: everyone is out well before the end.
    while (world.agents.count > 0 && world.clock.tick * stepS < 150) stepWorld(world);
    expect(world.agents.count).toBe(0);
  });
});

describe('reduced mobility', () => {
  it('with a share of 0.5, about half the group walks at 0.46 to 0.76 m/s (RiMEA impaired walkers) and the others at the group speed', () => {
    const count = 400;
    const world = createWorld(validateScenario({
      name: 'mobility', seed: 11, durationS: 1, stepS: 0.1, navigation: { cellM: 0.25 },
      geometry: { walkable: [rect(0, 0, 30, 30)], exits: [{ id: 'e', polygon: rect(29.5, 0, 30, 30) }] },
      pedestrians: [{ id: 'crowd', count, spawn: { polygon: rect(1, 1, 28, 29) }, desiredSpeedMps: WEIDMANN, goal: 'e', reducedMobilityShare: 0.5 }],
    }, 'mobility.json'), 'mobility.json');
    const speeds = Array.from(world.agents.desiredSpeedMps.subarray(0, world.agents.count));
    expect(speeds.length).toBe(count);
    const reduced = speeds.filter((v) => v >= 0.46 - 1e-6 && v <= 0.76 + 1e-6);
    // Binomial(400, 0.5): 200 +- 10 (sd); within 3 sd.
    expect(reduced.length).toBeGreaterThan(170);
    expect(reduced.length).toBeLessThan(230);
    // The reduced speeds are uniform on [0.46, 0.76] (mean 0.61); the others, the group's normal (at least 0.8).
    expect(reduced.reduce((a, b) => a + b, 0) / reduced.length).toBeCloseTo(0.61, 1);
    expect(speeds.filter((v) => v > 0.76 + 1e-6).every((v) => v >= 0.8 - 1e-6)).toBe(true);
  });
});

describe('planner density measures on a known lattice', () => {
  /** People standing on a square lattice of `spacingM` over x, y in [2, 18] of a 20 m x 20 m room, not moving for the run. */
  function latticeRun(spacingM: number): RehearsalRun {
    const points: PointM[] = [];
    // NOTE: offset by a quarter of the spacing, no one stands on the border of a 1 m cell.
    for (let x = 2 + spacingM / 4; x < 18; x += spacingM) for (let y = 2 + spacingM / 4; y < 18; y += spacingM) points.push([x, y]);
    const scenario = validateScenario({
      name: 'lattice', seed: 1, durationS: 3, stepS: 0.1, stopWhenEmpty: false, navigation: { cellM: 0.25 },
      geometry: { walkable: [rect(0, 0, 20, 20)], exits: [{ id: 'e', polygon: rect(19.5, 0, 20, 20) }] },
      pedestrians: [{ id: 'lattice', count: points.length, spawn: { points }, preMovementS: 1000, desiredSpeedMps: 1.34, goal: 'e' }],
      // Zones may overlap: the triangle and the inner square lie (mostly, wholly) in the middle one.
      measurementAreas: [
        { id: 'middle', polygon: rect(6, 6, 14, 14) }, { id: 'triangle', polygon: [[5.3, 5.1], [13.7, 6.2], [9.9, 14.4]] }, { id: 'inner', kind: 'queue', polygon: rect(9, 9, 11, 11) },
      ],
    }, 'lattice.json');
    return rehearsalRun(scenario, 'lattice.json', 1);
  }

  it.each([
    // Three people per 2 m in each direction: 9 per 2 m x 2 m square, 2.25 P/m²; 4 per 2 m: 16, 4 P/m².
    [2 / 3, 2.25],
    [0.5, 4],
  ])('at spacing %f m, the Voronoi density of any zone and every whole 2 m square give %f P/m²', (spacingM, densityPerM2) => {
    expect(1 / spacingM ** 2).toBeCloseTo(densityPerM2, 12);
    const { planner, maps } = latticeRun(spacingM);
    for (const id of ['middle', 'triangle', 'inner']) {
      const zone = planner.zones[id];
      // The first sample (t = 0) and every later one: nobody moves.
      expect(zone.series.voronoiPerM2[0], id).toBeCloseTo(densityPerM2, 3);
      expect(zone.series.voronoiPerM2.every((v) => Math.abs(v - densityPerM2) < 1e-3), id).toBe(true);
      expect(zone.maxVoronoiDensityPerM2, id).toBeCloseTo(densityPerM2, 2);
      expect(zone.maxDensityPerM2, id).toBeCloseTo(densityPerM2, 2);
    }
    // 8 m x 8 m at the lattice density.
    expect(planner.zones.middle.areaM2).toBe(64);
    expect(planner.zones.middle.series.people[0]).toBe(Math.round(64 * densityPerM2));
    expect(planner.zones.inner.series.people[0]).toBe(Math.round(4 * densityPerM2));
    expect(planner.headline.peakDensityPerM2).toBeCloseTo(densityPerM2, 2);
    // On the map: the square of the node at (10, 10) holds the lattice density, the one at (1, 1)
    // (outside the lattice, but for its corner) holds less, the one at (19, 19) nobody.
    const node = (x: number, y: number): number => Math.round((y - maps.originYM) / maps.cellM) * maps.columns + Math.round((x - maps.originXM) / maps.cellM);
    expect(maps.maxDensityPerM2[node(10, 10)]).toBeCloseTo(densityPerM2, 5);
    expect(maps.maxDensityPerM2[node(2, 2)]).toBeLessThan(densityPerM2 / 2);
    expect(maps.maxDensityPerM2[node(19, 19)]).toBe(0);
  });
});

/**
 * A 30 m x 20 m room, people all over it, leaving by the nearest of a main exit (8 m, the west
 * wall) and a narrow side exit (1 m, the north end of the east wall), with a zone in front of the
 * side exit. Variants: the main exit closed from the start; an extra 2 m exit on the east wall.
 */
function room(variant: 'baseline' | 'closed' | 'added', seed: number): Scenario {
  const exits: ExitSpec[] = [
    { id: 'main', polygon: rect(-0.5, 6, 0, 14), ...(variant === 'closed' ? { closeS: 0 } : {}) },
    { id: 'side', polygon: rect(30, 15, 30.5, 16) },
  ];
  if (variant === 'added') exits.push({ id: 'extra', polygon: rect(30, 4, 30.5, 6) });
  return validateScenario({
    name: `room (${variant})`, seed, durationS: 600, stepS: 0.1, navigation: { cellM: 0.25 },
    geometry: { walkable: [rect(-0.5, 0, 30.5, 20)], exits },
    pedestrians: [{ id: 'crowd', count: 400, spawn: { polygon: rect(1, 1, 29, 19) }, desiredSpeedMps: WEIDMANN, goal: exits.map((exit) => exit.id) }],
    measurementAreas: [{ id: 'side-front', polygon: rect(26, 11, 30, 20) }],
  }, 'room.json');
}

describe('closing the main exit, adding an exit', () => {
  it('a closure of the main exit increases the egress time and the peak density in front of the side exit; an added exit reduces both', () => {
    for (const seed of [1, 2]) {
      const figures = Object.fromEntries((['baseline', 'closed', 'added'] as const).map((variant) => {
        const { planner, run } = rehearsalRun(room(variant, seed), 'room.json', seed);
        expect(planner.egress.remaining, `${variant}, seed ${seed}`).toBe(0);
        expect(run.pedestrians.exited).toBe(400);
        return [variant, { p95S: planner.egress.p95S!, zoneMax: planner.zones['side-front'].maxDensityPerM2, zoneVoronoi: planner.zones['side-front'].maxVoronoiDensityPerM2, exits: run.exits }];
      }));
      const { baseline, closed, added } = figures;
      const at = `seed ${seed}: ${JSON.stringify(figures)}`;
      // With the main exit closed, all 400 leave by the 1 m side exit (about 3 people a second):
      // twice the baseline's time at least, and a denser crowd before it.
      expect(closed.exits.main.count, at).toBe(0);
      expect(closed.exits.side.count, at).toBe(400);
      expect(closed.p95S, at).toBeGreaterThan(1.5 * baseline.p95S);
      expect(closed.zoneMax, at).toBeGreaterThan(baseline.zoneMax);
      expect(closed.zoneVoronoi, at).toBeGreaterThan(baseline.zoneVoronoi + 0.5);
      // The extra exit takes people off the side exit: shorter egress, a lighter crowd before it.
      expect(added.exits.extra.count, at).toBeGreaterThan(50);
      expect(added.exits.side.count, at).toBeLessThan(baseline.exits.side.count);
      expect(added.p95S, at).toBeLessThan(0.8 * baseline.p95S);
      expect(added.zoneMax, at).toBeLessThan(baseline.zoneMax);
      expect(added.zoneVoronoi, at).toBeLessThan(baseline.zoneVoronoi - 0.5);
    }
  });
});

describe('determinism of a rehearsal', () => {
  it('the same scenario and seed give identical planner figures and maps; another seed gives other figures', () => {
    const a = rehearsalRun(room('baseline', 3), 'room.json', 3);
    const b = rehearsalRun(room('baseline', 3), 'room.json', 3);
    const c = rehearsalRun(room('baseline', 3), 'room.json', 4);
    expect(JSON.stringify(b.planner)).toBe(JSON.stringify(a.planner));
    expect(JSON.stringify({ ...b.run, wallS: 0 })).toBe(JSON.stringify({ ...a.run, wallS: 0 }));
    expect(Buffer.from(b.maps.maxDensityPerM2.buffer).equals(Buffer.from(a.maps.maxDensityPerM2.buffer))).toBe(true);
    expect(JSON.stringify(c.planner)).not.toBe(JSON.stringify(a.planner));
    expect(JSON.stringify(c.planner.egress.inside)).not.toBe(JSON.stringify(a.planner.egress.inside));
  });
});

describe('an entry gate that opens at a moment', () => {
  it('holds the arrivals in a queue outside until it opens, then lets them through, timing their waits', () => {
    // A 20 m x 20 m forecourt, a 4 m gateway at x = 20 (the gate, opening at 30 s), and the
    // venue beyond it; 60 people arrive in the forecourt over the first 20 s.
    const scenario = validateScenario({
      name: 'entry gate', seed: 3, durationS: 120, stepS: 0.1, navigation: { cellM: 0.25 },
      geometry: {
        walkable: [rect(0, 0, 20, 20), rect(20, 8, 21, 12), rect(21, 0, 40, 20)],
        exits: [{ id: 'stage', polygon: rect(39.5, 5, 40, 15) }],
        gates: [{ id: 'gate', from: [20, 8], to: [20, 12], inside: [25, 10], opensAt: 'doors' }],
      },
      schedule: [{ id: 'doors', atS: 30 }],
      sources: [{ id: 'fans', polygon: rect(1, 1, 10, 19), ratePerS: 3, fromS: 0, toS: 20, goal: 'stage', desiredSpeedMps: 1.3 }],
    }, 'gate.json');
    const { planner } = rehearsalRun(scenario, 'gate.json', 3);
    const queue = planner.queues.gate;
    const flow = planner.flows.gate;
    console.log(`gate: up to ${queue.maxQueue} queueing at ${queue.maxQueueAtS} s, ${queue.served} through, waits mean ${queue.meanWaitS} s, p95 ${queue.p95WaitS} s; busiest minute ${flow.peakPerMin}`);
    expect(queue.kind).toBe('gate');
    // Everyone waits outside until 30 s: the queue holds all 60 then, nobody is through before.
    expect(queue.maxQueue).toBe(60);
    expect(queue.maxQueueAtS).toBeGreaterThanOrEqual(20);
    expect(queue.maxQueueAtS).toBeLessThanOrEqual(31);
    expect(queue.series.slice(21, 30).every((waiting) => waiting === 60)).toBe(true);
    expect(queue.served).toBe(60);
    // Arrivals over 0-20 s who cannot pass before 30 s wait 10 to 30 s and more (the last through the gateway longer).
    expect(queue.meanWaitS!).toBeGreaterThan(15);
    expect(queue.maxWaitS!).toBeGreaterThan(30);
    // Through a 4 m gateway the 60 pass within the first minute (the gate opened at 30 s).
    expect(flow.perMinute.reduce((sum, n) => sum + n, 0)).toBe(60);
    expect(flow.peakPerMin).toBe(60);
    expect(planner.bottlenecks.some((b) => b.kind === 'gate' && b.id === 'gate')).toBe(true);
  });
});
