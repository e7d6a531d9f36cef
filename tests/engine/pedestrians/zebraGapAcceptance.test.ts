/**
 * People at a zebra crossing wait for a gap: they do not step out in front of a vehicle that
 * could no longer stop comfortably (Code de la route R412-37), and drivers who can stop yield to
 * them (R415-11). With the kerb gates, no one steps onto the crossing while such a vehicle comes,
 * and the serious conflicts (time-to-collision below 1.5 s, Hydén 1987) that people stepping out
 * at random cause disappear; everybody still crosses.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import { pointInPolygon } from '../../../engine/geometry/polygon.ts';
import type { PolygonM } from '../../../engine/index.ts';

/** Deceleration beyond which a driver brakes hard to avoid a crash, m/s² (DRAC threshold, Archer 2005). */
const HARD_BRAKING_MPS2 = 3.35;
/** 200 people crossing in 4 minutes, 900 cars an hour at 50 km/h. */
const PEOPLE = 200;
const CARS_PER_HOUR = 900;

const CROSSING: PolygonM = [[18, 3], [22, 3], [22, 10], [18, 10]];

function scenario(withGates: boolean) {
  return validateScenario({
    name: 'zebra gaps', seed: 9, durationS: 420,
    geometry: {
      walkable: [[[0, 0], [40, 0], [40, 3], [0, 3]], [[0, 10], [40, 10], [40, 13], [0, 13]], CROSSING],
      exits: [{ id: 'north-west', polygon: [[0, 10.5], [2, 10.5], [2, 12.5], [0, 12.5]] }],
      ...(withGates ? {
        gates: [
          { id: 'south-kerb', from: [18, 3], to: [22, 3], inside: [20, 6], zebras: ['zebra'] },
          { id: 'north-kerb', from: [18, 10], to: [22, 10], inside: [20, 6], zebras: ['zebra'] },
        ],
      } : {}),
    },
    sources: [{ id: 'walkers', polygon: [[30, 0.5], [38, 0.5], [38, 2.5], [30, 2.5]], ratePerS: PEOPLE / 240, fromS: 0, toS: 240, desiredSpeedMps: 1.34, goal: 'north-west' }],
    traffic: {
      roads: { nodes: [[-80, 6.5], [120, 6.5]], links: [{ from: 0, to: 1 }] },
      demand: [{ id: 'cars', from: 0, to: 1, vehiclesPerHour: CARS_PER_HOUR, fromS: 0, toS: 300 }],
      zebras: [{ id: 'zebra', link: 0, positionM: 98, polygon: CROSSING }],
    },
  }, 'zebra-gaps.json');
}

function run(withGates: boolean) {
  const world = createWorld(scenario(withGates), 'zebra-gaps.json');
  const onCrossing = new Set<number>();
  let steppedOutInFrontOfCar = 0;
  let hardBrakingSteps = 0;
  while (!isRunOver(world)) {
    const unstoppable = world.zebraUnstoppable[0] === 1;
    stepWorld(world);
    const { count, posXM, posYM, id } = world.agents;
    for (let i = 0; i < count; i++) {
      const on = pointInPolygon(posXM[i], posYM[i], CROSSING);
      if (on && !onCrossing.has(id[i]) && unstoppable) steppedOutInFrontOfCar++;
      if (on) onCrossing.add(id[i]);
    }
    const vehicles = world.traffic!.vehicles;
    for (let v = 0; v < vehicles.count; v++) if (vehicles.accelMps2[v] < -HARD_BRAKING_MPS2) hardBrakingSteps++;
  }
  return { world, steppedOutInFrontOfCar, hardBrakingSteps, zebra: summarizeWorld(world, 0).traffic!.zebras.zebra };
}

describe('people waiting for a gap at a zebra crossing', () => {
  const atRandom = run(false);
  const waiting = run(true);

  it('never step out in front of a vehicle that could not stop comfortably', () => {
    expect(waiting.steppedOutInFrontOfCar).toBe(0);
    // Without the rule they do.
    expect(atRandom.steppedOutInFrontOfCar).toBeGreaterThan(0);
  });

  it('leave no serious conflict (time-to-collision below 1.5 s) and no hard braking, where stepping out at random does', () => {
    expect(atRandom.zebra.conflictS).toBeGreaterThan(0);
    expect(waiting.zebra.conflictS).toBe(0);
    expect(waiting.zebra.minTimeToCollisionS!).toBeGreaterThan(2);
    expect(atRandom.zebra.minTimeToCollisionS!).toBeLessThan(1.5);
    expect(atRandom.hardBrakingSteps).toBeGreaterThan(0);
    expect(waiting.hardBrakingSteps).toBe(0);
  });

  it('still gets everybody across, with drivers yielding to them, and every car through about as fast', () => {
    expect(waiting.world.agents.count).toBe(0);
    expect(waiting.world.records.count).toBe(PEOPLE);
    expect(waiting.world.traffic!.arrived).toBe(atRandom.world.traffic!.arrived);
    const meanTripS = (r: typeof waiting) => r.world.traffic!.travelTimeSumS / r.world.traffic!.arrived;
    // Drivers stop for them: trips well above the free-flow 14.8 s.
    expect(meanTripS(waiting)).toBeGreaterThan(30);
    expect(Math.abs(meanTripS(waiting) - meanTripS(atRandom))).toBeLessThan(5);
  });
});
