// RiMEA 4.1.1 test 9: 1000 persons in a 20 m x 20 m room with four exits of 1 m; closing two
// exits must roughly double the evacuation time.
import { describe, expect, it } from 'vitest';
import type { ExitSpec } from '../../engine/scenario/Scenario.ts';
import { rect, runScenario, WEIDMANN_SPEED } from './support/scenarios.ts';

function room(exits: ExitSpec[]) {
  return runScenario({
    name: `rimea-09-${exits.length}`, seed: 9, durationS: 900,
    geometry: { walkable: [rect(0, 0, 20, 20)], exits },
    pedestrians: [{ id: 'crowd', count: 1000, spawn: { polygon: rect(2, 2, 18, 18) }, desiredSpeedMps: WEIDMANN_SPEED, goal: exits.map((e) => e.id) }],
  });
}

describe('RiMEA 4.1.1 test 9: room with four exits', () => {
  // Two doors in the left wall, two in the right wall, each a 1 m opening; the exit polygons lie
  // just outside the room, so people must pass through the opening.
  const all: ExitSpec[] = [
    { id: 'L1', polygon: rect(-0.3, 4.5, 0, 5.5) }, { id: 'L2', polygon: rect(-0.3, 14.5, 0, 15.5) },
    { id: 'R1', polygon: rect(20, 4.5, 20.3, 5.5) }, { id: 'R2', polygon: rect(20, 14.5, 20.3, 15.5) },
  ];

  it('closing two of four exits roughly doubles the evacuation time', () => {
    const four = room(all);
    const two = room([all[0], all[2]]);
    expect(four.pedestrians.exited).toBe(1000);
    expect(two.pedestrians.exited).toBe(1000);
    const ratio = two.pedestrians.evacuationTimeS! / four.pedestrians.evacuationTimeS!;
    console.log(`RiMEA 9: 4 exits ${four.pedestrians.evacuationTimeS} s, 2 exits ${two.pedestrians.evacuationTimeS} s, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.4);
    // Everyone uses a nearby exit: the load is shared between all open exits.
    for (const id of ['L1', 'L2', 'R1', 'R2']) expect(four.exits[id].count).toBeGreaterThan(150);
  });
});
