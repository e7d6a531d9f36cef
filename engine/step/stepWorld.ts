/**
 * One simulation step, as a named pipeline (the table of contents of the simulator, like SUMO's
 * simulationStep and JuPedSim's Simulation::Iterate). Each phase lives in its own file and is
 * timed when the adapter injected a wall clock (`world.nowMs`).
 *
 *   1. processEvents          scheduled events: groups appear, exits close
 *   2. rebuildNeighbourGrid   counting-sort grid; periodic re-sort of agents in memory
 *   3. walkNetwork            people on the pedestrian network walk on; arrivals enter the walkable space
 *   4. spawnFromSources       arrivals from sources (placed against the fresh grid)
 *   4b. stepTrams             trams drive, halt at stops, open their doors: people step out,
 *                             and the doors' waiting strips let people on (in commitKinematics)
 *   4c. replayTrajectories    recorded people appear, are steered to their recorded positions, leave
 *   5. planRoutes             exit choice (congestion-aware, when asked for); gates follow their signals;
 *                             gather: people of gathering groups stay at their meeting point, then leave;
 *                             queueOnPlatforms: people waiting for a tram stand in a calm queue until it opens its doors
 *   6. computeNextKinematics  the pedestrian model reads current state, writes next state
 *   7. commitKinematics       measurement lines, buffer swap, periodic wrap, exits
 *   8. measureAreas           densities and speeds in measurement areas
 *   9. stepVehicles           road traffic (after marking zebras with people on them): insertion,
 *                             car following (IDM), lane changes, signals, closures, hand-over
 *  10. observeSensors         cameras take their due frames and log analytic events (engine/sensors/);
 *      observeDevices         people counters, tram passenger counters, microphones, water gauges,
 *                             citizen reports, social media (engine/devices/)
 *  11. evaluateRules          live detection rules read the log's new events and log their alerts
 *  12. respond                responses to alerts: operator decisions, commands to the actuators
 *                             (bollards, signals, teams, cameras, lights, exits, public address), acks
 *  13. advance the clock
 */
import { computeNextKinematicsCsm } from '../pedestrians/CollisionFreeSpeedModel.ts';
import { rebuildGrid } from '../spatial/UniformGrid.ts';
import type { World } from '../world/World.ts';
import { TramState, type Transit } from '../transit/Transit.ts';
import { commitKinematics } from './phases/commitKinematics.ts';
import { measureAreas } from './phases/measureAreas.ts';
import { planRoutes } from './phases/planRoutes.ts';
import { gather } from './phases/gather.ts';
import { processEvents } from './phases/processEvents.ts';
import { rebuildNeighbourGrid } from './phases/rebuildNeighbourGrid.ts';
import { spawnFromSources } from './phases/spawnFromSources.ts';
import { walkNetwork } from './phases/walkNetwork.ts';
import { updateGates } from './phases/updateGates.ts';
import { updateZebras } from './phases/updateZebras.ts';
import { queueOnPlatforms, stepTrams } from './phases/stepTrams.ts';
import { observeDevices } from './phases/observeDevices.ts';
import { replayStillToCome, replayTrajectories } from './phases/replayTrajectories.ts';
import { observeSensors } from './phases/observeSensors.ts';
import { evaluateRules } from './phases/evaluateRules.ts';
import { respond } from './phases/respond.ts';
import { stepVehicles } from '../vehicles/stepVehicles.ts';
import { dispatchStillScheduled } from '../vehicles/actuation.ts';

