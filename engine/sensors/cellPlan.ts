/**
 * A camera's plan over the neighbour grid: the grid cells its frame visits (per row, the columns
 * that the sector's outline meets, in the order observeCameras has always visited them), each
 * classed once for the camera's mounting and heading instead of testing every person in it:
 *  - CELL_VISIBLE: the whole cell lies in range and in the field of view (its four corners do, and
 *    both regions are convex) and every viewshed cell it overlaps is VISIBLE, so a person in it
 *    needs no geometric test;
 *  - CELL_HIDDEN: the whole cell lies in range and in view and every viewshed cell it overlaps is
 *    HIDDEN, so a person in it is occluded without a test;
 *  - CELL_SCAN: anything else (partly out of the sector, a shadow edge, a border cell that also
 *    holds people clamped from outside the grid, a field of view over 180 degrees): every person
 *    is tested as before.
 * The classes are conservative (corners tested with a margin), so a frame gives exactly the
 * detections, draws and events of the per-person tests. A fixed camera builds its plan once; a
 * PTZ camera again whenever its heading has changed.
 */
import type { UniformGrid } from '../spatial/UniformGrid.ts';
import { gridColumn, gridRow } from '../spatial/UniformGrid.ts';
import { viewBounds } from './cameraView.ts';
import { outlineSpanX, SECTOR_OUTLINE_MAX_POINTS, sectorOutline } from './sectorGeometry.ts';
import type { Camera, CellPlan } from './Sensors.ts';
import { VIEWSHED_HIDDEN, VIEWSHED_VISIBLE, type Viewshed } from './Viewshed.ts';

export const CELL_SCAN = 0;
export const CELL_VISIBLE = 1;
export const CELL_HIDDEN = 2;

/** Relative margin on the corner tests (a corner this close to the range or the edge of view does not count as inside). */
const MARGIN = 1e-6;

const _bounds = new Float64Array(4);
const _outline = new Float64Array(2 * SECTOR_OUTLINE_MAX_POINTS);
const _span = new Float64Array(2);

/** The camera's plan over `grid` for its current heading (built or rebuilt when needed). */
export function cellPlanOf(camera: Camera, grid: UniformGrid): CellPlan {
  const plan = camera.cellPlan;
  if (plan !== null && plan.grid === grid && plan.headingRad === camera.headingRad) return plan;
  camera.cellPlan = buildCellPlan(camera, grid, plan);
  return camera.cellPlan;
}

function buildCellPlan(camera: Camera, grid: UniformGrid, old: CellPlan | null): CellPlan {
  const cx = camera.xM, cy = camera.yM;
  const outlinePoints = sectorOutline(cx, cy, camera.rangeM, camera.headingRad, camera.fovRad, _outline);
  viewBounds(camera, _bounds);
  const r0 = gridRow(grid, _bounds[1]), r1 = gridRow(grid, _bounds[3]);
  let cells = old?.cells ?? new Int32Array(256);
  let kinds = old?.kinds ?? new Uint8Array(256);
  let count = 0;
  for (let r = r0; r <= r1; r++) {
    const rowY0 = grid.originYM + r * grid.cellHeightM;
    outlineSpanX(_outline, outlinePoints, rowY0, rowY0 + grid.cellHeightM, _span);
    if (_span[0] > _span[1]) continue;
    const c0 = gridColumn(grid, _span[0]), c1 = gridColumn(grid, _span[1]);
    for (let c = c0; c <= c1; c++) {
      if (count === cells.length) {
        const grownCells = new Int32Array(cells.length * 2);
        grownCells.set(cells);
        cells = grownCells;
        const grownKinds = new Uint8Array(kinds.length * 2);
        grownKinds.set(kinds);
        kinds = grownKinds;
      }
      cells[count] = r * grid.columns + c;
      kinds[count] = classify(camera, grid, r, c);
      count++;
    }
  }
  return { grid, headingRad: camera.headingRad, cells, kinds, count };
}

function classify(camera: Camera, grid: UniformGrid, r: number, c: number): number {
  // Border cells also hold the people outside the grid (positions are clamped into them); a
  // periodic grid wraps; a field of view over 180 degrees is not convex.
  if (grid.periodicX || r === 0 || c === 0 || r === grid.rows - 1 || c === grid.columns - 1 || camera.cosHalfFov < 0) return CELL_SCAN;
  const x0 = grid.originXM + c * grid.cellWidthM, x1 = x0 + grid.cellWidthM;
  const y0 = grid.originYM + r * grid.cellHeightM, y1 = y0 + grid.cellHeightM;
  if (!cornerInside(camera, x0, y0) || !cornerInside(camera, x1, y0) || !cornerInside(camera, x0, y1) || !cornerInside(camera, x1, y1)) return CELL_SCAN;
  const view = camera.viewshed;
  if (view === null) return CELL_VISIBLE;
  return viewshedClass(view, x0, y0, x1, y1);
}

/** Whether a point lies in range and in view, with a margin. */
function cornerInside(camera: Camera, x: number, y: number): boolean {
  const dx = x - camera.xM, dy = y - camera.yM;
  const d2 = dx * dx + dy * dy;
  if (d2 > camera.rangeM * camera.rangeM * (1 - MARGIN)) return false;
  const d = Math.sqrt(d2);
  const dot = dx * Math.sin(camera.headingRad) + dy * Math.cos(camera.headingRad);
  return dot >= d * camera.cosHalfFov + MARGIN * (1 + d);
}

/** CELL_VISIBLE or CELL_HIDDEN when every viewshed cell overlapping the box has that state, else CELL_SCAN. */
function viewshedClass(view: Viewshed, x0: number, y0: number, x1: number, y1: number): number {
  const vc0 = Math.floor((x0 - view.originXM) / view.cellM), vc1 = Math.floor((x1 - view.originXM) / view.cellM);
  const vr0 = Math.floor((y0 - view.originYM) / view.cellM), vr1 = Math.floor((y1 - view.originYM) / view.cellM);
  if (vc0 < 0 || vr0 < 0 || vc1 >= view.columns || vr1 >= view.rows) return CELL_SCAN;
  let state = -1;
  for (let vr = vr0; vr <= vr1; vr++) {
    for (let vc = vc0; vc <= vc1; vc++) {
      const k = vr * view.columns + vc;
      const s = (view.bits[k >>> 4] >>> ((k & 15) << 1)) & 3;
      if (state === -1) state = s;
      else if (s !== state) return CELL_SCAN;
    }
  }
  return state === VIEWSHED_VISIBLE ? CELL_VISIBLE : state === VIEWSHED_HIDDEN ? CELL_HIDDEN : CELL_SCAN;
}
