/**
 * Phase 6: sample the measurement areas (density N/A and mean walked speed of the people inside)
 * over their time windows, from the committed positions (bounding box first, then the polygon).
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import { addAreaSample, isInsideArea } from '../../measurement/MeasurementArea.ts';
import type { World } from '../../world/World.ts';

/** Samples every area whose window contains the tick just completed. */
export function measureAreas(world: World): void {
  const tick = world.clock.tick + 1;
  const { agents } = world;
  for (const area of world.areas) {
    if (tick < area.fromTick || tick > area.toTick) continue;
    let count = 0;
    let speedSum = 0;
    for (let i = 0; i < agents.count; i++) {
      if (agents.kind[i] !== AgentKind.pedestrian) continue;
      const x = agents.posXM[i], y = agents.posYM[i];
      if (!isInsideArea(area, x, y)) continue;
      count++;
      speedSum += Math.hypot(agents.velXMps[i], agents.velYMps[i]);
    }
    addAreaSample(area, count, speedSum, tick * world.clock.stepS);
  }
}
