/**
 * Phase 4: route planning. With congestion-aware exit choice, people with several possible
 * exits re-evaluate which one is quickest (engine/navigation/ExitChoice.ts); otherwise each
 * follows the floor field of its whole goal set (nearest exit by travel time) and there is
 * nothing to plan.
 */
import { chooseExits } from '../../navigation/ExitChoice.ts';
import type { World } from '../../world/World.ts';

/** Updates route choices for the coming step. */
export function planRoutes(world: World): void {
  if (world.exitChoice) chooseExits(world.exitChoice, world.agents, world.nav, world.fields, world.clock.tick);
}
