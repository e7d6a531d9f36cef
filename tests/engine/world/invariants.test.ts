// Invariants over the pedestrian model and the step pipeline: people are conserved, positions
// stay finite and inside the walkable space (never inside an obstacle or through a wall), speeds
// stay within the desired speed, and the same seed gives the same state.
import { describe, expect, it } from 'vitest';
import { AgentKind } from '../../../engine/agents/AgentStore.ts';
import { isInsideWalkable, distanceToNearestWallM } from '../../../engine/geometry/WalkableSpace.ts';
import { validateScenario } from '../../../engine/scenario/loadScenario.ts';
import type { Scenario } from '../../../engine/scenario/Scenario.ts';
import { isWorldDone, stepWorld } from '../../../engine/step/stepWorld.ts';
import { isRunOver } from '../../../engine/run/runWorld.ts';
import { juelichUoCorridor, rimeaBottleneck, runScenario } from '../../validation/support/scenarios.ts';
import { createWorld } from '../../../engine/world/createWorld.ts';
import type { World } from '../../../engine/world/World.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

/** A room full of pillars with a narrow door, a source and two groups: a stress test for walls. */
function pillarRoom(seed: number): Scenario {
  const obstacles = [];
  for (let x = 3; x < 18; x += 3) for (let y = 3; y < 12; y += 3) obstacles.push(rect(x - 0.4, y - 0.4, x + 0.4, y + 0.4));
  return validateScenario({
    name: 'pillars', seed, durationS: 120,
    geometry: {
      walkable: [rect(0, 0, 20, 15), rect(20, 6.5, 24, 8.5)],
      obstacles,
      exits: [{ id: 'door', polygon: rect(23.5, 6.5, 24, 8.5) }],
    },
    pedestrians: [
      { id: 'left', count: 150, spawn: { polygon: rect(0.3, 0.3, 8, 14.7) }, desiredSpeedMps: { distribution: 'normal', mean: 1.34, sd: 0.26 }, goal: 'door' },
      { id: 'late', count: 30, startS: 5, preMovementS: { distribution: 'uniform', min: 0, max: 10 }, spawn: { polygon: rect(12, 0.3, 19.7, 14.7) }, desiredSpeedMps: 1.2, goal: 'door' },
    ],
    sources: [{ id: 'stream', polygon: rect(0.3, 0.3, 2, 14.7), ratePerS: 2, fromS: 0, toS: 20, goal: 'door', desiredSpeedMps: 1.4 }],
  }, 'pillars.json');
}

function stateHash(world: World): number {
  let h = 2166136261;
  const a = world.agents;
  for (let i = 0; i < a.count; i++) {
    h = Math.imul(h ^ a.id[i], 16777619);
    h = Math.imul(h ^ Math.round(a.posXM[i] * 1e6), 16777619);
    h = Math.imul(h ^ Math.round(a.posYM[i] * 1e6), 16777619);
  }
  return h >>> 0;
}

