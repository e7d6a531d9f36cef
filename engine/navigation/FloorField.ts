/**
 * A static floor field toward a set of exits: the travel time T(x) solving the eikonal equation
 * |grad T| = 1 / F(x) on the navigation raster by the fast marching method (Sethian 1996,
 * first-order upwind scheme), with T = 0 on the cells of the target exits. The local speed F is
 * lowered near walls so that routes keep their distance from walls and corners (the
 * "wall-avoiding" floor field of Kretz et al. 2010 and JuPedSim). The walking direction is
 * -grad T / |grad T|, precomputed per cell; agents read it by bilinear interpolation.
 * Computed once per goal set and cached by the world (recomputed only when an exit closes).
 */
import type { NavGrid } from './NavGrid.ts';

/** Below this clearance (m) the local speed of the eikonal drops (wall avoidance). */
export const WALL_AVOIDANCE_M = 0.3;
/** Slowness at a wall: 1 + WALL_PENALTY (at clearance 0), falling quadratically to 1. */
export const WALL_PENALTY = 2;

export interface FloorField {
  /** Exit indices this field leads to. */
  exitIndices: number[];
  /** Travel time to the nearest target exit at unit free speed (metres of equivalent path); Infinity where unreachable. */
  distanceM: Float32Array;
  /** Unit walking direction per cell (0, 0 where unreachable or inside a target). */
  dirX: Float32Array;
  dirY: Float32Array;
}

/** Slowness 1/F of a cell: 1 in the open, up to 1 + WALL_PENALTY at a wall. */
function slowness(grid: NavGrid, cell: number): number {
  const clearance = grid.clearanceM[cell];
  if (clearance >= WALL_AVOIDANCE_M) return 1;
  const f = 1 - clearance / WALL_AVOIDANCE_M;
  return 1 + WALL_PENALTY * f * f;
}

/** Computes the floor field toward the given exits (those in `openExits` only). */
export function computeFloorField(grid: NavGrid, exitIndices: number[], openExits: Uint8Array): FloorField {
  const { exitAt, walkable } = grid;
  const isTarget = new Uint8Array(Math.max(1, ...exitIndices.map((e) => e + 1)));
  for (const e of exitIndices) if (openExits[e]) isTarget[e] = 1;
  // Seeds: walkable cells of the target exits only. The cells outside the walkable space that
  // also carry an exit index (the catch zone beyond a door) must not seed the field, or it
  // would leak through the walls next to the door.
  return fieldFromSeeds(grid, (cell) => {
    const e = exitAt[cell];
    return e >= 0 && e < isTarget.length && isTarget[e] === 1 && walkable[cell] === 1;
  }, exitIndices);
}

/**
 * The floor field toward a meeting point: seeded on the walkable cells within `radiusM` of
 * (x, y); it leads to no exit (people who follow it gather there and stand).
 */
export function computeFloorFieldToPoint(grid: NavGrid, xM: number, yM: number, radiusM: number): FloorField {
  const { columns, walkable, cellM } = grid;
  const r2 = radiusM * radiusM;
  return fieldFromSeeds(grid, (cell) => {
    if (walkable[cell] !== 1) return false;
    const c = cell % columns, r = (cell - c) / columns;
    const dx = grid.originXM + (c + 0.5) * cellM - xM, dy = grid.originYM + (r + 0.5) * cellM - yM;
    return dx * dx + dy * dy <= r2;
  }, []);
}

