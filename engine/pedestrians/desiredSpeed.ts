/**
 * Desired (free walking) speeds: drawing each person's speed from a scenario's `SpeedSpec`
 * (a fixed value, a truncated normal, a uniform range, or Weidmann's speed-by-age curve), and
 * the speed-by-age curve itself with the age groups of the RiMEA guideline.
 *
 * Sources:
 * - Weidmann, U. (1993), Transporttechnik der Fussgänger, Schriftenreihe des IVT Nr. 90, ETH
 *   Zürich: free walking speed N(1.34, 0.26) m/s and walking speed against age.
 * - RiMEA 3.0 (Richtlinie für Mikroskopische Entfluchtungsanalysen, 2016), section 2.2 / figure 2
 *   (Weidmann's speed-by-age curve) and test 7 (Zuordnung von demographischen Parametern): speed
 *   ranges per age group, under 30: 0.58-1.61 m/s, 30-50: 1.41-1.54, over 50: 0.68-1.41,
 *   mobility-impaired: 0.46-0.76. The same four ranges are asserted by JuPedSim's RiMEA test 7
 *   (PedestrianDynamics/jupedsim, Utest/rimea_tests/test_7/runtest_rimea_7.py).
 *
 * Draws take the generator first and consume it in a fixed order (documented per function), so a
 * seed gives the same speeds on every platform. Invalid specs (min above max, a negative sd,
 * non-finite numbers) throw a RangeError here; the scenario loader is meant to reject them first.
 */
import type { Rng } from '../random/Rng.ts';
import type { SpeedSpec } from '../scenario/Scenario.ts';

/** Weidmann (1993): mean free walking speed of a mixed population, m/s. */
export const DEFAULT_SPEED_MEAN_MPS = 1.34;
/** Weidmann (1993): standard deviation of free walking speeds, m/s. */
export const DEFAULT_SPEED_SD_MPS = 0.26;
/** Default truncation bounds of a `normal` spec without `min` / `max`, m/s. */
export const DEFAULT_SPEED_MIN_MPS = 0.3;
export const DEFAULT_SPEED_MAX_MPS = 2.5;
/** Default age range of a `weidmannAge` spec, years (the span of Weidmann's curve). */
export const DEFAULT_MIN_AGE_YEARS = 5;
export const DEFAULT_MAX_AGE_YEARS = 80;

/**
 * A truncated normal is drawn by redrawing values outside [min, max]; after this many misses
 * (bounds far out in a tail) the last draw is clamped to the nearer bound instead.
 */
export const MAX_TRUNCATION_REDRAWS = 100;

/** One point of the speed-by-age curve. */
export interface AgeSpeedPoint {
  ageYears: number;
  speedMps: number;
}

/**
 * Weidmann's (1993) mean walking speed on the flat against age, as drawn in RiMEA 3.0 figure 2;
 * linear between the points (`weidmannSpeedForAgeMps`). Constant data, owned by this module.
 * NOTE: no table of this curve was found in a source we could read, so the points are pinned as
 * follows, and only the RiMEA group extremes are exact:
 * - 0.58 (youngest), 1.61 (peak, at 20), 1.54 (30), 1.41 (50), 0.68 (80): RiMEA 3.0's published
 *   ranges, read as the minimum and maximum of the curve over each age group. That the curve
 *   starts at age 5 and peaks at 20 is our reading of the figure.
 * - 40: 1.48, 60: 1.27, 70: 1.07: the midpoints of the speeds per age used by JuPedSim's web
 *   RiMEA 4.1.1 test 7 scenario (20: 1.60-1.64, 30: 1.52-1.56, 40: 1.46-1.50, 50: 1.39-1.43,
 *   60: 1.27, 70: 1.07; PedestrianDynamics/Web-Based-Jupedsim-issues,
 *   scripts/scenario_builders/rimea07_demographic.py), which agree with the RiMEA 3.0 extremes.
 * - 10: 1.20, 15: 1.47: read off the rising branch of the figure (uncertain by about 0.05 m/s).
 */
export const WEIDMANN_SPEED_BY_AGE: readonly AgeSpeedPoint[] = [
  { ageYears: 5, speedMps: 0.58 },
  { ageYears: 10, speedMps: 1.2 },
  { ageYears: 15, speedMps: 1.47 },
  { ageYears: 20, speedMps: 1.61 },
  { ageYears: 30, speedMps: 1.54 },
  { ageYears: 40, speedMps: 1.48 },
  { ageYears: 50, speedMps: 1.41 },
  { ageYears: 60, speedMps: 1.27 },
  { ageYears: 70, speedMps: 1.07 },
  { ageYears: 80, speedMps: 0.68 },
];

/** A closed range of speeds, m/s. */
export interface SpeedRangeMps {
  minMps: number;
  maxMps: number;
}

