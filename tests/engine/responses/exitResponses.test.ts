/**
 * Responses that act on the people (issue 5, must show): an exit closed by a response sends the
 * people to the other exit and the evacuation takes longer than without the response; the limit
 * "never close the only exit" refuses with its reason in the log; a public address sends the
 * people of a zone to another exit.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld, summarizeWorld, validateScenario, type RunSummary } from '../../../engine/index.ts';
import { attachRules, gunshotRules, hearGunshot, logged, runTo } from './controlWorld.ts';

/** A 20 m x 10 m hall, a 2 m door in the west wall (west) and one in the east wall (east); 60 people in its west part. */
function hall(goal: string | string[]) {
  return createWorld(validateScenario({
    name: 'hall', seed: 5, durationS: 300, navigation: { cellM: 0.2 },
    geometry: {
      walkable: [[[0, 0], [20, 0], [20, 10], [0, 10]]],
      exits: [
        { id: 'west', polygon: [[-0.3, 4], [0, 4], [0, 6], [-0.3, 6]] },
        { id: 'east', polygon: [[20, 4], [20.3, 4], [20.3, 6], [20, 6]] },
      ],
    },
    pedestrians: [{ id: 'crowd', count: 60, spawn: { polygon: [[1, 1], [8, 1], [8, 9], [1, 9]] }, desiredSpeedMps: 1.3, goal }],
  }, 'hall.json'), 'hall.json');
}

const ZONES = [{ id: 'hall', polygon: [[0, 0], [20, 0], [20, 10], [0, 10]] }];

/** Runs to the end, a gunshot heard in the hall at 2 s. */
function runWithGunshot(world: ReturnType<typeof hall>): RunSummary {
  runTo(world, 2, { 2: () => hearGunshot(world, 5, 5) });
  return runWorld(world);
}

describe('an exit closed by a response', () => {
  const without = runWorld(hall(['west', 'east']));
  const world = hall(['west', 'east']);
  attachRules(world, gunshotRules([{ id: 'close-west', on: { rule: 'gunshot' }, actions: [{ action: 'exit.close', exit: 'west' }] }]));
  const summary = runWithGunshot(world);

  it('sends the people still inside to the other exit', () => {
    expect(without.exits.west.count).toBe(60);
    expect(summary.exits.west.lastS!).toBeLessThanOrEqual(2);
    expect(summary.exits.east.count).toBe(60 - summary.exits.west.count);
    expect(summary.exits.east.count).toBeGreaterThan(50);
    expect(summary.pedestrians.exited).toBe(60);
  });

  it('makes the evacuation longer than without the response', () => {
    // Without: the west door, a few metres away; with: across the hall to the east door.
    expect(without.pedestrians.evacuationTimeS!).toBeLessThan(40);
    expect(summary.pedestrians.evacuationTimeS!).toBeGreaterThan(without.pedestrians.evacuationTimeS! + 5);
  });

  it('logs the command and its acknowledgement', () => {
    const [command] = logged(world, 'command', 'exit.close');
    expect(command).toMatchObject({ source: 'response:close-west', data: { exit: 'west' } });
    expect(logged(world, 'ack', 'exit.close')).toEqual([expect.objectContaining({ source: 'exit:west', causes: [command.id], data: { ok: true, result: 'closed; floor fields recomputed' } })]);
  });
});

describe('the limit "never close the only exit"', () => {
  it('refuses to close the only open exit of a goal set, with its reason in the log and the summary', () => {
    const world = hall('west');
    attachRules(world, gunshotRules([{ id: 'close-west', on: { rule: 'gunshot' }, actions: [{ action: 'exit.close', exit: 'west' }] }]));
    const summary = runWithGunshot(world);
    const [ack] = logged(world, 'ack', 'exit.close');
    expect(ack.data).toEqual({ ok: false, result: 'refused: west is the only open exit of the goal set (west) (limits.keepOneExitOpen)' });
    expect(world.exitOpen[0]).toBe(1);
    expect(summary.pedestrians.exited).toBe(60);
    expect(summary.responses![0]).toMatchObject({ action: 'exit.close', ok: false, result: ack.data.result });
  });

  it('closes it when the response allows it, and the people stand still (with a warning)', () => {
    const world = hall('west');
    attachRules(world, gunshotRules([{ id: 'close-west', on: { rule: 'gunshot' }, limits: { keepOneExitOpen: false }, actions: [{ action: 'exit.close', exit: 'west' }] }]));
    runTo(world, 30, { 2: () => hearGunshot(world, 5, 5) });
    const summary = summarizeWorld(world, 0);
    expect(summary.pedestrians.remaining).toBeGreaterThan(40);
    expect(summary.warnings.some((w) => w.includes('every exit of a goal set is closed (west)'))).toBe(true);
    expect(logged(world, 'ack', 'exit.close')[0].data.ok).toBe(true);
  });

  it('opens a closed exit again, and the people take it', () => {
    const world = hall('west');
    attachRules(world, gunshotRules([
      { id: 'close-west', on: { rule: 'gunshot' }, limits: { keepOneExitOpen: false }, actions: [{ action: 'exit.close', exit: 'west' }] },
      { id: 'open-west', on: { rule: 'gunshot' }, delayS: 10, actions: [{ action: 'exit.open', exit: 'west' }] },
    ]));
    const summary = runWithGunshot(world);
    expect(logged(world, 'ack', 'exit.open')[0].data).toEqual({ ok: true, result: 'opened; floor fields recomputed' });
    expect(summary.pedestrians.exited).toBe(60);
    expect(summary.exits.west.lastS!).toBeGreaterThan(12);
  });
});

describe('a public address', () => {
  it('sends the people inside the zone at that time to the named exit', () => {
    const world = hall('west');
    attachRules(world, gunshotRules([{ id: 'announce', on: { rule: 'gunshot' }, actions: [{ action: 'publicAddress', zone: 'hall', goal: 'east' }] }], ZONES));
    const summary = runWithGunshot(world);
    const [ack] = logged(world, 'ack', 'publicAddress');
    const moved = Number(/^(\d+) people in hall sent to east$/.exec(String(ack.data.result))![1]);
    expect(moved).toBe(60 - summary.exits.west.count);
    expect(summary.exits.east.count).toBe(moved);
    expect(moved).toBeGreaterThan(50);
  });
});
