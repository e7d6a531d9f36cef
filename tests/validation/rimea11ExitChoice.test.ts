// RiMEA 3.0 test 11 (choice of exit): a 30 m x 20 m room, people packed near one of two exits.
// The guideline expects most to take the nearer exit and some the farther one. With the nearest
// exit by travel time everybody queues at the near door; the congestion-aware choice (quickest
// exit: path length / v0 + queue / door capacity, Kretz 2009) must send part of the crowd to the
// far door and shorten the evacuation.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../engine/scenario/Scenario.ts';
import { rect, runScenario, WEIDMANN_SPEED } from './support/scenarios.ts';

function room(exitChoice: 'nearest' | 'congestion'): Scenario {
  return {
    name: `rimea-11-${exitChoice}`, seed: 11, durationS: 900,
    geometry: {
      walkable: [rect(0, 0, 30, 20)],
      // Doors: 1 m openings in the side walls, the exit polygons just outside the room.
      exits: [{ id: 'near', polygon: rect(-0.3, 9.5, 0, 10.5) }, { id: 'far', polygon: rect(30, 9.5, 30.3, 10.5) }],
    },
    pedestrians: [{ id: 'crowd', count: 500, spawn: { polygon: rect(1, 1, 10, 19) }, desiredSpeedMps: WEIDMANN_SPEED, goal: ['near', 'far'] }],
    navigation: { exitChoice },
  };
}

describe('RiMEA 3.0 test 11: choice of exit', () => {
  const nearest = runScenario(room('nearest'));
  const congestion = runScenario(room('congestion'));

  it('with the nearest exit, (almost) everybody uses the near door', () => {
    console.log(`RiMEA 11 nearest: near ${nearest.exits.near.count}, far ${nearest.exits.far.count}, evacuation ${nearest.pedestrians.evacuationTimeS} s`);
    expect(nearest.pedestrians.exited).toBe(500);
    expect(nearest.exits.near.count).toBeGreaterThanOrEqual(490);
  });

  it('with congestion-aware choice most take the near door, some the far one, and everyone is out sooner', () => {
    console.log(`RiMEA 11 congestion-aware: near ${congestion.exits.near.count}, far ${congestion.exits.far.count}, evacuation ${congestion.pedestrians.evacuationTimeS} s`);
    expect(congestion.pedestrians.exited).toBe(500);
    expect(congestion.exits.near.count).toBeGreaterThan(congestion.exits.far.count);
    expect(congestion.exits.far.count).toBeGreaterThan(50);
    expect(congestion.pedestrians.evacuationTimeS!).toBeLessThan(0.85 * nearest.pedestrians.evacuationTimeS!);
  });
});
