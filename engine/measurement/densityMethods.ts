/**
 * Pedestrian density measures, in persons per m², for the planner's maps and zones
 * (PlannerSummary.ts). Both run every sampled second on up to tens of thousands of people, so
 * the per-sample functions allocate nothing once their buffers are sized.
 *
 * - Area method ("classic" density, PedPy/JPSreport method A): ρ = N / |A|, the people N counted
 *   in a 2 m x 2 m square A. The squares are centred on the nodes of a lattice of `cellM`
 *   spacing (1 m), so people are counted once per lattice cell and each square sums 2 x 2 cells.
 * - Voronoi method (Steffen and Seyfried 2010, "Methods for measuring pedestrian density, flow,
 *   speed and direction with minimal scatter", Physica A 389(9):1902-1910, eqs. 6-7): person i
 *   owns its Voronoi cell V_i and spreads a density 1/|V_i| over it, so the density over an area
 *   A is ρ_V = Σ_i |V_i ∩ A| / (|V_i| |A|). As in JPSreport, each cell is cut to a disc of
 *   radius `cutoffM` around its person (1 m by default), so that a lone person does not own an
 *   unbounded cell.
 *
 * The data (people's positions) belong to the caller; the lattice and the scratch buffers belong
 * to whoever created them.
 */
import type { PolygonM } from '../scenario/Scenario.ts';
import { areaM2, pointInPolygon, polygonBounds } from '../geometry/polygon.ts';

// ---------------------------------------------------------------------------------------------
// Area method on a lattice
// ---------------------------------------------------------------------------------------------

/**
 * People counted per cell of a regular lattice, and the 2 x 2-cell squares centred on its nodes.
 * Cell (col, row) is [originXM + col cellM, + cellM) x [originYM + row cellM, + cellM), row-major
 * in `counts`; node (col, row), for col in 0..columns and row in 0..rows, sits at
 * (originXM + col cellM, originYM + row cellM), the corner shared by cells col-1..col, row-1..row.
 */
export interface DensityLattice {
  originXM: number;
  originYM: number;
  cellM: number;
  /** Cells across (x) and up (y). */
  columns: number;
  rows: number;
  /** People per cell from the last `countPeople`, row-major. */
  counts: Int32Array;
  /** Indices into `counts` of the cells holding someone, the first `occupiedCount` entries. */
  occupied: Int32Array;
  occupiedCount: number;
  /** Nodes across and up: columns + 1 and rows + 1. */
  nodeColumns: number;
  nodeRows: number;
  /** Per node, the `stamp` of the last `forEachOccupiedSquare` that visited it (deduplication). */
  nodeStamps: Int32Array;
  stamp: number;
}

/**
 * A lattice covering [minXM, maxXM] x [minYM, maxYM] with square cells of `cellM` metres (the
 * last column and row may reach past the max). Load-time: throws a RangeError on a bad size.
 */
export function createDensityLattice(minXM: number, minYM: number, maxXM: number, maxYM: number, cellM = 1): DensityLattice {
  if (!(cellM > 0) || !Number.isFinite(cellM)) throw new RangeError(`createDensityLattice: cellM must be a positive number of metres, got ${cellM}`);
  for (const [name, value] of [['minXM', minXM], ['minYM', minYM], ['maxXM', maxXM], ['maxYM', maxYM]] as const) {
    if (!Number.isFinite(value)) throw new RangeError(`createDensityLattice: ${name} must be a finite number, got ${value}`);
  }
  if (maxXM < minXM || maxYM < minYM) throw new RangeError(`createDensityLattice: empty box [${minXM}, ${maxXM}] x [${minYM}, ${maxYM}]`);
  const columns = Math.max(1, Math.ceil((maxXM - minXM) / cellM));
  const rows = Math.max(1, Math.ceil((maxYM - minYM) / cellM));
  return {
    originXM: minXM, originYM: minYM, cellM, columns, rows,
    counts: new Int32Array(columns * rows),
    occupied: new Int32Array(columns * rows),
    occupiedCount: 0,
    nodeColumns: columns + 1,
    nodeRows: rows + 1,
    nodeStamps: new Int32Array((columns + 1) * (rows + 1)),
    stamp: 0,
  };
}

