/**
 * Projecting feature geometry into the local frame, rounded to the centimetre, with the checks
 * that keep it valid: rings closed and oriented (outer counter-clockwise, holes clockwise),
 * duplicate points removed, zero-area rings dropped, and rings that cross or touch themselves
 * repaired (`geometry/repairPolygon.ts`: a figure-of-eight becomes two simple polygons; counted
 * as repaired, or skipped when even that fails).
 */
import type { LocalFrame } from '../LocalFrame.ts';
import { roundCm } from '../LocalFrame.ts';
import type { PolygonXY, RingXY, XY } from '../CityModel.ts';
import type { LonLat } from '../TaggedFeature.ts';
import { orientRing, ringSignedArea } from '../geometry/rings.ts';
import { isSimplePolygon, repairPolygon } from '../geometry/repairPolygon.ts';

/** Rings smaller than this are noise (a mis-click, a collapsed building), m². */
export const MIN_AREA_M2 = 1;

/** Projects a point. */
export function projectPoint(frame: LocalFrame, [lon, lat]: LonLat): XY {
  const [x, y] = frame.toLocal(lon, lat);
  return [roundCm(x), roundCm(y)];
}

/** Projects a polyline, dropping repeated points. */
export function projectLine(frame: LocalFrame, coords: LonLat[]): XY[] {
  const line: XY[] = [];
  for (const coord of coords) {
    const point = projectPoint(frame, coord);
    const last = line[line.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) line.push(point);
  }
  return line;
}

/** What became of an area's polygons. */
export interface ProjectedArea {
  polygons: PolygonXY[];
  repaired: boolean;
  /** Set when nothing usable is left: the reason. */
  rejected?: string;
}

/** Projects and checks polygons (outer ring then holes each). */
export function projectArea(frame: LocalFrame, polygons: LonLat[][][]): ProjectedArea {
  const result: ProjectedArea = { polygons: [], repaired: false };
  let unrepairable = false;
  for (const rings of polygons) {
    const outer = closedRing(projectLine(frame, rings[0]));
    if (!outer) continue;
    const holes = rings.slice(1).map((ring) => closedRing(projectLine(frame, ring))).filter((ring): ring is RingXY => ring !== undefined && Math.abs(ringSignedArea(ring)) >= MIN_AREA_M2);
    const polygon: PolygonXY = [orientRing(outer, true), ...holes.map((hole) => orientRing(hole, false))];
    // NOTE: simplicity first: a bow-tie's signed area is zero although each of its halves has an area.
    if (isSimplePolygon(polygon)) {
      if (Math.abs(ringSignedArea(outer)) >= MIN_AREA_M2) result.polygons.push(polygon);
      continue;
    }
    const pieces = repairPolygon(polygon, MIN_AREA_M2);
    if (pieces === undefined) {
      unrepairable = true;
      continue;
    }
    result.repaired = true;
    result.polygons.push(...pieces);
  }
  if (result.polygons.length === 0) result.rejected = unrepairable ? 'self-intersecting outline that cannot be repaired' : 'zero-area polygon (under 1 m²)';
  return result;
}

/** The ring closed, or undefined when it has fewer than three distinct points. */
function closedRing(points: XY[]): RingXY | undefined {
  const ring = points.slice();
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  if (ring.length < 3) return undefined;
  ring.push([first[0], first[1]]);
  return ring;
}
