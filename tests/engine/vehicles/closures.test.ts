/**
 * Closures and rising bollards: while raised, no vehicle enters the closed links, routes go
 * round and vehicles on the road re-route; lowered, traffic goes through again; emergency
 * vehicles are let through when the bollards allow it.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld, validateScenario } from '../../../engine/index.ts';
import { seriesToArray } from '../../../engine/measurement/GrowableSeries.ts';

/** A -> B -> C straight (1 km), or round by B -> D -> E -> C (1.6 km); link 1 (B -> C) may close. */
function detour(closure: object, demand: object[]) {
  return validateScenario({
    name: 'detour', seed: 1, durationS: 900, stopWhenEmpty: true,
    geometry: { walkable: [[[0, -100], [10, -100], [10, -90], [0, -90]]], exits: [{ id: 'e', polygon: [[10, -96], [11, -96], [11, -94], [10, -94]] }] },
    traffic: {
      roads: {
        nodes: [[0, 0], [500, 0], [1000, 0], [500, 300], [1000, 300]],
        links: [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 4, to: 2 }],
      },
      demand,
      closures: [closure],
      detectors: [{ id: 'through', link: 1, positionM: 0.5 }, { id: 'round', link: 3, positionM: 10 }],
    },
  }, 'detour.json');
}

describe('bollards raised across the direct road from 100 s to 300 s', () => {
  const world = createWorld(detour({ id: 'bollards', kind: 'bollard', links: [1], fromS: 100, toS: 300 }, [{ id: 'cars', from: 0, to: 2, vehiclesPerHour: 900, fromS: 0, toS: 500 }]), 'detour.json');
  const summary = runWorld(world).traffic!;
  const through = seriesToArray(world.traffic!.detectors[0].timesS);
  const round = seriesToArray(world.traffic!.detectors[1].timesS);

  it('lets no vehicle in while raised (but one already committed at 100 s, which cannot stop)', () => {
    expect(through.filter((t) => t > 102 && t < 300)).toEqual([]);
    expect(through.filter((t) => t < 100).length).toBeGreaterThan(10);
  });

  it('sends the traffic round, re-routing the vehicles already on their way', () => {
    expect(summary.rerouted).toBeGreaterThan(0);
    expect(round.filter((t) => t > 100 && t < 340).length).toBeGreaterThan(30);
    expect(round.filter((t) => t < 100)).toEqual([]);
  });

  it('takes the direct road again once lowered, and every trip ends', () => {
    expect(through.filter((t) => t > 300).length).toBeGreaterThan(30);
    expect(summary.arrived).toBe(summary.inserted);
    expect(summary.onRoad).toBe(0);
  });
});

describe('bollards that let emergency vehicles through', () => {
  it('hold the cars back but not an ambulance', () => {
    const world = createWorld(detour({ id: 'bollards', kind: 'bollard', links: [1], emergencyPass: true }, [
      { id: 'cars', from: 0, to: 2, vehiclesPerHour: 300, fromS: 0, toS: 120 },
      { id: 'ambulance', from: 0, to: 2, vehiclesPerHour: 30, fromS: 0, toS: 120, vehicleClass: 'emergency' },
    ]), 'detour.json');
    const summary = runWorld(world).traffic!;
    expect(summary.demand.ambulance.arrived).toBe(summary.demand.ambulance.inserted);
    expect(summary.demand.ambulance.inserted).toBeGreaterThan(0);
    // Ambulances take the direct road through the lowered bollards, cars go round.
    expect(world.traffic!.detectors[0].count).toBe(summary.demand.ambulance.inserted);
    expect(world.traffic!.detectors[1].count).toBe(summary.demand.cars.inserted);
    expect(summary.demand.ambulance.meanTravelTimeS!).toBeLessThan(summary.demand.cars.meanTravelTimeS!);
  });
});

describe('traffic determinism', () => {
  it('gives byte-identical summaries for the same scenario and seed', () => {
    const scenario = () => detour({ id: 'works', links: [1], fromS: 60, toS: 200 }, [
      { id: 'cars', from: 0, to: 2, vehiclesPerHour: 1500, fromS: 0, toS: 400 },
      { id: 'vans', from: 0, to: 4, vehiclesPerHour: 300, fromS: 0, toS: 400, vehicleClass: 'van' },
    ]);
    const a = runWorld(createWorld(scenario(), 'detour.json'));
    const b = runWorld(createWorld(scenario(), 'detour.json'));
    expect(JSON.stringify({ ...a, wallS: 0 })).toBe(JSON.stringify({ ...b, wallS: 0 }));
    expect(a.traffic!.arrived).toBeGreaterThan(100);
  });
});
