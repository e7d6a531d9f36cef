/**
 * Phase 3a: people on the pedestrian network walk on (mesoscopic model, see
 * `network/PedestrianNetwork.ts`), and those at the end of their route enter the walkable space:
 * each is placed at a free spot within ENTRY_SPREAD_M (along x and y) of the route's entry point, clear of walls
 * and of everybody (at least 2 r + 1 cm away); when there is no room the walker waits at the
 * entry and tries again next step, so a crowded entry makes a queue rather than overlaps.
 * A walker who enters keeps its desired speed and walks at once (its pre-movement is behind it).
 */
import { advanceWalkers, removeWalkerAt } from '../../network/PedestrianNetwork.ts';
import { isFarFromEveryone } from '../../world/occupancy.ts';
import { isFreeOfWalls } from '../../world/placement.ts';
import { spawnPedestrian } from '../../world/spawnPedestrian.ts';
import { isReachable, type World } from '../../world/World.ts';

/** How far from the entry point an arrival may be placed, m. */
const ENTRY_SPREAD_M = 2;
const PLACEMENT_TRIES = 30;

/** Advances the walkers and releases arrivals; returns how many entered the walkable space. */
export function walkNetwork(world: World): number {
  const walkers = world.walkers;
  if (walkers.count === 0 || world.network === null) return 0;
  const tick = world.clock.tick;
  const populations = world.populations;
  advanceWalkers(walkers, world.network, world.networkRouteList, tick, world.clock.stepS);
  let entered = 0;
  // Backwards: a removal moves the last walker into the freed slot, already visited.
  for (let i = walkers.count - 1; i >= 0; i--) {
    const population = populations[walkers.population[i]];
    const route = population.networkRoute!;
    if (walkers.cursor[i] < route.nodes.length || tick < walkers.startTick[i]) continue;
    if (!enter(world, walkers.population[i], route.entryXM, route.entryYM, walkers.desiredSpeedMps[i])) continue;
    removeWalkerAt(walkers, i);
    entered++;
  }
  return entered;
}

function enter(world: World, populationIndex: number, entryXM: number, entryYM: number, speedMps: number): boolean {
  const population = world.populations[populationIndex];
  const rng = world.random.network;
  for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
    const x = attempt === 0 ? entryXM : entryXM + rng.uniform(-ENTRY_SPREAD_M, ENTRY_SPREAD_M);
    const y = attempt === 0 ? entryYM : entryYM + rng.uniform(-ENTRY_SPREAD_M, ENTRY_SPREAD_M);
    if (!isFreeOfWalls(world.nav, x, y, population.radiusM) || !isReachable(world, population.fieldIndex, x, y)) continue;
    if (!isFarFromEveryone(world.grid, world.agents, x, y, population.radiusM)) continue;
    const slot = spawnPedestrian(world, populationIndex, x, y);
    world.agents.desiredSpeedMps[slot] = speedMps;
    world.agents.walkFromTick[slot] = world.clock.tick;
    // A source counts its arrivals when they set off on the network; a group, as they enter.
    if (population.kind === 'group') population.spawned++;
    return true;
  }
  return false;
}
