/**
 * Phase 4c: replayed people. Tracks whose recording starts by the end of this step appear at
 * their first point (an agent of kind `replayed`); every replayed person gets the heading and
 * speed that take it, in a straight line over this step, to where its recording puts it at the
 * end of the step (the pedestrian model moves it so, and everyone else sees it as a neighbour);
 * at the end of its recording it leaves (removed at the next commit, with no exit).
 */
import { addAgent, AgentKind } from '../../agents/AgentStore.ts';
import { trackPositionAt } from '../../replay/Replay.ts';
import { recordSpawn } from '../../world/AgentRecords.ts';
import type { World } from '../../world/World.ts';

const target = new Float64Array(2);

/** Spawns, steers and ends the replayed people; returns how many appeared. */
export function replayTrajectories(world: World): number {
  const replay = world.replay;
  if (!replay) return 0;
  const { agents, clock } = world;
  const tick = clock.tick;
  const stepS = clock.stepS;
  const endS = (tick + 1) * stepS;
  let added = 0;
  // Appear: every track whose first instant falls before the end of this step.
  while (replay.nextSpawn < replay.trackCount) {
    const k = replay.spawnOrder[replay.nextSpawn];
    const first = replay.start[k];
    if (replay.t[first] > endS) break;
    replay.nextSpawn++;
    // A track that ends before this step is over never shows.
    if (replay.t[replay.start[k + 1] - 1] < tick * stepS) continue;
    trackPositionAt(replay, k, tick * stepS, target);
    const population = replay.population[replay.replayOf[k]];
    const id = recordSpawn(world.records, population, tick);
    const slot = addAgent(agents, id, AgentKind.replayed, target[0], target[1]);
    agents.group[slot] = population;
    agents.field[slot] = 0;
    agents.radiusM[slot] = world.populations[population].radiusM;
    agents.walkFromTick[slot] = tick;
    if (id >= replay.trackOfAgent.length) {
      const grown = new Int32Array(Math.max(2 * replay.trackOfAgent.length, id + 1)).fill(-1);
      grown.set(replay.trackOfAgent);
      replay.trackOfAgent = grown;
    }
    replay.trackOfAgent[id] = k;
    world.populations[population].spawned++;
    added++;
  }
  // Steer to the recorded position at the end of the step; leave at the end of the recording.
  for (let i = 0; i < agents.count; i++) {
    if (agents.kind[i] !== AgentKind.replayed) continue;
    const k = replay.trackOfAgent[agents.id[i]];
    const lastT = replay.t[replay.start[k + 1] - 1];
    if (tick * stepS >= lastT) {
      agents.kind[i] = AgentKind.departing;
      agents.removeAtTick[i] = tick + 1;
      agents.desiredSpeedMps[i] = 0;
      world.departingCount++;
      continue;
    }
    trackPositionAt(replay, k, endS, target);
    const dx = target[0] - agents.posXM[i], dy = target[1] - agents.posYM[i];
    const distanceM = Math.hypot(dx, dy);
    if (distanceM > 1e-9) {
      agents.headingX[i] = dx / distanceM;
      agents.headingY[i] = dy / distanceM;
    }
    agents.desiredSpeedMps[i] = distanceM / stepS;
  }
  return added;
}

/** True while recorded people are still to appear. */
export function replayStillToCome(world: World): boolean {
  return world.replay !== null && world.replay.nextSpawn < world.replay.trackCount;
}