/** Advances the world by one step. */
export function stepWorld(world: World): void {
  const now = world.nowMs;
  if (now === null) {
    processEvents(world);
    rebuildNeighbourGrid(world);
    if (walkNetwork(world) > 0) rebuildGrid(world.grid, world.agents);
    if (spawnFromSources(world) > 0) rebuildGrid(world.grid, world.agents);
    if (stepTrams(world) > 0) rebuildGrid(world.grid, world.agents);
    if (replayTrajectories(world) > 0) rebuildGrid(world.grid, world.agents);
    planRoutes(world);
    gather(world);
    queueOnPlatforms(world);
    updateGates(world);
    computeNextKinematicsCsm(world.pedestrianModel, world.clock.tick, world.clock.stepS);
    commitKinematics(world);
    measureAreas(world);
    updateZebras(world);
    if (world.traffic) stepVehicles(world.traffic, world.clock.tick, world.clock.stepS);
    observeSensors(world);
    observeDevices(world);
    evaluateRules(world);
    respond(world);
  } else {
    let t = now();
    t = timed(world, 'processEvents', t, now, processEvents(world));
    t = timed(world, 'rebuildNeighbourGrid', t, now, rebuildNeighbourGrid(world));
    t = timed(world, 'walkNetwork', t, now, walkNetwork(world) > 0 ? rebuildGrid(world.grid, world.agents) : undefined);
    t = timed(world, 'spawnFromSources', t, now, spawnFromSources(world) > 0 ? rebuildGrid(world.grid, world.agents) : undefined);
    t = timed(world, 'stepTrams', t, now, stepTrams(world) > 0 ? rebuildGrid(world.grid, world.agents) : undefined);
    t = timed(world, 'replayTrajectories', t, now, replayTrajectories(world) > 0 ? rebuildGrid(world.grid, world.agents) : undefined);
    t = timed(world, 'planRoutes', t, now, planRoutes(world));
    t = timed(world, 'gather', t, now, gather(world));
    t = timed(world, 'queueOnPlatforms', t, now, queueOnPlatforms(world));
    t = timed(world, 'updateGates', t, now, updateGates(world));
    t = timed(world, 'computeNextKinematics', t, now, computeNextKinematicsCsm(world.pedestrianModel, world.clock.tick, world.clock.stepS));
    t = timed(world, 'commitKinematics', t, now, commitKinematics(world));
    t = timed(world, 'measureAreas', t, now, measureAreas(world));
    t = timed(world, 'updateZebras', t, now, updateZebras(world));
    if (world.traffic) t = timed(world, 'stepVehicles', t, now, stepVehicles(world.traffic, world.clock.tick, world.clock.stepS));
    if (world.sensors) t = timed(world, 'observeSensors', t, now, observeSensors(world));
    if (world.devices) t = timed(world, 'observeDevices', t, now, observeDevices(world));
    if (world.control) {
      t = timed(world, 'evaluateRules', t, now, evaluateRules(world));
      timed(world, 'respond', t, now, respond(world));
    }
  }
  world.clock.tick++;
}

/** Adds the time since `startMs` to a phase (the phase ran while evaluating `_result`). */
function timed(world: World, phase: string, startMs: number, now: () => number, _result: unknown): number {
  const end = now();
  world.phaseMs[phase] = (world.phaseMs[phase] ?? 0) + (end - startMs);
  return end;
}

/** True when nobody is inside (departing people aside) and nobody is still to come. */
export function isWorldDone(world: World): boolean {
  if (world.agents.count > world.departingCount || world.walkers.count > 0) return false;
  const traffic = world.traffic;
  if (traffic) {
    if (traffic.vehicles.count > 0) return false;
    const nowS = world.clock.tick * world.clock.stepS;
    for (const demand of traffic.demand) if (demand.route !== null && (nowS <= demand.toS || demand.backlog > 0)) return false;
    if (dispatchStillScheduled(traffic)) return false;
  }
  if (world.transit && transitStillBrings(world.transit)) return false;
  if (replayStillToCome(world)) return false;
  const pending = world.events.pending;
  for (let k = 0; k < pending.length; k++) if (pending[k].kind === 'groupAppears') return false;
  const tick = world.clock.tick;
  const populations = world.populations;
  for (let k = 0; k < populations.length; k++) {
    const p = populations[k];
    // `<=`: the person due exactly at toS is created in the step at toTick.
    if (p.kind === 'source' && p.ratePerS > 0 && (tick <= p.toTick || p.backlog > 0)) return false;
  }
  return true;
}

/** True while a tram stands at a stop, or a tram still to come or on its way will let people off at a stop ahead. */
function transitStillBrings(transit: Transit): boolean {
  for (let t = 0; t < transit.count; t++) {
    const state = transit.state[t];
    if (state === TramState.done) continue;
    // A tram at a stop finishes its visit (the log needs its departure).
    if (state === TramState.dwelling) return true;
    const line = transit.lines[transit.line[t]];
    if (state === TramState.scheduled ? line.initialLoad === 0 : transit.load[t] === 0) continue;
    for (let s = state === TramState.scheduled ? 0 : transit.nextStop[t]; s < line.stops.length; s++) {
      if (line.stops[s].alightPopulation >= 0 && line.stops[s].alightShare > 0) return true;
    }
  }
  return false;
}
