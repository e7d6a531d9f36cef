/**
 * One run of a rehearsal (issue 7): the scenario with a given seed, sampled for the planner
 * every `planner.sampleS` (engine/run/plannerRecorder.ts). Returns the planner's figures and
 * maps, and the run's own summary without its per-person list (tens of thousands of rows a
 * planner does not read). The same scenario and seed give the same result in any thread.
 */
import { createWorld } from '../world/createWorld.ts';
import type { PlannerMaps, PlannerSummary } from '../measurement/PlannerSummary.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import { createPlannerRecorder, finishPlanner, recordPlannerSample } from './plannerRecorder.ts';
import { advanceRun, finishRun, startRun } from './runWorld.ts';
import type { RunSummary } from './summary.ts';

export interface RehearsalRun {
  seed: number;
  run: Omit<RunSummary, 'pedestrians'> & { pedestrians: Omit<RunSummary['pedestrians'], 'agents'> };
  planner: PlannerSummary;
  maps: PlannerMaps;
}

/** Runs `scenario` with `seed`; `onProgress` gets the fraction of simulated time done, `nowMs` the wall clock. */
export function rehearsalRun(
  scenario: Scenario, fileName: string, seed: number, onProgress?: (fraction: number, inside: number) => void, nowMs?: () => number,
): RehearsalRun {
  const world = createWorld({ ...scenario, seed }, fileName);
  const recorder = createPlannerRecorder(world);
  const session = startRun(world, {
    sampleHz: 1 / recorder.sampleS,
    onSample: (w, timeS) => recordPlannerSample(recorder, w, timeS),
    ...(onProgress ? { onProgress: (fraction: number, _tick: number, inside: number) => onProgress(fraction, inside), progressEveryTicks: Math.max(1, Math.round(10 / world.clock.stepS)) } : {}),
    ...(nowMs ? { nowMs } : {}),
  });
  advanceRun(session, Infinity);
  const summary = finishRun(session);
  const { summary: planner, maps } = finishPlanner(recorder, world, summary);
  const { agents: _agents, ...pedestrians } = summary.pedestrians;
  return { seed, run: { ...summary, pedestrians }, planner, maps };
}
