/**
 * Small planar tests on straight segments given as [x, y] pairs, in any one unit (local metres,
 * or degrees where only topology matters). Shared by the importer's walk-area links and the
 * default district's building layout.
 */
import type { XY } from '../CityModel.ts';

/**
 * Twice the signed area of triangle abc (the cross product of ab and ac), in squared coordinate
 * units: positive when c lies to the left of a → b, negative to the right, 0 when collinear.
 */
export function orientation(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/**
 * True when segments ab and cd cross at a single point inside both: each segment has the ends of
 * the other strictly on opposite sides. Touching at an end, or running along each other, is not
 * a crossing. `tolerance` (squared coordinate units, compared with `orientation`) is how far from
 * collinear an end must be to count as on one side; 1e-9 unless given.
 */
export function properlyCross(a: XY, b: XY, c: XY, d: XY, tolerance = 1e-9): boolean {
  const d1 = orientation(c, d, a);
  const d2 = orientation(c, d, b);
  const d3 = orientation(a, b, c);
  const d4 = orientation(a, b, d);
  return ((d1 > tolerance && d2 < -tolerance) || (d1 < -tolerance && d2 > tolerance)) && ((d3 > tolerance && d4 < -tolerance) || (d3 < -tolerance && d4 > tolerance));
}
