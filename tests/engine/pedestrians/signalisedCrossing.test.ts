/**
 * People at a signalised crossing: they wait at the kerb while their light is red and cross at
 * green; vehicles stop at their own red. The crossing's kerb lines are gates following the
 * people's phase of the traffic signal (phase 1 at a crossing with one road axis).
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import { signalStateAt, SignalState } from '../../../engine/vehicles/SignalPlans.ts';

function crossingScenario() {
  return validateScenario({
    name: 'crossing', seed: 4, durationS: 400,
    geometry: {
      // South and north sidewalks, and the crossing between them over a 7 m road.
      walkable: [[[0, 0], [40, 0], [40, 3], [0, 3]], [[0, 10], [40, 10], [40, 13], [0, 13]], [[18, 3], [22, 3], [22, 10], [18, 10]]],
      exits: [{ id: 'north-west', polygon: [[0, 10.5], [2, 10.5], [2, 12.5], [0, 12.5]] }],
      gates: [
        { id: 'south-kerb', from: [18, 3], to: [22, 3], inside: [20, 6], signal: { signal: 0, phase: 1 } },
        { id: 'north-kerb', from: [18, 10], to: [22, 10], inside: [20, 6], signal: { signal: 0, phase: 1 } },
      ],
    },
    pedestrians: [{ id: 'shoppers', count: 40, spawn: { polygon: [[1, 0.5], [15, 0.5], [15, 2.5], [1, 2.5]] }, desiredSpeedMps: 1.34, goal: 'north-west' }],
    traffic: {
      roads: { nodes: [[-80, 6.5], [20, 6.5], [120, 6.5]], links: [{ from: 0, to: 1 }, { from: 1, to: 2 }] },
      demand: [{ id: 'cars', from: 0, to: 2, vehiclesPerHour: 600, fromS: 0, toS: 300 }],
      signals: [{ node: 1, cycleS: 40 }],
      detectors: [{ id: 'past-crossing', link: 1, positionM: 1 }],
    },
  }, 'crossing.json');
}

describe('a signalised crossing', () => {
  const world = createWorld(crossingScenario(), 'crossing.json');
  const plan = world.traffic!.signals[0];
  const onCrossing = new Map<number, number>();
  const onKerb = new Map<number, number>();
  while (!isRunOver(world)) {
    stepWorld(world);
    const tS = world.clock.tick * world.clock.stepS;
    const { count, id, posXM, posYM } = world.agents;
    for (let i = 0; i < count; i++) {
      const x = posXM[i];
      const y = posYM[i];
      if (x > 18 && x < 22 && y > 3.2 && y < 9.8 && !onCrossing.has(id[i])) onCrossing.set(id[i], tS);
      if (x > 17 && x < 23 && y > 1.5 && y < 3 && !onKerb.has(id[i])) onKerb.set(id[i], tS);
    }
  }
  const summary = summarizeWorld(world, 0);

  it('lets people onto the crossing only while their light is green', () => {
    expect(onCrossing.size).toBe(40);
    for (const tS of onCrossing.values()) {
      // They stepped over the kerb during the step before: the people's phase was green then.
      expect(signalStateAt(plan, 1, tS - world.clock.stepS)).toBe(SignalState.green);
    }
  });

  it('makes those who arrive at red wait at the kerb, and gets everyone across', () => {
    const waits = [...onCrossing.entries()].map(([id, tS]) => tS - (onKerb.get(id) ?? tS));
    expect(Math.max(...waits)).toBeGreaterThan(5);
    expect(summary.pedestrians.exited).toBe(40);
  });

  it('stops the cars at their red: they pass the crossing only in their own green or amber', () => {
    const detector = world.traffic!.detectors[0];
    expect(detector.count).toBeGreaterThan(10);
    const times: number[] = [];
    for (let k = 0; k < detector.timesS.length; k++) times.push(detector.timesS.values[k]);
    for (const tS of times) expect(signalStateAt(plan, 1, tS - 1)).not.toBe(SignalState.green);
  });
});
