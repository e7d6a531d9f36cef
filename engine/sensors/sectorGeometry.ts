/**
 * Plain geometry of a camera's view sector on the ground (a sector of `fovRad` around the compass
 * bearing `headingRad`, out to `rangeM`): its bounding box and, row by row of a grid, the span
 * of columns it may touch. Bearings are compass bearings (radians clockwise from north): a
 * direction (dx, dy) has bearing atan2(dx, dy). Numbers in, numbers out; no state.
 */

/** The smaller angle between two bearings, radians in [0, pi]. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

/** Bounding box of a view sector, written into `out` as minX, minY, maxX, maxY. */
export function sectorBounds(xM: number, yM: number, rangeM: number, headingRad: number, fovRad: number, out: Float64Array): void {
  if (fovRad >= Math.PI) {
    out[0] = xM - rangeM; out[1] = yM - rangeM; out[2] = xM + rangeM; out[3] = yM + rangeM;
    return;
  }
  let minX = xM, minY = yM, maxX = xM, maxY = yM;
  // The two side edges' far ends, and the arc's extreme points (north, east, south, west) when the sector contains them.
  for (let k = 0; k < 6; k++) {
    const bearing = k === 0 ? headingRad - fovRad / 2 : k === 1 ? headingRad + fovRad / 2 : ((k - 2) * Math.PI) / 2;
    if (k >= 2 && angleBetween(bearing, headingRad) > fovRad / 2) continue;
    const x = xM + rangeM * Math.sin(bearing), y = yM + rangeM * Math.cos(bearing);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  out[0] = minX; out[1] = minY; out[2] = maxX; out[3] = maxY;
}

/** Most vertices of a sector's outline (apex + arc points). */
export const SECTOR_OUTLINE_MAX_POINTS = 40;
/** Arc steps of the outline: at most this many radians each. */
const ARC_STEP_RAD = Math.PI / 18;

/**
 * A convex polygon that contains the view sector (fov under pi: the apex and arc points pushed
 * out to contain the arc between them; otherwise a polygon around the whole disc), written into
 * `out` as x0, y0, x1, y1, ...; returns its number of points.
 */
export function sectorOutline(xM: number, yM: number, rangeM: number, headingRad: number, fovRad: number, out: Float64Array): number {
  const wedge = fovRad < Math.PI;
  const spanRad = wedge ? fovRad : 2 * Math.PI;
  const steps = Math.max(1, Math.ceil(spanRad / ARC_STEP_RAD));
  const stepRad = spanRad / steps;
  // Points at R / cos(step / 2): the chords between them then lie outside the arc.
  const radiusM = (rangeM / Math.cos(stepRad / 2)) * 1.0001;
  let n = 0;
  if (wedge) {
    out[0] = xM; out[1] = yM;
    n = 1;
  }
  const first = wedge ? headingRad - fovRad / 2 : 0;
  const last = wedge ? steps : steps - 1;
  for (let k = 0; k <= last; k++) {
    const bearing = first + k * stepRad;
    out[2 * n] = xM + radiusM * Math.sin(bearing);
    out[2 * n + 1] = yM + radiusM * Math.cos(bearing);
    n++;
  }
  return n;
}

/**
 * The x range of a convex polygon (`points` of `outline`) within the horizontal strip
 * [y0, y1], written into `out` as minX, maxX (minX > maxX when they do not meet).
 */
export function outlineSpanX(outline: Float64Array, points: number, y0: number, y1: number, out: Float64Array): void {
  let minX = Infinity, maxX = -Infinity;
  for (let k = 0; k < points; k++) {
    const j = k + 1 === points ? 0 : k + 1;
    let ax = outline[2 * k], ay = outline[2 * k + 1], bx = outline[2 * j], by = outline[2 * j + 1];
    if (ay > by) {
      const tx = ax, ty = ay;
      ax = bx; ay = by; bx = tx; by = ty;
    }
    if (by < y0 || ay > y1) continue;
    // Clip the edge to the strip.
    const dy = by - ay;
    const xa = ay >= y0 || dy === 0 ? ax : ax + ((bx - ax) * (y0 - ay)) / dy;
    const xb = by <= y1 || dy === 0 ? bx : ax + ((bx - ax) * (y1 - ay)) / dy;
    if (xa < minX) minX = xa;
    if (xa > maxX) maxX = xa;
    if (xb < minX) minX = xb;
    if (xb > maxX) maxX = xb;
  }
  out[0] = minX;
  out[1] = maxX;
}
