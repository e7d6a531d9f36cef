/**
 * Explicit signal programs (SignalSpec.phases, as SUMO's tlLogic): each phase shows its own
 * movements green, so a protected left-turn phase lets the left turners go while the through
 * traffic of the same approach waits; the actuators force program phases.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, validateScenario } from '../../../engine/index.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';
import type { SignalPhaseSpec } from '../../../engine/scenario/Scenario.ts';
import { forcePhase } from '../../../engine/vehicles/actuation.ts';
import { ActuationError } from '../../../engine/vehicles/ActuationError.ts';
import { movementSlot, movementStateAt, SignalState } from '../../../engine/vehicles/SignalPlans.ts';

/**
 * A four-arm crossing at node 0, arms 300 m: nodes 1 east, 2 north, 3 west, 4 south. Links 0..3
 * come in from E, N, W, S; links 4..7 go out to E, N, W, S.
 */
const IN = { east: 0, north: 1, west: 2, south: 3 };
const OUT = { east: 4, north: 5, west: 6, south: 7 };

/**
 * Three green phases, each followed by 3 s of amber: east-west through (and right turns), the
 * protected left turns from east and west, then north-south. Cycle 25 + 3 + 12 + 3 + 25 + 3 = 71 s.
 */
const PROGRAM: SignalPhaseSpec[] = [
  { durationS: 25, green: [[IN.east, OUT.west], [IN.west, OUT.east], [IN.east, OUT.north], [IN.west, OUT.south]] },
  { durationS: 3, green: [], amber: [[IN.east, OUT.west], [IN.west, OUT.east], [IN.east, OUT.north], [IN.west, OUT.south]] },
  { durationS: 12, green: [[IN.east, OUT.south], [IN.west, OUT.north]] },
  { durationS: 3, green: [], amber: [[IN.east, OUT.south], [IN.west, OUT.north]] },
  { durationS: 25, green: [IN.north, IN.south] },
  { durationS: 3, green: [], amber: [IN.north, IN.south] },
];

function crossing(demand: object[], phases: SignalPhaseSpec[] = PROGRAM, extra: object = {}) {
  const arms: [number, number][] = [[300, 0], [0, 300], [-300, 0], [0, -300]];
  return validateScenario({
    name: 'program', seed: 1, durationS: 900, stopWhenEmpty: true,
    geometry: { walkable: [[[0, -600], [10, -600], [10, -590], [0, -590]]], exits: [{ id: 'e', polygon: [[10, -596], [11, -596], [11, -594], [10, -594]] }] },
    traffic: {
      roads: { nodes: [[0, 0], ...arms], links: [...arms.map((_p, k) => ({ from: k + 1, to: 0 })), ...arms.map((_p, k) => ({ from: 0, to: k + 1 }))] },
      demand,
      signals: [{ node: 0, phases, ...extra }],
    },
  }, 'program.json');
}

/** Runs the scenario; for each vehicle crossing node 0, its movement and the time in the cycle. */
function crossings(scenario: ReturnType<typeof crossing>, onStep?: (tick: number, world: ReturnType<typeof createWorld>) => void) {
  const world = createWorld(scenario, 'program.json');
  const traffic = world.traffic!;
  const plan = traffic.signals[0];
  const linkOf = new Map<number, number>();
  const seen: { from: number; to: number; timeS: number; cycleS: number; state: number }[] = [];
  while (!isRunOver(world)) {
    const beforeS = world.clock.tick * world.clock.stepS;
    onStep?.(world.clock.tick, world);
    stepWorld(world);
    const { vehicles } = traffic;
    for (let i = 0; i < vehicles.count; i++) {
      const id = vehicles.id[i];
      const before = linkOf.get(id);
      const link = vehicles.link[i];
      if (before !== undefined && before <= 3 && link >= 4) {
        const state = movementStateAt(plan, movementSlot(traffic.network, plan.program!, before, link), beforeS);
        seen.push({ from: before, to: link, timeS: beforeS, cycleS: beforeS % plan.cycleS, state });
      }
      linkOf.set(id, link);
    }
  }
  return { traffic, seen };
}

