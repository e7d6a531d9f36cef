/**
 * A camera's viewshed: which ground cells around a fixed mounting point are seen, at a person's
 * height, precomputed once (occlusion does not depend on where the camera points, so a PTZ
 * camera keeps one 360° viewshed and a fixed one a raster over its sector's box). Each cell of
 * VIEWSHED_CELL_M holds 2 bits:
 *  - VISIBLE: every point of the cell is seen (no obstacle hides it);
 *  - HIDDEN: every point of the cell is hidden;
 *  - MIXED: a shadow's boundary (or an obstacle edge) passes through it, or it was not
 *    classified (beyond the range, outside the sector): the exact test (`isOccluded`) decides.
 * A lookup therefore never changes the answer of the exact test; it only skips it where the
 * whole cell agrees. Built from the camera's `CameraOccluders`; owned by its camera.
 *
 * How a cell is shown uniform: the hidden set is a union of shadows, and a shadow of an edge A-B
 * (a wall of height h, seen from hc, at target height ht) is bounded by the edge, the rays from
 * the camera through A and B, and, for a wall lower than the camera, the edge scaled by
 * F = (hc - ht) / (hc - h) from the camera (beyond it the sight line passes over the wall). Every
 * cell such a boundary segment passes through is tested on both sides of the segment (pairs of
 * points 1 cm apart, where it enters the cell, at the middle of its stretch there and where it
 * leaves) and marked MIXED where a pair differs (where the segment really separates seen from
 * hidden ground). Every other cell is then classified by the exact test at its four corners and
 * its centre, and marked MIXED unless all five agree.
 * NOTE: a boundary whose separating stretch in a cell lies between those three pairs, and that
 * changes none of the corner and centre tests, would be missed: a sliver of less than a cell, behind
 * a corner the sampling passed by. We found none in the tests (tests/engine/sensors/viewshed.test.ts
 * compares every cell's lookup with the exact test at many points).
 */
import { isOccluded, MOUNT_CLEARANCE_M, type CameraOccluders } from './Occluders.ts';

/** Side of a viewshed cell, m (1 m: a few per cent of the cells are MIXED along shadow edges). */
export const VIEWSHED_CELL_M = 1;
export const VIEWSHED_VISIBLE = 0;
export const VIEWSHED_HIDDEN = 1;
export const VIEWSHED_MIXED = 2;

/** Half the distance between the two tests across a boundary segment, m. */
const SIDE_OFFSET_M = 0.005;

export interface Viewshed {
  /** Lower-left corner of cell (0, 0), m; cell size, m; and size in cells. */
  originXM: number;
  originYM: number;
  cellM: number;
  columns: number;
  rows: number;
  /** 2 bits per cell (cell k at bits 2 (k & 15) of word k >> 4), row-major. */
  bits: Uint32Array;
  /** Target height it was built for, m. */
  targetHeightM: number;
  /** Cells of each state (for the report and the tests). */
  visibleCells: number;
  hiddenCells: number;
  mixedCells: number;
}

/**
 * Builds the viewshed of a camera at target height `targetHeightM`, over the box
 * [minX, maxX] x [minY, maxY] (the camera's view, clipped to the scene), cells within `rangeM` only.
 */
