/**
 * Rehearsal speed (issue 7, "Speed"): the bundled fireworks rehearsal
 * (scenarios/seafront-fireworks.json: two hours of an evening, arrivals, the show, the egress)
 * at a given scale, one run in this thread with the planner's sampling: wall time, real-time
 * factor (simulated seconds per wall second) and agent-steps per second. Not a test: it prints
 * figures and never fails on time.
 *
 *   node --import tsx bench/rehearsalBench.ts [scale=6] [scenario=scenarios/seafront-fireworks.json]
 */
import { loadScenarioFile } from '../bin/loadScenarioFile.ts';
import { scaled } from '../bin/rehearseCommand.ts';
import { rehearsalRun } from '../engine/run/rehearsalRun.ts';

const scale = Number(process.argv[2] ?? 6);
const path = process.argv[3] ?? 'scenarios/seafront-fireworks.json';
const scenario = scaled(loadScenarioFile(path), scale);
console.log(`rehearsal bench: ${path} at scale ${scale}, ${scenario.durationS} s simulated, step ${scenario.stepS} s`);
const start = performance.now();
let lastPrint = start;
const result = rehearsalRun(scenario, path, scenario.seed, (fraction, inside) => {
  const now = performance.now();
  if (now - lastPrint > 30_000) {
    lastPrint = now;
    console.log(`  ${(100 * fraction).toFixed(0)} % after ${((now - start) / 1000).toFixed(0)} s, ${inside} people inside`);
  }
}, () => performance.now());
const wallS = (performance.now() - start) / 1000;
const { run, planner } = result;
// People-seconds inside (the egress curve, sampled every planner.sampleS) over the step: agent-steps.
const agentSteps = planner.egress.inside.reduce((sum, inside) => sum + inside, 0) * planner.sampleS / run.stepS;
console.log(`  ${run.pedestrians.spawned} people, at most ${planner.headline.maxPeopleInside} inside at once`);
console.log(`  wall time ${wallS.toFixed(1)} s for ${run.simulatedS} s simulated: ${(run.simulatedS / wallS).toFixed(1)} x real time`);
console.log(`  about ${(agentSteps / wallS / 1e6).toFixed(2)} M agent-steps/s (${(agentSteps / 1e6).toFixed(0)} M agent-steps), planner sampling included`);
console.log(`  headline: peak ${planner.headline.peakDensityPerM2} P/m², ${planner.headline.secondsAbove4} s above 4, egress p95 ${planner.egress.p95S} s`);
