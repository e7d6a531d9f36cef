/**
 * Placing a group of people when it appears: on a jittered lattice of its spawn polygon (or at
 * its explicit points), clear of walls and of the people already in the world.
 */
import { ScenarioError } from '../scenario/ScenarioError.ts';
import { rebuildGrid } from '../spatial/UniformGrid.ts';
import { isFarFromEveryone } from './occupancy.ts';
import { placeOnLattice } from './placement.ts';
import { samplePreMovementS, spawnPedestrian } from './spawnPedestrian.ts';
import { addWalker, departureHeadwayS } from '../network/PedestrianNetwork.ts';
import { sampleDesiredSpeedMps } from '../pedestrians/desiredSpeed.ts';
import { tickAtOrAfter } from '../time/Clock.ts';
import { isReachable, type World } from './World.ts';

/**
 * Places group `index` and spawns its people. Returns false, placing nobody, when its area
 * cannot hold them now (too full of people already there).
 */
export function placeGroup(world: World, index: number): boolean {
  const population = world.populations[index];
  if (population.networkRoute) {
    startOnNetwork(world, index);
    return true;
  }
  let positions: Float64Array | null;
  if (population.spawnPoints) {
    positions = Float64Array.from(population.spawnPoints.slice(0, population.count).flat());
    // Points are fixed: if someone still stands on one, the group waits.
    if (world.agents.count > 0) {
      rebuildGrid(world.grid, world.agents);
      for (let k = 0; k < positions.length; k += 2) {
        if (!isFarFromEveryone(world.grid, world.agents, positions[k], positions[k + 1], population.radiusM)) return false;
      }
    }
  } else {
    // Only spots from which the group's exits can be reached; people already in the world (a
    // group appearing during the run) keep their places.
    // When every exit of the group has closed, nowhere reaches one: the group is placed anyway
    // (and stays, counted as remaining) rather than waiting for ever.
    const someoneThere = world.agents.count > 0;
    if (someoneThere) rebuildGrid(world.grid, world.agents);
    const anyExitOpen = world.fields[population.fieldIndex].exitIndices.some((e) => world.exitOpen[e]);
    const isFree = (x: number, y: number, r: number): boolean =>
      (!anyExitOpen || isReachable(world, population.fieldIndex, x, y)) && (!someoneThere || isFarFromEveryone(world.grid, world.agents, x, y, r));
    positions = placeOnLattice(world.nav, population.spawnPolygon!, population.count, population.radiusM, world.random.placement, isFree);
  }
  if (!positions) return false;
  for (let k = 0; k < positions.length; k += 2) spawnPedestrian(world, index, positions[k], positions[k + 1]);
  population.spawned += positions.length / 2;
  return true;
}

/** Places group `index` or throws a ScenarioError naming it (for groups placed at load time). */
export function placeGroupOrThrow(world: World, index: number): void {
  if (placeGroup(world, index)) return;
  const population = world.populations[index];
  throw new ScenarioError(world.fileName, [{
    path: `pedestrians[${index}].spawn.polygon`,
    message: `cannot place ${population.count} people of radius ${population.radiusM} m without overlap in the part of this area that reaches an exit (clear of walls)`,
  }]);
}

/**
 * A group that starts on the pedestrian network: its people stand at the first node of the
 * group's route and set off after their pre-movement time, one departure headway apart at least
 * (`departureHeadwayS`), each at a desired speed of the group's distribution (both drawn from
 * the network stream).
 */
function startOnNetwork(world: World, index: number): void {
  const population = world.populations[index];
  const route = population.networkRoute!;
  const xy = world.network!.graph.nodeXY;
  const x = xy[2 * route.nodes[0]];
  const y = xy[2 * route.nodes[0] + 1];
  const tick = world.clock.tick;
  const stepS = world.clock.stepS;
  const speeds = new Float64Array(population.count);
  const readyS = new Float64Array(population.count);
  for (let k = 0; k < population.count; k++) {
    speeds[k] = sampleDesiredSpeedMps(world.random.network, population.speed);
    readyS[k] = tick * stepS + samplePreMovementS(world.random.network, population.preMovement);
  }
  // People set off in the order they are ready, one headway apart at least (a stream).
  const order = Array.from(readyS.keys()).sort((a, b) => readyS[a] - readyS[b] || a - b);
  const headwayS = departureHeadwayS(world.network!, route);
  for (const k of order) {
    const startS = Math.max(readyS[k], population.nextDepartureS);
    population.nextDepartureS = startS + headwayS;
    const startTick = Math.min(Math.max(tick, tickAtOrAfter(world.clock, startS)), world.durationTicks + 1);
    addWalker(world.walkers, index, x, y, speeds[k], startTick);
  }
}
