/**
 * Phase 2: rebuild the uniform neighbour grid from the current positions, and every
 * RESORT_EVERY_TICKS steps re-sort the agents in memory by cell, so that agents near in space
 * are near in memory and the neighbour loops stay cache friendly.
 */
import { permuteAgents } from '../../agents/AgentStore.ts';
import { rebuildGrid } from '../../spatial/UniformGrid.ts';
import { RESORT_EVERY_TICKS, type World } from '../../world/World.ts';

/** Rebuilds the grid (and periodically re-sorts the agent store). */
export function rebuildNeighbourGrid(world: World): void {
  const { grid, agents } = world;
  rebuildGrid(grid, agents);
  if (world.clock.tick % RESORT_EVERY_TICKS === 0 && agents.count > 1) {
    if (world.permuteScratch.f64.length < agents.capacity) {
      world.permuteScratch = {
        f64: new Float64Array(agents.capacity), f32: new Float32Array(agents.capacity), i32: new Int32Array(agents.capacity),
        u16: new Uint16Array(agents.capacity), u8: new Uint8Array(agents.capacity),
      };
    }
    permuteAgents(agents, grid.agentsByCell, world.permuteScratch);
    rebuildGrid(grid, agents);
  }
}
