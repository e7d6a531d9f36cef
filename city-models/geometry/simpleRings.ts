/**
 * Making rings simple for the engine: polygon clipping (turf's union and intersect) can return
 * rings that touch themselves at a point, and rounding to the centimetre can turn a thin spike
 * into a crossing. Such a ring is split into simple rings (`repairPolygon`); pieces smaller than
 * `minAreaM2` (slivers) are dropped, and so is a ring that cannot be repaired.
 */
import type { XY } from '../CityModel.ts';
import { isSimplePolygon, repairPolygon } from './repairPolygon.ts';
import { ringSignedArea } from './rings.ts';

/** Simple open rings (no repeated closing point) covering the same area as `ring`. */
export function simpleRings(ring: XY[], minAreaM2: number): XY[][] {
  if (ring.length < 3) return [];
  const closed = [...ring, ring[0]];
  let pieces: XY[][];
  if (isSimplePolygon([closed])) pieces = [ring];
  else pieces = (repairPolygon([closed], minAreaM2) ?? []).map((polygon) => polygon[0].slice(0, -1));
  return pieces.filter((piece) => piece.length >= 3 && Math.abs(ringSignedArea(piece)) >= minAreaM2);
}
