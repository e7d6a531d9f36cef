/**
 * The Intelligent Driver Model (Treiber, Hennecke, Helbing 2000, "Congested traffic states in
 * empirical observations and microscopic simulations", Phys. Rev. E 62, eq. 1-2):
 *
 *   dv/dt = a [1 - (v / v0)^delta - (s*(v, dv) / s)^2],
 *   s*(v, dv) = s0 + max(0, v T + v dv / (2 sqrt(a b))),
 *
 * with v the speed, v0 the desired speed, s the gap to the leader (front to back), dv = v - v_leader
 * the approach rate, T the time gap, s0 the jam distance, a the maximum acceleration and b the
 * comfortable deceleration. The max(0, ...) keeps s* from going below s0 when the leader pulls
 * away (Treiber and Kesting 2013, eq. 11.4). Integrated with the ballistic update of Treiber and
 * Kanagaraj (2015), which never gives a negative speed (see stepVehicles.ts).
 */
import { IDM_DELTA } from './vehicleClasses.ts';

/** Braking never exceeds this (a physical limit), m/s². */
export const MAX_BRAKING_MPS2 = 9;

/**
 * The IDM acceleration, m/s². `gapM` Infinity for a free road (then only the free-road term);
 * a gap at or below zero asks for the strongest braking.
 */
export function idmAccelerationMps2(speedMps: number, desiredSpeedMps: number, gapM: number, approachMps: number, timeGapS: number, minGapM: number, accelMps2: number, decelMps2: number): number {
  const ratio = speedMps / desiredSpeedMps;
  const free = 1 - ratio * ratio * ratio * ratio;
  if (gapM === Infinity) return Math.max(-MAX_BRAKING_MPS2, accelMps2 * free);
  if (gapM <= 0) return -MAX_BRAKING_MPS2;
  const desiredGap = minGapM + Math.max(0, speedMps * timeGapS + (speedMps * approachMps) / (2 * Math.sqrt(accelMps2 * decelMps2)));
  const interaction = desiredGap / gapM;
  return Math.max(-MAX_BRAKING_MPS2, accelMps2 * (free - interaction * interaction));
}

/** The IDM's equilibrium gap at speed v (dv = 0, v below v0), m. */
export function idmEquilibriumGapM(speedMps: number, desiredSpeedMps: number, timeGapS: number, minGapM: number): number {
  const ratio = speedMps / desiredSpeedMps;
  return (minGapM + speedMps * timeGapS) / Math.sqrt(1 - Math.pow(ratio, IDM_DELTA));
}
