// RiMEA 3.0 test 9 (large public room): 1000 persons in a 30 m x 20 m room with four exits of
// 1 m, two in each long wall; closing both exits of one long wall must roughly double the
// evacuation time (JuPedSim's RiMEA 9 system test uses the same layout).
import { describe, expect, it } from 'vitest';
import type { ExitSpec } from '../../engine/scenario/Scenario.ts';
import { rect, runScenario, WEIDMANN_SPEED } from './support/scenarios.ts';

function room(exits: ExitSpec[]) {
  return runScenario({
    name: `rimea-09-${exits.length}`, seed: 9, durationS: 900,
    geometry: { walkable: [rect(0, 0, 30, 20)], exits },
    pedestrians: [{ id: 'crowd', count: 1000, spawn: { polygon: rect(2, 2, 28, 18) }, desiredSpeedMps: WEIDMANN_SPEED, goal: exits.map((e) => e.id) }],
  });
}

describe('RiMEA 3.0 test 9: room with four exits', () => {
  // Doors: 1 m openings in the long walls (y = 0 and y = 20); the exit polygons lie just outside
  // the room, so people must pass through the opening.
  const south: ExitSpec[] = [{ id: 'S1', polygon: rect(7, -0.3, 8, 0) }, { id: 'S2', polygon: rect(22, -0.3, 23, 0) }];
  const north: ExitSpec[] = [{ id: 'N1', polygon: rect(7, 20, 8, 20.3) }, { id: 'N2', polygon: rect(22, 20, 23, 20.3) }];

  it('closing both exits of one long wall roughly doubles the evacuation time', () => {
    const four = room([...south, ...north]);
    const two = room(south);
    expect(four.pedestrians.exited).toBe(1000);
    expect(two.pedestrians.exited).toBe(1000);
    const ratio = two.pedestrians.evacuationTimeS! / four.pedestrians.evacuationTimeS!;
    console.log(`RiMEA 9: 4 exits ${four.pedestrians.evacuationTimeS} s, 2 exits ${two.pedestrians.evacuationTimeS} s, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.4);
    // Everyone uses a nearby exit: the load is shared between all open exits.
    for (const id of ['S1', 'S2', 'N1', 'N2']) expect(four.exits[id].count).toBeGreaterThan(150);
  });
});
