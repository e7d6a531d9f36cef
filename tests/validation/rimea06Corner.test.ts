// RiMEA 3.0 test 6: 20 persons walk round a left corner (L-shaped corridor 2 m wide, arms
// 10 m); all must reach the end and none may pass through a wall.
import { describe, expect, it } from 'vitest';
import { AgentKind } from '../../engine/agents/AgentStore.ts';
import { isInsideWalkable } from '../../engine/geometry/WalkableSpace.ts';
import { stepWorld, isWorldDone } from '../../engine/step/stepWorld.ts';
import { validateScenario } from '../../engine/scenario/loadScenario.ts';
import { createWorld } from '../../engine/world/createWorld.ts';
import { rect, WEIDMANN_SPEED } from './support/scenarios.ts';

describe('RiMEA 3.0 test 6: movement round a corner', () => {
  it('20 persons round a left corner and nobody ever stands outside the walkable space', () => {
    // Arm 1 runs east along y in [0, 2] up to x = 12; arm 2 turns left (north) at x in [10, 12].
    const scenario = validateScenario({
      name: 'rimea-06', seed: 6, durationS: 120,
      geometry: {
        walkable: [rect(0, 0, 12, 2), rect(10, 2, 12, 12)],
        exits: [{ id: 'end', polygon: rect(10, 11.8, 12, 12) }],
      },
      pedestrians: [{ id: 'group', count: 20, spawn: { polygon: rect(0.2, 0.2, 4.2, 1.8) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'end' }],
    }, 'rimea-06.json');
    const world = createWorld(scenario, 'rimea-06.json');
    let violations = 0;
    let samples = 0;
    while (world.clock.tick < world.durationTicks && !(world.clock.tick > 0 && isWorldDone(world))) {
      stepWorld(world);
      for (let i = 0; i < world.agents.count; i++) {
        if (world.agents.kind[i] !== AgentKind.pedestrian) continue; // already through the exit
        samples++;
        const x = world.agents.posXM[i], y = world.agents.posYM[i];
        // Inside the L (or the exit strip) and at least r/2 from every wall.
        if (!isInsideWalkable(world.space, x, y)) violations++;
        if (x < 0.05 || y < 0.05 || y > 12 || (x > 11.95) || (x < 9.95 && y > 1.95)) violations++;
      }
    }
    expect(samples).toBeGreaterThan(1000);
    expect(violations).toBe(0);
    expect(world.records.count).toBe(20);
    let exited = 0;
    for (let id = 0; id < 20; id++) if (world.records.exitTick[id] >= 0) exited++;
    console.log(`RiMEA 6: ${exited}/20 round the corner by ${(world.clock.tick * world.clock.stepS).toFixed(1)} s`);
    expect(exited).toBe(20);
  });
});
