/**
 * Arrivals over an evening (engine/world/arrivals.ts, issue 7): a planner's table of rates per
 * bin releases the planned people bin by bin, a curve of rates integrates as trapezoids, origins
 * split the arrivals by their shares, and a scenario whose demand cannot mean anything (shares
 * that do not sum to 1, a curve going back in time, an unknown moment) is refused at load with
 * the path of the bad value.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, ScenarioError, stepWorld, validateScenario, type World } from '../../../engine/index.ts';
import type { PolygonM, SourceSpec } from '../../../engine/scenario/Scenario.ts';
import { arrivalCurveOf, expectedArrivals } from '../../../engine/world/arrivals.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonM => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

/** A 40 m x 20 m square with an exit along its east side; one source in its west half. */
function scenario(source: Partial<SourceSpec>, extra: object = {}): unknown {
  return {
    name: 'arrivals', seed: 1, durationS: 200, stepS: 0.1, stopWhenEmpty: false, navigation: { cellM: 0.25 },
    geometry: { walkable: [rect(0, 0, 40, 20)], exits: [{ id: 'e', polygon: rect(39.5, 0, 40, 20) }] },
    sources: [{ id: 's', polygon: rect(1, 1, 19, 19), goal: 'e', desiredSpeedMps: 1.3, ...source }],
    ...extra,
  };
}

/** People created so far (arrived, whether still inside or gone). */
const arrived = (world: World): number => world.records.count;

/** Steps the world through the step at time `tS` (its arrivals included). */
function stepThrough(world: World, tS: number): void {
  while (world.clock.tick * world.clock.stepS <= tS + 1e-9) stepWorld(world);
}

