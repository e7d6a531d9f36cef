/**
 * Gatherings (scenario `pedestrians[].gathering`): people of such a group follow the field to
 * their meeting point; once within its radius, each stays `stayS` there (standing in the
 * crowd that forms: the field leads no further, so they stop where the others let them), then
 * switches to the group's goal field and leaves. A crowd that forms and splits up, as around a
 * street performer: a benign confounder of the crowd-surge and dispersal rules (issue 6).
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import type { World } from '../../world/World.ts';

export function gather(world: World): void {
  if (!world.hasGatherings) return;
  const { agents, populations } = world;
  const tick = world.clock.tick;
  for (let i = 0; i < agents.count; i++) {
    if (agents.kind[i] !== AgentKind.pedestrian) continue;
    const gathering = populations[agents.group[i]].gathering;
    if (gathering === null || agents.field[i] !== gathering.field) continue;
    const id = agents.id[i];
    const until = world.gatherUntil.get(id);
    if (until === undefined) {
      const dx = agents.posXM[i] - gathering.xM, dy = agents.posYM[i] - gathering.yM;
      // Within the crowd that forms (World.ts, gatheringReachM): the last stop at its edge.
      if (dx * dx + dy * dy <= gathering.reachM * gathering.reachM) world.gatherUntil.set(id, tick + gathering.stayTicks);
    } else if (tick >= until) {
      agents.field[i] = populations[agents.group[i]].fieldIndex;
      world.gatherUntil.delete(id);
    }
  }
}
