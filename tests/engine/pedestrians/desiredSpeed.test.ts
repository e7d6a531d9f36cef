import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/random/Rng.ts';
import type { SpeedSpec } from '../../../engine/scenario/Scenario.ts';
import {
  DEFAULT_SPEED_MEAN_MPS,
  DEFAULT_SPEED_SD_MPS,
  RIMEA_AGE_GROUPS,
  WEIDMANN_SPEED_BY_AGE,
  rimeaAgeGroupForAge,
  sampleDesiredSpeedMps,
  sampleTruncatedNormal,
  sampleWeidmannAgeSpeed,
  weidmannMeanSpeedOverAgesMps,
  weidmannSpeedForAgeMps,
  weidmannSpeedRangeForAgeMps,
} from '../../../engine/pedestrians/desiredSpeed.ts';

function draw(seed: number, spec: SpeedSpec, count: number): Float64Array {
  const rng = new Rng(seed);
  const speeds = new Float64Array(count);
  for (let i = 0; i < count; i++) speeds[i] = sampleDesiredSpeedMps(rng, spec);
  return speeds;
}

function meanAndSd(values: Float64Array): { mean: number; sd: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(squares / (values.length - 1)) };
}

const SPECS: SpeedSpec[] = [
  { distribution: 'normal' },
  { distribution: 'uniform', min: 0.8, max: 1.6 },
  { distribution: 'weidmannAge' },
];

describe('sampleDesiredSpeedMps', () => {
  it('gives the same speeds for the same seed and different ones for another seed', () => {
    for (const spec of SPECS) {
      const first = draw(42, spec, 200);
      expect(Array.from(draw(42, spec, 200))).toEqual(Array.from(first));
      expect(Array.from(draw(43, spec, 200))).not.toEqual(Array.from(first));
    }
  });

  it('returns a fixed speed as is and draws nothing for it', () => {
    const rng = new Rng(7);
    const before = rng.getState();
    expect(sampleDesiredSpeedMps(rng, 1.33)).toBe(1.33);
    expect(rng.getState()).toEqual(before);
  });

  it('draws a normal with the Weidmann defaults (mean 1.34, sd 0.26) within statistical tolerance over 20k draws', () => {
    // Standard errors over 20k draws: 0.0018 m/s for the mean, 0.0013 m/s for the sd; the default
    // bounds 0.3 and 2.5 m/s lie 4 sd out and shift neither by more than 0.001 m/s.
    const speeds = draw(1, { distribution: 'normal' }, 20_000);
    const { mean, sd } = meanAndSd(speeds);
    expect(Math.abs(mean - DEFAULT_SPEED_MEAN_MPS)).toBeLessThan(0.01);
    expect(Math.abs(sd - DEFAULT_SPEED_SD_MPS)).toBeLessThan(0.01);
    expect(Math.min(...speeds)).toBeGreaterThanOrEqual(0.3);
    expect(Math.max(...speeds)).toBeLessThanOrEqual(2.5);
  });

  it('draws a normal with a given mean and sd within statistical tolerance over 20k draws', () => {
    const speeds = draw(2, { distribution: 'normal', mean: 1.1, sd: 0.15, min: 0, max: 3 }, 20_000);
    const { mean, sd } = meanAndSd(speeds);
    expect(Math.abs(mean - 1.1)).toBeLessThan(0.006);
    expect(Math.abs(sd - 0.15)).toBeLessThan(0.006);
  });

  it('keeps a truncated normal inside its bounds and reaches close to both', () => {
    const speeds = draw(3, { distribution: 'normal', mean: 1.3, sd: 0.3, min: 1.0, max: 1.5 }, 20_000);
    const low = Math.min(...speeds);
    const high = Math.max(...speeds);
    expect(low).toBeGreaterThanOrEqual(1.0);
    expect(high).toBeLessThanOrEqual(1.5);
    expect(low).toBeLessThan(1.01);
    expect(high).toBeGreaterThan(1.49);
  });

  it('clamps a truncated normal whose bounds lie far out in a tail to the nearer bound', () => {
    const rng = new Rng(4);
    expect(sampleTruncatedNormal(rng, 1.34, 0.01, 2.0, 2.5)).toBe(2.0);
    expect(sampleTruncatedNormal(rng, 1.34, 0.01, 0.2, 0.5)).toBe(0.5);
    expect(sampleTruncatedNormal(rng, 1.34, 0, 0.2, 1.0)).toBe(1.0);
  });

  it('draws a uniform inside [min, max) with the expected mean and spread', () => {
    const speeds = draw(5, { distribution: 'uniform', min: 0.8, max: 1.6 }, 20_000);
    const { mean, sd } = meanAndSd(speeds);
    expect(Math.min(...speeds)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...speeds)).toBeLessThan(1.6);
    expect(Math.min(...speeds)).toBeLessThan(0.801);
    expect(Math.max(...speeds)).toBeGreaterThan(1.599);
    // Uniform on [0.8, 1.6]: mean 1.2, sd 0.8 / sqrt(12) = 0.231; standard error of the mean 0.0016.
    expect(Math.abs(mean - 1.2)).toBeLessThan(0.008);
    expect(Math.abs(sd - 0.8 / Math.sqrt(12))).toBeLessThan(0.008);
  });

  it('draws Weidmann ages in the default 5-80 years and speeds inside the RiMEA envelope 0.58-1.61 m/s', () => {
    const rng = new Rng(6);
    let youngest = Infinity;
    let oldest = -Infinity;
    for (let i = 0; i < 5_000; i++) {
      const { ageYears, speedMps } = sampleWeidmannAgeSpeed(rng);
      youngest = Math.min(youngest, ageYears);
      oldest = Math.max(oldest, ageYears);
      expect(speedMps).toBeGreaterThanOrEqual(0.58);
      expect(speedMps).toBeLessThanOrEqual(1.61);
    }
    expect(youngest).toBeGreaterThanOrEqual(5);
    expect(youngest).toBeLessThan(5.1);
    expect(oldest).toBeLessThan(80);
    expect(oldest).toBeGreaterThan(79.9);
  });

  it('honours the age bounds of a weidmannAge spec', () => {
    const speeds = draw(8, { distribution: 'weidmannAge', minAgeYears: 65, maxAgeYears: 75 }, 2_000);
    // Curve 1.17 .. 0.875 m/s over 65-75 years, spread truncated to the over-50 range.
    expect(Math.min(...speeds)).toBeGreaterThanOrEqual(0.68);
    expect(Math.max(...speeds)).toBeLessThanOrEqual(1.41);
    expect(Math.abs(meanAndSd(speeds).mean - weidmannMeanSpeedOverAgesMps(65, 75))).toBeLessThan(0.02);
  });

  it('rejects specs that cannot be drawn from, naming the field and the value', () => {
    const rng = new Rng(9);
    expect(() => sampleDesiredSpeedMps(rng, { distribution: 'normal', min: 2, max: 1 })).toThrow(RangeError);
    expect(() => sampleDesiredSpeedMps(rng, { distribution: 'normal', min: 2, max: 1 })).toThrow(/normal: min\/max.*2 and 1/);
    expect(() => sampleDesiredSpeedMps(rng, { distribution: 'normal', sd: -0.1 })).toThrow(/sd.*-0.1/);
    expect(() => sampleDesiredSpeedMps(rng, { distribution: 'uniform', min: 1 })).toThrow(/uniform: min and max are required/);
    expect(() => sampleDesiredSpeedMps(rng, { distribution: 'weidmannAge', minAgeYears: 60, maxAgeYears: 20 })).toThrow(/minAgeYears/);
    expect(() => sampleDesiredSpeedMps(rng, Number.NaN)).toThrow(RangeError);
    expect(() => sampleDesiredSpeedMps(rng, { distribution: 'lognormal' } as unknown as SpeedSpec)).toThrow(/unknown distribution "lognormal"/);
  });
});