/** One age group of RiMEA 3.0 test 7 with its published speed range. */
export interface RimeaAgeGroup extends SpeedRangeMps {
  name: 'under30' | 'from30to50' | 'over50';
  /** Ages in [minAgeYears, maxAgeYears) (the last group includes its upper end). */
  minAgeYears: number;
  maxAgeYears: number;
}

/**
 * RiMEA 3.0 test 7 age groups and their walking-speed ranges (m/s). The youngest and oldest ages
 * bound the curve (5 and 80 years); ages outside are given to the nearest group.
 */
export const RIMEA_AGE_GROUPS: readonly RimeaAgeGroup[] = [
  { name: 'under30', minAgeYears: 5, maxAgeYears: 30, minMps: 0.58, maxMps: 1.61 },
  { name: 'from30to50', minAgeYears: 30, maxAgeYears: 50, minMps: 1.41, maxMps: 1.54 },
  { name: 'over50', minAgeYears: 50, maxAgeYears: 80, minMps: 0.68, maxMps: 1.41 },
];

/** RiMEA 3.0 test 7: walking speeds of mobility-impaired people, m/s (not tied to age). */
export const RIMEA_IMPAIRED_SPEED_RANGE_MPS: SpeedRangeMps = { minMps: 0.46, maxMps: 0.76 };

/**
 * Spread of individual speeds around the curve at a given age, m/s (sd of a normal truncated to
 * the age group's RiMEA range).
 * NOTE: neither Weidmann's curve nor RiMEA gives a spread at a fixed age; 0.1 m/s is our choice.
 * Truncating to the group range keeps every draw inside RiMEA's ranges and pulls speeds near a
 * group's edge (the peak at 20 years, 30 and 50 years) slightly toward the group's middle.
 */
export const WEIDMANN_AGE_SPREAD_SD_MPS = 0.1;

/** Weidmann's mean walking speed at an age (years), m/s; constant beyond the ends of the curve. */
export function weidmannSpeedForAgeMps(ageYears: number): number {
  const points = WEIDMANN_SPEED_BY_AGE;
  if (ageYears <= points[0].ageYears) return points[0].speedMps;
  for (let i = 1; i < points.length; i++) {
    const right = points[i];
    if (ageYears <= right.ageYears) {
      const left = points[i - 1];
      const fraction = (ageYears - left.ageYears) / (right.ageYears - left.ageYears);
      return left.speedMps + fraction * (right.speedMps - left.speedMps);
    }
  }
  return points[points.length - 1].speedMps;
}

/** The RiMEA 3.0 age group an age (years) falls in: under 30, 30 to 50 (inclusive), over 50. */
export function rimeaAgeGroupForAge(ageYears: number): RimeaAgeGroup {
  if (ageYears < 30) return RIMEA_AGE_GROUPS[0];
  if (ageYears <= 50) return RIMEA_AGE_GROUPS[1];
  return RIMEA_AGE_GROUPS[2];
}

/** The RiMEA 3.0 speed range (m/s) for a person of this age: that of the age's group. */
export function weidmannSpeedRangeForAgeMps(ageYears: number): SpeedRangeMps {
  const group = rimeaAgeGroupForAge(ageYears);
  return { minMps: group.minMps, maxMps: group.maxMps };
}

/**
 * Mean of Weidmann's curve over ages uniform in [minAgeYears, maxAgeYears], m/s: the exact
 * integral of the piecewise-linear curve divided by the age span (the curve's value for an empty span).
 */
export function weidmannMeanSpeedOverAgesMps(minAgeYears: number, maxAgeYears: number): number {
  if (!(maxAgeYears > minAgeYears)) return weidmannSpeedForAgeMps(minAgeYears);
  // Breakpoints: the span's ends and every curve point strictly inside; the curve is linear between.
  const ages = [minAgeYears];
  for (const point of WEIDMANN_SPEED_BY_AGE) {
    if (point.ageYears > minAgeYears && point.ageYears < maxAgeYears) ages.push(point.ageYears);
  }
  ages.push(maxAgeYears);
  let integral = 0;
  for (let i = 1; i < ages.length; i++) {
    integral += 0.5 * (weidmannSpeedForAgeMps(ages[i - 1]) + weidmannSpeedForAgeMps(ages[i])) * (ages[i] - ages[i - 1]);
  }
  return integral / (maxAgeYears - minAgeYears);
}

/**
 * A normal draw (mean, sd) truncated to [min, max] by redrawing; clamped after
 * MAX_TRUNCATION_REDRAWS misses. Consumes `rng.normal()` once per try; sd 0 returns the clamped mean.
 */
export function sampleTruncatedNormal(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  let value = mean;
  if (sd > 0) {
    for (let attempt = 0; attempt < MAX_TRUNCATION_REDRAWS; attempt++) {
      value = mean + sd * rng.normal();
      if (value >= min && value <= max) return value;
    }
  }
  return Math.min(max, Math.max(min, value));
}

