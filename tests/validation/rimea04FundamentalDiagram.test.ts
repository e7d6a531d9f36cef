// RiMEA 3.0 test 4 (fundamental diagram). Reference: Weidmann (1993) in the Kladek form,
// v(rho) = 1.34 [1 - exp(-1.913 (1/rho - 1/5.4))] m/s: 1.30, 1.06, 0.61, 0.33, 0.16 m/s at
// 0.5, 1, 2, 3, 4 P/m2. Specific flow J = rho v peaks near 1.22 P/(m s) at 1.75 P/m2.
//
// How we measure (RiMEA 3.0 test 4): a closed-loop (periodic) corridor 30 m x 10 m filled at the
// target density, with desired speeds drawn from N(1.34, 0.26) m/s; density N/A and the mean
// walked speed of the people inside are sampled every step in 2 m x 2 m measurement areas for
// 60 s after the first 10 s. We average three such areas on the corridor axis (at 5, 15 and
// 25 m) to damp the noise of small counts. The corridor is wide (10 m) because in narrow ones
// people form a few stable lanes and the area's density depends on where the lanes fall.
import { describe, expect, it } from 'vitest';
import { periodicCorridor, runScenario } from './support/scenarios.ts';

function weidmannSpeedMps(densityPerM2: number): number {
  return 1.34 * (1 - Math.exp(-1.913 * (1 / densityPerM2 - 1 / 5.4)));
}

function measure(densityPerM2: number, stepS?: number): { densityPerM2: number; speedMps: number } {
  const summary = runScenario({ ...periodicCorridor(densityPerM2, 7), ...(stepS !== undefined ? { stepS } : {}) });
  const areas = Object.values(summary.areas);
  const speed = areas.reduce((s, a) => s + (a.meanSpeedMps ?? 0), 0) / areas.length;
  const density = areas.reduce((s, a) => s + a.meanDensityPerM2, 0) / areas.length;
  return { densityPerM2: density, speedMps: speed };
}

describe('RiMEA 3.0 test 4: fundamental diagram against Weidmann (1993)', () => {
  const points = [0.5, 1, 1.5, 2, 2.5, 3, 4].map((rho) => ({ target: rho, ...measure(rho) }));

  it.each([
    [0.5, 1.3], [1, 1.06], [2, 0.61], [3, 0.33], [4, 0.16],
  ])('at %s P/m2 the speed is within 0.2 m/s of Weidmann (%s m/s)', (rho, published) => {
    const point = points.find((p) => p.target === rho)!;
    console.log(`FD rho=${rho}: measured ${point.speedMps.toFixed(3)} m/s at ${point.densityPerM2.toFixed(2)} P/m2; Weidmann ${weidmannSpeedMps(rho).toFixed(3)} (published ${published})`);
    expect(Math.abs(weidmannSpeedMps(rho) - published)).toBeLessThan(0.006);
    // Against the published speed at the target density, and against Weidmann at the density
    // actually measured in the areas (within 20 % of the target).
    expect(Math.abs(point.speedMps - published)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(point.speedMps - weidmannSpeedMps(point.densityPerM2))).toBeLessThanOrEqual(0.2);
    expect(Math.abs(point.densityPerM2 / rho - 1)).toBeLessThan(0.2);
  });

  it('speed falls as density rises', () => {
    for (let k = 1; k < points.length; k++) expect(points[k].speedMps).toBeLessThan(points[k - 1].speedMps + 0.03);
    expect(points[points.length - 1].speedMps).toBeLessThan(points[0].speedMps / 2);
  });

  it('specific flow peaks between 1.0 and 1.6 P/(m s) at a density between 1.3 and 2.5 P/m2', () => {
    const flows = points.map((p) => ({ density: p.densityPerM2, flow: p.densityPerM2 * p.speedMps }));
    const peak = flows.reduce((best, f) => (f.flow > best.flow ? f : best));
    console.log(`FD specific flows: ${flows.map((f) => `${f.density.toFixed(2)}:${f.flow.toFixed(2)}`).join(' ')}; peak ${peak.flow.toFixed(2)} at ${peak.density.toFixed(2)}`);
    expect(peak.flow).toBeGreaterThanOrEqual(1.0);
    expect(peak.flow).toBeLessThanOrEqual(1.6);
    expect(peak.density).toBeGreaterThanOrEqual(1.3);
    expect(peak.density).toBeLessThanOrEqual(2.5);
  });

  // The audit scenarios step at 0.1 s (their cameras look 5 times a second): the model is of
  // first order and collision-free for any step below T, and its diagram must not move.
  it.each([[1, 1.06], [2, 0.61], [3, 0.33]])('at the audit step (0.1 s), %s P/m2 still walks within 0.2 m/s of Weidmann (%s m/s)', (rho, published) => {
    const point = measure(rho, 0.1);
    const atDefault = points.find((p) => p.target === rho)!;
    console.log(`FD at step 0.1 s, rho=${rho}: ${point.speedMps.toFixed(3)} m/s at ${point.densityPerM2.toFixed(2)} P/m2 (step 0.05 s: ${atDefault.speedMps.toFixed(3)})`);
    expect(Math.abs(point.speedMps - published)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(point.speedMps - atDefault.speedMps)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(point.densityPerM2 / rho - 1)).toBeLessThan(0.2);
  });
});
