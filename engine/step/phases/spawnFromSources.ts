/**
 * Phase 3: sources release people at their rate (ratePerS between fromS and toS): the number
 * due by time t is floor(rate (t - fromS)). Each arrival is placed at a random free spot of the
 * source polygon (at least 2 r + 1 cm from everybody, clear of walls); when the area is full the
 * arrival waits in a backlog and is retried next step, so a blocked source delays people rather
 * than stacking them.
 */
import { pointInPolygon, polygonBounds } from '../../geometry/polygon.ts';
import { gridColumn, gridRow } from '../../spatial/UniformGrid.ts';
import { isFreeOfWalls } from '../../world/placement.ts';
import { spawnPedestrian } from '../../world/spawnPedestrian.ts';
import type { Population, World } from '../../world/World.ts';

const PLACEMENT_TRIES = 30;

/** Spawns the arrivals due at the current tick. Returns how many agents were added. */
export function spawnFromSources(world: World): number {
  const tick = world.clock.tick;
  const stepS = world.clock.stepS;
  let added = 0;
  const populations = world.populations;
  for (let index = 0; index < populations.length; index++) {
    const population = populations[index];
    if (population.kind !== 'source' || tick < population.fromTick) continue;
    const activeTicks = Math.min(tick, population.toTick) - population.fromTick;
    const due = Math.floor(population.ratePerS * activeTicks * stepS + 1e-9);
    // Arrivals due so far and not yet placed (this includes an earlier backlog).
    let toPlace = due - population.spawned;
    while (toPlace > 0) {
      if (!placeOneArrival(world, index, population)) break;
      population.spawned++;
      toPlace--;
      added++;
    }
    population.backlog = toPlace;
  }
  return added;
}

function placeOneArrival(world: World, index: number, population: Population): boolean {
  const polygon = population.spawnPolygon!;
  const [minX, minY, maxX, maxY] = polygonBounds(polygon);
  const rng = world.random.sources;
  for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
    const x = rng.uniform(minX, maxX);
    const y = rng.uniform(minY, maxY);
    if (!pointInPolygon(x, y, polygon) || !isFreeOfWalls(world.nav, x, y, population.radiusM)) continue;
    if (!isFarFromEveryone(world, x, y, population.radiusM)) continue;
    spawnPedestrian(world, index, x, y);
    return true;
  }
  return false;
}

/** Checks the neighbour grid (rebuilt just before this phase) and the agents added since. */
function isFarFromEveryone(world: World, xM: number, yM: number, radiusM: number): boolean {
  const { grid, agents } = world;
  const px = agents.posXM, py = agents.posYM, pr = agents.radiusM;
  const col = gridColumn(grid, xM), row = gridRow(grid, yM);
  for (let r = Math.max(0, row - 1); r <= Math.min(grid.rows - 1, row + 1); r++) {
    for (let dc = -1; dc <= 1; dc++) {
      let c = col + dc;
      if (c < 0 || c >= grid.columns) {
        if (!grid.periodicX) continue;
        c = (c + grid.columns) % grid.columns;
      }
      const cell = r * grid.columns + c;
      for (let p = grid.cellStart[cell]; p < grid.cellStart[cell + 1]; p++) {
        const j = grid.agentsByCell[p];
        const minD = radiusM + pr[j] + 0.01;
        const dx = px[j] - xM, dy = py[j] - yM;
        if (dx * dx + dy * dy < minD * minD) return false;
      }
    }
  }
  // Agents spawned after the grid was built sit at the end of the store.
  for (let j = grid.cellStart[grid.cellStart.length - 1]; j < agents.count; j++) {
    const minD = radiusM + pr[j] + 0.01;
    const dx = px[j] - xM, dy = py[j] - yM;
    if (dx * dx + dy * dy < minD * minD) return false;
  }
  return true;
}