/**
 * One person's age and desired speed from Weidmann's curve: the age uniform in
 * [minAgeYears, maxAgeYears) (one `rng.next()`), then the speed as the curve's value at that age
 * plus a normal spread of WEIDMANN_AGE_SPREAD_SD_MPS, truncated to the age group's RiMEA range.
 */
export function sampleWeidmannAgeSpeed(
  rng: Rng,
  minAgeYears = DEFAULT_MIN_AGE_YEARS,
  maxAgeYears = DEFAULT_MAX_AGE_YEARS,
): { ageYears: number; speedMps: number } {
  checkRange('weidmannAge: minAgeYears/maxAgeYears', minAgeYears, maxAgeYears);
  if (minAgeYears < 0) throw new RangeError(`weidmannAge: minAgeYears must be at least 0, got ${minAgeYears}`);
  const ageYears = rng.uniform(minAgeYears, maxAgeYears);
  const group = rimeaAgeGroupForAge(ageYears);
  const speedMps = sampleTruncatedNormal(rng, weidmannSpeedForAgeMps(ageYears), WEIDMANN_AGE_SPREAD_SD_MPS, group.minMps, group.maxMps);
  return { ageYears, speedMps };
}

/**
 * Draws one person's desired speed (m/s) from a scenario speed spec:
 * - a number: that speed (no draw);
 * - normal: mean (default 1.34) and sd (default 0.26), truncated to [min, max] (defaults 0.3 and
 *   2.5) by redrawing (`sampleTruncatedNormal`);
 * - uniform: uniform on [min, max) (both required), one `rng.next()`;
 * - weidmannAge: an age uniform in [minAgeYears, maxAgeYears] (defaults 5 and 80) and a speed from
 *   Weidmann's curve (`sampleWeidmannAgeSpeed`); mean, sd, min and max are not used.
 */
export function sampleDesiredSpeedMps(rng: Rng, spec: SpeedSpec): number {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec) || spec < 0) throw new RangeError(`desiredSpeedMps: expected a finite speed >= 0, got ${spec}`);
    return spec;
  }
  switch (spec.distribution) {
    case 'normal': {
      const mean = spec.mean ?? DEFAULT_SPEED_MEAN_MPS;
      const sd = spec.sd ?? DEFAULT_SPEED_SD_MPS;
      const min = spec.min ?? DEFAULT_SPEED_MIN_MPS;
      const max = spec.max ?? DEFAULT_SPEED_MAX_MPS;
      if (!Number.isFinite(mean)) throw new RangeError(`normal: mean must be finite, got ${mean}`);
      if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError(`normal: sd must be finite and >= 0, got ${sd}`);
      checkRange('normal: min/max', min, max);
      if (min < 0) throw new RangeError(`normal: min must be >= 0, got ${min}`);
      return sampleTruncatedNormal(rng, mean, sd, min, max);
    }
    case 'uniform': {
      if (spec.min === undefined || spec.max === undefined) {
        throw new RangeError(`uniform: min and max are required, got min ${spec.min}, max ${spec.max}`);
      }
      checkRange('uniform: min/max', spec.min, spec.max);
      if (spec.min < 0) throw new RangeError(`uniform: min must be >= 0, got ${spec.min}`);
      return rng.uniform(spec.min, spec.max);
    }
    case 'weidmannAge':
      return sampleWeidmannAgeSpeed(rng, spec.minAgeYears ?? DEFAULT_MIN_AGE_YEARS, spec.maxAgeYears ?? DEFAULT_MAX_AGE_YEARS).speedMps;
    default:
      throw new RangeError(`desiredSpeedMps: unknown distribution "${(spec as { distribution: unknown }).distribution}" (known: normal, uniform, weidmannAge)`);
  }
}

function checkRange(what: string, min: number, max: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`${what}: expected finite min <= max, got ${min} and ${max}`);
  }
}

/**
 * The highest desired speed a spec can give, m/s: the value itself, the truncation or uniform
 * maximum, or the peak of Weidmann's speed-by-age curve. Sizes the neighbour search.
 */
export function maxDesiredSpeedMps(spec: SpeedSpec): number {
  if (typeof spec === 'number') return spec;
  switch (spec.distribution) {
    case 'normal':
      return spec.max ?? DEFAULT_SPEED_MAX_MPS;
    case 'uniform':
      return spec.max ?? DEFAULT_SPEED_MAX_MPS;
    case 'weidmannAge':
      return Math.max(...WEIDMANN_SPEED_BY_AGE.map((p) => p.speedMps)) + 4 * WEIDMANN_AGE_SPREAD_SD_MPS;
  }
  return DEFAULT_SPEED_MAX_MPS;
}
