/**
 * Audit speed (issue 6, "Speed"): simulated camera-hours audited per wall-clock minute on the
 * bundled audit scenario (scenarios/audit-seafront.json: 26 cameras, about 1,750 people, 10 min),
 * with 1 and 2 worker threads, and one run in this thread for the cost of a run alone. Not a
 * test: it prints figures and never fails on time.
 *
 *   node --import tsx bench/auditBench.ts [runs=4] [scenario=scenarios/audit-seafront.json]
 */
import { dirname, join } from 'node:path';
import { runInWorkers } from '../bin/auditCommand.ts';
import { loadScenarioFile } from '../bin/loadScenarioFile.ts';
import { readScenarioFile } from '../bin/readScenarioFile.ts';
import { scoreAudit } from '../engine/audit/scoreAudit.ts';
import { withSweepVariants } from '../engine/audit/sweeps.ts';
import { auditRun } from '../engine/run/auditRun.ts';
import { loadRules } from '../engine/rules/loadRules.ts';

const runs = Number(process.argv[2] ?? 4);
const path = process.argv[3] ?? 'scenarios/audit-seafront.json';
const scenario = loadScenarioFile(path);
const rulesPath = join(dirname(path), scenario.rules!);
const ruleSet = loadRules(readScenarioFile(rulesPath, 'rules file'), rulesPath);
const swept = Object.keys(scenario.audit!.rules);
const cameras = scenario.sensors?.cameras?.length ?? 0;

console.log(`audit bench: ${path}, ${cameras} cameras, ${scenario.durationS} s per run, ${runs} runs per measurement, rules with their threshold sweeps`);
let start = performance.now();
const one = auditRun(scenario, path, ruleSet, scenario.seed, swept);
let wallS = (performance.now() - start) / 1000;
const runCameraHours = (one.durationS / 3600) * one.cameras;
console.log(`  one run in this thread: ${wallS.toFixed(2)} s for ${runCameraHours.toFixed(1)} camera-hours: ${(runCameraHours / (wallS / 60)).toFixed(0)} camera-hours per minute (${(one.durationS / wallS).toFixed(0)} x real time)`);
for (const workers of [1, 2]) {
  start = performance.now();
  const records = await runInWorkers(scenario, path, ruleSet, Array.from({ length: runs }, (_v, k) => scenario.seed + k), workers, false);
  wallS = (performance.now() - start) / 1000;
  const score = scoreAudit(records.sort((a, b) => a.seed - b.seed), scenario.audit!, withSweepVariants(ruleSet, swept).variants);
  console.log(`  ${workers} worker${workers > 1 ? 's' : ''}: ${runs} runs in ${wallS.toFixed(2)} s (worker start-up included): ${(score.cameraHours / (wallS / 60)).toFixed(0)} camera-hours per minute`);
}
