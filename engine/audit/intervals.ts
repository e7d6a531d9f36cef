/**
 * 95 % confidence intervals for the audit's figures (pure arithmetic: no sampling, so the same
 * counts give the same intervals).
 *  - A proportion k / n (recall, precision, probability of miss, a flag rate): the Wilson score
 *    interval (Wilson 1927; recommended over the normal "Wald" interval by Brown, Cai and
 *    DasGupta 2001, "Interval estimation for a binomial proportion", Statistical Science 16):
 *      centre = (p + z²/2n) / (1 + z²/n),  half = z √(p(1 − p)/n + z²/4n²) / (1 + z²/n).
 *  - A rate k / T of events over an exposure T (false alarms per hour, per camera-hour): the
 *    exact Poisson interval (Garwood 1936), [χ²(α/2; 2k) / 2T, χ²(1 − α/2; 2k + 2) / 2T], with the
 *    chi-square quantiles from the Wilson-Hilferty approximation (Wilson and Hilferty 1931),
 *      χ²(p; ν) ≈ ν (1 − 2/(9ν) + z_p √(2/(9ν)))³,
 *    within about 1 % of the exact quantile for ν ≥ 2 (the lower bound of k = 0 is 0).
 */
export const CONFIDENCE = 0.95;

/**
 * The standard normal quantile (Acklam's rational approximation, relative error under 1.2e-9;
 * simple-statistics' `probit` is off by 0.003 at 0.975, which moves a Wilson bound in its third
 * decimal).
 */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5, r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

const Z = normalQuantile(1 - (1 - CONFIDENCE) / 2);

export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** A proportion with its Wilson interval (value NaN and [0, 1] when n = 0). */
export function wilsonInterval(successes: number, trials: number): Interval {
  if (trials <= 0) return { value: Number.NaN, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = Z * Z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The p-quantile of a chi-square distribution with ν degrees of freedom (Wilson-Hilferty). */
export function chiSquareQuantile(p: number, nu: number): number {
  const z = normalQuantile(p);
  const a = 2 / (9 * nu);
  const cube = 1 - a + z * Math.sqrt(a);
  return nu * Math.max(0, cube) ** 3;
}

/** A rate of `count` events over `exposure` (hours, camera-hours...) with its Poisson interval. */
export function poissonRateInterval(count: number, exposure: number): Interval {
  if (exposure <= 0) return { value: Number.NaN, low: 0, high: Number.POSITIVE_INFINITY };
  const alpha = 1 - CONFIDENCE;
  const low = count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2;
  const high = chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2;
  return { value: count / exposure, low: low / exposure, high: high / exposure };
}
