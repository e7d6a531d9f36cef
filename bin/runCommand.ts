/**
 * `vigie run SCENARIO.json`: load and check the scenario, build the world, run it to the end with
 * a progress bar, write `summary.json` (and `trajectories.csv`) atomically into the output
 * directory, then print a short summary. Every check that can fail on user input happens before
 * anything is written; a failure during the run removes what the run wrote.
 */
import { rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { advanceRun, createWorld, finishRun, startRun, type RunSummary, type World } from '../engine/index.ts';
import { InterruptedError } from './InterruptedError.ts';
import { abortLineFile, commitLineFile, openLineFile, writeFileAtomic, writeLine, writeLinesAtomic, type LineFile } from './atomicWrite.ts';
import { checkOutputDir, openOutputDir, removeCreatedOutputDir, type OutputDir } from './outputDir.ts';
import { parseSeed } from './parseSeed.ts';
import { formatSummary } from './printSummary.ts';
import { createProgress } from './progressBar.ts';
import { loadScenarioFile } from './loadScenarioFile.ts';
import { readScenarioFile } from './readScenarioFile.ts';
import { loadRules } from '../engine/rules/loadRules.ts';
import { loadResponses } from '../engine/responses/loadResponses.ts';
import { createControlLoop } from '../engine/responses/ControlLoop.ts';
import {
  abortTrajectoryWriter,
  finishTrajectoryWriter,
  openTrajectoryWriter,
  writeTrajectorySample,
  type TrajectoryWriter,
} from './TrajectoryWriter.ts';

/** Removes a file if it exists (an output of an earlier run). */
function removeIfPresent(path: string): void {
  rmSync(path, { force: true });
}

/** Options of `vigie run`, as commander parses them. */
export interface RunCommandOptions {
  seed?: string;
  out: string;
  trajectories?: boolean;
  quiet?: boolean;
  /** Rules file (rules and responses) to run live; default the scenario's `rules`, relative to it. */
  rules?: string;
}

/** Wall time of a slice of steps between two returns to the event loop (where Ctrl-C is noticed). */
const SLICE_MS = 50;

/** Exit code after a signal: 128 + its number, as shells report it (130 for SIGINT, 143 for SIGTERM). */
export function exitCodeForSignal(signal: string): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/**
 * Runs one scenario file; throws UsageError or ScenarioError for bad input, InterruptedError on
 * Ctrl-C or SIGTERM (after removing what the run wrote). Returns the summary.
 */
export async function runCommand(scenarioPath: string, options: RunCommandOptions): Promise<RunSummary> {
  const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
  checkOutputDir(options.out);
  const loaded = loadScenarioFile(scenarioPath);
  const scenario = seed === undefined ? loaded : { ...loaded, seed };
  const world = createWorld(scenario, scenarioPath);
  // Live rules and responses: checked (against the scenario too) before anything is written.
  const rulesPath = options.rules ?? (scenario.rules === undefined ? undefined : isAbsolute(scenario.rules) ? scenario.rules : join(dirname(scenarioPath), scenario.rules));
  if (rulesPath !== undefined) {
    const ruleSet = loadRules(readScenarioFile(rulesPath, 'rules file'), rulesPath);
    world.control = createControlLoop(ruleSet, loadResponses(ruleSet, rulesPath, scenario), world.seed);
  }

  const progress = createProgress(!options.quiet, world.clock.stepS);
  let dir: OutputDir | null = null;
  let trajectories: TrajectoryWriter | null = null;
  // The event log goes to a temporary events.jsonl as the run goes (a long run's log would not
  // fit in memory), moved into place at the end.
  let events: LineFile | null = null;
  const eventsPath = join(options.out, 'events.jsonl');
  const summaryPath = join(options.out, 'summary.json');
  let summary: RunSummary;
  // From before the first file is created until the summary is in place, a Ctrl-C (SIGINT) or
  // SIGTERM is caught: the run stops at the end of its slice and removes what it wrote. A second
  // signal while cleaning up is not ignored: it cleans up at once and exits.
  let signal: NodeJS.Signals | null = null;
  const cleanUp = () => {
    progress.stop();
    if (trajectories) abortTrajectoryWriter(trajectories);
    if (events) abortLineFile(events);
    removeCreatedOutputDir(dir);
  };
  const onSignal = (received: NodeJS.Signals) => {
    if (signal !== null) {
      cleanUp();
      process.exit(exitCodeForSignal(received));
    }
    signal = received;
  };
  const throwIfSignalled = () => {
    if (signal !== null) throw new InterruptedError(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (options.trajectories) {
      dir = openOutputDir(options.out);
      trajectories = openTrajectoryWriter(join(options.out, 'trajectories.csv'));
    }
    const writer = trajectories;
    const session = startRun(world, {
      nowMs: () => performance.now(),
      onProgress: progress.update,
      onSample: writer ? (w, timeS) => writeTrajectorySample(writer, w, timeS) : undefined,
      onEvents: (log, count) => {
        dir ??= openOutputDir(options.out);
        events ??= openLineFile(eventsPath);
        for (let i = 0; i < count; i++) writeLine(events, JSON.stringify(log[i]));
      },
    });
    // The run goes in slices of about SLICE_MS with a return to the event loop between them,
    // where a signal is noticed.
    let stepsPerSlice = 10;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfSignalled();
      const sliceStartMs = performance.now();
      if (advanceRun(session, stepsPerSlice)) break;
      const sliceMs = performance.now() - sliceStartMs;
      stepsPerSlice = Math.max(1, Math.min(10_000, Math.round((stepsPerSlice * SLICE_MS) / Math.max(sliceMs, 0.1))));
    }
    summary = finishRun(session);
    progress.stop();
    throwIfSignalled();
    dir ??= openOutputDir(options.out);
    // Files of an earlier run in the same directory go first: the old summary (so that a crash
    // between the two renames leaves no summary, i.e. an incomplete run), and an old
    // trajectories.csv this run does not replace (it would not belong to the new summary).
    removeIfPresent(summaryPath);
    if (trajectories) finishTrajectoryWriter(trajectories);
    else removeIfPresent(join(options.out, 'trajectories.csv'));
    // The event log (sensor analytics, alerts...), one VigieEvent per line, when the run has any
    // (empty when it has sensors or rules that saw nothing).
    if (events) commitLineFile(events);
    else if (hasEventSources(world)) writeLinesAtomic(eventsPath, [], String);
    else removeIfPresent(eventsPath);
    // Written last: a summary.json next to a trajectories.csv means the run completed.
    writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  } catch (error) {
    cleanUp();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (!options.quiet) {
    const lines = formatSummary(summary);
    if (summary.rules && summary.responses) {
      const byRule = Object.entries(summary.rules.alertsByRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
      const commanded = summary.responses.filter((row) => row.command !== null);
      lines.push(`rules: ${summary.rules.events} events read, ${summary.rules.alerts} alerts${byRule === '' ? '' : ` (${byRule})`}`);
      lines.push(`responses: ${commanded.length} commands (${commanded.filter((row) => row.ok).length} carried out), ${summary.responses.length - commanded.length} not sent (operator, limits)`);
    }
    lines.push(`wrote ${summaryPath}`);
    if (trajectories) lines.push(`wrote ${trajectories.path} (${trajectories.rows} rows)`);
    if (hasEventSources(world) || world.eventsTaken > 0) lines.push(`wrote ${eventsPath} (${world.eventsTaken} events)`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return summary;
}

/** Whether the world has anything that writes to the event log (an empty events.jsonl is then written). */
function hasEventSources(world: World): boolean {
  return world.sensors !== null || world.devices !== null || world.control !== null;
}
