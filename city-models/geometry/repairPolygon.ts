/**
 * Repairing polygons whose rings cross or touch themselves: a figure-of-eight, a ring that
 * passes twice through one node (two triangles joined at a point), a courtyard whose inner ring
 * touches the outer one. The polygon is unioned with itself by polyclip-ts (through turf), whose
 * sweep line splits it at every crossing and returns simple polygons (a bow-tie gives its two
 * halves, by the non-zero winding rule). turf's `unkinkPolygon` is not used: it refuses repeated
 * vertices and can abort the process on three edges crossing at one point.
 */
import { featureCollection, kinks, polygon as turfPolygon, union } from '@turf/turf';
import type { PolygonXY, RingXY, XY } from '../CityModel.ts';
import { orientRing, polygonArea } from './rings.ts';

/** True when a polygon's rings are simple: no crossing, no vertex visited twice. */
export function isSimplePolygon(polygon: PolygonXY): boolean {
  for (const ring of polygon) {
    const seen = new Set<string>();
    for (let i = 0; i < ring.length - 1; i++) {
      const key = `${ring[i][0]},${ring[i][1]}`;
      if (seen.has(key)) return false;
      seen.add(key);
    }
  }
  try {
    return kinks(turfPolygon(polygon)).features.length === 0;
  } catch {
    return false;
  }
}

/**
 * Simple polygons covering the same area, each rounded to the centimetre and oriented (outer
 * counter-clockwise, holes clockwise), without pieces under `minAreaM2`; undefined when the
 * clipping library cannot repair it (the caller skips and counts the feature).
 */
export function repairPolygon(polygon: PolygonXY, minAreaM2: number): PolygonXY[] | undefined {
  let repaired;
  try {
    const feature = turfPolygon(polygon);
    repaired = union(featureCollection([feature, feature]));
  } catch {
    return undefined;
  }
  if (!repaired) return [];
  const polygons = repaired.geometry.type === 'Polygon' ? [repaired.geometry.coordinates] : repaired.geometry.coordinates;
  const result: PolygonXY[] = [];
  for (const rings of polygons) {
    const rounded = rings.map((ring, index) => orientRing(ring.map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100] as XY), index === 0) as RingXY);
    if (polygonArea(rounded) >= minAreaM2) result.push(rounded);
  }
  return result;
}