/**
 * Counts the first `n` people (positions `xs`, `ys` in metres; those for which `include` is
 * false are skipped) into the lattice's cells. Only the cells counted last time are zeroed first
 * (the occupied list), so the cost follows the people, not the area. People outside the lattice
 * or at a non-finite position are ignored. Allocation-free.
 */
export function countPeople(
  lattice: DensityLattice, xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, include: ((i: number) => boolean) | null,
): void {
  const counts = lattice.counts;
  const occupied = lattice.occupied;
  for (let k = 0; k < lattice.occupiedCount; k++) counts[occupied[k]] = 0;
  const originXM = lattice.originXM;
  const originYM = lattice.originYM;
  const cellM = lattice.cellM;
  const columns = lattice.columns;
  const rows = lattice.rows;
  let occupiedCount = 0;
  for (let i = 0; i < n; i++) {
    if (include !== null && !include(i)) continue;
    const colF = (xs[i] - originXM) / cellM;
    const rowF = (ys[i] - originYM) / cellM;
    // NOTE: written so that NaN fails the test and is skipped; past it, truncation is the floor.
    if (!(colF >= 0 && colF < columns && rowF >= 0 && rowF < rows)) continue;
    const cell = (rowF | 0) * columns + (colF | 0);
    if (counts[cell]++ === 0) occupied[occupiedCount++] = cell;
  }
  lattice.occupiedCount = occupiedCount;
}

/**
 * Area-method density (P/m²) of the square of side 2 cellM centred on node (col, row): the people
 * of cells (col-1, row-1), (col, row-1), (col-1, row) and (col, row) over (2 cellM)²; cells
 * outside the lattice count 0 (the square is still divided by its full area).
 */
export function nodeSquareDensity(lattice: DensityLattice, col: number, row: number): number {
  const counts = lattice.counts;
  const columns = lattice.columns;
  const rows = lattice.rows;
  let people = 0;
  if (row - 1 >= 0 && row - 1 < rows) {
    const base = (row - 1) * columns;
    if (col - 1 >= 0 && col - 1 < columns) people += counts[base + col - 1];
    if (col >= 0 && col < columns) people += counts[base + col];
  }
  if (row >= 0 && row < rows) {
    const base = row * columns;
    if (col - 1 >= 0 && col - 1 < columns) people += counts[base + col - 1];
    if (col >= 0 && col < columns) people += counts[base + col];
  }
  const sideM = 2 * lattice.cellM;
  return people / (sideM * sideM);
}

/**
 * Calls `visit(col, row, densityPerM2)` once for every node whose square holds at least one
 * person (as of the last `countPeople`), in the order of the occupied list. Allocation-free:
 * nodes already visited in this call are marked in `nodeStamps`.
 */
