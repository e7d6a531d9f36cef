import { describe, expect, it } from 'vitest';
import { addAgent, createAgentStore, removeAgentAt } from '../../../engine/agents/AgentStore.ts';
import { Rng } from '../../../engine/random/Rng.ts';
import { createUniformGrid, gridColumn, gridRow, rebuildGrid } from '../../../engine/spatial/UniformGrid.ts';

describe('UniformGrid (counting sort)', () => {
  it('lists every agent exactly once, in the cell that contains it', () => {
    const store = createAgentStore(64);
    const points = [[0.5, 0.5], [1.5, 0.2], [0.7, 0.9], [9.9, 9.9], [5, 5]];
    points.forEach(([x, y], id) => addAgent(store, id, 0, x, y));
    const grid = createUniformGrid(0, 0, 10, 10, 1, false, store.capacity);
    rebuildGrid(grid, store);
    const seen = new Set<number>();
    for (let c = 0; c < grid.columns * grid.rows; c++) {
      for (let p = grid.cellStart[c]; p < grid.cellStart[c + 1]; p++) {
        const slot = grid.agentsByCell[p];
        seen.add(slot);
        expect(grid.cellOfAgent[slot]).toBe(c);
      }
    }
    expect(seen.size).toBe(points.length);
    const cell0 = 0;
    expect(grid.cellStart[cell0 + 1] - grid.cellStart[cell0]).toBe(2);
  });

  it('wraps columns around a periodic x axis', () => {
    const grid = createUniformGrid(0, 0, 30, 4, 2.2, true, 16);
    expect(grid.columns * grid.cellWidthM).toBeCloseTo(30, 9);
    expect(gridColumn(grid, -0.1)).toBe(grid.columns - 1);
    expect(gridColumn(grid, 30.1)).toBe(0);
  });

  it('updates its prefix sums to what a full counting sort gives, step after step', () => {
    // Walkers move, arrive and leave on a sparse grid; after every rebuild the index must be,
    // slot for slot, the one a counting sort from scratch gives.
    const rng = new Rng(7);
    const store = createAgentStore(8);
    const grid = createUniformGrid(0, 0, 200, 100, 2.5, false, store.capacity);
    let nextId = 0;
    for (let step = 0; step < 400; step++) {
      const arrivals = step < 20 ? 30 : rng.next() < 0.3 ? 2 : 0;
      for (let k = 0; k < arrivals; k++) addAgent(store, nextId++, 0, rng.next() * 200, rng.next() * 100);
      if (store.count > 0 && rng.next() < 0.3) removeAgentAt(store, Math.floor(rng.next() * store.count));
      for (let i = 0; i < store.count; i++) {
        // A walk of up to 1.5 m, now and then a jump across the district (a teleported agent).
        const jump = rng.next() < 0.01;
        store.posXM[i] = jump ? rng.next() * 200 : Math.min(200, Math.max(0, store.posXM[i] + (rng.next() - 0.5) * 3));
        store.posYM[i] = jump ? rng.next() * 100 : Math.min(100, Math.max(0, store.posYM[i] + (rng.next() - 0.5) * 3));
      }
      store.version++;
      rebuildGrid(grid, store);
      const cells = grid.columns * grid.rows;
      const expectedStart = new Int32Array(cells + 1);
      const cellOf = Array.from({ length: store.count }, (_v, i) => gridRow(grid, store.posYM[i]) * grid.columns + gridColumn(grid, store.posXM[i]));
      for (let i = 0; i < store.count; i++) expectedStart[cellOf[i] + 1]++;
      for (let c = 0; c < cells; c++) expectedStart[c + 1] += expectedStart[c];
      const cursor = expectedStart.slice(0, cells);
      const expectedOrder = new Int32Array(store.count);
      for (let i = 0; i < store.count; i++) expectedOrder[cursor[cellOf[i]]++] = i;
      expect(Array.from(grid.cellStart)).toEqual(Array.from(expectedStart));
      expect(Array.from(grid.agentsByCell.subarray(0, store.count))).toEqual(Array.from(expectedOrder));
    }
    expect(store.count).toBeGreaterThan(500);
  });
});
