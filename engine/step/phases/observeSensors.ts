/**
 * Phase 10: the sensors look at the committed state of the step (people after commit, vehicles
 * after they moved): cameras take their due frames and append analytic events to the world's
 * event log (engine/sensors/observeCameras.ts). Nothing happens without sensors.
 */
import { observeCameras } from '../../sensors/observeCameras.ts';
import type { World } from '../../world/World.ts';

/** Runs the sensors for the step that is ending (its positions are those of time (tick + 1) x stepS). */
export function observeSensors(world: World): void {
  if (!world.sensors) return;
  observeCameras(world.sensors, world, world.clock.tick + 1, world.clock.stepS, world.eventLog);
}
