/**
 * Plain 2D polygon helpers in metres. Polygons are rings of `[x, y]` points, not closed.
 * These run at load time (validation, rasterisation), never in the per-step hot loop.
 */
import type { PointM, PolygonM } from '../scenario/Scenario.ts';

/** Signed area in m² (shoelace formula): positive for a counter-clockwise ring. */
export function signedAreaM2(polygon: PolygonM): number {
  let twiceArea = 0;
  for (let i = 0, n = polygon.length; i < n; i++) {
    const [x1, y1] = polygon[i];
    const [x2, y2] = polygon[(i + 1) % n];
    twiceArea += x1 * y2 - x2 * y1;
  }
  return twiceArea / 2;
}

/** Area in m², whatever the orientation. */
export function areaM2(polygon: PolygonM): number {
  return Math.abs(signedAreaM2(polygon));
}

/** Even-odd point-in-polygon test (crossing number). Points exactly on an edge may go either way. */
export function pointInPolygon(xM: number, yM: number, polygon: PolygonM): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const xi = polygon[i][0];
    const yi = polygon[i][1];
    const xj = polygon[j][0];
    const yj = polygon[j][1];
    if (yi > yM !== yj > yM && xM < ((xj - xi) * (yM - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Axis-aligned bounding box of a polygon: [minX, minY, maxX, maxY]. */
export function polygonBounds(polygon: PolygonM): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return cross > 1e-12 ? 1 : cross < -1e-12 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) - 1e-12 && px <= Math.max(ax, bx) + 1e-12 && py >= Math.min(ay, by) - 1e-12 && py <= Math.max(ay, by) + 1e-12;
}

/** True when the closed segments AB and CD share at least one point. */
export function segmentsIntersect(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  if (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return true;
  if (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  return false;
}

/**
 * Finds the first pair of non-adjacent edges that touch or cross, or a repeated vertex.
 * Returns the indices of the two edges (edge i runs from point i to point i+1), or null for a simple polygon.
 * O(n²), which is fine for scenario polygons (tens to hundreds of vertices).
 */
export function findSelfIntersection(polygon: PolygonM): [number, number] | null {
  const n = polygon.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = polygon[i];
    const [bx, by] = polygon[(i + 1) % n];
    if (ax === bx && ay === by) return [i, (i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      // Adjacent edges share a vertex by construction.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const [cx, cy] = polygon[j];
      const [dx, dy] = polygon[(j + 1) % n];
      if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) return [i, j];
    }
  }
  return null;
}

/**
 * True when the interiors of two simple polygons overlap: a vertex of one lies strictly inside
 * the other, or two edges cross properly. Polygons that only share edges or corners do not.
 */
export function polygonsOverlap(a: PolygonM, b: PolygonM): boolean {
  const strictlyInside = (p: PointM, poly: PolygonM) => pointInPolygon(p[0], p[1], poly) && distanceToPolygonBoundaryM(p[0], p[1], poly) > 1e-9;
  if (a.some((p) => strictlyInside(p, b)) || b.some((p) => strictlyInside(p, a))) return true;
  for (let i = 0; i < a.length; i++) {
    const [ax, ay] = a[i], [bx, by] = a[(i + 1) % a.length];
    for (let j = 0; j < b.length; j++) {
      const [cx, cy] = b[j], [dx, dy] = b[(j + 1) % b.length];
      const o1 = orientation(ax, ay, bx, by, cx, cy), o2 = orientation(ax, ay, bx, by, dx, dy);
      const o3 = orientation(cx, cy, dx, dy, ax, ay), o4 = orientation(cx, cy, dx, dy, bx, by);
      if (o1 * o2 < 0 && o3 * o4 < 0) return true;
    }
  }
  // Identical polygons: every vertex on the other's boundary; compare a centroid.
  const [mx, my] = polygonCentroid(a);
  return strictlyInside([mx, my], b) && strictlyInside(polygonCentroid(b), a);
}

/** Distance in metres from point P to segment AB. */
export function distanceToSegmentM(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax;
  const ey = by - ay;
  const lengthSq = ex * ex + ey * ey;
  let t = lengthSq > 0 ? ((px - ax) * ex + (py - ay) * ey) / lengthSq : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * ex - px;
  const qy = ay + t * ey - py;
  return Math.sqrt(qx * qx + qy * qy);
}

/** Distance in metres from a point to the boundary of a polygon. */
export function distanceToPolygonBoundaryM(xM: number, yM: number, polygon: PolygonM): number {
  let best = Infinity;
  for (let i = 0, n = polygon.length; i < n; i++) {
    const [ax, ay] = polygon[i];
    const [bx, by] = polygon[(i + 1) % n];
    const d = distanceToSegmentM(xM, yM, ax, ay, bx, by);
    if (d < best) best = d;
  }
  return best;
}

/** Closes nothing, copies nothing: the centroid of a polygon's area (for labels and defaults). */
export function polygonCentroid(polygon: PolygonM): PointM {
  let cx = 0;
  let cy = 0;
  let twiceArea = 0;
  for (let i = 0, n = polygon.length; i < n; i++) {
    const [x1, y1] = polygon[i];
    const [x2, y2] = polygon[(i + 1) % n];
    const cross = x1 * y2 - x2 * y1;
    twiceArea += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  if (twiceArea === 0) return [polygon[0][0], polygon[0][1]];
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}
