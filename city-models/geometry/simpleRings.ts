/**
 * Making rings simple for the engine: polygon clipping (turf's union and intersect) can return
 * rings that touch themselves at a point, and rounding to the centimetre can turn a thin spike
 * into a crossing. Such a ring is split into simple rings with turf's `unkinkPolygon`; pieces
 * smaller than `minAreaM2` (slivers) are dropped.
 */
import { kinks, polygon as turfPolygon, unkinkPolygon } from '@turf/turf';
import type { XY } from '../CityModel.ts';
import { ringSignedArea } from './rings.ts';

/** Simple open rings (no repeated closing point) covering the same area as `ring`. */
export function simpleRings(ring: XY[], minAreaM2: number): XY[][] {
  if (ring.length < 3) return [];
  const closed = [...ring, ring[0]];
  let pieces: XY[][];
  try {
    if (kinks(turfPolygon([closed])).features.length === 0) pieces = [ring];
    else pieces = unkinkPolygon(turfPolygon([closed])).features.map((piece) => (piece.geometry.coordinates[0] as XY[]).slice(0, -1));
  } catch {
    // NOTE: unkinkPolygon gives up on some degenerate rings (repeated collinear points): drop them.
    pieces = [];
  }
  return pieces.filter((piece) => piece.length >= 3 && Math.abs(ringSignedArea(piece)) >= minAreaM2);
}
