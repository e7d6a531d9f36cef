/**
 * Scenario builders for the validation tests: the RiMEA geometries, a periodic corridor for the
 * fundamental diagram, and the Jülich HERMES corridor with an exit bottleneck. Each builds a
 * plain scenario that goes through the same loader checks as a user's file.
 */
import { validateScenario } from '../../../engine/scenario/loadScenario.ts';
import type { PolygonM, Scenario, SpeedSpec } from '../../../engine/scenario/Scenario.ts';
import { createWorld } from '../../../engine/world/createWorld.ts';
import { runWorld } from '../../../engine/run/runWorld.ts';
import type { RunSummary } from '../../../engine/run/summary.ts';

/** Weidmann (1993) free walking speed: mean 1.34 m/s, sd 0.26 m/s, truncated to plausible values. */
export const WEIDMANN_SPEED: SpeedSpec = { distribution: 'normal', mean: 1.34, sd: 0.26, min: 0.8, max: 1.9 };

/** Axis-aligned rectangle as a polygon. */
export function rect(x0: number, y0: number, x1: number, y1: number): PolygonM {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

/** Validates (as the CLI would) and runs a scenario; returns the summary. */
export function runScenario(scenario: Scenario): RunSummary {
  const valid = validateScenario(scenario, `${scenario.name}.json`);
  return runWorld(createWorld(valid, `${scenario.name}.json`));
}

/**
 * A periodic corridor (closed loop along x) of `lengthM` x `widthM` filled at `densityPerM2`,
 * with three 2 m x 2 m measurement areas on its axis (at 1/6, 1/2 and 5/6 of its length), measured from 10 s to 70 s (RiMEA test 4).
 */
export function periodicCorridor(densityPerM2: number, seed: number, lengthM = 30, widthM = 10): Scenario {
  const mid = widthM / 2;
  return {
    name: `fd-${densityPerM2}`,
    seed,
    durationS: 70,
    stopWhenEmpty: false,
    geometry: {
      walkable: [rect(0, 0, lengthM, widthM)],
      // The exit lies beyond the periodic cut: it only orients the floor field along +x.
      exits: [{ id: 'E', polygon: rect(lengthM, 0, lengthM + 1, widthM) }],
      periodicX: { minXM: 0, maxXM: lengthM },
    },
    pedestrians: [{ id: 'crowd', count: Math.round(densityPerM2 * lengthM * widthM), spawn: { polygon: rect(0, 0, lengthM, widthM) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'E' }],
    measurementAreas: [lengthM / 6, lengthM / 2, (5 * lengthM) / 6].map((x, k) => ({ id: `A${k}`, polygon: rect(x - 1, mid - 1, x + 1, mid + 1), fromS: 10, toS: 70 })),
  };
}

/**
 * RiMEA 4.1.1 test 12 bottleneck: a 10 m x 10 m room, 150 people, a bottleneck of `widthM`
 * and `lengthM` (0.2 m), then an open area with the exit. A measurement line lies across the
 * middle of the bottleneck.
 */
export function rimeaBottleneck(widthM: number, seed: number, lengthM = 0.2, persons = 150): Scenario {
  const half = widthM / 2;
  return {
    name: `bottleneck-${widthM}`,
    seed,
    durationS: 400,
    geometry: {
      walkable: [rect(0, 0, 10, 10), rect(5 - half, 10, 5 + half, 10 + lengthM), rect(2, 10 + lengthM, 8, 14 + lengthM)],
      exits: [{ id: 'out', polygon: rect(2, 13.5 + lengthM, 8, 14 + lengthM) }],
    },
    pedestrians: [{ id: 'room', count: persons, spawn: { polygon: rect(0.3, 0.3, 9.7, 8.5) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'out' }],
    measurementLines: [{ id: 'door', from: [5 - half - 0.1, 10 + lengthM / 2], to: [5 + half + 0.1, 10 + lengthM / 2] }],
  };
}

/**
 * The Jülich HERMES 2009 "uo" corridor (Zhang et al. 2011): a 1.8 m x 8 m corridor
 * (x in [0, 1.8], y from +4 to -4 m) walked toward -y, fed from a wide waiting area above
 * y = 4 m, ending in an exit of `exitWidthM`, 0.5 m long (y from -4 to -4.5 m), centred at
 * x = 0.9 m, as in the data README. Measurement line at y = -4 m, as for the real data.
 */
export function juelichUoCorridor(exitWidthM: number, persons: number, seed: number): Scenario {
  const half = exitWidthM / 2;
  return {
    name: `uo-${Math.round(exitWidthM * 100)}`,
    seed,
    durationS: 400,
    geometry: {
      walkable: [rect(-2.1, 4, 3.9, 10), rect(0, -4, 1.8, 4), rect(0.9 - half, -4.5, 0.9 + half, -4), rect(-1, -6, 2.8, -4.5)],
      exits: [{ id: 'out', polygon: rect(-1, -6, 2.8, -5.5) }],
    },
    pedestrians: [{ id: 'waiting', count: persons, spawn: { polygon: rect(-2.0, 4.3, 3.8, 9.9) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'out' }],
    measurementLines: [{ id: 'exit', from: [-0.5, -4], to: [2.3, -4] }],
  };
}
