/**
 * Gatherings (engine/step/phases/gather.ts): people scattered over a square walk to a meeting
 * point, stay there, then leave for their exit; the crowd forms and splits up.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, stepWorld, validateScenario, ScenarioError } from '../../../engine/index.ts';
import { gatheredCount } from '../../../engine/step/phases/gather.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const scenario = (extra: object = {}) => validateScenario({
  name: 'gathering', seed: 3, durationS: 120, stopWhenEmpty: true, navigation: { cellM: 0.25 },
  geometry: { walkable: [rect(0, 0, 40, 40)], exits: [{ id: 'e', polygon: rect(40, 18, 40.5, 22) }] },
  pedestrians: [{ id: 'audience', count: 30, spawn: { polygon: rect(2, 2, 38, 38) }, desiredSpeedMps: 1.3, goal: 'e', behaviour: 'gathering', gathering: { at: [12, 20], radiusM: 2, stayS: 30 } }],
  ...extra,
}, 'gathering.json');

describe('gatherings', () => {
  it('bring the group to its meeting point, keep it there, then send it to its exit', () => {
    const world = createWorld(scenario(), 'gathering.json');
    const within = (m: number) => {
      let n = 0;
      for (let i = 0; i < world.agents.count; i++) if (Math.hypot(world.agents.posXM[i] - 12, world.agents.posYM[i] - 20) <= m) n++;
      return n;
    };
    const stepTo = (s: number) => {
      while (world.clock.tick * world.clock.stepS < s) stepWorld(world);
    };
    // By 20 s everybody has come (at most 36 m away at 1.3 m/s, most much nearer) and nobody has
    // left (each stays 30 s from arriving).
    stepTo(20);
    expect(world.agents.count).toBe(30);
    expect(within(world.populations[0].gathering!.reachM)).toBe(30);
    expect(gatheredCount(world)).toBe(30);
    // By 70 s every stay is over: the crowd has split up toward the exit.
    stepTo(70);
    expect(gatheredCount(world)).toBe(0);
    expect(within(5)).toBe(0);
    stepTo(120);
    expect(world.agents.count).toBe(0);
  });

  it('cannot be combined with congestion-aware exit choice', () => {
    expect(() => scenario({ navigation: { cellM: 0.25, exitChoice: 'congestion' } })).toThrow(ScenarioError);
    expect(() => scenario({ navigation: { cellM: 0.25, exitChoice: 'congestion' } })).toThrow(/pedestrians\[0\]\.gathering: a gathering cannot be combined/);
  });
});
