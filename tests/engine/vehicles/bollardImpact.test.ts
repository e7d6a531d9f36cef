/**
 * Hostile vehicle against rated bollards (cannon-es): the rated test vehicle is stopped within
 * the design deflection (IWA 14-1 / PAS 68 "V/7200[N3C]/48/90"), lighter ones too, and a vehicle
 * with more energy than the posts can store breaks through with the speed the energy balance
 * leaves it.
 */
import { describe, expect, it } from 'vitest';
import { FAILURE_DEFLECTION_M, MAX_DEFLECTION_M, simulateBollardImpact } from '../../../engine/vehicles/bollardImpact.ts';

const RATING = { massKg: 7200, speedKph: 48 };
const TRUCK = { massKg: 7200, lengthM: 8, widthM: 2.5 };

describe('a row of bollards rated V/7200[N3C]/48/90', () => {
  it('stops the rated truck at its rated speed, within the design deflection', () => {
    const result = simulateBollardImpact({ ...TRUCK, speedMps: 48 / 3.6 }, RATING);
    expect(result.stopped).toBe(true);
    expect(result.impactSpeedMps).toBeCloseTo(48 / 3.6, 6);
    expect(result.penetrationM).toBeLessThanOrEqual(MAX_DEFLECTION_M + 0.05);
    expect(result.postsFailed).toBe(0);
  });

  it('stops a car at 48 km/h with less penetration', () => {
    const result = simulateBollardImpact({ massKg: 1400, lengthM: 4.5, widthM: 1.8, speedMps: 48 / 3.6 }, RATING);
    expect(result.stopped).toBe(true);
    expect(result.penetrationM).toBeLessThan(0.6);
  });

  it('lets a truck at 80 km/h through with the speed the energy balance leaves it (within 20 %)', () => {
    const speedMps = 80 / 3.6;
    const result = simulateBollardImpact({ ...TRUCK, speedMps }, RATING);
    expect(result.stopped).toBe(false);
    expect(result.postsFailed).toBeGreaterThan(0);
    // The post stores 1/2 k d^2 up to its failure deflection: E_rated (d_fail / d_design)^2.
    const storedJ = 0.5 * RATING.massKg * (RATING.speedKph / 3.6) ** 2 * (FAILURE_DEFLECTION_M / MAX_DEFLECTION_M) ** 2;
    const expected = Math.sqrt(speedMps ** 2 - (2 * storedJ) / TRUCK.massKg);
    expect(result.residualSpeedMps).toBeGreaterThan(0.8 * expected);
    expect(result.residualSpeedMps).toBeLessThan(1.2 * expected);
  });

  it('gives the same result for the same impact (deterministic)', () => {
    const a = simulateBollardImpact({ ...TRUCK, speedMps: 60 / 3.6, offsetM: 0.4 }, RATING);
    const b = simulateBollardImpact({ ...TRUCK, speedMps: 60 / 3.6, offsetM: 0.4 }, RATING);
    expect(a).toEqual(b);
  });
});