describe("Weidmann's speed-by-age curve", () => {
  it('passes through its tabulated points and is linear between them', () => {
    for (const point of WEIDMANN_SPEED_BY_AGE) expect(weidmannSpeedForAgeMps(point.ageYears)).toBeCloseTo(point.speedMps, 12);
    expect(weidmannSpeedForAgeMps(35)).toBeCloseTo((1.54 + 1.48) / 2, 12);
    expect(weidmannSpeedForAgeMps(2)).toBe(0.58);
    expect(weidmannSpeedForAgeMps(95)).toBe(0.68);
  });

  it('puts ages in the RiMEA groups under 30, 30 to 50 and over 50', () => {
    expect(rimeaAgeGroupForAge(29.99).name).toBe('under30');
    expect(rimeaAgeGroupForAge(30).name).toBe('from30to50');
    expect(rimeaAgeGroupForAge(50).name).toBe('from30to50');
    expect(rimeaAgeGroupForAge(50.01).name).toBe('over50');
    expect(weidmannSpeedRangeForAgeMps(40)).toEqual({ minMps: 1.41, maxMps: 1.54 });
    expect(weidmannSpeedRangeForAgeMps(12)).toEqual({ minMps: 0.58, maxMps: 1.61 });
    expect(weidmannSpeedRangeForAgeMps(77)).toEqual({ minMps: 0.68, maxMps: 1.41 });
  });

  it('averages exactly over an age span', () => {
    // 30-50 years: two linear pieces, means (1.54 + 1.48) / 2 and (1.48 + 1.41) / 2.
    expect(weidmannMeanSpeedOverAgesMps(30, 50)).toBeCloseTo((1.51 + 1.445) / 2, 12);
    expect(weidmannMeanSpeedOverAgesMps(40, 40)).toBeCloseTo(1.48, 12);
    expect(RIMEA_AGE_GROUPS).toHaveLength(3);
  });
});
