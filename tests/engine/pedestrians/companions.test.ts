/**
 * Social groups that walk together (engine/pedestrians/companions.ts, after Moussaid et al.
 * 2010): group sizes drawn from the share of people by size; members appear together, share a
 * pace, a meeting point and a pre-movement time, and keep together on the way (a member ahead
 * of the others by more than (N - 1) / 2 m slows down).
 */
import { describe, expect, it } from 'vitest';
import { createWorld, stepWorld, validateScenario } from '../../../engine/index.ts';
import { drawGroupSize } from '../../../engine/pedestrians/companions.ts';
import { Rng } from '../../../engine/random/Rng.ts';
import type { PolygonM, Scenario } from '../../../engine/scenario/Scenario.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonM => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('group sizes', () => {
  it('draws sizes so that the share of people in groups of each size is the one asked for', () => {
    const shares = [0.3, 0.4, 0.2, 0.1];
    const rng = new Rng(3);
    const people = [0, 0, 0, 0];
    for (let k = 0; k < 40_000; k++) {
      const size = drawGroupSize(shares, rng.next());
      people[size - 1] += size;
    }
    const total = people.reduce((s, p) => s + p, 0);
    people.forEach((p, k) => expect(Math.abs(p / total - shares[k])).toBeLessThan(0.01));
  });
});

/** 60 people a minute walk a 60 m x 6 m corridor toward its east end; all in pairs, or all alone. */
function corridor(pairs: boolean): Scenario {
  return validateScenario({
    name: 'pairs', seed: 9, durationS: 90, stepS: 0.1, navigation: { cellM: 0.25 },
    geometry: { walkable: [rect(0, 0, 60, 6)], exits: [{ id: 'east', polygon: rect(60, 0, 60.5, 6) }] },
    sources: [{
      id: 'walkers', polygon: rect(1, 0.5, 8, 5.5), ratePerS: 1, fromS: 0, toS: 40, goal: 'east',
      desiredSpeedMps: { distribution: 'normal', mean: 1.34, sd: 0.26, min: 0.6, max: 1.9 },
      ...(pairs ? { socialGroups: { shareBySize: [0, 1] } } : {}),
    }],
  }, 'pairs.json');
}

describe('people who walk in pairs', () => {
  it('appear side by side, share their pace, and stay about 1.5 m apart on the way (never 4 m)', () => {
    const world = createWorld(corridor(true), 'pairs.json');
    const companions = world.pedestrianModel.companions!;
    const spawnedAt = new Map<number, [number, number, number]>();
    let maxSpreadM = 0;
    let sumSpread = 0, spreadSamples = 0;
    while (world.clock.tick * world.clock.stepS < 80) {
      stepWorld(world);
      const { agents } = world;
      const byGroup = new Map<number, number[]>();
      for (let i = 0; i < agents.count; i++) {
        const id = agents.id[i];
        if (!spawnedAt.has(id)) spawnedAt.set(id, [agents.posXM[i], agents.posYM[i], agents.desiredSpeedMps[i]]);
        const g = companions.groupOfId[id];
        if (!byGroup.has(g)) byGroup.set(g, []);
        byGroup.get(g)!.push(i);
      }
      for (const [, slots] of byGroup) {
        if (slots.length !== 2) continue;
        const [a, b] = slots;
        // Once both walk (past their first metres).
        if (agents.posXM[a] < 12 || agents.posXM[b] < 12) continue;
        const spread = Math.hypot(agents.posXM[a] - agents.posXM[b], agents.posYM[a] - agents.posYM[b]);
        maxSpreadM = Math.max(maxSpreadM, spread);
        sumSpread += spread;
        spreadSamples++;
      }
    }
    // Everyone in a pair of two: ids 2k and 2k+1 together, appearing at once beside each other with one pace.
    expect(companions.count).toBe(20);
    for (let g = 0; g < companions.count; g++) {
      const members = [...spawnedAt.keys()].filter((id) => companions.groupOfId[id] === g);
      expect(members).toHaveLength(2);
      const [p, q] = members.map((id) => spawnedAt.get(id)!);
      expect(Math.hypot(p[0] - q[0], p[1] - q[1])).toBeLessThan(2 * Math.SQRT2 * 1.2 + 1e-9);
      expect(p[2]).toBe(q[2]);
    }
    console.log(`pairs: mean distance between partners ${(sumSpread / spreadSamples).toFixed(2)} m, at most ${maxSpreadM.toFixed(2)} m`);
    expect(sumSpread / spreadSamples).toBeLessThan(2);
    expect(maxSpreadM).toBeLessThan(4);
  });

  it('keep closer together than the same walkers alone, who drift apart at their own speeds', () => {
    // Alone, two people who appeared one after the other drift apart at their own speeds.
    const spreadOf = (pairs: boolean): number => {
      const world = createWorld(corridor(pairs), 'pairs.json');
      const exitS = new Map<number, number>();
      while (world.clock.tick * world.clock.stepS < 90) {
        stepWorld(world);
        for (let id = 0; id < world.records.count; id++) {
          if (world.records.exitTick[id] >= 0 && !exitS.has(id)) exitS.set(id, world.records.exitTick[id] * world.clock.stepS);
        }
      }
      // Mean gap between the exit times of consecutive arrivals 2k and 2k + 1.
      let sum = 0, n = 0;
      for (let k = 0; k + 1 < world.records.count; k += 2) {
        if (!exitS.has(k) || !exitS.has(k + 1)) continue;
        sum += Math.abs(exitS.get(k)! - exitS.get(k + 1)!);
        n++;
      }
      return sum / n;
    };
    const together = spreadOf(true);
    const alone = spreadOf(false);
    console.log(`exit time gap between arrivals 2k and 2k+1: ${together.toFixed(2)} s in pairs, ${alone.toFixed(2)} s alone`);
    expect(together).toBeLessThan(alone / 2);
  });
});
