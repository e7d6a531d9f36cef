// Fuzzing beyond the loader: scenarios whose people, speeds and timings are drawn at random
// (schema-valid or not) either fail with a ScenarioError at load or at world creation, or run;
// nothing else may be thrown, and nothing may be thrown while stepping (the hot loop never throws).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';
import { validateScenario } from '../../../engine/scenario/loadScenario.ts';
import { stepWorld } from '../../../engine/step/stepWorld.ts';
import { createWorld } from '../../../engine/world/createWorld.ts';

const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
// Mostly plausible values, sometimes hostile ones (negative, zero, huge).
const num = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0.05, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -5, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e9, -1) },
);
const speed = fc.oneof(
  num,
  fc.record({ distribution: fc.constantFrom('normal', 'uniform', 'weidmannAge', 'other'), mean: num, sd: num, min: num, max: num, minAgeYears: fc.integer({ min: 0, max: 100 }), maxAgeYears: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: ['distribution'] }),
);
const preMovement = fc.oneof(num, fc.record({ distribution: fc.constantFrom('uniform', 'normal', 'lognormal'), min: num, max: num, mean: num, sd: num }, { requiredKeys: ['distribution'] }));

describe('world fuzzing', () => {
  it('random people, speeds and timings load, build and run, or fail with a ScenarioError', () => {
    let ran = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }), speed, fc.option(preMovement, { nil: undefined }), fc.option(num, { nil: undefined }),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }), fc.option(fc.double({ min: 0.1, max: 0.4, noNaN: true }), { nil: undefined }),
        (count, desiredSpeedMps, preMovementS, startS, stepS, radiusM) => {
          const raw = {
            name: 'fuzz', seed: 1, durationS: 3, stepS,
            geometry: { walkable: [rect(0, 0, 10, 6)], exits: [{ id: 'E', polygon: rect(10, 2, 10.3, 4) }] },
            pedestrians: [{ id: 'g', count, spawn: { polygon: rect(0.5, 0.5, 5, 5.5) }, desiredSpeedMps, preMovementS, startS, radiusM, goal: 'E' }],
            sources: [{ id: 's', polygon: rect(6, 1, 9, 5), ratePerS: 3, fromS: 0, toS: 2, goal: 'E', desiredSpeedMps }],
          };
          let world;
          try {
            world = createWorld(validateScenario(JSON.parse(JSON.stringify(raw)), 'fuzz.json'), 'fuzz.json');
          } catch (error) {
            if (!(error instanceof ScenarioError)) throw error;
            return;
          }
          ran++;
          for (let k = 0; k < 60 && world.clock.tick < world.durationTicks; k++) stepWorld(world);
          for (let i = 0; i < world.agents.count; i++) {
            expect(Number.isFinite(world.agents.posXM[i]) && Number.isFinite(world.agents.posYM[i])).toBe(true);
          }
        },
      ),
      { numRuns: 400, seed: FUZZ_SEED },
    );
    // The generator must reach the stepping, not only the load-time rejections.
    console.log(`world fuzz: ${ran} of 400 cases built and ran`);
    expect(ran).toBeGreaterThan(40);
  });
});
