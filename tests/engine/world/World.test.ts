import { describe, expect, it } from 'vitest';
import { runWorld } from '../../../engine/run/runWorld.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';
import { validateScenario } from '../../../engine/scenario/loadScenario.ts';
import { createWorld } from '../../../engine/world/createWorld.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('world compilation and run', () => {
  it('a source releases ratePerS people per second over its window', () => {
    const scenario = validateScenario({
      name: 'source', seed: 1, durationS: 60,
      geometry: { walkable: [rect(0, 0, 30, 6)], exits: [{ id: 'E', polygon: rect(29.5, 0, 30, 6) }] },
      sources: [{ id: 'S', polygon: rect(0.5, 0.5, 3, 5.5), ratePerS: 2.5, fromS: 2, toS: 12, goal: 'E', desiredSpeedMps: 1.3 }],
    }, 's.json');
    const summary = runWorld(createWorld(scenario));
    expect(summary.sources.S.spawned).toBe(25);
    expect(summary.pedestrians.exited).toBe(25);
    const spawnTimes = summary.pedestrians.agents.map((a) => a.spawnS);
    expect(Math.min(...spawnTimes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...spawnTimes)).toBeLessThanOrEqual(12);
  });

  it('closing an exit sends its people to their other exit', () => {
    const scenario = validateScenario({
      name: 'closing', seed: 2, durationS: 120,
      geometry: {
        walkable: [rect(0, 0, 40, 4)],
        exits: [{ id: 'W', polygon: rect(0, 0, 0.3, 4) }, { id: 'E', polygon: rect(39.7, 0, 40, 4), closeS: 0.5 }],
      },
      pedestrians: [{ id: 'p', count: 20, spawn: { polygon: rect(30, 0.5, 36, 3.5) }, desiredSpeedMps: 1.3, goal: ['W', 'E'] }],
    }, 'c.json');
    const summary = runWorld(createWorld(scenario));
    expect(summary.exits.E.count).toBe(0);
    expect(summary.exits.W.count).toBe(20);
  });

  it('rejects a group that cannot fit in its spawn area, naming the group', () => {
    const scenario = validateScenario({
      name: 'crowded', seed: 1, durationS: 10,
      geometry: { walkable: [rect(0, 0, 10, 10)], exits: [{ id: 'E', polygon: rect(9.5, 0, 10, 10) }] },
      pedestrians: [{ id: 'p', count: 200, spawn: { polygon: rect(1, 1, 3, 3) }, desiredSpeedMps: 1.3, goal: 'E' }],
    }, 'crowded.json');
    expect(() => createWorld(scenario, 'crowded.json')).toThrow(ScenarioError);
    try { createWorld(scenario, 'crowded.json'); } catch (e) {
      expect((e as ScenarioError).problems[0].path).toBe('pedestrians[0].count');
      expect((e as Error).message).toContain('crowded.json');
    }
  });

  it('a group that appears where people still stand waits for room, and the run says so', () => {
    const scenario = validateScenario({
      name: 'late', seed: 3, durationS: 120,
      geometry: { walkable: [rect(0, 0, 20, 10)], exits: [{ id: 'E', polygon: rect(20, 4, 20.3, 6) }] },
      pedestrians: [
        { id: 'first', count: 60, spawn: { polygon: rect(1, 3, 5, 7) }, preMovementS: 5, desiredSpeedMps: 1.3, goal: 'E' },
        { id: 'late', count: 60, startS: 1, spawn: { polygon: rect(1, 3, 5, 7) }, desiredSpeedMps: 1.3, goal: 'E' },
      ],
    }, 'late.json');
    const summary = runWorld(createWorld(scenario, 'late.json'));
    expect(summary.warnings.some((w) => w.includes('group "late" cannot be placed yet'))).toBe(true);
    const late = summary.pedestrians.agents.filter((a) => a.group === 'late');
    expect(late.length).toBe(60);
    expect(Math.min(...late.map((a) => a.spawnS))).toBeGreaterThan(5);
    expect(summary.pedestrians.exited).toBe(120);
  });

  it('a group that appears after its only exit closed is placed and counted as remaining', () => {
    const scenario = validateScenario({
      name: 'closed', seed: 3, durationS: 20,
      geometry: { walkable: [rect(0, 0, 20, 10)], exits: [{ id: 'E', polygon: rect(20, 4, 20.3, 6), closeS: 5 }] },
      pedestrians: [
        { id: 'first', count: 5, spawn: { polygon: rect(15, 3, 19, 7) }, desiredSpeedMps: 1.3, goal: 'E' },
        { id: 'late', count: 10, startS: 10, spawn: { polygon: rect(1, 3, 5, 7) }, desiredSpeedMps: 1.3, goal: 'E' },
      ],
    }, 'closed.json');
    const summary = runWorld(createWorld(scenario, 'closed.json'));
    expect(summary.pedestrians.spawned).toBe(15);
    expect(summary.pedestrians.exited).toBe(5);
    expect(summary.pedestrians.remaining).toBe(10);
    expect(summary.pedestrians.evacuationTimeS).toBeNull();
    expect(summary.warnings.some((w) => w.includes('every exit of a goal set is closed'))).toBe(true);
  });

  it('reports no evacuation time while a group is still to come', () => {
    const scenario = validateScenario({
      name: 'cut', seed: 3, durationS: 30,
      geometry: { walkable: [rect(0, 0, 20, 10)], exits: [{ id: 'E', polygon: rect(20, 4, 20.3, 6) }] },
      pedestrians: [
        { id: 'first', count: 5, spawn: { polygon: rect(15, 3, 19, 7) }, desiredSpeedMps: 1.3, goal: 'E' },
        { id: 'never', count: 5, startS: 50, spawn: { polygon: rect(1, 3, 5, 7) }, desiredSpeedMps: 1.3, goal: 'E' },
      ],
    }, 'cut.json');
    const summary = runWorld(createWorld(scenario, 'cut.json'));
    expect(summary.pedestrians.exited).toBe(5);
    expect(summary.pedestrians.evacuationTimeS).toBeNull();
    expect(summary.warnings.some((w) => w.includes('"never" starts at 50 s'))).toBe(true);
  });

  it('a person straight behind an obstacle goes round it, and one midway between two exits picks one', () => {
    // Exact symmetry lines of the floor field (ridges), where a central difference cancels.
    const behind = runWorld(createWorld(validateScenario({
      name: 'behind', seed: 1, durationS: 60,
      geometry: { walkable: [rect(0, 0, 20, 6)], obstacles: [rect(8, 2, 10, 4)], exits: [{ id: 'E', polygon: rect(20, 2, 20.3, 4) }] },
      pedestrians: [{ id: 'p', count: 1, spawn: { points: [[5, 3]] }, desiredSpeedMps: 1.3, goal: 'E' }],
    }, 'behind.json')));
    expect(behind.pedestrians.exited).toBe(1);
    expect(behind.pedestrians.evacuationTimeS!).toBeLessThan(20);
    const midway = runWorld(createWorld(validateScenario({
      name: 'midway', seed: 1, durationS: 60,
      geometry: { walkable: [rect(0, 0, 20, 2)], exits: [{ id: 'W', polygon: rect(-0.3, 0, 0, 2) }, { id: 'E', polygon: rect(20, 0, 20.3, 2) }] },
      pedestrians: [{ id: 'p', count: 1, spawn: { points: [[10, 1]] }, desiredSpeedMps: 1.3, goal: ['W', 'E'] }],
    }, 'midway.json')));
    expect(midway.pedestrians.exited).toBe(1);
    expect(midway.pedestrians.evacuationTimeS!).toBeLessThan(10);
  });

  it('a door is a wall to those who do not leave through it', () => {
    // People packed against an open west door, all heading east: none may slip out west.
    const summary = runWorld(createWorld(validateScenario({
      name: 'doors', seed: 1, durationS: 300,
      geometry: { walkable: [rect(-10, 0, 12, 2)], exits: [{ id: 'east', polygon: rect(12, 0, 12.3, 2) }, { id: 'west', polygon: rect(-10.3, 0, -10, 2) }] },
      pedestrians: [{ id: 'main', count: 100, spawn: { polygon: rect(-10, 0.2, 0, 1.8) }, desiredSpeedMps: 1.3, goal: 'east' }],
    }, 'doors.json')));
    expect(summary.exits.east.count).toBe(100);
    expect(summary.exits.west.count).toBe(0);
    expect(summary.pedestrians.remaining).toBe(0);
  });

  it('rejects a spawn area with no walkable path to its exit', () => {
    const scenario = validateScenario({
      name: 'island', seed: 1, durationS: 10,
      geometry: { walkable: [rect(0, 0, 10, 10), rect(20, 0, 30, 10)], exits: [{ id: 'E', polygon: rect(29, 0, 30, 10) }] },
      pedestrians: [{ id: 'stranded', count: 5, spawn: { polygon: rect(1, 1, 5, 5) }, desiredSpeedMps: 1.3, goal: 'E' }],
    }, 'island.json');
    expect(() => createWorld(scenario, 'island.json')).toThrow(/no walkable path/);
  });

  it('two worlds in one process number their agents the same way', () => {
    const make = () => createWorld(validateScenario({
      name: 'ids', seed: 4, durationS: 5,
      geometry: { walkable: [rect(0, 0, 10, 10)], exits: [{ id: 'E', polygon: rect(9.5, 0, 10, 10) }] },
      pedestrians: [{ id: 'p', count: 10, spawn: { polygon: rect(1, 1, 5, 5) }, desiredSpeedMps: 1.3, goal: 'E' }],
    }, 'ids.json'));
    const first = runWorld(make());
    const second = runWorld(make());
    expect(second.pedestrians.agents.map((a) => a.id)).toEqual(first.pedestrians.agents.map((a) => a.id));
    expect(JSON.stringify({ ...second, wallS: 0 })).toBe(JSON.stringify({ ...first, wallS: 0 }));
  });
});
