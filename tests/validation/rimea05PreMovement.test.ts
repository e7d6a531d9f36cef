// RiMEA 3.0 test 5 (pre-movement time): a room of 8 m x 5 m with a 1 m exit, 10 people whose
// pre-movement times are drawn from U(10, 100) s; each must start moving at its own time.
// (The same U(10, 100) distribution is NIST TN 1822's pre-evacuation test.)
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../engine/scenario/loadScenario.ts';
import { isRunOver } from '../../engine/run/runWorld.ts';
import { stepWorld } from '../../engine/step/stepWorld.ts';
import { createWorld } from '../../engine/world/createWorld.ts';
import { rect } from './support/scenarios.ts';

describe('RiMEA 3.0 test 5: pre-movement time', () => {
  it('10 people with U(10, 100) s pre-movement stand still until their time, then walk out', () => {
    const world = createWorld(validateScenario({
      name: 'rimea-05', seed: 5, durationS: 200,
      geometry: { walkable: [rect(0, 0, 8, 5)], exits: [{ id: 'door', polygon: rect(8, 2, 8.3, 3) }] },
      pedestrians: [{ id: 'room', count: 10, spawn: { polygon: rect(0.5, 0.5, 5, 4.5) }, preMovementS: { distribution: 'uniform', min: 10, max: 100 }, desiredSpeedMps: 1.3, goal: 'door' }],
    }, 'rimea-05.json'));
    const a = world.agents;
    const startTickById = new Map<number, number>();
    const initial = new Map<number, [number, number]>();
    for (let i = 0; i < a.count; i++) {
      startTickById.set(a.id[i], a.walkFromTick[i]);
      initial.set(a.id[i], [a.posXM[i], a.posYM[i]]);
    }
    const starts = [...startTickById.values()].map((t) => t * world.clock.stepS);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...starts)).toBeLessThanOrEqual(100);
    let movedEarly = 0;
    while (!isRunOver(world)) {
      stepWorld(world);
      for (let i = 0; i < a.count; i++) {
        if (world.clock.tick > startTickById.get(a.id[i])!) continue;
        const [x0, y0] = initial.get(a.id[i])!;
        if (Math.hypot(a.posXM[i] - x0, a.posYM[i] - y0) > 1e-9) movedEarly++;
      }
    }
    expect(movedEarly).toBe(0);
    for (let id = 0; id < 10; id++) {
      // Out within the walking time (at most ~9 m at 1.3 m/s plus a little queuing) after its start.
      const exitS = world.records.exitTick[id] * world.clock.stepS;
      const startS = startTickById.get(id)! * world.clock.stepS;
      expect(exitS).toBeGreaterThan(startS);
      expect(exitS - startS).toBeLessThan(15);
    }
  });
});
