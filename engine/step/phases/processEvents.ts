/**
 * Phase 1: apply the events due at this tick (groups appear, exits close). Closing an exit
 * recomputes the floor fields that led to it, so people re-route to their other exits
 * (`setExitOpen`, also used by the responses to close and open exits).
 */
import { drainDueEvents, scheduleEvent, type WorldEvent } from '../../events/EventQueue.ts';
import { computeFloorField } from '../../navigation/FloorField.ts';
import { placeGroup } from '../../world/placeGroup.ts';
import type { World } from '../../world/World.ts';

/** Applies every event due at the current tick, in schedule order. */
export function processEvents(world: World): void {
  drainDueEvents(world.events, world.clock.tick, (event) => applyEvent(world, event));
}

function applyEvent(world: World, event: WorldEvent): void {
  switch (event.kind) {
    case 'groupAppears': {
      // The hot loop does not throw: a group that cannot be placed now (its area is full of
      // people) tries again a second later, and the run says so.
      if (!placeGroup(world, event.target)) {
        const population = world.populations[event.target];
        if (population.backlog === 0) {
          world.warnings.push(`t=${(world.clock.tick * world.clock.stepS).toFixed(2)} s: group "${population.id}" cannot be placed yet (its spawn area is full of people); retrying every second`);
        }
        population.backlog = population.count;
        scheduleEvent(world.events, { tick: world.clock.tick + Math.max(1, Math.round(1 / world.clock.stepS)), kind: 'groupAppears', target: event.target });
      } else {
        world.populations[event.target].backlog = 0;
      }
      break;
    }
    case 'exitCloses':
      setExitOpen(world, event.target, false);
      break;
  }
}

/**
 * Closes (`open` false) or opens exit `exit` now and recomputes the floor fields that lead to it,
 * so people re-route to their other exits (or back to this one). Used by scheduled closures and
 * by responses (exit.close, exit.open). Returns the goal sets left with no open exit (their
 * exit ids joined by ", "), each also noted in the world's warnings; empty when nothing changed.
 */
export function setExitOpen(world: World, exit: number, open: boolean): string[] {
  if ((world.exitOpen[exit] === 1) === open) return [];
  world.exitOpen[exit] = open ? 1 : 0;
  if (world.exitChoice) world.exitChoice.forceNext = true;
  const exitCount = world.exitIds.length;
  const stranded: string[] = [];
  world.fields.forEach((field, f) => {
    if (!world.fieldExit[f * exitCount + exit]) return;
    const updated = computeFloorField(world.nav, field.exitIndices, world.exitOpen);
    field.distanceM = updated.distanceM;
    field.dirX = updated.dirX;
    field.dirY = updated.dirY;
    if (!field.exitIndices.some((e) => world.exitOpen[e])) {
      const exits = field.exitIndices.map((e) => world.exitIds[e]).join(', ');
      stranded.push(exits);
      world.warnings.push(`t=${(world.clock.tick * world.clock.stepS).toFixed(2)} s: every exit of a goal set is closed (${exits}); its people stand still`);
    }
  });
  return stranded;
}
