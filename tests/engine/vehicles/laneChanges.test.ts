/**
 * Lane changes (MOBIL, Kesting, Treiber, Helbing 2007): on a two-lane road, cars overtake slow
 * buses, so they lose less time behind them than on a single lane.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld, validateScenario } from '../../../engine/index.ts';

function motorway(lanes: number) {
  return validateScenario({
    name: 'overtaking', seed: 1, durationS: 900, stopWhenEmpty: true,
    geometry: { walkable: [[[0, -100], [10, -100], [10, -90], [0, -90]]], exits: [{ id: 'e', polygon: [[10, -96], [11, -96], [11, -94], [10, -94]] }] },
    traffic: {
      roads: { nodes: [[0, 0], [5000, 0]], links: [{ from: 0, to: 1, lanes, speedKph: 130 }] },
      demand: [
        { id: 'buses', from: 0, to: 1, vehiclesPerHour: 200, fromS: 0, toS: 300, vehicleClass: 'bus' },
        { id: 'cars', from: 0, to: 1, vehiclesPerHour: 900, fromS: 0, toS: 300 },
      ],
    },
  }, 'overtaking.json');
}

describe('overtaking on a two-lane road', () => {
  const single = runWorld(createWorld(motorway(1), 'overtaking.json')).traffic!;
  const double = runWorld(createWorld(motorway(2), 'overtaking.json')).traffic!;

  it('lets cars pass the buses: their trips are much shorter on two lanes', () => {
    expect(double.demand.cars.arrived).toBe(single.demand.cars.arrived);
    // 5 km at 130 km/h takes 138 s; behind a bus (90 km/h) 200 s.
    expect(single.demand.cars.meanTravelTimeS!).toBeGreaterThan(180);
    expect(double.demand.cars.meanTravelTimeS!).toBeLessThan(0.85 * single.demand.cars.meanTravelTimeS!);
    // The buses are not held up by the cars.
    expect(double.demand.buses.meanTravelTimeS!).toBeLessThan(5000 / 25 + 20);
  });
});
