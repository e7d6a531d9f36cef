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
  const xs = agents.posXM, ys = agents.posYM;
  for (let k = 0; k < world.areas.length; k++) {
    const area = world.areas[k];
    if (tick < area.fromTick || tick > area.toTick) continue;
    let count = 0;
    let speedSum = 0;
    for (let i = 0; i < agents.count; i++) {
      if (agents.kind[i] === AgentKind.departing) continue;
      const x = xs[i], y = ys[i];
      if (x < area.minX || x > area.maxX || y < area.minY || y > area.maxY) continue;
      if (!isInsideArea(area, x, y)) continue;
      count++;
      speedSum += Math.hypot(agents.velXMps[i], agents.velYMps[i]);
    }
    addAreaSample(area, count, speedSum, tick * world.clock.stepS);
  }
}