describe('a three-phase program with a protected left-turn phase', () => {
  // One lane per approach (a through car at the front would hold the left turners behind it):
  // left turners come from the east, the through traffic of the first phase from the west.
  const { traffic, seen } = crossings(crossing([
    { id: 'westThrough', from: 3, to: 1, vehiclesPerHour: 400, fromS: 0, toS: 600 },
    { id: 'eastLeft', from: 1, to: 4, vehiclesPerHour: 200, fromS: 0, toS: 600 },
    { id: 'northThrough', from: 2, to: 4, vehiclesPerHour: 300, fromS: 0, toS: 600 },
  ]));

  it('runs the program as given: a 71 s cycle of six phases', () => {
    expect(traffic.signals[0].cycleS).toBe(71);
    expect(traffic.signals[0].phaseCount).toBe(6);
  });

  it('lets every vehicle cross only while its own movement shows green or amber', () => {
    expect(seen.length).toBeGreaterThan(100);
    for (const crossing of seen) expect(crossing.state).not.toBe(SignalState.red);
  });

  it('moves the left turners only in the protected phase (28-43 s of the cycle, amber included), the through traffic only in the first', () => {
    const left = seen.filter((c) => c.from === IN.east && c.to === OUT.south);
    const through = seen.filter((c) => c.from === IN.west && c.to === OUT.east);
    const north = seen.filter((c) => c.from === IN.north);
    expect(left.length).toBeGreaterThan(20);
    expect(through.length).toBeGreaterThan(40);
    expect(north.length).toBeGreaterThan(30);
    for (const c of left) expect(c.cycleS).toBeGreaterThanOrEqual(28);
    for (const c of left) expect(c.cycleS).toBeLessThan(43);
    for (const c of through) expect(c.cycleS).toBeLessThan(28);
    for (const c of north) expect(c.cycleS).toBeGreaterThanOrEqual(43);
  });

  it('serves every trip', () => {
    for (const d of traffic.demand) expect(d.arrived).toBe(d.inserted);
  });
});

describe('actuators on a program', () => {
  it('forcing the protected left-turn phase lets only the left turners go', () => {
    const { seen } = crossings(crossing([
      { id: 'westThrough', from: 3, to: 1, vehiclesPerHour: 400, fromS: 0, toS: 300 },
      { id: 'eastLeft', from: 1, to: 4, vehiclesPerHour: 200, fromS: 0, toS: 300 },
    ]), (tick, world) => {
      if (tick === 0) forcePhase(world.traffic!, 0, 0, 2);
    });
    // Through vehicles may only use the first phase's minimum green and amber (the clearance).
    const through = seen.filter((c) => c.from === IN.west && c.to === OUT.east);
    const left = seen.filter((c) => c.from === IN.east && c.to === OUT.south);
    expect(left.length).toBeGreaterThan(10);
    expect(through.every((c) => c.state !== SignalState.red)).toBe(true);
    expect(through.filter((c) => c.timeS > 15).length).toBe(0);
  });

  it('pre-empts for an emergency vehicle with the phase that shows its own movement green', () => {
    const { traffic, seen } = crossings(crossing([
      { id: 'ambulance', from: 1, to: 4, vehiclesPerHour: 3600, fromS: 0, toS: 1, vehicleClass: 'emergency' },
    ]));
    const preempt = traffic.actuation.log.find((entry) => entry.action.kind === 'preempt');
    expect(preempt?.action).toMatchObject({ signal: 0, phase: 2 });
    // It left at 0 s, in the first phase: pre-empted, it crosses before the program would let it (28 s).
    expect(seen[0].timeS).toBeLessThan(28);
    expect(seen[0].state).not.toBe(SignalState.red);
  });

  it('refuses to force an amber phase of the program, naming the phase', () => {
    const world = createWorld(crossing([]), 'program.json');
    expect(() => forcePhase(world.traffic!, 0, 0, 1)).toThrow(ActuationError);
    expect(() => forcePhase(world.traffic!, 0, 0, 1)).toThrow(/phase 1 of signal 0 shows no movement green/);
  });
});

describe('checking a program at load', () => {
  it('names the phase and movement of a link that does not lead into the node', () => {
    const bad: SignalPhaseSpec[] = [{ durationS: 30, green: [IN.east, OUT.north] }, { durationS: 30, green: [[IN.north, IN.south]] }];
    let error: unknown;
    try {
      crossing([], bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const text = String((error as Error).message);
    expect(text).toContain('traffic.signals[0].phases[0].green[1]: link 5 does not lead into node 0 (links into it: 0, 1, 2, 3)');
    expect(text).toContain('traffic.signals[0].phases[1].green[0]: link 3 does not leave node 0 (links out of it: 4, 5, 6, 7)');
  });

  it('asks a given cycle to equal the total of the phases', () => {
    expect(() => crossing([], PROGRAM, { cycleS: 60 })).toThrow(/traffic\.signals\[0\]\.cycleS: cycleS \(60\) is not the total of the phases' durations \(71\)/);
  });
});
