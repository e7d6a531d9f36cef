/**
 * Uniform-grid neighbour index over agents, rebuilt every step by a counting sort
 * (cell counts, prefix sums, scatter), no allocation once sized. Cell `c` holds the agent
 * slots `agentsByCell[cellStart[c] .. cellStart[c+1])`. With a periodic x axis the grid spans the
 * period exactly (the cell width is adjusted) so that cell columns wrap around.
 *
 * The prefix sums are updated, not recomputed: `cellStart[j]` counts the agents in cells below
 * `j`, so between two consecutive cells whose count changed it moves by the same amount, and it
 * moves only where that amount is not zero (between the cell a walker left and the one it
 * entered). A step then costs O(n + changed cells + the span walkers crossed) instead of
 * O(cells): on a large, sparse district (a few thousand people on 30,000 cells) the cells were
 * most of the cost. The result is the same, slot for slot, as a full counting sort.
 */
import type { AgentStore } from '../agents/AgentStore.ts';

export interface UniformGrid {
  originXM: number;
  originYM: number;
  cellWidthM: number;
  cellHeightM: number;
  columns: number;
  rows: number;
  /** True when the x axis wraps around (periodic corridor). */
  periodicX: boolean;
  /** Prefix offsets, length columns*rows+1. */
  cellStart: Int32Array;
  /** Agent slots sorted by cell. */
  agentsByCell: Int32Array;
  /** Cell of each agent slot at the last rebuild. */
  cellOfAgent: Int32Array;
  /** Scratch write cursor per cell. */
  cursor: Int32Array;
  /** Agents per cell at the last rebuild (what `cellStart` sums). */
  count: Int32Array;
  /** Agents per cell being counted (zero outside the rebuild). */
  nextCount: Int32Array;
  /** Cells occupied at the last rebuild, ascending, then the cells being looked at. */
  occupied: Int32Array;
  /** Where the newly occupied cells are merged into the others (swapped with `occupied`). */
  merged: Int32Array;
  occupiedCount: number;
  /** The store and its version at the last rebuild (a rebuild of an unchanged store is skipped). */
  builtFor: AgentStore | null;
  builtVersion: number;
}

/**
 * A grid covering [minX, maxX] x [minY, maxY] with cells of about `cellM` metres.
 * With `periodicX`, [minX, maxX] is the period and is split into a whole number of columns.
 */
export function createUniformGrid(
  minXM: number, minYM: number, maxXM: number, maxYM: number, cellM: number, periodicX: boolean, capacity: number,
): UniformGrid {
  const width = Math.max(maxXM - minXM, cellM);
  const height = Math.max(maxYM - minYM, cellM);
  const columns = periodicX ? Math.max(3, Math.floor(width / cellM)) : Math.ceil(width / cellM) + 1;
  const rows = Math.ceil(height / cellM) + 1;
  const cells = columns * rows;
  return {
    originXM: minXM,
    originYM: minYM,
    cellWidthM: periodicX ? width / columns : cellM,
    cellHeightM: cellM,
    columns,
    rows,
    periodicX,
    cellStart: new Int32Array(cells + 1),
    agentsByCell: new Int32Array(capacity),
    cellOfAgent: new Int32Array(capacity),
    cursor: new Int32Array(cells),
    count: new Int32Array(cells),
    nextCount: new Int32Array(cells),
    occupied: new Int32Array(Math.max(16, 2 * capacity)),
    merged: new Int32Array(Math.max(16, 2 * capacity)),
    occupiedCount: 0,
    builtFor: null,
    builtVersion: -1,
  };
}

/** Column of an x coordinate, clamped (or wrapped when periodic) into the grid. */
export function gridColumn(grid: UniformGrid, xM: number): number {
  let c = Math.floor((xM - grid.originXM) / grid.cellWidthM);
  if (grid.periodicX) {
    c %= grid.columns;
    if (c < 0) c += grid.columns;
    return c;
  }
  return c < 0 ? 0 : c >= grid.columns ? grid.columns - 1 : c;
}

/** Row of a y coordinate, clamped into the grid. */
export function gridRow(grid: UniformGrid, yM: number): number {
  const r = Math.floor((yM - grid.originYM) / grid.cellHeightM);
  return r < 0 ? 0 : r >= grid.rows ? grid.rows - 1 : r;
}

/**
 * Rebuilds the index from the agents' current positions; nothing to do when the store has not
 * changed since the last rebuild (its `version`): the cameras index the committed positions at
 * the end of a step, and the next step starts from the same ones.
 */
export function rebuildGrid(grid: UniformGrid, agents: AgentStore): void {
  if (grid.builtFor === agents && grid.builtVersion === agents.version) return;
  if (grid.builtFor !== agents) resetGrid(grid);
  grid.builtFor = agents;
  grid.builtVersion = agents.version;
  const n = agents.count;
  if (grid.agentsByCell.length < agents.capacity) {
    grid.agentsByCell = new Int32Array(agents.capacity);
    grid.cellOfAgent = new Int32Array(agents.capacity);
  }
  // The cells looked at: last rebuild's occupied cells, then the newly occupied ones.
  const previous = grid.occupiedCount;
  if (grid.occupied.length < previous + n) {
    const grown = new Int32Array(2 * (previous + n));
    grown.set(grid.occupied.subarray(0, previous));
    grid.occupied = grown;
    grid.merged = new Int32Array(grown.length);
  }
  const { cellStart, cellOfAgent, agentsByCell, cursor, columns, count, nextCount } = grid;
  let occupied = grid.occupied;
  const x = agents.posXM;
  const y = agents.posYM;
  let looked = previous;
  for (let i = 0; i < n; i++) {
    const cell = gridRow(grid, y[i]) * columns + gridColumn(grid, x[i]);
    cellOfAgent[i] = cell;
    if (nextCount[cell]++ === 0 && count[cell] === 0) occupied[looked++] = cell;
  }
  // Ascending, so that the prefix sums can be walked from low cells to high ones: the few new
  // cells are sorted, then merged with the others (already in order).
  if (looked > previous) {
    if (looked - previous > 1) occupied.subarray(previous, looked).sort();
    const merged = grid.merged;
    let a = 0, b = previous, m = 0;
    while (a < previous && b < looked) merged[m++] = occupied[a] < occupied[b] ? occupied[a++] : occupied[b++];
    while (a < previous) merged[m++] = occupied[a++];
    while (b < looked) merged[m++] = occupied[b++];
    grid.merged = occupied;
    grid.occupied = occupied = merged;
  }
  // cellStart[j] for j in (c, next c] counts cells <= c: it moves by the running change.
  const cells = count.length;
  let change = 0;
  let kept = 0;
  for (let k = 0; k < looked; k++) {
    const cell = occupied[k];
    change += nextCount[cell] - count[cell];
    count[cell] = nextCount[cell];
    nextCount[cell] = 0;
    if (count[cell] > 0) occupied[kept++] = cell;
    if (change !== 0) {
      const to = k + 1 < looked ? occupied[k + 1] : cells;
      for (let j = cell + 1; j <= to; j++) cellStart[j] += change;
    }
  }
  grid.occupiedCount = kept;
  for (let k = 0; k < kept; k++) cursor[occupied[k]] = cellStart[occupied[k]];
  for (let i = 0; i < n; i++) agentsByCell[cursor[cellOfAgent[i]]++] = i;
}

/** Empties the index (another store, or the first rebuild). */
function resetGrid(grid: UniformGrid): void {
  grid.cellStart.fill(0);
  grid.count.fill(0);
  grid.nextCount.fill(0);
  grid.occupiedCount = 0;
}
