/**
 * Phase 1: apply the events due at this tick (groups appear, exits close). Closing an exit
 * recomputes the floor fields that led to it, so people re-route to their other exits.
 */
import { drainDueEvents, type WorldEvent } from '../../events/EventQueue.ts';
import { computeFloorField } from '../../navigation/FloorField.ts';
import { spawnPedestrian } from '../../world/spawnPedestrian.ts';
import { placeGroupOrThrow, type World } from '../../world/World.ts';

/** Applies every event due at the current tick, in schedule order. */
export function processEvents(world: World): void {
  drainDueEvents(world.events, world.clock.tick, (event) => applyEvent(world, event));
}

function applyEvent(world: World, event: WorldEvent): void {
  switch (event.kind) {
    case 'groupAppears': {
      const positions = placeGroupOrThrow(world, event.target);
      for (let k = 0; k < positions.length; k += 2) spawnPedestrian(world, event.target, positions[k], positions[k + 1]);
      world.populations[event.target].spawned += positions.length / 2;
      break;
    }
    case 'exitCloses': {
      const exit = event.target;
      world.exitOpen[exit] = 0;
      if (world.exitChoice) world.exitChoice.forceNext = true;
      const exitCount = world.exitIds.length;
      world.fields.forEach((field, f) => {
        if (!world.fieldExit[f * exitCount + exit]) return;
        const updated = computeFloorField(world.nav, field.exitIndices, world.exitOpen);
        field.distanceM = updated.distanceM;
        field.dirX = updated.dirX;
        field.dirY = updated.dirY;
        const open = field.exitIndices.some((e) => world.exitOpen[e]);
        if (!open) world.warnings.push(`t=${(world.clock.tick * world.clock.stepS).toFixed(2)} s: every exit of a goal set is closed (${field.exitIndices.map((e) => world.exitIds[e]).join(', ')}); its people stand still`);
      });
      break;
    }
  }
}