/** The error `validateScenario` throws for `value` (fails the test if it throws none). */
function scenarioError(value: unknown): ScenarioError {
  try {
    validateScenario(value, 'evening.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('arrival profiles and curves', () => {
  it('a table of 3600, 0 and 1800 people an hour per minute releases 60 people in the first minute, none in the second and 30 in the third', () => {
    const source = { profile: { binS: 60, perHour: [3600, 0, 1800] } };
    const curve = arrivalCurveOf(source as SourceSpec, 1)!;
    expect([30, 60, 90, 120, 150, 180, 500].map((t) => expectedArrivals(curve, t))).toEqual([30, 60, 60, 60, 75, 90, 90]);
    const world = createWorld(validateScenario(scenario(source), 'evening.json'), 'evening.json');
    const counts: number[] = [];
    for (const t of [30, 60, 120, 150, 180, 199]) {
      stepThrough(world, t);
      counts.push(arrived(world));
    }
    expect(counts).toEqual([30, 60, 60, 75, 90, 90]);
  });

  it('a table starts at the source fromS: with fromS 100 the first person of a 36-an-hour-per-100-s table comes at 200 s', () => {
    const source = { fromS: 100, profile: { binS: 100, perHour: [36, 3600] } };
    const curve = arrivalCurveOf(source as SourceSpec, 1)!;
    expect(curve.timesS).toEqual([100, 200, 200, 300]);
    expect(expectedArrivals(curve, 100)).toBe(0);
    expect(expectedArrivals(curve, 200)).toBeCloseTo(1, 12);
    expect(expectedArrivals(curve, 250)).toBeCloseTo(51, 12);
    expect(expectedArrivals(curve, 300)).toBeCloseTo(101, 12);
  });

  it('a curve of rates integrates as trapezoids between its points', () => {
    // 0 -> 3600 an hour over the first minute (a triangle: 30 people), 3600 an hour for a
    // minute (60), back to 0 over the third (30): 120 people; halfway up the ramp, 7.5.
    const source = { curve: [[0, 0], [60, 3600], [120, 3600], [180, 0]] as [number, number][] };
    const curve = arrivalCurveOf(source as SourceSpec, 1)!;
    expect(expectedArrivals(curve, 30)).toBeCloseTo(7.5, 12);
    expect(expectedArrivals(curve, 60)).toBeCloseTo(30, 12);
    expect(expectedArrivals(curve, 90)).toBeCloseTo(60, 12);
    // On the way down at 150 s: 90 + (1 + 0.5) / 2 x 30 = 112.5.
    expect(expectedArrivals(curve, 150)).toBeCloseTo(112.5, 12);
    expect(expectedArrivals(curve, 1000)).toBeCloseTo(120, 12);
    // A step of the rate (two points at one time) adds nothing by itself.
    const step = arrivalCurveOf({ curve: [[0, 360], [100, 360], [100, 7200], [110, 7200]] } as SourceSpec, 1)!;
    expect(expectedArrivals(step, 100)).toBeCloseTo(10, 12);
    expect(expectedArrivals(step, 105)).toBeCloseTo(20, 12);
    const world = createWorld(validateScenario(scenario(source), 'evening.json'), 'evening.json');
    const counts: number[] = [];
    for (const t of [30, 60, 150, 199]) {
      stepThrough(world, t);
      counts.push(arrived(world));
    }
    expect(counts).toEqual([7, 30, 112, 120]);
  });

  it('origins split the arrivals by their shares, each its own population SOURCE/ORIGIN', () => {
    const value = scenario({
      polygon: undefined,
      origins: [
        { id: 'north', polygon: rect(1, 11, 19, 19), share: 0.25 },
        { id: 'south', polygon: rect(1, 1, 19, 9), share: 0.75 },
      ],
      profile: { binS: 60, perHour: [6000, 3000] },
    });
    const world = createWorld(validateScenario(value, 'evening.json'), 'evening.json');
    expect(world.populations.map((p) => p.id)).toEqual(['s/north', 's/south']);
    stepThrough(world, 150);
    // 100 + 50 = 150 people: 37.5 from the north, 112.5 from the south (each floored).
    const byOrigin = world.populations.map((p) => p.spawned);
    expect(byOrigin.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(149);
    expect(Math.abs(byOrigin[0] - 37.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(byOrigin[1] - 112.5)).toBeLessThanOrEqual(1);
    // Each arrival appears in its own origin's polygon.
    for (let id = 0; id < world.records.count; id++) expect(world.populations[world.records.group[id]].id).toMatch(/^s\/(north|south)$/);
    for (let i = 0; i < world.agents.count; i++) {
      const origin = world.populations[world.agents.group[i]].id;
      // Anyone still near the west half stands in (or walks out of) their origin's band.
      if (world.agents.posXM[i] < 2) expect(world.agents.posYM[i] > 10, origin).toBe(origin === 's/north');
    }
  });
});

describe('demand a scenario cannot mean', () => {
  it('refuses origins whose shares do not sum to 1, naming the source', () => {
    const error = scenarioError(scenario({
      polygon: undefined,
      origins: [{ id: 'a', polygon: rect(1, 1, 9, 9), share: 0.5 }, { id: 'b', polygon: rect(10, 1, 19, 9), share: 0.4 }],
      profile: { perHour: [100] },
    }));
    expect(error.problems).toEqual([{ path: 'sources[0].origins', message: 'the shares of the origins sum to 0.9, expected 1' }]);
    expect(error.message).toBe('evening.json: sources[0].origins: the shares of the origins sum to 0.9, expected 1');
  });

  it('refuses a curve going back in time, naming the point', () => {
    const error = scenarioError(scenario({ curve: [[0, 100], [60, 200], [30, 100]] }));
    expect(error.problems.map((p) => p.path)).toEqual(['sources[0].curve[2]']);
    expect(error.message).toContain('time 30 s is before the previous point\'s (60 s)');
  });

  it('refuses a gathering until an unknown moment, with the closest moment', () => {
    const error = scenarioError(scenario(
      { curve: [[0, 100], [60, 200]], gathering: { at: [20, 10], until: 'show-end' } },
      { schedule: [{ id: 'show-starts', atS: 20 }, { id: 'show-ends', atS: 50 }] },
    ));
    expect(error.problems).toEqual([{ path: 'sources[0].gathering.until', message: 'unknown moment "show-end" (did you mean "show-ends"?)' }]);
  });

  it('refuses an egress timed from an unknown moment, listing the schedule when nothing is close', () => {
    const close = scenarioError(scenario({ curve: [[0, 100], [60, 200]] }, { schedule: [{ id: 'show-ends', atS: 50 }], planner: { egressFrom: 'shw-ends' } }));
    expect(close.problems).toEqual([{ path: 'planner.egressFrom', message: 'unknown moment "shw-ends" (did you mean "show-ends"?)' }]);
    const far = scenarioError(scenario({ curve: [[0, 100], [60, 200]] }, { planner: { egressFrom: 'curfew' } }));
    expect(far.problems).toEqual([{ path: 'planner.egressFrom', message: 'unknown moment "curfew": the schedule has no moments' }]);
  });
});
