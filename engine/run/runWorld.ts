/**
 * Running a world to its end: steps until `durationS`, or earlier when nobody is left and no one
 * is still to come (unless `stopWhenEmpty` is false). Progress and trajectory samples go to
 * callbacks, so terminals, workers and tests adapt the same loop. No clock is read here: the
 * adapter passes `nowMs` if it wants wall time and phase timings.
 */
import { isWorldDone, stepWorld } from '../step/stepWorld.ts';
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { World } from '../world/World.ts';
import { summarizeWorld, type RunSummary } from './summary.ts';

export interface RunOptions {
  /** Called about every `progressEveryTicks` steps with the fraction done (0..1) and the people inside. */
  onProgress?: (fraction: number, tick: number, inside: number) => void;
  progressEveryTicks?: number;
  /** Called at the trajectory rate with the world after the step (read positions, do not keep references). */
  onSample?: (world: World, timeS: number) => void;
  /** Trajectory sampling rate in Hz (default scenario.output.trajectoryHz or 10). */
  sampleHz?: number;
  /** Wall clock in milliseconds, for wallS and the phase timings. */
  nowMs?: () => number;
  /**
   * Called after each step (and once at the end) with the events of the world's log that every
   * reader in the world is done with (`count` of them, from the front of `log`); they are then
   * taken out of the log, so that a long run's log never has to fit in memory. Without it the
   * log keeps every event.
   */
  onEvents?: (log: readonly VigieEvent[], count: number) => void;
}

/**
 * Hands the front of the world's event log to `onEvents` and removes it: the events the live
 * rules have read (all of them without rules, or with `all` at the end of a run). The alerts and
 * requests appended after the rules' last read stay, for the rules to read at the next step.
 */
export function takeEvents(world: World, onEvents: (log: readonly VigieEvent[], count: number) => void, all: boolean): void {
  const log = world.eventLog;
  const count = all || world.control === null ? log.length : world.control.nextEvent;
  if (count === 0) return;
  onEvents(log, count);
  if (count === log.length) log.length = 0;
  else log.splice(0, count);
  if (world.control !== null) world.control.nextEvent = Math.max(0, world.control.nextEvent - count);
  world.eventsTaken += count;
}

/**
 * True when a run is over: the duration is reached, or (with `stopWhenEmpty`, the default)
 * nobody is left and nobody is still to come. Every adapter that steps a world uses this rule,
 * so that its summary matches `runWorld`'s.
 */
export function isRunOver(world: World): boolean {
  if (world.clock.tick >= world.durationTicks) return true;
  return (world.scenario.stopWhenEmpty ?? true) && isWorldDone(world);
}

/** A run in progress: the world, its options and the sampling plan. */
export interface RunSession {
  world: World;
  options: RunOptions;
  startMs: number;
  progressEvery: number;
  sampleEvery: number;
}

/** Starts a run: sets up timing and sampling and takes the first trajectory sample (t = 0). */
export function startRun(world: World, options: RunOptions = {}): RunSession {
  const startMs = options.nowMs?.() ?? 0;
  world.nowMs = options.nowMs ?? null;
  const progressEvery = options.progressEveryTicks ?? 100;
  const sampleHz = options.sampleHz ?? world.scenario.output?.trajectoryHz ?? 10;
  const sampleEvery = Math.max(1, Math.round(1 / (sampleHz * world.clock.stepS)));
  const actualHz = 1 / (sampleEvery * world.clock.stepS);
  if (options.onSample && Math.abs(actualHz / sampleHz - 1) > 0.01) {
    world.warnings.push(`trajectories are sampled every ${sampleEvery} steps of ${world.clock.stepS} s, at ${actualHz.toFixed(3)} Hz instead of the ${sampleHz} Hz asked for`);
  }
  if (options.onSample) options.onSample(world, 0);
  return { world, options, startMs, progressEvery, sampleEvery };
}

/**
 * Advances a run by at most `maxSteps` steps (an adapter can hand control back to its host
 * between slices: a terminal that must react to Ctrl-C, a page that must draw). Returns true
 * once the run is over.
 */
export function advanceRun(session: RunSession, maxSteps: number): boolean {
  const { world, options } = session;
  for (let k = 0; k < maxSteps && !isRunOver(world); k++) {
    stepWorld(world);
    if (options.onEvents) takeEvents(world, options.onEvents, false);
    const tick = world.clock.tick;
    if (options.onSample && tick % session.sampleEvery === 0) options.onSample(world, tick * world.clock.stepS);
    if (options.onProgress && tick % session.progressEvery === 0) options.onProgress(tick / world.durationTicks, tick, world.agents.count - world.departingCount);
  }
  return isRunOver(world);
}

/** Ends a run and returns its summary. */
export function finishRun(session: RunSession): RunSummary {
  const { world, options } = session;
  options.onProgress?.(1, world.clock.tick, world.agents.count - world.departingCount);
  if (options.onEvents) takeEvents(world, options.onEvents, true);
  const wallS = options.nowMs ? (options.nowMs() - session.startMs) / 1000 : 0;
  return summarizeWorld(world, wallS);
}

/** Runs the world to its end and returns the summary. */
export function runWorld(world: World, options: RunOptions = {}): RunSummary {
  const session = startRun(world, options);
  advanceRun(session, Infinity);
  return finishRun(session);
}