export function forEachOccupiedSquare(lattice: DensityLattice, visit: (col: number, row: number, densityPerM2: number) => void): void {
  if (lattice.stamp >= 0x7fffffff) {
    lattice.nodeStamps.fill(0);
    lattice.stamp = 0;
  }
  const stamp = ++lattice.stamp;
  const stamps = lattice.nodeStamps;
  const columns = lattice.columns;
  const nodeColumns = lattice.nodeColumns;
  for (let k = 0; k < lattice.occupiedCount; k++) {
    const cell = lattice.occupied[k];
    const row = (cell / columns) | 0;
    const col = cell - row * columns;
    // The cell lies in the squares of its four corner nodes.
    for (let dr = 0; dr <= 1; dr++) {
      for (let dc = 0; dc <= 1; dc++) {
        const node = (row + dr) * nodeColumns + col + dc;
        if (stamps[node] === stamp) continue;
        stamps[node] = stamp;
        visit(col + dc, row + dr, nodeSquareDensity(lattice, col + dc, row + dr));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Voronoi method
// ---------------------------------------------------------------------------------------------

/**
 * Sides of the regular polygon standing for the cut-off disc. NOTE: the polygon is inscribed in
 * the circle of radius `cutoffM` (its vertices lie on it, the first at angle 0), so its area is
 * 12 r² sin(π/12), about 1.1 % less than π r²; a cell cut by its neighbours only (all its
 * vertices within `cutoffM cos(π/24)` of its person) is exact.
 */
export const VORONOI_DISC_SIDES = 24;

/**
 * The disc polygon's sides as half-planes: side k (between the vertices at angles 2πk/n and
 * 2π(k+1)/n) has its outward normal at angle 2π(k + 1/2)/n and lies r cos(π/n) (the apothem)
 * from the centre.
 */
const DISC_NORMAL_COS = new Float64Array(VORONOI_DISC_SIDES);
const DISC_NORMAL_SIN = new Float64Array(VORONOI_DISC_SIDES);
for (let k = 0; k < VORONOI_DISC_SIDES; k++) {
  DISC_NORMAL_COS[k] = Math.cos((2 * Math.PI * (k + 0.5)) / VORONOI_DISC_SIDES);
  DISC_NORMAL_SIN[k] = Math.sin((2 * Math.PI * (k + 0.5)) / VORONOI_DISC_SIDES);
}
const DISC_APOTHEM = Math.cos(Math.PI / VORONOI_DISC_SIDES);

/** Area in m² of the polygon standing for a cut-off disc of radius `cutoffM` (n/2 r² sin(2π/n)). */
export function voronoiDiscAreaM2(cutoffM: number): number {
  return (VORONOI_DISC_SIDES / 2) * cutoffM * cutoffM * Math.sin((2 * Math.PI) / VORONOI_DISC_SIDES);
}

/** Edges of a cell shorter than this (squared, m²) are skipped when clipping by the cell: their direction is noise. */
const MIN_EDGE_M2 = 1e-18;

/**
 * Buckets per cut-off length in the grid of `voronoiDensity`: neighbours within 2 cutoffM lie at
 * most 2 BUCKETS_PER_CUTOFF buckets away. NOTE: 1, 2 and 3 ran within 10 % of each other (a
 * 20 m x 20 m zone in a crowd of 2 and 4 P/m²); 1 was a little faster at 2 P/m².
 */
const BUCKETS_PER_CUTOFF = 1;

/**
 * Reusable buffers of `voronoiDensity` and `voronoiCellArea`, owned by the caller (one per
 * thread of use); grown when needed, never shrunk.
 */
export interface VoronoiScratch {
  /** The polygon last measured (compared by reference: a polygon must not change in place), its area, bounds and vertices. */
  polygon: PolygonM | null;
  polygonAreaM2: number;
  minXM: number;
  minYM: number;
  maxXM: number;
  maxYM: number;
  polygonXs: Float64Array;
  polygonYs: Float64Array;
  /** Bucket grid over the people near the polygon (square buckets of cutoffM / BUCKETS_PER_CUTOFF): start of each bucket in the sorted positions. */
  gridStart: Int32Array;
  gatherXs: Float64Array;
  gatherYs: Float64Array;
  gatherBuckets: Int32Array;
  sortedXs: Float64Array;
  sortedYs: Float64Array;
  /** The cell being built (relative to its person), its vertex count and largest squared vertex distance; a second buffer for clipping. */
  cellXs: Float64Array;
  cellYs: Float64Array;
  cellCount: number;
  cellMaxR2: number;
  cellTmpXs: Float64Array;
  cellTmpYs: Float64Array;
  /** The measurement polygon clipped by a cell (two buffers). */
  clipXs: Float64Array;
  clipYs: Float64Array;
  clipTmpXs: Float64Array;
  clipTmpYs: Float64Array;
}

/** Empty scratch buffers for the Voronoi method. */
export function createVoronoiScratch(): VoronoiScratch {
  return {
    polygon: null, polygonAreaM2: 0, minXM: 0, minYM: 0, maxXM: 0, maxYM: 0,
    polygonXs: new Float64Array(16), polygonYs: new Float64Array(16),
    gridStart: new Int32Array(256),
    gatherXs: new Float64Array(256), gatherYs: new Float64Array(256), gatherBuckets: new Int32Array(256),
    sortedXs: new Float64Array(256), sortedYs: new Float64Array(256),
    cellXs: new Float64Array(64), cellYs: new Float64Array(64), cellCount: 0, cellMaxR2: 0,
    cellTmpXs: new Float64Array(64), cellTmpYs: new Float64Array(64),
    clipXs: new Float64Array(64), clipYs: new Float64Array(64),
    clipTmpXs: new Float64Array(64), clipTmpYs: new Float64Array(64),
  };
}

/** The buffer itself when it holds `size` values, else a larger copy of it. */
function grownFloat(buffer: Float64Array, size: number): Float64Array {
  if (buffer.length >= size) return buffer;
  const grown = new Float64Array(Math.max(size, 2 * buffer.length));
  grown.set(buffer);
  return grown;
}

/** The buffer itself when it holds `size` values, else a larger copy of it. */
function grownInt(buffer: Int32Array, size: number): Int32Array {
  if (buffer.length >= size) return buffer;
  const grown = new Int32Array(Math.max(size, 2 * buffer.length));
  grown.set(buffer);
  return grown;
}

/** Caches the polygon's area, bounds and vertices in the scratch (only when it is a new polygon). */
function usePolygon(scratch: VoronoiScratch, polygon: PolygonM): void {
  if (scratch.polygon === polygon) return;
  scratch.polygon = polygon;
  scratch.polygonAreaM2 = areaM2(polygon);
  [scratch.minXM, scratch.minYM, scratch.maxXM, scratch.maxYM] = polygonBounds(polygon);
  scratch.polygonXs = grownFloat(scratch.polygonXs, polygon.length);
  scratch.polygonYs = grownFloat(scratch.polygonYs, polygon.length);
  for (let k = 0; k < polygon.length; k++) {
    scratch.polygonXs[k] = polygon[k][0];
    scratch.polygonYs[k] = polygon[k][1];
  }
}

/**
 * Sutherland-Hodgman step (Sutherland and Hodgman 1974, "Reentrant polygon clipping") against
 * one half-plane: keeps the part of the polygon (inXs, inYs, count) where nx x + ny y <= limit,
 * written to (outXs, outYs); returns its vertex count. The output needs room for 2 count
 * vertices (count + 1 for a convex input). For a concave input the pieces stay joined by
 * zero-area edges along the line, which leaves the shoelace area right.
 */
function clipHalfPlane(
  inXs: Float64Array, inYs: Float64Array, count: number, outXs: Float64Array, outYs: Float64Array,
  nx: number, ny: number, limit: number,
): number {
  let out = 0;
  let prevX = inXs[count - 1];
  let prevY = inYs[count - 1];
  let prevF = nx * prevX + ny * prevY - limit;
  for (let k = 0; k < count; k++) {
    const x = inXs[k];
    const y = inYs[k];
    const f = nx * x + ny * y - limit;
    if (f <= 0) {
      if (prevF > 0) {
        const t = prevF / (prevF - f);
        outXs[out] = prevX + t * (x - prevX);
        outYs[out++] = prevY + t * (y - prevY);
      }
      outXs[out] = x;
      outYs[out++] = y;
    } else if (prevF <= 0) {
      const t = prevF / (prevF - f);
      outXs[out] = prevX + t * (x - prevX);
      outYs[out++] = prevY + t * (y - prevY);
    }
    prevX = x;
    prevY = y;
    prevF = f;
  }
  return out;
}

/** Shoelace area (Gauss's area formula) of a ring of `count` vertices, m², whatever its orientation. */
function ringAreaM2(xs: Float64Array, ys: Float64Array, count: number): number {
  let twice = 0;
  for (let k = 0, j = count - 1; k < count; j = k++) twice += xs[j] * ys[k] - xs[k] * ys[j];
  return Math.abs(twice) / 2;
}

/** Clips the cell in the scratch to nx x + ny y <= limit (swapping its buffers) and updates its vertex count. */
function clipCell(scratch: VoronoiScratch, nx: number, ny: number, limit: number): void {
  const count = scratch.cellCount;
  if (scratch.cellTmpXs.length < 2 * count + 2) {
    scratch.cellTmpXs = grownFloat(scratch.cellTmpXs, 2 * count + 2);
    scratch.cellTmpYs = grownFloat(scratch.cellTmpYs, 2 * count + 2);
  }
  const xs = scratch.cellTmpXs;
  const ys = scratch.cellTmpYs;
  scratch.cellCount = clipHalfPlane(scratch.cellXs, scratch.cellYs, count, xs, ys, nx, ny, limit);
  scratch.cellTmpXs = scratch.cellXs;
  scratch.cellTmpYs = scratch.cellYs;
  scratch.cellXs = xs;
  scratch.cellYs = ys;
}

/**
 * Starts a person's cell, relative to the person: the square [-r, r]², which holds the disc polygon.
 * NOTE: the cell is cut by the neighbours first and by the disc polygon's sides last
 * (`finishCell`), only by those it reaches past: the same convex set (intersections commute),
 * but in a crowd the cell is small by then and most sides cost one comparison, not a clip.
 */
function startCell(scratch: VoronoiScratch, cutoffM: number): void {
  const xs = scratch.cellXs;
  const ys = scratch.cellYs;
  xs[0] = cutoffM; ys[0] = -cutoffM;
  xs[1] = cutoffM; ys[1] = cutoffM;
  xs[2] = -cutoffM; ys[2] = cutoffM;
  xs[3] = -cutoffM; ys[3] = -cutoffM;
  scratch.cellCount = 4;
  scratch.cellMaxR2 = 2 * cutoffM * cutoffM;
}

/**
 * Cuts the cell by the perpendicular bisector of a neighbour at offset (dx, dy), |d|² = d2, from
 * the person: keeps the half-plane r·d <= |d|²/2 (Sutherland-Hodgman; the cell stays convex).
 * A bisector |d|/2 away cannot cut a cell whose vertices are all nearer, nor one whose vertices
 * all lie on the person's side; a neighbour at distance 0 has no bisector and is passed over.
 */
function cutCell(scratch: VoronoiScratch, dx: number, dy: number, d2: number): void {
  if (!(d2 > 0) || d2 * 0.25 >= scratch.cellMaxR2) return;
  const limit = d2 * 0.5;
  const count = scratch.cellCount;
  const xs = scratch.cellXs;
  const ys = scratch.cellYs;
  let v = 0;
  while (v < count && dx * xs[v] + dy * ys[v] <= limit) v++;
  if (v === count) return;
  clipCell(scratch, dx, dy, limit);
  const clippedXs = scratch.cellXs;
  const clippedYs = scratch.cellYs;
  let maxR2 = 0;
  for (let k = 0, clipped = scratch.cellCount; k < clipped; k++) {
    const r2 = clippedXs[k] * clippedXs[k] + clippedYs[k] * clippedYs[k];
    if (r2 > maxR2) maxR2 = r2;
  }
  scratch.cellMaxR2 = maxR2;
}

/** Cuts the cell to the disc polygon of radius `cutoffM` and returns its area, m². */
function finishCell(scratch: VoronoiScratch, cutoffM: number): number {
  const apothemM = cutoffM * DISC_APOTHEM;
  if (scratch.cellMaxR2 > apothemM * apothemM) {
    for (let k = 0; k < VORONOI_DISC_SIDES && scratch.cellCount > 0; k++) {
      const nx = DISC_NORMAL_COS[k];
      const ny = DISC_NORMAL_SIN[k];
      for (let v = 0; v < scratch.cellCount; v++) {
        if (nx * scratch.cellXs[v] + ny * scratch.cellYs[v] > apothemM) {
          clipCell(scratch, nx, ny, apothemM);
          break;
        }
      }
    }
  }
  return scratch.cellCount < 3 ? 0 : ringAreaM2(scratch.cellXs, scratch.cellYs, scratch.cellCount);
}

/**
 * True when some side of the scratch's polygon passes nearer than √reach2 to (xM, yM): the
 * squared distance to each side's nearest point, stopping at the first one within reach.
 */
function reachesBoundary(scratch: VoronoiScratch, xM: number, yM: number, reach2: number): boolean {
  const xs = scratch.polygonXs;
  const ys = scratch.polygonYs;
  const vertices = (scratch.polygon as PolygonM).length;
  for (let k = 0, j = vertices - 1; k < vertices; j = k++) {
    const ax = xs[j];
    const ay = ys[j];
    const ex = xs[k] - ax;
    const ey = ys[k] - ay;
    const lengthSq = ex * ex + ey * ey;
    let t = lengthSq > 0 ? ((xM - ax) * ex + (yM - ay) * ey) / lengthSq : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const gx = ax + t * ex - xM;
    const gy = ay + t * ey - yM;
    if (gx * gx + gy * gy < reach2) return true;
  }
  return false;
}

/**
 * Area in m² of the finished cell in the scratch (relative to its person at (xM, yM),
 * counter-clockwise) intersected with the scratch's polygon: the (possibly concave) polygon is
 * clipped by each edge of the convex cell, Sutherland-Hodgman, then measured by the shoelace formula.
 */
function cellAreaInPolygonM2(scratch: VoronoiScratch, xM: number, yM: number): number {
  const cellCount = scratch.cellCount;
  let count = (scratch.polygon as PolygonM).length;
  const size = 2 * count + 2 * cellCount + 4;
  scratch.clipXs = grownFloat(scratch.clipXs, size);
  scratch.clipYs = grownFloat(scratch.clipYs, size);
  scratch.clipTmpXs = grownFloat(scratch.clipTmpXs, size);
  scratch.clipTmpYs = grownFloat(scratch.clipTmpYs, size);
  for (let k = 0; k < count; k++) {
    scratch.clipXs[k] = scratch.polygonXs[k] - xM;
    scratch.clipYs[k] = scratch.polygonYs[k] - yM;
  }
  const cellXs = scratch.cellXs;
  const cellYs = scratch.cellYs;
  for (let k = 0, j = cellCount - 1; k < cellCount && count > 0; j = k++) {
    const ex = cellXs[k] - cellXs[j];
    const ey = cellYs[k] - cellYs[j];
    if (ex * ex + ey * ey < MIN_EDGE_M2) continue;
    if (scratch.clipTmpXs.length < 2 * count + 2) {
      scratch.clipTmpXs = grownFloat(scratch.clipTmpXs, 2 * count + 2);
      scratch.clipTmpYs = grownFloat(scratch.clipTmpYs, 2 * count + 2);
    }
    // Inside a counter-clockwise convex cell = left of each edge: ey x - ex y <= ey xj - ex yj.
    const xs = scratch.clipTmpXs;
    const ys = scratch.clipTmpYs;
    count = clipHalfPlane(scratch.clipXs, scratch.clipYs, count, xs, ys, ey, -ex, ey * cellXs[j] - ex * cellYs[j]);
    scratch.clipTmpXs = scratch.clipXs;
    scratch.clipTmpYs = scratch.clipYs;
    scratch.clipXs = xs;
    scratch.clipYs = ys;
  }
  return count < 3 ? 0 : ringAreaM2(scratch.clipXs, scratch.clipYs, count);
}

/**
 * Area in m² of the cut-off Voronoi cell of a person at (xM, yM) among the first `n` people of
 * `xs`, `ys` (the person may be among them: people at distance 0 are passed over): the disc
 * polygon of radius `cutoffM` cut by the perpendicular bisectors of the people within 2 cutoffM.
 * O(n), for tests and one-off use; `voronoiDensity` finds neighbours through a bucket grid.
 */
export function voronoiCellArea(
  xM: number, yM: number, xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, cutoffM: number, scratch: VoronoiScratch,
): number {
  const reach2 = 4 * cutoffM * cutoffM;
  startCell(scratch, cutoffM);
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - xM;
    const dy = ys[i] - yM;
    const d2 = dx * dx + dy * dy;
    if (d2 < reach2) cutCell(scratch, dx, dy, d2);
  }
  return finishCell(scratch, cutoffM);
}

/**
 * Voronoi density in P/m² over `polygon` (Steffen and Seyfried 2010, eq. 7):
 * ρ_V = Σ_i |V_i ∩ A| / (|V_i| |A|), with each cell V_i cut to a disc of radius `cutoffM` (see
 * `VORONOI_DISC_SIDES`). People: the first `n` of `xs`, `ys` for which `include` is true (all
 * when null); non-finite positions are passed over. Only people within `cutoffM` of the polygon's
 * bounding box can own part of it, and only their neighbours within 2 cutoffM can cut their
 * cells, so everyone else costs one box test. A person whose disc lies wholly inside the polygon
 * has a share of 1 without building its cell, one whose disc lies wholly outside 0. The polygon
 * may be concave; a zero-area polygon or a non-positive cut-off gives 0. Allocation-free once
 * the scratch is sized.
 */
export function voronoiDensity(
  xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, polygon: PolygonM, cutoffM: number,
  scratch: VoronoiScratch, include: ((i: number) => boolean) | null,
): number {
  usePolygon(scratch, polygon);
  if (!(scratch.polygonAreaM2 > 0) || !(cutoffM > 0)) return 0;
  const c = cutoffM;
  const bucketM = c / BUCKETS_PER_CUTOFF;
  // The grid covers the bounding box widened by 3c: candidates lie within c of it, their neighbours within 2c more.
  const gridMinXM = scratch.minXM - 3 * c;
  const gridMinYM = scratch.minYM - 3 * c;
  const gridMaxXM = scratch.maxXM + 3 * c;
  const gridMaxYM = scratch.maxYM + 3 * c;
  const gridColumns = Math.floor((gridMaxXM - gridMinXM) / bucketM) + 1;
  const gridRows = Math.floor((gridMaxYM - gridMinYM) / bucketM) + 1;
  const buckets = gridColumns * gridRows;
  scratch.gridStart = grownInt(scratch.gridStart, buckets + 1);
  const start = scratch.gridStart;
  start.fill(0, 0, buckets + 1);

  // Pass 1: gather the people inside the grid, counting them per bucket (in start[bucket + 1]).
  let gathered = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!(x >= gridMinXM && x <= gridMaxXM && y >= gridMinYM && y <= gridMaxYM)) continue;
    if (include !== null && !include(i)) continue;
    if (gathered === scratch.gatherXs.length) {
      scratch.gatherXs = grownFloat(scratch.gatherXs, gathered + 1);
      scratch.gatherYs = grownFloat(scratch.gatherYs, gathered + 1);
      scratch.gatherBuckets = grownInt(scratch.gatherBuckets, gathered + 1);
    }
    const col = Math.min(gridColumns - 1, Math.floor((x - gridMinXM) / bucketM));
    const row = Math.min(gridRows - 1, Math.floor((y - gridMinYM) / bucketM));
    const bucket = row * gridColumns + col;
    scratch.gatherXs[gathered] = x;
    scratch.gatherYs[gathered] = y;
    scratch.gatherBuckets[gathered++] = bucket;
    start[bucket + 1]++;
  }
  if (gathered === 0) return 0;
  // Pass 2: counting sort, so that bucket b holds sorted positions start[b] .. start[b + 1] - 1.
  for (let bucket = 0; bucket < buckets; bucket++) start[bucket + 1] += start[bucket];
  scratch.sortedXs = grownFloat(scratch.sortedXs, gathered);
  scratch.sortedYs = grownFloat(scratch.sortedYs, gathered);
  const sortedXs = scratch.sortedXs;
  const sortedYs = scratch.sortedYs;
  for (let k = 0; k < gathered; k++) {
    const slot = start[scratch.gatherBuckets[k]]++;
    sortedXs[slot] = scratch.gatherXs[k];
    sortedYs[slot] = scratch.gatherYs[k];
  }
  // Filling moved each bucket's start to its end, the next bucket's start: shift back by one.
  for (let bucket = buckets; bucket > 0; bucket--) start[bucket] = start[bucket - 1];
  start[0] = 0;

  // Pass 3: each candidate's share |V_i ∩ A| / |V_i|.
  const c2 = c * c;
  const reach2 = 4 * c2;
  const candidateMinXM = scratch.minXM - c;
  const candidateMinYM = scratch.minYM - c;
  const candidateMaxXM = scratch.maxXM + c;
  const candidateMaxYM = scratch.maxYM + c;
  let shares = 0;
  for (let gridRow = 0; gridRow < gridRows; gridRow++) {
    for (let gridCol = 0; gridCol < gridColumns; gridCol++) {
      const bucket = gridRow * gridColumns + gridCol;
      for (let p = start[bucket], end = start[bucket + 1]; p < end; p++) {
        const x = sortedXs[p];
        const y = sortedYs[p];
        if (x < candidateMinXM || x > candidateMaxXM || y < candidateMinYM || y > candidateMaxYM) continue;
        // A disc that does not reach the polygon's boundary lies wholly inside or wholly outside.
        if (!reachesBoundary(scratch, x, y, c2)) {
          if (pointInPolygon(x, y, polygon)) shares += 1;
          continue;
        }
        // Neighbours ring by ring of buckets around the person's, nearest rings first: someone in
        // ring k >= 1 is at least (k - 1) buckets away, so once its bisector, half that far, is
        // beyond every vertex of the cell, the outer rings cannot cut it.
        startCell(scratch, c);
        for (let ring = 0; ring <= 2 * BUCKETS_PER_CUTOFF; ring++) {
          const gapM = (ring - 1) * bucketM;
          if (ring >= 2 && gapM * gapM >= 4 * scratch.cellMaxR2) break;
          const rowFrom = Math.max(0, gridRow - ring);
          const rowTo = Math.min(gridRows - 1, gridRow + ring);
          for (let r = rowFrom; r <= rowTo; r++) {
            const wholeRow = r === gridRow - ring || r === gridRow + ring;
            const colFrom = Math.max(0, gridCol - ring);
            const colTo = Math.min(gridColumns - 1, gridCol + ring);
            // On the ring's top and bottom rows every bucket; in between, its two ends only.
            const colStep = wholeRow || ring === 0 ? 1 : 2 * ring;
            for (let q0 = gridCol - ring; q0 <= gridCol + ring; q0 += colStep) {
              if (q0 < colFrom || q0 > colTo) continue;
              const neighbourBucket = r * gridColumns + q0;
              for (let q = start[neighbourBucket], qEnd = start[neighbourBucket + 1]; q < qEnd; q++) {
                const dx = sortedXs[q] - x;
                const dy = sortedYs[q] - y;
                const d2 = dx * dx + dy * dy;
                // NOTE: someone at exactly the same place has no bisector (cutCell passes over
                // d2 = 0, the person itself too); both then keep their whole disc.
                if (d2 < reach2) cutCell(scratch, dx, dy, d2);
              }
            }
          }
        }
        const cellAreaM2 = finishCell(scratch, c);
        if (!(cellAreaM2 > 0)) continue;
        // The same test with the cell's own reach, usually much shorter than the disc's.
        if (!reachesBoundary(scratch, x, y, scratch.cellMaxR2)) {
          if (pointInPolygon(x, y, polygon)) shares += 1;
          continue;
        }
        shares += cellAreaInPolygonM2(scratch, x, y) / cellAreaM2;
      }
    }
  }
  return shares / scratch.polygonAreaM2;
}
