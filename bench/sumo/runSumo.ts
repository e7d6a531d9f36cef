/**
 * One headless SUMO run, timed from outside (wall time of the whole process: loading, routing
 * the trips, simulating, writing the outputs), and its figures:
 *  - from the trip info (`--tripinfo-output`): trips arrived, mean travel time (`duration`, from
 *    the actual departure to the arrival, as Vigie counts it) and mean route length;
 *  - from the summary (`--summary-output`): vehicle-steps = the sum over steps of the vehicles
 *    running (each one is updated once per step);
 *  - from SUMO's own report (`--duration-log.statistics`): its simulation-loop time, its
 *    vehicle updates per second (UPS) and the teleports (a vehicle stuck 300 s jumps ahead).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachXmlElement } from './forEachXmlElement.ts';

/** What to run. Paths are absolute or relative to `dir`, where the outputs go too. */
export interface SumoRunOptions {
  label: string;
  dir: string;
  netFile: string;
  routeFiles: string[];
  additionalFiles: string[];
  endS: number;
  /** Wall time spent routing the demand beforehand (duarouter), s, or null. */
  routingS: number | null;
}

/** The figures of one SUMO run. */
export interface SumoRun {
  label: string;
  commandLine: string;
  stepS: number;
  routingS: number | null;
  wallS: number;
  /** SUMO's own timing of its simulation loop, s (null when it printed none). */
  loopS: number | null;
  upsReported: number | null;
  loaded: number;
  arrived: number;
  teleports: number;
  meanTravelTimeS: number | null;
  meanRouteLengthM: number | null;
  vehicleSteps: number;
  /** Last step with a vehicle running, s. */
  lastBusyS: number;
}

/** Runs SUMO; throws when it fails. */
export function runSumo(options: SumoRunOptions): SumoRun {
  const slug = options.label.replace(/[^\w]+/g, '-');
  const tripinfoFile = join(options.dir, `${slug}.tripinfo.xml`);
  const summaryFile = join(options.dir, `${slug}.summary.xml`);
  const args = [
    '-n', options.netFile, '-r', options.routeFiles.join(','),
    ...(options.additionalFiles.length > 0 ? ['-a', options.additionalFiles.join(',')] : []),
    '--begin', '0', '--end', String(options.endS), '--step-length', '1', '--seed', '1',
    '--tripinfo-output', tripinfoFile, '--summary-output', summaryFile,
    '--no-step-log', '--no-warnings', '--duration-log.statistics',
  ];
  const commandLine = `sumo ${args.join(' ')}`;
  const startMs = performance.now();
  const result = spawnSync('sumo', args, { cwd: options.dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = (performance.now() - startMs) / 1000;
  if (result.error || result.status !== 0) throw new Error(`${commandLine}\n  failed (${result.error?.message ?? `exit ${result.status}`}): ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' / ')}`);
  const out = `${result.stdout}\n${result.stderr}`;
  const number = (pattern: RegExp): number | null => {
    const match = pattern.exec(out);
    return match ? Number(match[1]) : null;
  };

  let arrived = 0;
  let durationSumS = 0;
  let routeLengthSumM = 0;
  forEachXmlElement(readFileSync(tripinfoFile, 'utf8'), tripinfoFile, (name, a) => {
    if (name !== 'tripinfo') return;
    arrived++;
    durationSumS += Number(a.duration);
    routeLengthSumM += Number(a.routeLength);
  });
  let vehicleSteps = 0;
  let loaded = 0;
  let lastBusyS = 0;
  forEachXmlElement(readFileSync(summaryFile, 'utf8'), summaryFile, (name, a) => {
    if (name !== 'step') return;
    const running = Number(a.running);
    vehicleSteps += running;
    loaded = Math.max(loaded, Number(a.loaded));
    if (running > 0) lastBusyS = Number(a.time);
  });
  return {
    label: options.label,
    commandLine,
    stepS: 1,
    routingS: options.routingS,
    wallS,
    loopS: number(/Duration:\s*([\d.]+)\s*s/),
    upsReported: number(/UPS:\s*([\d.]+)/),
    loaded,
    arrived,
    teleports: number(/Teleports:\s*(\d+)/) ?? 0,
    meanTravelTimeS: arrived > 0 ? durationSumS / arrived : null,
    meanRouteLengthM: arrived > 0 ? routeLengthSumM / arrived : null,
    vehicleSteps,
    lastBusyS,
  };
}
