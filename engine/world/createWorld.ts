/**
 * Creating a world ready to run: compile the scenario (`buildWorld`), then place the groups due
 * at tick 0, so that the world's first state (and the first trajectory frame) holds them and a
 * group that does not fit is reported at load time, not in the middle of a run.
 */
import type { Scenario } from '../scenario/Scenario.ts';
import { drainDueEvents, type WorldEvent } from '../events/EventQueue.ts';
import { placeGroupOrThrow } from './placeGroup.ts';
import { buildWorld, type World } from './World.ts';

/** Compiles a validated scenario and places its tick-0 groups. Throws ScenarioError on problems. */
export function createWorld(scenario: Scenario, fileName = 'scenario'): World {
  const world = buildWorld(scenario, fileName);
  const later: WorldEvent[] = [];
  // Groups due at tick 0 are placed now; other tick-0 events (none so far) stay scheduled.
  drainDueEvents(world.events, 0, (event) => {
    if (event.kind === 'groupAppears') placeGroupOrThrow(world, event.target);
    else later.push(event);
  });
  world.events.pending.unshift(...later);
  return world;
}
