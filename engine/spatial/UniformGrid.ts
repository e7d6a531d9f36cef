/**
 * Uniform-grid neighbour index over agents, rebuilt every step by a counting sort
 * (cell counts, prefix sums, scatter): O(n), no allocation once sized. Cell `c` holds the agent
 * slots `agentsByCell[cellStart[c] .. cellStart[c+1])`. With a periodic x axis the grid spans the
 * period exactly (the cell width is adjusted) so that cell columns wrap around.
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
 * Rebuilds the index from the agents' current positions (counting sort); nothing to do when the
 * store has not changed since the last rebuild (its `version`): the cameras index the committed
 * positions at the end of a step, and the next step starts from the same ones. The cost is in
 * the cells (a fill and a prefix sum over all of them), which a large, sparse district makes
 * the larger part.
 */
export function rebuildGrid(grid: UniformGrid, agents: AgentStore): void {
  if (grid.builtFor === agents && grid.builtVersion === agents.version) return;
  grid.builtFor = agents;
  grid.builtVersion = agents.version;
  const n = agents.count;
  if (grid.agentsByCell.length < agents.capacity) {
    grid.agentsByCell = new Int32Array(agents.capacity);
    grid.cellOfAgent = new Int32Array(agents.capacity);
  }
  const { cellStart, cellOfAgent, agentsByCell, cursor, columns } = grid;
  const cells = cursor.length;
  cellStart.fill(0);
  const x = agents.posXM;
  const y = agents.posYM;
  for (let i = 0; i < n; i++) {
    const cell = gridRow(grid, y[i]) * columns + gridColumn(grid, x[i]);
    cellOfAgent[i] = cell;
    cellStart[cell + 1]++;
  }
  for (let c = 0; c < cells; c++) {
    cellStart[c + 1] += cellStart[c];
    cursor[c] = cellStart[c];
  }
  for (let i = 0; i < n; i++) agentsByCell[cursor[cellOfAgent[i]]++] = i;
}
