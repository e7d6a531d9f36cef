/**
 * The benchmark scenarios, built in code: an open (periodic) square at 1 P/m² for n people, and a large
 * room at 4 P/m² emptied through a few doors. Synthetic geometry, fixed seeds.
 */
import type { Scenario } from '../engine/index.ts';
import type { PolygonM } from '../engine/scenario/Scenario.ts';

/** A benchmark: a name and its scenario. */
export interface BenchCase {
  name: string;
  /** Nominal number of people. */
  agents: number;
  /** Warm-up steps before timing, when the default is not enough for V8 to settle. */
  warmupSteps?: number;
  scenario: Scenario;
}

function rect(x0: number, y0: number, x1: number, y1: number): PolygonM {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

/**
 * `n` people at 1 P/m² in an open square of side sqrt(n) m that is periodic along x (people who
 * walk out east come back in west, so the count and the density stay constant while timing),
 * desired speed 1.34 m/s; the exit beyond the east edge only orients the floor field.
 */
export function openSquare(name: string, n: number, cellM: number): BenchCase {
  const sideM = Math.sqrt(n);
  return {
    name,
    agents: n,
    scenario: {
      name,
      seed: 1,
      durationS: 3600,
      stopWhenEmpty: false,
      geometry: {
        walkable: [rect(0, 0, sideM, sideM)],
        exits: [{ id: 'east', polygon: rect(sideM, 0, sideM + 0.5, sideM) }],
        periodicX: { minXM: 0, maxXM: sideM },
      },
      pedestrians: [{ id: 'crowd', count: n, spawn: { polygon: rect(0, 0, sideM, sideM) }, desiredSpeedMps: 1.34, goal: 'east' }],
      navigation: { cellM },
    },
  };
}

/**
 * 100,000 people at 4 P/m² in a 100 m x 250 m room, leaving through four 2.4 m doors in its
 * north wall (a dense bottleneck: most people are in contact with their neighbours).
 */
export function denseBottleneck(name: string): BenchCase {
  const widthM = 100;
  const depthM = 250;
  const doorM = 2.4;
  const doorCentresM = [20, 40, 60, 80];
  const count = 4 * widthM * depthM;
  return {
    name,
    agents: count,
    // People start leaving after about 100 steps; the new code paths re-optimise the model.
    warmupSteps: 300,
    scenario: {
      name,
      seed: 1,
      durationS: 36000,
      geometry: {
        walkable: [rect(0, 0, widthM, depthM)],
        exits: doorCentresM.map((x, k) => ({ id: `door${k + 1}`, polygon: rect(x - doorM / 2, depthM, x + doorM / 2, depthM + 0.5) })),
      },
      pedestrians: [{ id: 'crowd', count, spawn: { polygon: rect(0, 0, widthM, depthM) }, desiredSpeedMps: 1.34, goal: doorCentresM.map((_x, k) => `door${k + 1}`) }],
      navigation: { cellM: 0.25 },
    },
  };
}

/** Every benchmark, smallest first. */
export function allBenchCases(): BenchCase[] {
  return [
    openSquare('open-1k', 1_000, 0.1),
    openSquare('open-10k', 10_000, 0.1),
    openSquare('open-100k', 100_000, 0.25),
    denseBottleneck('bottleneck-100k'),
  ];
}