/** The fast-marching field from the seed cells (time 0 there). */
function fieldFromSeeds(grid: NavGrid, isSeed: (cell: number) => boolean, exitIndices: number[]): FloorField {
  const { columns, rows, walkable, cellM } = grid;
  const cells = columns * rows;
  const time = new Float64Array(cells).fill(Infinity);
  const known = new Uint8Array(cells);
  const heap = new MinHeap(Math.max(1024, cells >> 3));
  for (let cell = 0; cell < cells; cell++) {
    if (isSeed(cell)) {
      time[cell] = 0;
      heap.push(cell, 0);
    }
  }
  while (heap.size > 0) {
    const cell = heap.popCell();
    if (known[cell]) continue;
    known[cell] = 1;
    const c = cell % columns;
    const r = (cell - c) / columns;
    if (c > 0) relax(cell - 1);
    if (c < columns - 1) relax(cell + 1);
    if (r > 0) relax(cell - columns);
    if (r < rows - 1) relax(cell + columns);
  }

  function relax(cell: number): void {
    if (known[cell] || !walkable[cell]) return;
    const c = cell % columns;
    const a = Math.min(c > 0 ? time[cell - 1] : Infinity, c < columns - 1 ? time[cell + 1] : Infinity);
    const b = Math.min(cell >= columns ? time[cell - columns] : Infinity, cell + columns < cells ? time[cell + columns] : Infinity);
    const f = slowness(grid, cell) * cellM;
    let t: number;
    // First-order upwind update of the eikonal equation (Sethian 1996, eq. 2.9).
    if (!Number.isFinite(b) || Math.abs(a - b) >= f) t = Math.min(a, b) + f;
    else t = (a + b + Math.sqrt(2 * f * f - (a - b) * (a - b))) / 2;
    if (t < time[cell]) {
      time[cell] = t;
      heap.push(cell, t);
    }
  }

  const distanceM = new Float32Array(cells);
  const dirX = new Float32Array(cells);
  const dirY = new Float32Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    distanceM[cell] = time[cell];
    const t = time[cell];
    if (!Number.isFinite(t) || t === 0) continue;
    const c = cell % columns;
    const left = c > 0 ? time[cell - 1] : Infinity;
    const right = c < columns - 1 ? time[cell + 1] : Infinity;
    const down = cell >= columns ? time[cell - columns] : Infinity;
    const up = cell + columns < cells ? time[cell + columns] : Infinity;
    // Upwind descent per axis: toward the lower neighbour (by how much it is lower). On a
    // ridge, where both neighbours are lower (a symmetry line: straight behind an obstacle,
    // midway between two exits), the tie goes to +x / +y, so nobody stays on the ridge; a
    // central difference would cancel there and leave people walking into the obstacle.
    const gx = -upwindDescent(left, t, right);
    const gy = -upwindDescent(down, t, up);
    const norm = Math.hypot(gx, gy);
    let dx = norm > 0 ? -gx / norm : 0;
    let dy = norm > 0 ? -gy / norm : 0;
    // On a ridge of the field (a symmetry line: midway between two exits, or straight behind
    // an obstacle) the gradient vanishes or points into the obstacle. Then take the steepest
    // descent to a walkable neighbour, ties broken in a fixed order, so nobody stands still.
    const aheadC = c + Math.round(dx), aheadR = (cell - c) / columns + Math.round(dy);
    const aheadBlocked = norm > 0 && !walkable[aheadR * columns + aheadC];
    if (norm < 1e-9 * cellM || aheadBlocked) {
      const r = (cell - c) / columns;
      let bestSlope = 0;
      for (let k = 0; k < 8; k++) {
        const nc = c + NEIGHBOUR_DC[k], nr = r + NEIGHBOUR_DR[k];
        if (nc < 0 || nr < 0 || nc >= columns || nr >= rows) continue;
        const neighbour = nr * columns + nc;
        if (!walkable[neighbour] || !Number.isFinite(time[neighbour])) continue;
        const slope = (time[neighbour] - t) / NEIGHBOUR_LENGTH[k];
        if (slope < bestSlope - 1e-12) {
          bestSlope = slope;
          dx = NEIGHBOUR_DC[k] / NEIGHBOUR_LENGTH[k];
          dy = NEIGHBOUR_DR[k] / NEIGHBOUR_LENGTH[k];
        }
      }
    }
    dirX[cell] = dx;
    dirY[cell] = dy;
  }
  return { exitIndices: [...exitIndices], distanceM, dirX, dirY };
}

/** The 8 neighbours of a cell (E, N, W, S, NE, NW, SW, SE): column and row offsets, length in cells. */
const NEIGHBOUR_DC = [1, 0, -1, 0, 1, -1, -1, 1];
const NEIGHBOUR_DR = [0, 1, 0, -1, 1, 1, -1, -1];
const NEIGHBOUR_LENGTH = NEIGHBOUR_DC.map((dc, k) => Math.hypot(dc, NEIGHBOUR_DR[k]));

/**
 * Descent along one axis: how much T falls per cell toward the lower neighbour, signed (+ toward
 * `after`), 0 at a minimum along the axis. Ties (a ridge) go toward `after`.
 */
function upwindDescent(before: number, here: number, after: number): number {
  const fallAfter = here - after; // -Infinity where `after` is unwalkable
  const fallBefore = here - before;
  if (fallAfter <= 0 && fallBefore <= 0) return 0;
  return fallAfter >= fallBefore ? fallAfter : -fallBefore;
}


