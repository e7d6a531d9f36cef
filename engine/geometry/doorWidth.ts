/**
 * The width of the opening through which people reach each exit: the length of the exit
 * polygon's outline that separates the walkable space (without the exits) from the part of the
 * exit outside it. For a door drawn as an exit polygon just outside a wall this is the opening
 * in the wall; for an exit zone drawn inside the walkable space there is no such edge and the
 * result is 0 (callers then fall back on the zone's size). Load time only.
 */
import type { GeometrySpec } from '../scenario/Scenario.ts';
import { pointInPolygon } from './polygon.ts';

/** Spacing of the samples along each exit edge, metres. */
const SAMPLE_M = 0.01;
/** Offset of the probe points on either side of an edge, metres. */
const PROBE_M = 1e-4;

function inWalkableWithoutExits(geometry: GeometrySpec, xM: number, yM: number): boolean {
  let inside = false;
  for (const polygon of geometry.walkable) if (pointInPolygon(xM, yM, polygon)) { inside = true; break; }
  if (!inside) return false;
  for (const obstacle of geometry.obstacles ?? []) if (pointInPolygon(xM, yM, obstacle)) return false;
  return true;
}

/** Opening width of each exit in metres, in scenario order. */
export function computeDoorWidthsM(geometry: GeometrySpec): Float64Array {
  const widths = new Float64Array(geometry.exits.length);
  geometry.exits.forEach((exit, e) => {
    const ring = exit.polygon;
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      const lengthM = Math.hypot(bx - ax, by - ay);
      if (lengthM === 0) continue;
      const nx = -(by - ay) / lengthM, ny = (bx - ax) / lengthM;
      const samples = Math.max(1, Math.ceil(lengthM / SAMPLE_M));
      let open = 0;
      for (let k = 0; k < samples; k++) {
        const t = (k + 0.5) / samples;
        const x = ax + t * (bx - ax), y = ay + t * (by - ay);
        const px = x + nx * PROBE_M, py = y + ny * PROBE_M;
        const qx = x - nx * PROBE_M, qy = y - ny * PROBE_M;
        const pInExit = pointInPolygon(px, py, ring), qInExit = pointInPolygon(qx, qy, ring);
        const pWalk = inWalkableWithoutExits(geometry, px, py), qWalk = inWalkableWithoutExits(geometry, qx, qy);
        // One side in the exit and not walkable, the other walkable and not in the exit.
        if ((pInExit && !pWalk && qWalk && !qInExit) || (qInExit && !qWalk && pWalk && !pInExit)) open++;
      }
      widths[e] += (lengthM * open) / samples;
    }
  });
  return widths;
}
