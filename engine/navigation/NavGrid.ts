/**
 * The navigation raster: a fine grid over the walkable space (default 0.1 m cells) marking the
 * walkable cells (cell centre inside the walkable space), each cell's clearance (distance to the
 * nearest wall, capped) and the exit, if any, that covers it. Built once per world; floor fields
 * and the exit test read it.
 */
import type { ExitSpec } from '../scenario/Scenario.ts';
import { pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
import { buildWallIndex, isInsideWalkable, type WalkableSpace } from '../geometry/WalkableSpace.ts';
import { distanceToPolygonBoundaryM, distanceToSegmentM } from '../geometry/polygon.ts';

/** Largest number of cells before the grid is coarsened automatically. */
export const MAX_NAV_CELLS = 4_000_000;
/** Cells outside the walkable space within this distance of an exit count as that exit. */
export const EXIT_CATCH_M = 0.6;
/** Clearance is computed exactly up to this distance from walls and capped beyond. */
export const CLEARANCE_CAP_M = 1.0;

export interface NavGrid {
  originXM: number;
  originYM: number;
  cellM: number;
  columns: number;
  rows: number;
  /** 1 where the cell centre is walkable. */
  walkable: Uint8Array;
  /** Distance from the cell centre to the nearest wall, metres, capped at CLEARANCE_CAP_M. */
  clearanceM: Float32Array;
  /** Index of the exit whose polygon covers the cell centre, or -1. */
  exitAt: Int16Array;
}

/** Rasterises the walkable space and the exits. `requestedCellM` is coarsened past MAX_NAV_CELLS. */
export function buildNavGrid(space: WalkableSpace, exits: ExitSpec[], requestedCellM: number): NavGrid {
  const [minX, minY, maxX, maxY] = space.bounds;
  let cellM = requestedCellM;
  while (((maxX - minX) / cellM + 3) * ((maxY - minY) / cellM + 3) > MAX_NAV_CELLS) cellM *= 1.25;
  // A margin around the walkable space, where people who walk out through a door are caught.
  const marginCells = Math.ceil(EXIT_CATCH_M / cellM) + 1;
  const originXM = minX - marginCells * cellM;
  const originYM = minY - marginCells * cellM;
  const columns = Math.ceil((maxX - minX) / cellM) + 2 * marginCells + 1;
  const rows = Math.ceil((maxY - minY) / cellM) + 2 * marginCells + 1;
  const cells = columns * rows;
  const walkable = new Uint8Array(cells);
  const clearanceM = new Float32Array(cells);
  const exitAt = new Int16Array(cells).fill(-1);
  const wallIndex = buildWallIndex(space, 1.0, CLEARANCE_CAP_M);
  const walls = space.wallsM;
  for (let r = 0; r < rows; r++) {
    const y = originYM + (r + 0.5) * cellM;
    for (let c = 0; c < columns; c++) {
      const x = originXM + (c + 0.5) * cellM;
      if (!isInsideWalkable(space, x, y)) continue;
      const cell = r * columns + c;
      walkable[cell] = 1;
      let wc = Math.floor((x - wallIndex.originXM) / wallIndex.cellM);
      let wr = Math.floor((y - wallIndex.originYM) / wallIndex.cellM);
      wc = Math.min(Math.max(wc, 0), wallIndex.columns - 1);
      wr = Math.min(Math.max(wr, 0), wallIndex.rows - 1);
      const wcell = wr * wallIndex.columns + wc;
      let best = CLEARANCE_CAP_M;
      for (let p = wallIndex.cellStart[wcell]; p < wallIndex.cellStart[wcell + 1]; p++) {
        const k = wallIndex.segments[p];
        const d = distanceToSegmentM(x, y, walls[4 * k], walls[4 * k + 1], walls[4 * k + 2], walls[4 * k + 3]);
        if (d < best) best = d;
      }
      clearanceM[cell] = best;
    }
  }
  exits.forEach((exit, e) => {
    const [ex0, ey0, ex1, ey1] = polygonBounds(exit.polygon);
    const c0 = Math.max(0, Math.floor((ex0 - EXIT_CATCH_M - originXM) / cellM));
    const c1 = Math.min(columns - 1, Math.floor((ex1 + EXIT_CATCH_M - originXM) / cellM));
    const r0 = Math.max(0, Math.floor((ey0 - EXIT_CATCH_M - originYM) / cellM));
    const r1 = Math.min(rows - 1, Math.floor((ey1 + EXIT_CATCH_M - originYM) / cellM));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * columns + c;
        const x = originXM + (c + 0.5) * cellM, y = originYM + (r + 0.5) * cellM;
        if (pointInPolygon(x, y, exit.polygon)) exitAt[cell] = e;
        // Outside the walkable space, next to an exit: only reachable through that open door.
        else if (!walkable[cell] && exitAt[cell] < 0 && distanceToPolygonBoundaryM(x, y, exit.polygon) <= EXIT_CATCH_M) exitAt[cell] = e;
      }
    }
  });
  return { originXM, originYM, cellM, columns, rows, walkable, clearanceM, exitAt };
}

/**
 * The nav-grid cell of point i of coordinate arrays, or -1 outside the grid. For hot loops:
 * arrays and an index rather than doubles (see FloorField.sampleDirectionAt).
 */
export function navCellOf(grid: NavGrid, xs: Float64Array, ys: Float64Array, i: number): number {
  const c = Math.floor((xs[i] - grid.originXM) / grid.cellM);
  const r = Math.floor((ys[i] - grid.originYM) / grid.cellM);
  if (c < 0 || r < 0 || c >= grid.columns || r >= grid.rows) return -1;
  return r * grid.columns + c;
}

/** The nav-grid cell containing a point, or -1 outside the grid. */
export function navCellAt(grid: NavGrid, xM: number, yM: number): number {
  const c = Math.floor((xM - grid.originXM) / grid.cellM);
  const r = Math.floor((yM - grid.originYM) / grid.cellM);
  if (c < 0 || r < 0 || c >= grid.columns || r >= grid.rows) return -1;
  return r * grid.columns + c;
}
