/**
 * Road measurements per link and lane, and per trip: mean speeds, outflows and densities follow
 * Edie's generalised definitions (Edie 1963: over a space-time region of length L and duration T,
 * flow q = total distance / (L T), density k = total time / (L T), speed v = distance / time, so
 * q = k v exactly); trip-time percentiles; delay over the free-flow time of the route.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld, validateScenario } from '../../../engine/index.ts';

function run(options: { signal?: boolean; closeDirect?: boolean }) {
  return runWorld(createWorld(validateScenario({
    name: 'measures', seed: 1, durationS: 900, stepS: 0.1, stopWhenEmpty: false,
    geometry: { walkable: [[[0, 50], [10, 50], [10, 60], [0, 60]]], exits: [{ id: 'out', polygon: [[10, 50], [11, 50], [11, 60], [10, 60]] }] },
    traffic: {
      // 0 -> 1 -> 2 straight (500 m + 500 m), and a detour 1 -> 3 -> 2 (300 m + 583 m).
      roads: { nodes: [[0, 0], [500, 0], [1000, 0], [500, 300]], links: [{ from: 0, to: 1, lanes: 2 }, { from: 1, to: 2 }, { from: 1, to: 3 }, { from: 3, to: 2 }] },
      demand: [{ id: 'through', from: 0, to: 2, vehiclesPerHour: 720, fromS: 0, toS: 900 }],
      ...(options.signal ? { signals: [{ node: 1, cycleS: 60 }] } : {}),
      ...(options.closeDirect ? { closures: [{ id: 'works', links: [1] }] } : {}),
    },
  }, 'measures.json'), 'measures.json'));
}

describe('road measurements', () => {
  const free = run({});

  it('give per link a mean speed, an outflow and a density that satisfy q = k v (Edie)', () => {
    const link = free.traffic!.links['0'];
    // Free flow at 50 km/h on the first link.
    expect(link.meanSpeedMps).toBeGreaterThan(13.3);
    expect(link.meanSpeedMps).toBeLessThanOrEqual(50 / 3.6 + 1e-6);
    // Outflow per hour = density x speed, within the vehicles still on the link at the end.
    const kv = link.meanDensityPerKm * link.meanSpeedMps * 3.6;
    expect(Math.abs(link.outflowPerHour - kv) / kv).toBeLessThan(0.03);
    // About the 720 vehicles an hour of the demand.
    expect(link.outflowPerHour).toBeGreaterThan(690);
    expect(link.outflowPerHour).toBeLessThan(730);
    expect(link.laneMeanSpeedMps.length).toBe(2);
  });

  it('give trip-time percentiles and no delay at free flow', () => {
    const through = free.traffic!.demand.through;
    expect(through.travelTimeP50S!).toBeLessThanOrEqual(through.travelTimeP85S!);
    expect(through.travelTimeP85S!).toBeLessThanOrEqual(through.travelTimeP95S!);
    // 1,000 m at 50 km/h: 72 s.
    expect(through.freeFlowTimeS).toBeCloseTo(72, 1);
    expect(Math.abs(through.meanDelayS!)).toBeLessThan(2);
  });

  it('measure the delay of a signal and of the detour round a closure', () => {
    const signalled = run({ signal: true }).traffic!.demand.through;
    // A 60 s cycle with half of it green: a few seconds to about 15 s of mean delay.
    expect(signalled.meanDelayS!).toBeGreaterThan(3);
    expect(signalled.travelTimeP95S!).toBeGreaterThan(signalled.travelTimeP50S!);
    const detour = run({ closeDirect: true }).traffic!.demand.through;
    // The detour adds 883 - 500 = 383 m at 50 km/h (27.6 s) over the direct route's free flow.
    expect(detour.freeFlowTimeS).toBeCloseTo(72, 1);
    expect(detour.meanDelayS!).toBeGreaterThan(20);
  });
});
