/**
 * Arrivals over an evening (issue 7): a source's rate as a function of time, from a planner's
 * table of rates per quarter hour (`profile`) or a curve of [t, people per hour] points
 * (`curve`), both held as one piecewise-linear rate lambda(t) (a step of the table is two
 * points at the same time). The people due by time t are N(t) = floor(integral from t0 to t of
 * lambda), integrated exactly segment by segment (trapezoids: lambda is linear on each), so the
 * arrivals are the planned numbers whatever the step, with no randomness (as for a steady rate).
 */
import type { SourceSpec } from '../scenario/Scenario.ts';

export interface ArrivalCurve {
  /** Breakpoints, s, non-decreasing (a repeated time is a step of the rate). */
  timesS: number[];
  /** Rate at each breakpoint, people per second. */
  perS: number[];
  /** People due by each breakpoint (the integral up to it). */
  cumulative: number[];
}

/** The curve of a source with `profile` or `curve`, scaled by `share` (an origin's); null for a steady `ratePerS`. */
export function arrivalCurveOf(source: SourceSpec, share: number): ArrivalCurve | null {
  const timesS: number[] = [];
  const perS: number[] = [];
  if (source.profile !== undefined) {
    const binS = source.profile.binS ?? 900;
    const fromS = source.fromS ?? 0;
    source.profile.perHour.forEach((perHour, k) => {
      timesS.push(fromS + k * binS, fromS + (k + 1) * binS);
      perS.push((perHour * share) / 3600, (perHour * share) / 3600);
    });
  } else if (source.curve !== undefined) {
    for (const [tS, perHour] of source.curve) {
      timesS.push(tS);
      perS.push((perHour * share) / 3600);
    }
  } else {
    return null;
  }
  const cumulative = [0];
  for (let k = 1; k < timesS.length; k++) cumulative.push(cumulative[k - 1] + ((perS[k - 1] + perS[k]) / 2) * (timesS[k] - timesS[k - 1]));
  return { timesS, perS, cumulative };
}

/** Expected arrivals by time `tS` (the integral of the rate from the curve's start). */
export function expectedArrivals(curve: ArrivalCurve, tS: number): number {
  const { timesS, perS, cumulative } = curve;
  const last = timesS.length - 1;
  if (tS <= timesS[0]) return 0;
  if (tS >= timesS[last]) return cumulative[last];
  // The few breakpoints of a planner's table: a linear scan is enough.
  let k = 0;
  while (timesS[k + 1] < tS) k++;
  const span = timesS[k + 1] - timesS[k];
  const dt = tS - timesS[k];
  const rateAtT = span > 0 ? perS[k] + ((perS[k + 1] - perS[k]) * dt) / span : perS[k + 1];
  return cumulative[k] + ((perS[k] + rateAtT) / 2) * dt;
}
