/**
 * Gatherings (scenario `pedestrians[].gathering`, `sources[].gathering`): people of such a group
 * follow the field to their meeting point (one of the group's points); once within reach, each
 * stays, standing in the crowd that forms (the field leads no further, so they stop where the
 * others let them), then switches to the group's goal field and leaves: `stayS` after arriving,
 * or once the schedule moment `until` has come plus the person's pre-movement time (a show ends;
 * people set off over the next minutes, as the published pre-movement distributions say).
 * A crowd that forms and splits up, as around a street performer (a benign confounder of the
 * crowd-surge and dispersal rules, issue 6) or an evening's audience (issue 7).
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import { tickAtOrAfter } from '../../time/Clock.ts';
import { samplePreMovementS } from '../../world/spawnPedestrian.ts';
import type { World } from '../../world/World.ts';
import { grownCopy } from '../../memory/grownCopy.ts';
import { crowdAroundPerM2, isHeldUp, NEVER_TICK } from '../../world/occupancy.ts';

/** Gathering state of a person (`world.gatherState[id]`): on the way to the point. */
export const GATHER_WALKING = 0;
/** At the point, waiting for the group's moment. */
export const GATHER_WAITING = -1;

export function gather(world: World): void {
  if (!world.hasGatherings) return;
  const { agents, populations } = world;
  const tick = world.clock.tick;
  if (world.gatherState.length < world.records.count) world.gatherState = grownCopy(world.gatherState, 2 * world.records.count);
  const state = world.gatherState;
  for (let i = 0; i < agents.count; i++) {
    if (agents.kind[i] !== AgentKind.pedestrian) continue;
    const population = populations[agents.group[i]];
    const gathering = population.gathering;
    if (gathering === null) continue;
    const point = agents.field[i] - gathering.field;
    if (point < 0 || point >= gathering.points.length) continue;
    const id = agents.id[i];
    const current = state[id];
    if (current === GATHER_WALKING) {
      const dx = agents.posXM[i] - gathering.points[point][0], dy = agents.posYM[i] - gathering.points[point][1];
      // Within the crowd that forms (World.ts, gatheringReachM): the last stop at its edge.
      // When the moment has come, those still on their way turn back too.
      const moment = gathering.untilTick >= 0;
      const distSq = dx * dx + dy * dy;
      // With standAtPerM2, a person also stops at the crowd's edge, where it is that dense or
      // where the people in front hold them up, and stands there (no longer walking) until leaving.
      const stands = gathering.standAtPerM2 > 0 && (distSq <= gathering.radiusM * gathering.radiusM
        || (distSq <= 9 * gathering.reachM * gathering.reachM && isHeldUp(agents, i, tick))
        || crowdAroundPerM2(world.grid, agents, i) >= gathering.standAtPerM2);
      if (stands || (gathering.standAtPerM2 === 0 && distSq <= gathering.reachM * gathering.reachM) || (moment && tick >= gathering.untilTick)) {
        state[id] = moment ? GATHER_WAITING : tick + gathering.stayTicks + 1;
        if (stands) agents.walkFromTick[i] = NEVER_TICK;
      }
    } else if (current === GATHER_WAITING) {
      // Waiting for the moment: then the pre-movement time, drawn for each person.
      if (tick >= gathering.untilTick) {
        // A social group sets off together: its first member's draw is everyone's.
        const companions = world.pedestrianModel.companions;
        const g = companions !== null && id < companions.groupOfId.length ? companions.groupOfId[id] : -1;
        if (g >= 0 && companions!.leaveTick[g] >= 0) {
          state[id] = Math.max(tick, companions!.leaveTick[g]) + 1;
        } else {
          const waitS = samplePreMovementS(world.random.preMovement, population.preMovement);
          state[id] = tick + tickAtOrAfter(world.clock, waitS) + 1;
          if (g >= 0) companions!.leaveTick[g] = state[id] - 1;
        }
      }
    } else if (tick >= current - 1) {
      agents.field[i] = population.fieldIndex;
      if (agents.walkFromTick[i] > tick) agents.walkFromTick[i] = tick;
    }
  }
}

/** People at their meeting point now (waiting, or staying their time). */
export function gatheredCount(world: World): number {
  const { agents, populations } = world;
  let count = 0;
  for (let i = 0; i < agents.count; i++) {
    const gathering = populations[agents.group[i]]?.gathering;
    if (!gathering) continue;
    const point = agents.field[i] - gathering.field;
    if (point >= 0 && point < gathering.points.length && world.gatherState[agents.id[i]] !== GATHER_WALKING) count++;
  }
  return count;
}
