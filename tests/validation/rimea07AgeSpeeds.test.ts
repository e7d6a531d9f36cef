/**
 * RiMEA 3.0 test 7 (Zuordnung von demographischen Parametern / allocation of demographic
 * parameters): a population of 50 people per age group gets walking speeds distributed as
 * Weidmann's (1993) speed-by-age curve (RiMEA 3.0 section 2.2, figure 2), inside the published
 * ranges per group: under 30: 0.58-1.61 m/s, 30-50: 1.41-1.54 m/s, over 50: 0.68-1.41 m/s.
 * Same ranges as JuPedSim's RiMEA test 7 (Utest/rimea_tests/test_7/runtest_rimea_7.py).
 */
import { mean as meanOf, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { forkStream } from '../../engine/random/Rng.ts';
import { validateScenario } from '../../engine/scenario/loadScenario.ts';
import { stepWorld } from '../../engine/step/stepWorld.ts';
import { createWorld } from '../../engine/world/createWorld.ts';
import {
  RIMEA_AGE_GROUPS,
  RIMEA_IMPAIRED_SPEED_RANGE_MPS,
  rimeaAgeGroupForAge,
  sampleDesiredSpeedMps,
  sampleWeidmannAgeSpeed,
  weidmannMeanSpeedOverAgesMps,
  weidmannSpeedForAgeMps,
} from '../../engine/pedestrians/desiredSpeed.ts';

/** RiMEA test 7's population size. */
const POPULATION = 50;
const LARGE_SAMPLE = 20_000;
/**
 * Allowed gap between a group's mean drawn speed and the curve's mean over the group's ages, m/s.
 * NOTE: the spread around the curve is truncated to the group's range, which pulls the under-30
 * group down by about 0.03 m/s (most of its ages lie near the 1.61 m/s peak) and the others by
 * 0.01 m/s or less; 0.04 m/s covers that bias. A sample of 50 adds 3 standard errors.
 */
const MEAN_BIAS_TOLERANCE_MPS = 0.04;

function drawGroup(seed: number, minAgeYears: number, maxAgeYears: number, count: number): Float64Array {
  const rng = forkStream(seed, 'speeds');
  const speeds = new Float64Array(count);
  for (let i = 0; i < count; i++) speeds[i] = sampleDesiredSpeedMps(rng, { distribution: 'weidmannAge', minAgeYears, maxAgeYears });
  return speeds;
}

function meanAndSd(values: Float64Array): { mean: number; sd: number } {
  const list = Array.from(values);
  return { mean: meanOf(list), sd: sampleStandardDeviation(list) };
}

describe('RiMEA 3.0 test 7: walking speeds by age after Weidmann (1993)', () => {
  it("the curve's lowest and highest speed in each age group are RiMEA's published range", () => {
    for (const group of RIMEA_AGE_GROUPS) {
      let lowest = Infinity;
      let highest = -Infinity;
      for (let age = group.minAgeYears; age <= group.maxAgeYears; age += 0.25) {
        lowest = Math.min(lowest, weidmannSpeedForAgeMps(age));
        highest = Math.max(highest, weidmannSpeedForAgeMps(age));
      }
      expect(lowest).toBeCloseTo(group.minMps, 6);
      expect(highest).toBeCloseTo(group.maxMps, 6);
    }
  });

  for (const [index, group] of RIMEA_AGE_GROUPS.entries()) {
    const curveMeanMps = weidmannMeanSpeedOverAgesMps(group.minAgeYears, group.maxAgeYears);

    it(`a population of ${POPULATION} aged ${group.minAgeYears}-${group.maxAgeYears} walks inside ${group.minMps}-${group.maxMps} m/s with the curve's mean`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const speeds = drawGroup(100 * index + seed, group.minAgeYears, group.maxAgeYears, POPULATION);
        for (const speed of speeds) {
          expect(speed).toBeGreaterThanOrEqual(group.minMps);
          expect(speed).toBeLessThanOrEqual(group.maxMps);
        }
        const { mean, sd } = meanAndSd(speeds);
        const toleranceMps = MEAN_BIAS_TOLERANCE_MPS + (3 * sd) / Math.sqrt(POPULATION);
        if (seed === 1) {
          console.log(
            `RiMEA 7 ${group.name}: ${POPULATION} people, mean ${mean.toFixed(3)} m/s (curve ${curveMeanMps.toFixed(3)} ± ${toleranceMps.toFixed(3)}), ` +
              `range ${Math.min(...speeds).toFixed(2)}-${Math.max(...speeds).toFixed(2)} m/s (RiMEA ${group.minMps}-${group.maxMps})`,
          );
        }
        expect(Math.abs(mean - curveMeanMps)).toBeLessThanOrEqual(toleranceMps);
      }
    });

    it(`${LARGE_SAMPLE} people aged ${group.minAgeYears}-${group.maxAgeYears} stay inside the range and within ${MEAN_BIAS_TOLERANCE_MPS} m/s of the curve's mean`, () => {
      const speeds = drawGroup(1000 + index, group.minAgeYears, group.maxAgeYears, LARGE_SAMPLE);
      expect(Math.min(...speeds)).toBeGreaterThanOrEqual(group.minMps);
      expect(Math.max(...speeds)).toBeLessThanOrEqual(group.maxMps);
      const { mean } = meanAndSd(speeds);
      console.log(`RiMEA 7 ${group.name}: ${LARGE_SAMPLE} people, mean ${mean.toFixed(3)} m/s (curve ${curveMeanMps.toFixed(3)})`);
      expect(Math.abs(mean - curveMeanMps)).toBeLessThanOrEqual(MEAN_BIAS_TOLERANCE_MPS);
    });
  }

  it('a mixed population aged 5-80 puts every person inside the range of their own age group', () => {
    const rng = forkStream(7, 'speeds');
    for (let i = 0; i < LARGE_SAMPLE; i++) {
      const { ageYears, speedMps } = sampleWeidmannAgeSpeed(rng, 5, 80);
      const group = rimeaAgeGroupForAge(ageYears);
      expect(speedMps).toBeGreaterThanOrEqual(group.minMps);
      expect(speedMps).toBeLessThanOrEqual(group.maxMps);
    }
  });

  it('mobility-impaired people drawn uniformly over 0.46-0.76 m/s stay in that range', () => {
    const rng = forkStream(8, 'speeds');
    const { minMps, maxMps } = RIMEA_IMPAIRED_SPEED_RANGE_MPS;
    for (let i = 0; i < POPULATION; i++) {
      const speed = sampleDesiredSpeedMps(rng, { distribution: 'uniform', min: minMps, max: maxMps });
      expect(speed).toBeGreaterThanOrEqual(minMps);
      expect(speed).toBeLessThanOrEqual(maxMps);
    }
  });

  it('a scenario group with weidmannAge speeds gets them in the world, and walks at them in free flow', () => {
    // Through the scenario loader and the world, not the sampler alone: 200 people aged 30-50
    // in a wide corridor. Their desired speeds lie in 1.41-1.54 m/s, their mean within
    // MEAN_BIAS_TOLERANCE_MPS of the curve, and their walked speeds in free flow match them.
    const scenario = validateScenario({
      name: 'rimea-07', seed: 7, durationS: 20,
      geometry: { walkable: [[[0, 0], [200, 0], [200, 40], [0, 40]]], exits: [{ id: 'E', polygon: [[200, 0], [200.5, 0], [200.5, 40], [200, 40]] }] },
      pedestrians: [{ id: 'adults', count: 200, spawn: { polygon: [[1, 1], [60, 1], [60, 39], [1, 39]] }, desiredSpeedMps: { distribution: 'weidmannAge', minAgeYears: 30, maxAgeYears: 50 }, goal: 'E' }],
    }, 'rimea-07.json');
    const world = createWorld(scenario, 'rimea-07.json');
    const desired = Float64Array.from(world.agents.desiredSpeedMps.subarray(0, world.agents.count));
    expect(desired.length).toBe(200);
    expect(Math.min(...desired)).toBeGreaterThanOrEqual(1.41 - 1e-6);
    expect(Math.max(...desired)).toBeLessThanOrEqual(1.54 + 1e-6);
    expect(Math.abs(meanAndSd(desired).mean - weidmannMeanSpeedOverAgesMps(30, 50))).toBeLessThanOrEqual(MEAN_BIAS_TOLERANCE_MPS);
    for (let k = 0; k < 100; k++) stepWorld(world);
    let walked = 0, wanted = 0;
    for (let i = 0; i < world.agents.count; i++) {
      walked += Math.hypot(world.agents.velXMps[i], world.agents.velYMps[i]);
      wanted += world.agents.desiredSpeedMps[i];
    }
    expect(walked / wanted).toBeGreaterThan(0.95);
  });
});
