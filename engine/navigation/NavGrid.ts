/**
 * The navigation raster: a fine grid over the walkable space (default 0.1 m cells) marking the
 * walkable cells (cell centre inside the walkable space), each cell's clearance (distance to the
 * nearest wall, capped) and the exit, if any, that covers it. Built once per world; floor fields
 * and the exit test read it.
 */
import type { ExitSpec } from '../scenario/Scenario.ts';
import { pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
import { buildWallIndex, type WalkableSpace, type WallIndex } from '../geometry/WalkableSpace.ts';
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
  /** The walkable space rasterised (for exact checks at load time). */
  space: WalkableSpace;
  /** Walls within CLEARANCE_CAP_M of each 1 m cell (for exact clearance at load time). */
  clearanceIndex: WallIndex;
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
  // 1 m cells, coarser on big areas (at most about 4 million cells).
  const wallIndex = buildWallIndex(space, Math.max(1, Math.sqrt(((maxX - minX) * (maxY - minY)) / 4_000_000)), CLEARANCE_CAP_M);
  const walls = space.wallsM;
  const crossings = new Float64Array(Math.max(2, ringEdgeCount(space)));
  for (let r = 0; r < rows; r++) {
    const y = originYM + (r + 0.5) * cellM;
    // Scanline fill, even-odd over all rings: the cells whose centre lies in [x0, x1), [x2, x3)...
    // of the sorted crossings of this row (the same test as isInsideWalkable, cell by cell).
    const count = rowCrossings(space, y, crossings);
    for (let k = 0; k + 1 < count; k += 2) {
      // One cell of slack each side: the exact comparison below decides.
      const c0 = Math.max(0, Math.ceil((crossings[k] - originXM) / cellM - 0.5) - 1);
      const c1 = Math.min(columns - 1, Math.ceil((crossings[k + 1] - originXM) / cellM - 0.5));
      for (let c = c0; c <= c1; c++) {
        const x = originXM + (c + 0.5) * cellM;
        if (x < crossings[k] || x >= crossings[k + 1]) continue;
        const cell = r * columns + c;
        walkable[cell] = 1;
        clearanceM[cell] = clearanceAt(wallIndex, walls, x, y);
      }
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
    // An exit narrower than a (coarsened) cell may cover no cell centre: then the walkable cells
    // that touch it become its cells, so the floor field always has a target.
    let seeds = 0;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (walkable[r * columns + c] && exitAt[r * columns + c] === e) seeds++;
    if (seeds === 0) {
      const fc0 = Math.max(0, Math.floor((ex0 - cellM - originXM) / cellM));
      const fc1 = Math.min(columns - 1, Math.floor((ex1 + cellM - originXM) / cellM));
      const fr0 = Math.max(0, Math.floor((ey0 - cellM - originYM) / cellM));
      const fr1 = Math.min(rows - 1, Math.floor((ey1 + cellM - originYM) / cellM));
      const distanceOf = (cell: number): number => {
        const c = cell % columns, r = (cell - c) / columns;
        return distanceToPolygonBoundaryM(originXM + (c + 0.5) * cellM, originYM + (r + 0.5) * cellM, exit.polygon);
      };
      let nearestM = Infinity;
      for (let r = fr0; r <= fr1; r++) for (let c = fc0; c <= fc1; c++) if (walkable[r * columns + c]) nearestM = Math.min(nearestM, distanceOf(r * columns + c));
      for (let r = fr0; r <= fr1; r++) {
        for (let c = fc0; c <= fc1; c++) {
          const cell = r * columns + c;
          if (walkable[cell] && distanceOf(cell) <= nearestM + 0.5 * cellM) exitAt[cell] = e;
        }
      }
    }
  });
  return { originXM, originYM, cellM, columns, rows, walkable, clearanceM, exitAt, space, clearanceIndex: wallIndex };
}

/** Distance from (x, y) to the nearest wall listed in its wall-index cell, capped at CLEARANCE_CAP_M. */
function clearanceAt(wallIndex: WallIndex, walls: Float64Array, xM: number, yM: number): number {
  let wc = Math.floor((xM - wallIndex.originXM) / wallIndex.cellM);
  let wr = Math.floor((yM - wallIndex.originYM) / wallIndex.cellM);
  wc = Math.min(Math.max(wc, 0), wallIndex.columns - 1);
  wr = Math.min(Math.max(wr, 0), wallIndex.rows - 1);
  const wcell = wr * wallIndex.columns + wc;
  let best = CLEARANCE_CAP_M;
  for (let p = wallIndex.cellStart[wcell]; p < wallIndex.cellStart[wcell + 1]; p++) {
    const segment = wallIndex.segments[p];
    const d = distanceToSegmentM(xM, yM, walls[4 * segment], walls[4 * segment + 1], walls[4 * segment + 2], walls[4 * segment + 3]);
    if (d < best) best = d;
  }
  return best;
}

/** Number of ring edges of the walkable space. */
function ringEdgeCount(space: WalkableSpace): number {
  let count = 0;
  for (const ring of space.rings) count += ring.length;
  return count;
}

/**
 * The x coordinates where the horizontal line at y crosses ring edges, sorted, in `out`; returns
 * how many. Uses the crossing rule and formula of isInsideWalkable, so that a point is inside
 * exactly when an odd number of crossings lie strictly to its right.
 */
function rowCrossings(space: WalkableSpace, yM: number, out: Float64Array): number {
  let count = 0;
  for (const ring of space.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (yi > yM !== yj > yM) out[count++] = ((xj - xi) * (yM - yi)) / (yj - yi) + xi;
    }
  }
  out.subarray(0, count).sort();
  return count;
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

/**
 * Exact distance in metres from a point to the nearest wall, up to CLEARANCE_CAP_M (returned
 * beyond it). Load time only (placement), not the hot loop.
 */
export function clearanceAtM(grid: NavGrid, xM: number, yM: number): number {
  const index = grid.clearanceIndex;
  let c = Math.floor((xM - index.originXM) / index.cellM);
  let r = Math.floor((yM - index.originYM) / index.cellM);
  c = Math.min(Math.max(c, 0), index.columns - 1);
  r = Math.min(Math.max(r, 0), index.rows - 1);
  const cell = r * index.columns + c;
  const walls = grid.space.wallsM;
  let best = CLEARANCE_CAP_M;
  for (let p = index.cellStart[cell]; p < index.cellStart[cell + 1]; p++) {
    const k = 4 * index.segments[p];
    const d = distanceToSegmentM(xM, yM, walls[k], walls[k + 1], walls[k + 2], walls[k + 3]);
    if (d < best) best = d;
  }
  return best;
}

/** The nav-grid cell containing a point, or -1 outside the grid. */
export function navCellAt(grid: NavGrid, xM: number, yM: number): number {
  const c = Math.floor((xM - grid.originXM) / grid.cellM);
  const r = Math.floor((yM - grid.originYM) / grid.cellM);
  if (c < 0 || r < 0 || c >= grid.columns || r >= grid.rows) return -1;
  return r * grid.columns + c;
}
