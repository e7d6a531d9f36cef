/**
 * A zebra crossing without signals: vehicles stop for the people on it or about to step onto it
 * (Code de la route R415-11), and none drives onto it while someone has been on it for a second.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import { pointInPolygon } from '../../../engine/geometry/polygon.ts';
import type { PolygonM } from '../../../engine/index.ts';

const CROSSING: PolygonM = [[18, 3], [22, 3], [22, 10], [18, 10]];

function zebraScenario(people: number) {
  return validateScenario({
    name: 'zebra', seed: 6, durationS: 420,
    geometry: {
      walkable: [[[0, 0], [40, 0], [40, 3], [0, 3]], [[0, 10], [40, 10], [40, 13], [0, 13]], CROSSING],
      exits: [{ id: 'north-west', polygon: [[0, 10.5], [2, 10.5], [2, 12.5], [0, 12.5]] }],
    },
    sources: people > 0 ? [{ id: 'walkers', polygon: [[30, 0.5], [38, 0.5], [38, 2.5], [30, 2.5]], ratePerS: people / 240, fromS: 0, toS: 240, desiredSpeedMps: 1.34, goal: 'north-west' }] : [],
    traffic: {
      roads: { nodes: [[-80, 6.5], [120, 6.5]], links: [{ from: 0, to: 1 }] },
      demand: [{ id: 'cars', from: 0, to: 1, vehiclesPerHour: 720, fromS: 0, toS: 300 }],
      zebras: [{ id: 'zebra', link: 0, positionM: 98, polygon: CROSSING }],
    },
  }, 'zebra.json');
}

function run(people: number) {
  const world = createWorld(zebraScenario(people), 'zebra.json');
  let onZebraSinceS = -1;
  let violations = 0;
  let stoppedForPeople = 0;
  const previousFront = new Map<number, number>();
  while (!isRunOver(world)) {
    stepWorld(world);
    const tS = world.clock.tick * world.clock.stepS;
    const { count, posXM, posYM } = world.agents;
    let someoneOn = false;
    for (let i = 0; i < count; i++) if (pointInPolygon(posXM[i], posYM[i], CROSSING)) someoneOn = true;
    onZebraSinceS = someoneOn ? (onZebraSinceS < 0 ? tS : onZebraSinceS) : -1;
    const vehicles = world.traffic!.vehicles;
    for (let v = 0; v < vehicles.count; v++) {
      const front = vehicles.posM[v];
      const before = previousFront.get(vehicles.id[v]) ?? 0;
      // The crossing spans 98-102 m along the road (x 18-22).
      if (before < 98 && front >= 98 && onZebraSinceS >= 0 && tS - onZebraSinceS >= 1) violations++;
      if (front > 90 && front < 98 && vehicles.speedMps[v] < 0.5 && world.traffic!.zebraOccupied[0] === 1) stoppedForPeople++;
      previousFront.set(vehicles.id[v], front);
    }
  }
  return { world, violations, stoppedForPeople, meanTripS: world.traffic!.travelTimeSumS / world.traffic!.arrived };
}

describe('a zebra crossing', () => {
  const busy = run(60);
  const empty = run(0);

  it('never sees a car drive onto it while someone has been on it for a second', () => {
    expect(busy.violations).toBe(0);
  });

  it('makes cars stop for the people, which lengthens their trips', () => {
    expect(busy.stoppedForPeople).toBeGreaterThan(0);
    expect(busy.meanTripS).toBeGreaterThan(empty.meanTripS + 1);
    expect(empty.stoppedForPeople).toBe(0);
  });

  it('measures conflicts: the least time-to-collision with people on the crossing, and time below 1.5 s', () => {
    const zebra = summarizeWorld(busy.world, 0).traffic!.zebras.zebra;
    expect(zebra.minTimeToCollisionS).not.toBeNull();
    expect(zebra.conflictS).toBeGreaterThanOrEqual(0);
    expect(summarizeWorld(empty.world, 0).traffic!.zebras.zebra).toEqual({ minTimeToCollisionS: null, conflictS: 0 });
  });

  it('still gets everyone across and every car through', () => {
    expect(busy.world.traffic!.arrived).toBe(empty.world.traffic!.arrived);
    expect(busy.world.agents.count).toBe(0);
  });
});