describe('pedestrian model invariants', () => {
  it('nobody is ever inside an obstacle or a wall, everybody is conserved, positions stay finite and speeds bounded', () => {
    const world = createWorld(pillarRoom(3), 'pillars.json');
    let maxOverspeed = 0;
    let insideWall = 0;
    let tooClose = 0;
    while (world.clock.tick < world.durationTicks && !(world.clock.tick > 0 && isWorldDone(world))) {
      stepWorld(world);
      const a = world.agents;
      for (let i = 0; i < a.count; i++) {
        if (a.kind[i] !== AgentKind.pedestrian) continue; // walking on beyond the door
        expect(Number.isFinite(a.posXM[i]) && Number.isFinite(a.posYM[i])).toBe(true);
        if (!isInsideWalkable(world.space, a.posXM[i], a.posYM[i])) insideWall++;
        if (world.clock.tick % 20 === 0 && distanceToNearestWallM(world.space, a.posXM[i], a.posYM[i]) < 0.5 * a.radiusM[i]) tooClose++;
        maxOverspeed = Math.max(maxOverspeed, Math.hypot(a.velXMps[i], a.velYMps[i]) - a.desiredSpeedMps[i]);
      }
      let exited = 0;
      for (let id = 0; id < world.records.count; id++) if (world.records.exitTick[id] >= 0) exited++;
      expect(exited + a.count - world.departingCount).toBe(world.records.count);
    }
    expect(insideWall).toBe(0);
    expect(tooClose).toBe(0);
    // The hard wall constraint may add a few millimetres to a step; nothing more.
    expect(maxOverspeed).toBeLessThan(0.1);
    expect(world.records.count).toBe(150 + 30 + 40);
    expect(world.agents.count - world.departingCount).toBe(0);
  });

  it.each([
    // [people, largest overlap allowed (m), share of close pairs allowed]: at about 2 P/m²
    // (150 people) and at a crush start of about 5 P/m² (400 people) in a 10 m x 10 m room.
    [150, 0.08, 0.001],
    [400, 0.16, 0.002],
  ])('with %i people at a 1 m door, bodies overlap by at most %s m, and rarely', (people, maxAllowedM, shareAllowed) => {
    // The CSM is collision-free along the walking direction (eq. 2); people converging from
    // the side may touch, more so in a crush. Samples every 5th step.
    const world = createWorld(validateScenario({
      name: 'door', seed: 12, durationS: 400,
      geometry: { walkable: [rect(0, 0, 10, 10)], exits: [{ id: 'out', polygon: rect(4.5, 10, 5.5, 10.4) }] },
      pedestrians: [{ id: 'room', count: people, spawn: { polygon: rect(0.3, 0.3, 9.7, 8.5) }, desiredSpeedMps: { distribution: 'normal', mean: 1.34, sd: 0.26, min: 0.8, max: 1.9 }, goal: 'out' }],
    }, 'door.json'));
    let maxOverlapM = 0, overlapping = 0, closePairs = 0;
    while (!isRunOver(world)) {
      stepWorld(world);
      if (world.clock.tick % 5 !== 0) continue;
      const a = world.agents;
      for (let i = 0; i < a.count; i++) {
        if (a.kind[i] !== AgentKind.pedestrian) continue;
        for (let j = i + 1; j < a.count; j++) {
          if (a.kind[j] !== AgentKind.pedestrian) continue;
          const d = Math.hypot(a.posXM[i] - a.posXM[j], a.posYM[i] - a.posYM[j]);
          if (d > 1) continue;
          closePairs++;
          const overlapM = a.radiusM[i] + a.radiusM[j] - d;
          if (overlapM > 0.005) overlapping++;
          if (overlapM > maxOverlapM) maxOverlapM = overlapM;
        }
      }
    }
    console.log(`overlap with ${people} people at a 1 m door: max ${(100 * maxOverlapM).toFixed(1)} cm, ${overlapping} of ${closePairs} close pair-samples overlap by more than 5 mm`);
    expect(world.records.count).toBe(people);
    expect(world.agents.count - world.departingCount).toBe(0);
    expect(maxOverlapM).toBeLessThan(maxAllowedM);
    expect(overlapping / closePairs).toBeLessThan(shareAllowed);
  });

  it.each([1, 2, 3, 4, 5])('nobody stays stuck at a 0.5 m door, a 0.7 m exit or a 0.8 m bottleneck (seed %i)', (seed) => {
    // Known CSM failures: two people at a narrow door each blocking the other, or circling at
    // the jambs in mirror image, for ever (docs/decisions/001-csm-calibration.md); the side-step,
    // heading relaxation and right of way release them.
    expect(runScenario(rimeaBottleneck(0.5, seed, 0.2, 100)).pedestrians.exited).toBe(100);
    expect(runScenario(juelichUoCorridor(0.7, 148, seed)).pedestrians.exited).toBe(148);
    expect(runScenario(rimeaBottleneck(0.8, seed)).pedestrians.exited).toBe(150);
  });

  it('the same seed gives the same state at every step, another seed another state', () => {
    const a = createWorld(pillarRoom(11)), b = createWorld(pillarRoom(11)), c = createWorld(pillarRoom(12));
    let differs = false;
    for (let k = 0; k < 300; k++) {
      stepWorld(a); stepWorld(b); stepWorld(c);
      expect(stateHash(a)).toBe(stateHash(b));
      if (stateHash(a) !== stateHash(c)) differs = true;
    }
    expect(differs).toBe(true);
  });

  it('a group with a pre-movement time appears at startS and waits before walking', () => {
    const world = createWorld(pillarRoom(5));
    for (let k = 0; k < 100; k++) stepWorld(world); // steps at 0 .. 4.95 s
    const lateBefore = Array.from(world.agents.group.subarray(0, world.agents.count)).filter((g) => g === 1).length;
    expect(lateBefore).toBe(0);
    stepWorld(world); // the step at 5 s: the group appears
    const late: number[] = [];
    for (let i = 0; i < world.agents.count; i++) if (world.agents.group[i] === 1) late.push(i);
    expect(late.length).toBe(30);
    const waiting = late.filter((i) => world.agents.walkFromTick[i] > world.clock.tick + 10).length;
    expect(waiting).toBeGreaterThan(15);
  });
});