export function buildViewshed(occluders: CameraOccluders, rangeM: number, targetHeightM: number, minXM: number, minYM: number, maxXM: number, maxYM: number, cellM = VIEWSHED_CELL_M): Viewshed {
  const originXM = Math.floor(minXM / cellM) * cellM, originYM = Math.floor(minYM / cellM) * cellM;
  const columns = Math.max(1, Math.ceil((maxXM - originXM) / cellM));
  const rows = Math.max(1, Math.ceil((maxYM - originYM) / cellM));
  const cells = columns * rows;
  const view: Viewshed = {
    originXM, originYM, cellM, columns, rows, bits: new Uint32Array((cells + 15) >>> 4), targetHeightM,
    visibleCells: 0, hiddenCells: 0, mixedCells: 0,
  };
  // Mixed until shown otherwise; 1 in `marked` for cells a boundary really crosses.
  const marked = new Uint8Array(cells);
  traceBoundaries(view, occluders, rangeM, targetHeightM, marked);

  // Corners, once each.
  const cx = occluders.xM, cy = occluders.yM;
  const cornerHidden = new Uint8Array((columns + 1) * (rows + 1));
  const reach2 = (rangeM + 2 * cellM) ** 2;
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= columns; c++) {
      const x = originXM + c * cellM, y = originYM + r * cellM;
      if ((x - cx) ** 2 + (y - cy) ** 2 > reach2) continue;
      cornerHidden[r * (columns + 1) + c] = isOccluded(occluders, x, y, targetHeightM) ? 1 : 0;
    }
  }
  const half = cellM / 2;
  const range2 = (rangeM + cellM) ** 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const k = r * columns + c;
      const x = originXM + c * cellM + half, y = originYM + r * cellM + half;
      let state = VIEWSHED_MIXED;
      // Cells near the camera (the mounting clearance) and beyond the range stay MIXED.
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (marked[k] === 0 && d2 <= range2 && d2 > (MOUNT_CLEARANCE_M + 2 * cellM) ** 2) {
        const w = columns + 1;
        const sum = cornerHidden[r * w + c] + cornerHidden[r * w + c + 1] + cornerHidden[(r + 1) * w + c] + cornerHidden[(r + 1) * w + c + 1];
        const centre = isOccluded(occluders, x, y, targetHeightM) ? 1 : 0;
        if (sum === 0 && centre === 0) state = VIEWSHED_VISIBLE;
        else if (sum === 4 && centre === 1) state = VIEWSHED_HIDDEN;
      }
      setState(view, k, state);
      if (state === VIEWSHED_VISIBLE) view.visibleCells++;
      else if (state === VIEWSHED_HIDDEN) view.hiddenCells++;
      else view.mixedCells++;
    }
  }
  return view;
}

function setState(view: Viewshed, k: number, state: number): void {
  const shift = (k & 15) << 1;
  view.bits[k >>> 4] = (view.bits[k >>> 4] & ~(3 << shift)) | (state << shift);
}

/** The state of the cell holding (x, y): VISIBLE, HIDDEN or MIXED (outside the raster: MIXED). */
export function viewshedStateAt(view: Viewshed, xM: number, yM: number): number {
  const c = Math.floor((xM - view.originXM) / view.cellM);
  const r = Math.floor((yM - view.originYM) / view.cellM);
  if (c < 0 || r < 0 || c >= view.columns || r >= view.rows) return VIEWSHED_MIXED;
  const k = r * view.columns + c;
  return (view.bits[k >>> 4] >>> ((k & 15) << 1)) & 3;
}

/** Bytes held by a viewshed's raster. */
export function viewshedBytes(view: Viewshed): number {
  return view.bits.byteLength;
}

/** Marks the cells that a shadow boundary of some edge really crosses. */
function traceBoundaries(view: Viewshed, occluders: CameraOccluders, rangeM: number, targetHeightM: number, marked: Uint8Array): void {
  const { edges, edgeOf } = occluders;
  const cx = occluders.xM, cy = occluders.yM, hc = occluders.heightM;
  // Each edge once (an edge sits in several bearing bins).
  const seen = new Set<number>();
  for (let k = 0; k < edgeOf.length; k++) {
    const e = edgeOf[k];
    if (seen.has(e)) continue;
    seen.add(e);
    const h = edges.heightM[e];
    if (!(h > targetHeightM) && hc > targetHeightM) continue; // a wall under the target's height hides nothing
    // Scale of the shadow's far side (Infinity: the shadow runs out to the range).
    const far = hc > targetHeightM && h < hc ? (hc - targetHeightM) / (hc - h) : Infinity;
    const ax = edges.ax[e], ay = edges.ay[e], bx = edges.bx[e], by = edges.by[e];
    traceSegment(view, occluders, targetHeightM, marked, ax, ay, bx, by);
    const ends = endPoints(ax - cx, ay - cy, bx - cx, by - cy);
    for (let j = 0; j < ends.length; j += 2) {
      const px = ends[j], py = ends[j + 1];
      const d = Math.hypot(px, py);
      if (d === 0) continue;
      const scale = Math.min(far, (rangeM + 2 * view.cellM) / d);
      if (scale > 1) traceSegment(view, occluders, targetHeightM, marked, cx + px, cy + py, cx + px * scale, cy + py * scale);
    }
    if (Number.isFinite(far)) traceSegment(view, occluders, targetHeightM, marked, cx + (ax - cx) * far, cy + (ay - cy) * far, cx + (bx - cx) * far, cy + (by - cy) * far);
  }
}

