/**
 * Phase 3: sources release people at their rate (ratePerS between fromS and toS): the number
 * due by time t is floor(rate (t - fromS)), or with a profile or a curve the floor of its
 * integral (engine/world/arrivals.ts). Each arrival is placed at a random free spot of the
 * source polygon (at least 2 r + 1 cm from everybody, clear of walls); when the area is full the
 * arrival waits in a backlog and is retried next step, so a blocked source delays people rather
 * than stacking them.
 */
import { pointInPolygon, polygonBounds } from '../../geometry/polygon.ts';
import { isFarFromEveryone } from '../../world/occupancy.ts';
import { isFreeOfWalls } from '../../world/placement.ts';
import { spawnPedestrian } from '../../world/spawnPedestrian.ts';
import { addWalker, departureHeadwayS } from '../../network/PedestrianNetwork.ts';
import { tickAtOrAfter } from '../../time/Clock.ts';
import { sampleDesiredSpeedMps } from '../../pedestrians/desiredSpeed.ts';
import { isReachable, type Population, type World } from '../../world/World.ts';
import { expectedArrivals } from '../../world/arrivals.ts';

const PLACEMENT_TRIES = 30;
/** A group's next member appears within this distance (along x and y) of the last, m. */
const COMPANION_SPREAD_M = 1.2;

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
    const due = population.arrivals !== null
      ? Math.floor(expectedArrivals(population.arrivals, tick * stepS) + 1e-9)
      : Math.floor(population.ratePerS * activeTicks * stepS + 1e-9);
    // Arrivals due so far and not yet placed (this includes an earlier backlog).
    let toPlace = due - population.spawned;
    if (population.networkRoute) {
      // Arrivals from afar start on the network, at the first node of the source's route.
      for (; toPlace > 0; toPlace--) startArrivalOnNetwork(world, index);
      population.backlog = 0;
      continue;
    }
    // A social group's members appear together: once its first member is placed, the others
    // follow at once (ahead of their due time; the arrivals due later are fewer by as many).
    while (toPlace > 0 || population.openGroupLeft > 0) {
      if (!placeOneArrival(world, index, population)) break;
      population.spawned++;
      toPlace--;
      added++;
    }
    population.backlog = Math.max(0, toPlace);
  }
  return added;
}

/** One arrival of a network source: a walker at the route's first node, setting off now or one headway after the one before. */
function startArrivalOnNetwork(world: World, index: number): void {
  const population = world.populations[index];
  const route = population.networkRoute!;
  const xy = world.network!.graph.nodeXY;
  const nowS = world.clock.tick * world.clock.stepS;
  const startS = Math.max(nowS, population.nextDepartureS);
  population.nextDepartureS = startS + departureHeadwayS(world.network!, route);
  const startTick = Math.max(world.clock.tick, tickAtOrAfter(world.clock, startS));
  addWalker(world.walkers, index, xy[2 * route.nodes[0]], xy[2 * route.nodes[0] + 1], sampleDesiredSpeedMps(world.random.network, population.speed), startTick);
  population.spawned++;
}

function placeOneArrival(world: World, index: number, population: Population): boolean {
  const polygon = population.spawnPolygon!;
  const [minX, minY, maxX, maxY] = polygonBounds(polygon);
  const rng = world.random.sources;
  // A group's next member is placed beside the last one when there is room.
  const companion = population.openGroupLeft > 0;
  for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
    const near = companion && attempt < PLACEMENT_TRIES / 2;
    const x = near ? population.lastSpawnXM + rng.uniform(-COMPANION_SPREAD_M, COMPANION_SPREAD_M) : rng.uniform(minX, maxX);
    const y = near ? population.lastSpawnYM + rng.uniform(-COMPANION_SPREAD_M, COMPANION_SPREAD_M) : rng.uniform(minY, maxY);
    if (!pointInPolygon(x, y, polygon) || !isFreeOfWalls(world.nav, x, y, population.radiusM)) continue;
    if (!isReachable(world, population.fieldIndex, x, y)) continue;
    if (!isFarFromEveryone(world.grid, world.agents, x, y, population.radiusM)) continue;
    spawnPedestrian(world, index, x, y);
    return true;
  }
  return false;
}
