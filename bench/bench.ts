/**
 * `npm run bench [-- --json] [-- --only NAME] [-- --steps N]`: single-threaded agent-steps per
 * second of the engine on the benchmark scenarios (benchScenarios.ts), with per-phase times,
 * JS-heap allocation, heap growth and garbage collections during the timed steps. Prints a table, or with --json
 * one object per line: {"bench", "agents", "agentStepsPerS", ...details}. Never fails on time.
 */
import { parseArgs } from 'node:util';
import { createWorld, stepWorld, validateScenario } from '../engine/index.ts';
import { allBenchCases, type BenchCase } from './benchScenarios.ts';
import { measureSteps, type StepMeasurement } from './measureSteps.ts';
import { runCityBench } from './cityBench.ts';

/**
 * Warm-up steps before timing. NOTE: in the dense bottleneck the first people leave after about
 * 20-100 steps; those new code paths make V8 re-optimise the model, and timing it then would count
 * the compiler's boxed doubles as allocation (about 0.8 MB per step instead of 1 kB).
 */
const WARMUP_STEPS = 150;
/** Timed steps per benchmark. */
const TIMED_STEPS = 60;
/**
 * NOTE: the warm-up steps of 1,000 people are too few for V8 to optimise the step functions (the
 * timed steps would measure the compiler); small cases first run a throwaway world of the same
 * scenario for about this many agent-steps.
 */
const JIT_WARMUP_AGENT_STEPS = 1_000_000;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    steps: { type: 'string' },
  },
});
const timedSteps = values.steps === undefined ? TIMED_STEPS : Math.max(1, Number.parseInt(values.steps, 10) || TIMED_STEPS);
const cases = allBenchCases().filter((c) => values.only === undefined || c.name.includes(values.only));

if (!values.json) {
  console.log(`Vigie engine benchmark: Node ${process.version}, single thread, ${WARMUP_STEPS} warm-up + ${timedSteps} timed steps`);
  console.log(row(['bench', 'agents', 'create s', 'ms/step', 'agent-steps/s', 'alloc/step', 'heap Δ/step', 'GCs (ms)']));
}
for (const benchCase of cases) {
  const { measured, createS } = runCase(benchCase);
  if (values.json) {
    console.log(JSON.stringify({ bench: benchCase.name, agents: benchCase.agents, agentStepsPerS: Math.round(measured.agentStepsPerS), ...details(measured) }));
  } else {
    console.log(row([
      benchCase.name,
      String(measured.agentsAtStart),
      createS.toFixed(2),
      measured.msPerStep.toFixed(1),
      `${(measured.agentStepsPerS / 1e6).toFixed(2)} M`,
      formatBytes(measured.allocatedBytesPerStep, false),
      formatBytes(measured.heapGrowthBytesPerStep),
      `${measured.gcCount} (${measured.gcMs.toFixed(1)})`,
    ]));
    const phases = Object.entries(measured.phaseMsPerStep).map(([phase, ms]) => `${phase} ${ms.toFixed(2)}`);
    console.log(`    ms/step by phase: ${phases.join(', ')}`);
  }
}

if (values.only === undefined || 'city'.includes(values.only) || values.only.startsWith('city')) runCityBench(values.json);

function runCase(benchCase: BenchCase): { measured: StepMeasurement; createS: number } {
  const fileName = `${benchCase.name}.json`;
  const scenario = validateScenario(benchCase.scenario, fileName);
  const jitSteps = Math.ceil(JIT_WARMUP_AGENT_STEPS / benchCase.agents) - (benchCase.warmupSteps ?? WARMUP_STEPS);
  if (jitSteps > 0) {
    const throwaway = createWorld(scenario, fileName);
    for (let k = 0; k < jitSteps; k++) stepWorld(throwaway);
  }
  const startMs = performance.now();
  const world = createWorld(scenario, fileName);
  const createS = (performance.now() - startMs) / 1000;
  return { measured: measureSteps(world, benchCase.warmupSteps ?? WARMUP_STEPS, timedSteps), createS };
}

function details(m: StepMeasurement) {
  const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    agentsAtStart: m.agentsAtStart,
    steps: m.steps,
    msPerStep: round(m.msPerStep),
    allocatedBytesPerStep: Math.round(m.allocatedBytesPerStep),
    heapGrowthBytesPerStep: Math.round(m.heapGrowthBytesPerStep),
    gcCount: m.gcCount,
    gcMs: round(m.gcMs),
    phaseMsPerStep: Object.fromEntries(Object.entries(m.phaseMsPerStep).map(([k, v]) => [k, round(v)])),
  };
}

function row(cells: string[]): string {
  const widths = [16, 8, 9, 8, 14, 11, 12, 12];
  return cells.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join(' ');
}

function formatBytes(bytes: number, signed = true): string {
  const sign = bytes < 0 ? '-' : signed ? '+' : '';
  const abs = Math.abs(bytes);
  return abs >= 1024 * 1024 ? `${sign}${(abs / 1024 / 1024).toFixed(1)} MB` : abs >= 1024 ? `${sign}${(abs / 1024).toFixed(1)} kB` : `${sign}${abs.toFixed(0)} B`;
}