/**
 * The points of an edge (relative to the camera) whose rays bound its shadow: its ends, and
 * where it crosses the mounting clearance circle (crossings closer than that are ignored).
 */
function endPoints(ax: number, ay: number, bx: number, by: number): number[] {
  const out = [ax, ay, bx, by];
  const ex = bx - ax, ey = by - ay;
  const a = ex * ex + ey * ey;
  const b = 2 * (ax * ex + ay * ey);
  const c = ax * ax + ay * ay - MOUNT_CLEARANCE_M * MOUNT_CLEARANCE_M;
  const disc = b * b - 4 * a * c;
  if (a > 0 && disc > 0) {
    for (const sign of [-1, 1]) {
      const t = (-b + sign * Math.sqrt(disc)) / (2 * a);
      if (t > 0 && t < 1) out.push(ax + t * ex, ay + t * ey);
    }
  }
  return out;
}

/**
 * Walks the cells the segment (x0, y0)-(x1, y1) passes through (Amanatides & Woo 1987) and
 * marks those where points just either side of the segment, at the middle of its stretch in the
 * cell, differ in the exact test.
 */
function traceSegment(view: Viewshed, occluders: CameraOccluders, targetHeightM: number, marked: Uint8Array, x0: number, y0: number, x1: number, y1: number): void {
  const { cellM, columns, rows, originXM, originYM } = view;
  const dx = x1 - x0, dy = y1 - y0;
  const length = Math.hypot(dx, dy);
  if (length === 0) return;
  const nx = (-dy / length) * SIDE_OFFSET_M, ny = (dx / length) * SIDE_OFFSET_M;
  let c = Math.floor((x0 - originXM) / cellM), r = Math.floor((y0 - originYM) / cellM);
  const c1 = Math.floor((x1 - originXM) / cellM), r1 = Math.floor((y1 - originYM) / cellM);
  const stepC = dx > 0 ? 1 : -1, stepR = dy > 0 ? 1 : -1;
  const tDeltaX = dx !== 0 ? Math.abs(cellM / dx) : Infinity;
  const tDeltaY = dy !== 0 ? Math.abs(cellM / dy) : Infinity;
  let tMaxX = dx !== 0 ? ((dx > 0 ? originXM + (c + 1) * cellM : originXM + c * cellM) - x0) / dx : Infinity;
  let tMaxY = dy !== 0 ? ((dy > 0 ? originYM + (r + 1) * cellM : originYM + r * cellM) - y0) / dy : Infinity;
  let t = 0;
  const maxSteps = Math.abs(c1 - c) + Math.abs(r1 - r) + 2;
  for (let n = 0; n < maxSteps; n++) {
    const tExit = Math.min(tMaxX, tMaxY, 1);
    if (c >= 0 && r >= 0 && c < columns && r < rows) {
      const k = r * columns + c;
      // At the segment's entry into the cell, the middle of its stretch, and its exit.
      for (let j = 0; j < 3 && marked[k] === 0; j++) {
        const tm = t + ((tExit - t) * j) / 2;
        const px = x0 + tm * dx, py = y0 + tm * dy;
        if (isOccluded(occluders, px + nx, py + ny, targetHeightM) !== isOccluded(occluders, px - nx, py - ny, targetHeightM)) marked[k] = 1;
      }
    }
    if (tExit >= 1) break;
    t = tExit;
    if (tMaxX < tMaxY) {
      c += stepC;
      tMaxX += tDeltaX;
    } else {
      r += stepR;
      tMaxY += tDeltaY;
    }
  }
}
