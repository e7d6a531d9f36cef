// RiMEA 3.0 test 10 (allocation of escape routes): a corridor with 12 rooms; the people of each
// room are assigned a main exit, and every one of them must leave through it, even when the
// other exit is nearer.
import { describe, expect, it } from 'vitest';
import type { ExitSpec, PedestrianGroupSpec, PolygonM } from '../../engine/scenario/Scenario.ts';
import { rect, runScenario, WEIDMANN_SPEED } from './support/scenarios.ts';

describe('RiMEA 3.0 test 10: assigned escape routes', () => {
  it('everyone leaves through the exit assigned to their room', () => {
    // Corridor y in [5, 7], x in [0, 30]; six 5 m x 5 m rooms below and six above, each with a
    // 1 m door onto the corridor; exits at both ends of the corridor.
    const walkable: PolygonM[] = [rect(0, 5, 30, 7)];
    const pedestrians: PedestrianGroupSpec[] = [];
    for (let k = 0; k < 6; k++) {
      const x0 = k * 5;
      walkable.push(rect(x0, 0, x0 + 5, 4.8), rect(x0 + 2, 4.8, x0 + 3, 5)); // room below + door
      walkable.push(rect(x0, 7.2, x0 + 5, 12), rect(x0 + 2, 7, x0 + 3, 7.2)); // room above + door
      // Rooms are assigned alternately, whatever their position: west, east, west, ...
      pedestrians.push(
        { id: `below-${k}`, count: 8, spawn: { polygon: rect(x0 + 0.5, 0.5, x0 + 4.5, 4.3) }, desiredSpeedMps: WEIDMANN_SPEED, goal: k % 2 === 0 ? 'west' : 'east' },
        { id: `above-${k}`, count: 8, spawn: { polygon: rect(x0 + 0.5, 7.7, x0 + 4.5, 11.5) }, desiredSpeedMps: WEIDMANN_SPEED, goal: k % 2 === 0 ? 'east' : 'west' },
      );
    }
    const exits: ExitSpec[] = [{ id: 'west', polygon: rect(-0.3, 5, 0, 7) }, { id: 'east', polygon: rect(30, 5, 30.3, 7) }];
    const summary = runScenario({ name: 'rimea-10', seed: 10, durationS: 300, geometry: { walkable, exits }, pedestrians });
    expect(summary.pedestrians.exited).toBe(96);
    const assigned = new Map(pedestrians.map((g) => [g.id, g.goal as string]));
    const wrong = summary.pedestrians.agents.filter((a) => a.exit !== assigned.get(a.group));
    expect(wrong).toEqual([]);
    expect(summary.exits.west.count).toBe(48);
    expect(summary.exits.east.count).toBe(48);
  });
});
