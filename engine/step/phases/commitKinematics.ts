/**
 * Phase 6: commit the next state. Measurement lines see each step path (current -> next), the
 * position buffers swap, periodic corridors wrap x, and people who stand in one of their goal
 * exits leave the simulation: their exit time and exit are recorded, and they become
 * `departing` agents that walk on straight for one headway (body length + v0 T + 0.5 m) before
 * they are removed. NOTE: removing them at the door at once would free the space ahead of the
 * next person instantly, and a door in a thin wall would pass about twice the measured flow.
 * A tram's door strip (engine/transit/) lets people on only at its passage rate and while the
 * tram has room; the others wait in it.
 */
import { AgentKind, removeAgentAt, swapPositionBuffers } from '../../agents/AgentStore.ts';
import { recordLineCrossing } from '../../measurement/MeasurementLine.ts';
import { pointInPolygon } from '../../geometry/polygon.ts';
import { navCellOf } from '../../navigation/NavGrid.ts';
import { admitBoarding } from '../../transit/Transit.ts';
import type { World } from '../../world/World.ts';

/** Commits the step computed by the model; returns how many people left through exits. */
export function commitKinematics(world: World): number {
  const { agents, lines, clock } = world;
  const n = agents.count;
  const startS = clock.tick * clock.stepS;
  const model = world.pedestrianModel;
  const periodic = model.periodicLengthM > 0;
  const x0 = agents.posXM, y0 = agents.posYM, x1 = agents.nextXM, y1 = agents.nextYM;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    for (let i = 0; i < n; i++) {
      // Bounding-box rejection here, so the call (which boxes its double arguments when V8
      // does not inline it) only happens for steps near the line.
      if ((x0[i] < line.minX && x1[i] < line.minX) || (x0[i] > line.maxX && x1[i] > line.maxX)) continue;
      if ((y0[i] < line.minY && y1[i] < line.minY) || (y0[i] > line.maxY && y1[i] > line.maxY)) continue;
      recordLineCrossing(line, x0[i], y0[i], x1[i], y1[i], startS, clock.stepS);
    }
  }
  swapPositionBuffers(agents);
  if (periodic) {
    const minX = model.periodicMinXM, length = model.periodicLengthM;
    const x = agents.posXM;
    for (let i = 0; i < n; i++) {
      if (x[i] >= minX + length) x[i] -= length;
      else if (x[i] < minX) x[i] += length;
    }
  }
  return removeExitedAgents(world);
}

function removeExitedAgents(world: World): number {
  const { agents, nav, fieldExit, exitOpen, records } = world;
  const exitCount = world.exitIds.length;
  const exitTick = world.clock.tick + 1;
  const timeGapS = world.pedestrianModel.params.timeGapS;
  const exits = world.scenario.geometry.exits;
  const transit = world.transit;
  let removed = 0;
  for (let i = agents.count - 1; i >= 0; i--) {
    if (agents.kind[i] === AgentKind.departing) {
      if (exitTick >= agents.removeAtTick[i]) {
        removeAgentAt(agents, i);
        world.departingCount--;
      }
      continue;
    }
    // Replayed people follow their recording; they take no exit.
    if (agents.kind[i] !== AgentKind.pedestrian) continue;
    const cell = navCellOf(nav, agents.posXM, agents.posYM, i);
    if (cell < 0) continue;
    const e = nav.exitAt[cell];
    if (e < 0 || !exitOpen[e] || !fieldExit[agents.field[i] * exitCount + e]) continue;
    // A walkable cell on the exit's edge may stick out of the polygon: there, test the point
    // itself. (Beyond a door, outside the walkable space, the catch zone counts as the exit.)
    if (nav.walkable[cell] && !pointInPolygon(agents.posXM[i], agents.posYM[i], exits[e].polygon)) continue;
    // A tram's door: one person per passage time, while the tram has room (else wait there).
    if (transit !== null && transit.exitTram[e] >= 0 && !admitBoarding(transit, e, exitTick, world.clock.stepS, exitOpen)) continue;
    const id = agents.id[i];
    records.exitTick[id] = exitTick;
    records.exitIndex[id] = e;
    const v0 = Math.max(agents.desiredSpeedMps[i], 0.1);
    const headwayM = 2 * agents.radiusM[i] + v0 * timeGapS + 0.5;
    agents.kind[i] = AgentKind.departing;
    agents.removeAtTick[i] = exitTick + Math.ceil(headwayM / v0 / world.clock.stepS);
    const speed = Math.hypot(agents.velXMps[i], agents.velYMps[i]);
    if (speed > 1e-6) {
      agents.headingX[i] = agents.velXMps[i] / speed;
      agents.headingY[i] = agents.velYMps[i] / speed;
    }
    world.departingCount++;
    removed++;
  }
  return removed;
}
