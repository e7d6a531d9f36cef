/**
 * A camera's view on the ground: the sector of its field of view out to its range, its bounding
 * box, whether a point lies in it, and the walkable area it sees unhidden (for densities).
 * Bearings are compass bearings (radians clockwise from north): a direction (dx, dy) has
 * bearing atan2(dx, dy).
 */
import { isOccluded } from './Occluders.ts';
import { PERSON_TARGET_HEIGHT_M } from './cameraModel.ts';
import type { Camera } from './Sensors.ts';
import { sectorBounds } from './sectorGeometry.ts';
import { viewshedStateAt, VIEWSHED_HIDDEN, VIEWSHED_MIXED, VIEWSHED_VISIBLE } from './Viewshed.ts';

/** Bounding box of the camera's view sector, written into `out` as minX, minY, maxX, maxY. */
export function viewBounds(camera: Camera, out: Float64Array): void {
  sectorBounds(camera.xM, camera.yM, camera.rangeM, camera.headingRad, camera.fovRad, out);
}

/** Compass bearing from the camera to a point, radians in [0, 2 pi). */
export function bearingTo(camera: Camera, xM: number, yM: number): number {
  const b = Math.atan2(xM - camera.xM, yM - camera.yM);
  return b < 0 ? b + 2 * Math.PI : b;
}

/** Samples per degree of bearing and rings out to the range, for the visible area. */
const AREA_RINGS = 100;

/**
 * Walkable ground the camera sees unhidden (at a person's height) within its field of view and
 * range, m². Sampled on a polar grid (one bearing per degree, AREA_RINGS rings), each degree
 * computed once and kept: the sum over the degrees whose centre lies in the field of view.
 */
export function visibleAreaM2(camera: Camera, isWalkable: (xM: number, yM: number) => boolean): number {
  const byDeg = camera.visibleAreaByDegM2;
  const headingDeg = (camera.headingRad * 180) / Math.PI;
  const halfFovDeg = (camera.fovRad * 180) / Math.PI / 2;
  let total = 0;
  for (let d = 0; d < 360; d++) {
    const offset = Math.abs((((d + 0.5 - headingDeg) % 360) + 540) % 360 - 180);
    if (offset > halfFovDeg) continue;
    if (Number.isNaN(byDeg[d])) byDeg[d] = degreeAreaM2(camera, d, isWalkable);
    total += byDeg[d];
  }
  return total;
}

function degreeAreaM2(camera: Camera, degree: number, isWalkable: (xM: number, yM: number) => boolean): number {
  const bearing = ((degree + 0.5) * Math.PI) / 180;
  const sin = Math.sin(bearing), cos = Math.cos(bearing);
  const drM = camera.rangeM / AREA_RINGS;
  const dTheta = Math.PI / 180;
  let area = 0;
  for (let k = 0; k < AREA_RINGS; k++) {
    const r = (k + 0.5) * drM;
    const x = camera.xM + r * sin, y = camera.yM + r * cos;
    if (!isWalkable(x, y)) continue;
    const seen = camera.viewshed === null ? VIEWSHED_VISIBLE : viewshedStateAt(camera.viewshed, x, y);
    if (seen === VIEWSHED_HIDDEN || (seen === VIEWSHED_MIXED && isOccluded(camera.occluders, x, y, PERSON_TARGET_HEIGHT_M))) continue;
    area += r * drM * dTheta;
  }
  return area;
}
