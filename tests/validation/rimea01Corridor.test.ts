// RiMEA 3.0 test 1 (Richtlinie fuer Mikroskopische Entfluchtungsanalysen): one person walking
// 1.33 m/s along a corridor 2 m x 40 m must arrive within 26 to 34 s.
import { describe, expect, it } from 'vitest';
import { rect, runScenario } from './support/scenarios.ts';

describe('RiMEA 3.0 test 1: straight corridor', () => {
  it('a person at 1.33 m/s crosses a 40 m corridor in 26 to 34 s', () => {
    const summary = runScenario({
      name: 'rimea-01', seed: 1, durationS: 60,
      geometry: { walkable: [rect(0, 0, 40, 2)], exits: [{ id: 'end', polygon: rect(39.8, 0, 40, 2) }] },
      pedestrians: [{ id: 'walker', count: 1, spawn: { points: [[0.5, 1]] }, desiredSpeedMps: 1.33, goal: 'end' }],
    });
    const arrivalS = summary.pedestrians.agents[0].exitS!;
    console.log(`RiMEA 1: arrival after ${arrivalS} s (RiMEA: 26-34 s)`);
    expect(arrivalS).toBeGreaterThanOrEqual(26);
    expect(arrivalS).toBeLessThanOrEqual(34);
    expect(summary.pedestrians.evacuationTimeS).toBe(arrivalS);
  });
});
