import { describe, expect, it } from 'vitest';
import { addAgent, createAgentStore } from '../../../engine/agents/AgentStore.ts';
import { createUniformGrid, gridColumn, rebuildGrid } from '../../../engine/spatial/UniformGrid.ts';

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
});