const pointX = new Float64Array(1);
const pointY = new Float64Array(1);

/**
 * Bilinear interpolation of a field's direction at a point, normalised; writes into `out`
 * (`out[0]`, `out[1]`) and returns false where no direction is known nearby.
 */
export function sampleDirection(grid: NavGrid, field: FloorField, xM: number, yM: number, out: Float64Array): boolean {
  pointX[0] = xM;
  pointY[0] = yM;
  return sampleDirectionAt(grid, field, pointX, pointY, 0, out);
}

/**
 * `sampleDirection` at the point (xs[i], ys[i]), for hot loops over agent arrays.
 * NOTE: it takes arrays and an index rather than two doubles: when V8 does not inline a call,
 * double arguments are boxed on the heap, an allocation per agent and step.
 */
export function sampleDirectionAt(grid: NavGrid, field: FloorField, xs: Float64Array, ys: Float64Array, i: number, out: Float64Array): boolean {
  const fx = (xs[i] - grid.originXM) / grid.cellM - 0.5;
  const fy = (ys[i] - grid.originYM) / grid.cellM - 0.5;
  let c = Math.floor(fx);
  let r = Math.floor(fy);
  if (c < 0) c = 0; else if (c > grid.columns - 2) c = grid.columns - 2;
  if (r < 0) r = 0; else if (r > grid.rows - 2) r = grid.rows - 2;
  let tx = fx - c;
  let ty = fy - r;
  tx = tx < 0 ? 0 : tx > 1 ? 1 : tx;
  ty = ty < 0 ? 0 : ty > 1 ? 1 : ty;
  const i00 = r * grid.columns + c;
  const i10 = i00 + 1;
  const i01 = i00 + grid.columns;
  const i11 = i01 + 1;
  const w00 = (1 - tx) * (1 - ty);
  const w10 = tx * (1 - ty);
  const w01 = (1 - tx) * ty;
  const w11 = tx * ty;
  const dx = field.dirX;
  const dy = field.dirY;
  const x = w00 * dx[i00] + w10 * dx[i10] + w01 * dx[i01] + w11 * dx[i11];
  const y = w00 * dy[i00] + w10 * dy[i10] + w01 * dy[i01] + w11 * dy[i11];
  const norm = Math.sqrt(x * x + y * y);
  // Weight of the cells that have a direction (their vectors are unit length).
  const weight = (dx[i00] !== 0 || dy[i00] !== 0 ? w00 : 0) + (dx[i10] !== 0 || dy[i10] !== 0 ? w10 : 0)
    + (dx[i01] !== 0 || dy[i01] !== 0 ? w01 : 0) + (dx[i11] !== 0 || dy[i11] !== 0 ? w11 : 0);
  if (norm < 1e-6 || norm < 0.5 * weight) {
    // Nearly opposite directions cancel (the point sits on a ridge of the field, between its
    // two sides): follow the nearest of the four cells that has a direction.
    const nearest = tx < 0.5 ? (ty < 0.5 ? i00 : i01) : ty < 0.5 ? i10 : i11;
    return copyCellDirection(field, nearest, out) || copyCellDirection(field, i00, out) || copyCellDirection(field, i10, out)
      || copyCellDirection(field, i01, out) || copyCellDirection(field, i11, out);
  }
  out[0] = x / norm;
  out[1] = y / norm;
  return true;
}

/** Writes a cell's direction into `out` and returns true, or false when it has none. */
function copyCellDirection(field: FloorField, cell: number, out: Float64Array): boolean {
  const x = field.dirX[cell], y = field.dirY[cell];
  if (x === 0 && y === 0) return false;
  out[0] = x;
  out[1] = y;
  return true;
}

/** Binary min-heap of (cell, key) pairs for fast marching; duplicates are skipped by the caller. */
class MinHeap {
  private cells: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.cells = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  push(cell: number, key: number): void {
    if (this.size === this.cells.length) {
      const cells = new Int32Array(this.size * 2);
      cells.set(this.cells);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.cells = cells;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.cells[i] = this.cells[parent];
      this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.cells[i] = cell;
    this.keys[i] = key;
  }

  popCell(): number {
    const top = this.cells[0];
    const lastCell = this.cells[--this.size];
    const lastKey = this.keys[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= lastKey) break;
      this.cells[i] = this.cells[child];
      this.keys[i] = this.keys[child];
      i = child;
    }
    this.cells[i] = lastCell;
    this.keys[i] = lastKey;
    return top;
  }
}
