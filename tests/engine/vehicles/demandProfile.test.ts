/**
 * Demand with a time profile: a demand entry's rate follows the relative weights of equal
 * periods over its window (as the 15-minute factors of time-varying OD matrices), the total
 * staying that of its mean rate; without a profile the rate is constant.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, validateScenario } from '../../../engine/index.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';

function scenario(profile?: number[]) {
  return {
    name: 'profile', seed: 1, durationS: 1300, stepS: 0.1,
    geometry: { walkable: [[[0, 50], [10, 50], [10, 60], [0, 60]]], exits: [{ id: 'out', polygon: [[10, 50], [11, 50], [11, 60], [10, 60]] }] },
    traffic: {
      roads: { nodes: [[0, 0], [500, 0]], links: [{ from: 0, to: 1 }] },
      demand: [{ id: 'evening', from: 0, to: 1, vehiclesPerHour: 240, fromS: 0, toS: 1200, ...(profile ? { profile } : {}) }],
    },
  };
}

/** Vehicles inserted by the end of each 300 s period. */
function insertedByPeriod(profile?: number[]): number[] {
  const world = createWorld(validateScenario(scenario(profile), 'profile.json'), 'profile.json');
  const counts: number[] = [];
  while (!isRunOver(world)) {
    stepWorld(world);
    if (world.clock.tick % 3000 === 0 && counts.length < 4) counts.push(world.traffic!.demand[0].inserted);
  }
  return counts;
}

describe('a demand time profile', () => {
  it('inserts by the weights of its periods, with the total of the mean rate', () => {
    // Mean 240 veh/h over 20 min = 80 vehicles; weights 1, 2, 4, 1 (mean 2): 10, 20, 40, 10 per 5 minutes.
    const cumulative = insertedByPeriod([1, 2, 4, 1]);
    const perPeriod = cumulative.map((n, k) => n - (k > 0 ? cumulative[k - 1] : 0));
    perPeriod.forEach((n, k) => expect(Math.abs(n - [10, 20, 40, 10][k])).toBeLessThanOrEqual(1));
    expect(cumulative[3]).toBe(80);
  });

  it('is a constant rate without one', () => {
    const cumulative = insertedByPeriod();
    const perPeriod = cumulative.map((n, k) => n - (k > 0 ? cumulative[k - 1] : 0));
    perPeriod.forEach((n) => expect(Math.abs(n - 20)).toBeLessThanOrEqual(1));
    expect(cumulative[3]).toBe(80);
  });

  it('rejects a profile of zeros, naming the path', () => {
    expect(() => validateScenario(scenario([0, 0]), 'profile.json')).toThrow(ScenarioError);
    expect(() => validateScenario(scenario([0, 0]), 'profile.json')).toThrow(/traffic\.demand\[0\]\.profile: every weight is 0/);
  });
});
