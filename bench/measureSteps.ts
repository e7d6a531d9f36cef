/**
 * Timing a world's steps for the benchmarks: warm-up steps, then timed steps with
 * performance.now, the engine's per-phase timings (world.nowMs / world.phaseMs), and memory:
 * the heap growth (process.memoryUsage), the garbage collections during the timed steps and the
 * bytes allocated on the JS heap, from V8's GC profiler (node:v8 GCProfiler, which reports the
 * heap used before and after each collection: allocation = growth between collections).
 * NOTE: typed-array backing stores live outside the JS heap and are not counted as allocation.
 */
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stepWorld, type World } from '../engine/index.ts';

/** What one benchmark measured. Times in milliseconds, memory in bytes. */
export interface StepMeasurement {
  steps: number;
  /** People inside at the start of the timed steps. */
  agentsAtStart: number;
  agentSteps: number;
  agentStepsPerS: number;
  msPerStep: number;
  /** Heap used after minus before the timed steps, per step (a full GC runs before). */
  heapGrowthBytesPerStep: number;
  /** Bytes allocated on the JS heap per step during the timed steps. */
  allocatedBytesPerStep: number;
  gcCount: number;
  gcMs: number;
  phaseMsPerStep: Record<string, number>;
}

/** One collection as V8's GC profiler reports it (the fields used here). */
interface GcRecord {
  cost: number;
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

/** Forces a full garbage collection (V8's gc, exposed at run time for the benchmark only). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Runs `warmupSteps`, then times `timedSteps` steps of `world`; `afterStep` runs after each step
 * (timed with it), as an adapter's per-step work would.
 */
export function measureSteps(world: World, warmupSteps: number, timedSteps: number, afterStep?: () => void): StepMeasurement {
  for (let k = 0; k < warmupSteps; k++) stepWorld(world);
  world.nowMs = () => performance.now();
  world.phaseMs = {};
  collectGarbage();

  const agentsAtStart = world.agents.count;
  let agentSteps = 0;
  const profiler = new GCProfiler();
  const heapBefore = process.memoryUsage().heapUsed;
  profiler.start();
  const startMs = performance.now();
  for (let k = 0; k < timedSteps; k++) {
    agentSteps += world.agents.count;
    stepWorld(world);
    afterStep?.();
  }
  const endMs = performance.now();
  const gcs = (profiler.stop()?.statistics ?? []) as GcRecord[];
  const heapAfter = process.memoryUsage().heapUsed;
  world.nowMs = null;

  let allocatedBytes = 0;
  let usedBytes = heapBefore;
  let gcMs = 0;
  for (const gc of gcs) {
    allocatedBytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - usedBytes);
    usedBytes = gc.afterGC.heapStatistics.usedHeapSize;
    gcMs += gc.cost / 1000; // microseconds
  }
  allocatedBytes += Math.max(0, heapAfter - usedBytes);

  const elapsedMs = endMs - startMs;
  const phaseMsPerStep: Record<string, number> = {};
  for (const [phase, ms] of Object.entries(world.phaseMs)) phaseMsPerStep[phase] = ms / timedSteps;
  return {
    steps: timedSteps,
    agentsAtStart,
    agentSteps,
    agentStepsPerS: agentSteps / (elapsedMs / 1000),
    msPerStep: elapsedMs / timedSteps,
    heapGrowthBytesPerStep: (heapAfter - heapBefore) / timedSteps,
    allocatedBytesPerStep: allocatedBytes / timedSteps,
    gcCount: gcs.length,
    gcMs,
    phaseMsPerStep,
  };
}
