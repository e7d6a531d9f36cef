/**
 * What the default district's buildings keep away from: every street, walkway, tram line, river,
 * coastline and area, each with its clearance, and the distance test that keeps them apart.
 * Local metres (see `districtDraft.ts`).
 */
import type { XY } from '../CityModel.ts';
import { ringContainsPoint } from '../geometry/rings.ts';
import { properlyCross } from '../geometry/segments.ts';
import { boxOf, type AreaDraft, type Box, type LineDraft } from './districtDraft.ts';

/** Something buildings keep away from: a line or an area ring, with its clearance and its box grown by it, metres. */
export interface Obstacle {
  pts: XY[];
  isRing: boolean;
  clearanceM: number;
  box: Box;
}

/** Assumed lane width and sidewalk width when keeping buildings off a road, metres. */
const LANE_CLEARANCE_M = 3.5;
const SIDEWALK_CLEARANCE_M = 3;

/** How far buildings keep from a line's axis: its half width plus a clear gap, metres. */
export function clearanceOf(line: LineDraft): number {
  const t = line.tags;
  if (t.railway === 'tram') return 4.5;
  if (t.waterway !== undefined) return Number(t.width) / 2 + 12;
  if (t.natural === 'coastline') return 3;
  if (t.width !== undefined) return Number(t.width) / 2 + 1.2;
  if (t.lanes !== undefined) return (Number(t.lanes) * LANE_CLEARANCE_M) / 2 + SIDEWALK_CLEARANCE_M + 1.5;
  return 3;
}

/** The obstacles of some lines (by `clearanceOf`) then of some areas (water 12 m, beach 4 m, others 2 m). */
export function districtObstacles(lines: LineDraft[], areas: AreaDraft[]): Obstacle[] {
  const obstacles: Obstacle[] = [];
  for (const line of lines) {
    const clearanceM = clearanceOf(line);
    obstacles.push({ pts: line.pts, isRing: false, clearanceM, box: boxOf(line.pts, clearanceM) });
  }
  for (const area of areas) {
    const clearanceM = area.tags.natural === 'water' ? 12 : area.tags.natural === 'beach' ? 4 : 2;
    obstacles.push({ pts: area.ring, isRing: true, clearanceM, box: boxOf(area.ring, clearanceM) });
  }
  return obstacles;
}

/** Squared distance from p to segment ab, square metres. */
function segPointDist2(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

/** Distance between segments ab and cd (0 when they cross), metres. */
function segSegDist(a: XY, b: XY, c: XY, d: XY): number {
  // NOTE: a strict crossing test (tolerance 0); a touch is caught by the endpoint distances.
  if (properlyCross(a, b, c, d, 0)) return 0;
  return Math.sqrt(Math.min(segPointDist2(a, c, d), segPointDist2(b, c, d), segPointDist2(c, a, b), segPointDist2(d, a, b)));
}

/** Distance from a building ring to a line or another ring (0 when they touch or nest), metres. */
export function ringDistance(ring: XY[], other: XY[], otherIsRing: boolean): number {
  if (other.some((p) => ringContainsPoint(ring, p))) return 0;
  if (otherIsRing && ring.some((p) => ringContainsPoint(other, p))) return 0;
  let best = Infinity;
  const n = other.length;
  const segments = otherIsRing ? n : n - 1;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    for (let k = 0; k < segments; k++) {
      const d = segSegDist(a, b, other[k], other[(k + 1) % n]);
      if (d < best) best = d;
    }
  }
  return best;
}
