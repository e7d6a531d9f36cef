/**
 * `vigie rehearse SCENARIO.json [--scale S] [--runs N] [--workers K] [--seed S] [--out DIR]` and
 * `vigie compare SCENARIO.json [--variants a,b] [...]`: event rehearsal for planners (issue 7).
 * Each run samples the crowd for the planner (engine/run/rehearsalRun.ts). `compare` runs the
 * baseline and the scenario's named variants (JSON Patch on the file, fast-json-patch) over the
 * same seeds, in worker threads through comlink, and puts every measure side by side with its
 * spread. Writes to DIR:
 *  - summary.json: the planner's figures of the baseline's first run, the run's own summary, and
 *    for a comparison every variant's spread per measure; the software version, seeds and scale;
 *  - report.html: the planner's report (bin/plannerReport.ts), self-contained and printable;
 *  - zones.csv, flows.csv, queues.csv, travel-times.csv, egress.csv (and comparison.csv);
 *  - zones.geojson and density.geojson in WGS84 when the scenario has a city (QGIS opens them).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import cliProgress from 'cli-progress';
import jsonPatch, { type Operation } from 'fast-json-patch';
import type { ComparedMeasure, PlannerComparison, PlannerSummary, Spread } from '../engine/measurement/PlannerSummary.ts';
import { rehearsalRun, type RehearsalRun } from '../engine/run/rehearsalRun.ts';
import { ScenarioError } from '../engine/scenario/ScenarioError.ts';
import type { Scenario } from '../engine/scenario/Scenario.ts';
import { closestName } from '../engine/scenario/scenarioText.ts';
import { createLocalFrame } from '../city-models/LocalFrame.ts';
import { createNodeWorker } from '../workers/createNodeWorker.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { loadScenarioValue, readScenarioJson } from './loadScenarioFile.ts';
import { checkOutputDir, openOutputDir } from './outputDir.ts';
import { plannerReportHtml } from './plannerReport.ts';
import { comparisonCsv, densityGridGeoJson, egressCsv, flowsCsv, queuesCsv, travelTimesCsv, zonesCsv, zonesGeoJson } from './plannerExports.ts';
import { UsageError } from './UsageError.ts';
import { positiveInteger } from './integerOption.ts';
import { parseSeed } from './parseSeed.ts';

export interface RehearseOptions {
  scale?: string;
  runs?: string;
  workers?: string;
  seed?: string;
  out: string;
  variants?: string;
  quiet?: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The baseline's name in a comparison. */
export const BASELINE = 'baseline';

/** What summary.json holds. */
export interface RehearsalReport {
  software: { name: 'vigie'; version: string };
  scenario: { name: string; file: string };
  scale: number;
  seeds: number[];
  variants: { id: string; description: string }[];
  /** The baseline's first run: the run's summary and the planner's figures. */
  run: RehearsalRun['run'];
  planner: PlannerSummary;
  comparison?: PlannerComparison;
}

/** `vigie rehearse` (no variants) and `vigie compare` (`compare` true: the baseline and the variants). */
export async function rehearseCommand(scenarioPath: string, options: RehearseOptions, compare = false): Promise<RehearsalReport> {
  const runs = positiveInteger(options.runs ?? '1', '--runs');
  const scale = options.scale === undefined ? 1 : positiveNumber(options.scale, '--scale');
  checkOutputDir(options.out);
  const raw = readScenarioJson(scenarioPath);
  const base = loadScenarioValue(structuredClone(raw), scenarioPath);
  const variantIds = compare ? chosenVariants(base.scenario, scenarioPath, options.variants) : [];
  if (!compare && options.variants !== undefined) throw new UsageError('--variants: only with vigie compare');
  const variants = [
    { id: BASELINE, description: 'the scenario as written', scenario: scaled(base.scenario, scale) },
    ...variantIds.map((id) => ({ id, description: base.scenario.variants![id].description, scenario: scaled(loadVariant(raw, scenarioPath, id), scale) })),
  ];
  const firstSeed = options.seed === undefined ? base.scenario.seed : parseSeed(options.seed);
  const seeds = Array.from({ length: runs }, (_v, k) => firstSeed + k);
  const jobs = variants.flatMap((variant) => seeds.map((seed) => ({ variant: variant.id, scenario: variant.scenario, seed })));
  const workers = Math.min(jobs.length, options.workers === undefined ? Math.max(1, availableParallelism()) : positiveInteger(options.workers, '--workers'));

  const startMs = performance.now();
  const results = jobs.length === 1
    ? [rehearseHere(jobs[0].scenario, scenarioPath, jobs[0].seed, !options.quiet)]
    : await rehearseInWorkers(jobs, scenarioPath, workers, !options.quiet);
  const wallS = (performance.now() - startMs) / 1000;
  const resultOf = (variant: string, seed: number): RehearsalRun => results[jobs.findIndex((job) => job.variant === variant && job.seed === seed)];
  const first = resultOf(BASELINE, seeds[0]);
  const comparison = compare ? compareVariants(variants, seeds, resultOf) : undefined;

  const report: RehearsalReport = {
    software: { name: 'vigie', version: VERSION },
    scenario: { name: base.scenario.name, file: scenarioPath },
    scale,
    seeds,
    variants: variants.map(({ id, description }) => ({ id, description })),
    run: first.run,
    planner: first.planner,
    ...(comparison ? { comparison } : {}),
  };
  const scenario = variants[0].scenario;
  openOutputDir(options.out);
  const write = (name: string, text: string): void => writeFileAtomic(join(options.out, name), text);
  // An earlier run's files that this one does not replace would not belong to its summary.
  const stale = [...(comparison ? [] : ['comparison.csv']), ...(base.origin === null ? ['zones.geojson', 'density.geojson'] : [])];
  for (const name of stale) rmSync(join(options.out, name), { force: true });
  write('zones.csv', zonesCsv(first.planner));
  write('flows.csv', flowsCsv(first.planner));
  write('queues.csv', queuesCsv(first.planner));
  write('travel-times.csv', travelTimesCsv(first.planner));
  write('egress.csv', egressCsv(first.planner));
  if (comparison) write('comparison.csv', comparisonCsv(comparison));
  const zonePolygons = Object.fromEntries((scenario.measurementAreas ?? []).map((area) => [area.id, area.polygon]));
  if (base.origin !== null) {
    const frame = createLocalFrame(base.origin.lonDeg, base.origin.latDeg);
    const toLonLat = (x: number, y: number): [number, number] => frame.toLonLat(x, y);
    write('zones.geojson', `${JSON.stringify(zonesGeoJson(first.planner, zonePolygons, toLonLat))}\n`);
    write('density.geojson', `${JSON.stringify(densityGridGeoJson(first.maps, toLonLat))}\n`);
  }
  write('report.html', plannerReportHtml({
    scenarioName: scenario.name, scenarioFile: scenarioPath, version: VERSION, seeds, scale, simulatedS: first.run.simulatedS, wallS,
    people: first.run.pedestrians.spawned, summary: first.planner, maps: first.maps, zonePolygons,
    lines: Object.fromEntries((scenario.measurementLines ?? []).map((line) => [line.id, { from: line.from, to: line.to }])),
    ...(comparison ? { comparison } : {}),
  }));
  write('summary.json', `${JSON.stringify(report, null, 2)}\n`);
  if (!options.quiet) process.stdout.write(`${headlineLines(report, wallS, options.out).join('\n')}\n`);
  return report;
}

/** The variants asked for (all the scenario's by default), checked against its list. */
function chosenVariants(scenario: Scenario, path: string, asked: string | undefined): string[] {
  const known = Object.keys(scenario.variants ?? {});
  if (known.length === 0) throw new ScenarioError(path, [{ path: 'variants', message: 'missing: vigie compare needs named variants ("variants": {"close-west": {"description": "...", "patch": [...]}})' }]);
  if (asked === undefined) return known;
  const ids = asked.split(',').map((id) => id.trim()).filter((id) => id !== '' && id !== BASELINE);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const close = closestName(id, known);
    throw new UsageError(`--variants: no variant "${id}" in ${path}${close ? ` (did you mean "${close}"?)` : `; it has ${known.map((k) => `"${k}"`).join(', ')}`}`);
  }
  return ids;
}

/** The scenario of variant `id`: its patch applied to the file's JSON, then checked as the file would be. */
export function loadVariant(raw: unknown, path: string, id: string): Scenario {
  const patch = (raw as { variants: Record<string, { patch: Operation[] }> }).variants[id].patch;
  let patched: unknown = structuredClone(raw);
  // NOTE: one operation at a time: fast-json-patch 3.1.1 reports index 0 for a path it cannot
  // resolve, whichever operation of the patch it was (applyPatch's error.index).
  for (let k = 0; k < patch.length; k++) {
    try {
      patched = jsonPatch.applyOperation(patched, patch[k], true, true, true, k).newDocument;
    } catch (error) {
      if (!(error instanceof jsonPatch.JsonPatchError)) throw error;
      const reason = error.name === 'OPERATION_PATH_UNRESOLVABLE' ? 'the path does not exist in the scenario'
        : error.name === 'OPERATION_VALUE_REQUIRED' ? 'this operation needs a "value"' : error.message.split('\n')[0];
      throw new ScenarioError(path, [{ path: `variants.${id}.patch[${k}]`, message: `cannot ${patch[k]?.op ?? 'apply'} ${JSON.stringify(patch[k]?.path ?? '')}: ${reason}` }]);
    }
  }
  return loadScenarioValue(patched, path, `${path} (variant "${id}")`).scenario;
}

/**
 * The scenario at `scale`: every group's count and every source's rate multiplied (the bundled
 * rehearsal is written at a size that runs in about a minute; the full crowd is a larger scale).
 */
export function scaled(scenario: Scenario, scale: number): Scenario {
  if (scale === 1) return scenario;
  return {
    ...scenario,
    pedestrians: scenario.pedestrians?.map((group) => ({ ...group, count: Math.round(group.count * scale) })),
    sources: scenario.sources?.map((source) => ({
      ...source,
      ...(source.ratePerS !== undefined ? { ratePerS: source.ratePerS * scale } : {}),
      ...(source.profile !== undefined ? { profile: { ...source.profile, perHour: source.profile.perHour.map((rate) => rate * scale) } } : {}),
      ...(source.curve !== undefined ? { curve: source.curve.map(([t, rate]) => [t, rate * scale] as [number, number]) } : {}),
    })),
  };
}

/** One run in this thread, with a progress bar over simulated time. */
function rehearseHere(scenario: Scenario, fileName: string, seed: number, showProgress: boolean): RehearsalRun {
  const bar = showProgress && process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '  {bar} {percentage}% of {simulated} simulated | {inside} people inside | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(100, 0, { simulated: clock(scenario.durationS), inside: 0 });
  try {
    return rehearsalRun(scenario, fileName, seed, (fraction, inside) => bar?.update(Math.round(100 * fraction), { inside }), () => performance.now());
  } finally {
    bar?.stop();
  }
}

/** Runs the jobs over worker threads, each taking the next when it is free; results in job order. */
async function rehearseInWorkers(jobs: { variant: string; scenario: Scenario; seed: number }[], fileName: string, workerCount: number, showProgress: boolean): Promise<RehearsalRun[]> {
  const bar = showProgress && process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '  {bar} {value}/{total} runs | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(jobs.length, 0);
  const pool = Array.from({ length: workerCount }, () => createNodeWorker());
  const results: RehearsalRun[] = new Array(jobs.length);
  let next = 0;
  try {
    await Promise.all(pool.map(async (worker) => {
      while (next < jobs.length) {
        const k = next++;
        results[k] = await Promise.race([worker.api.rehearsalRun(jobs[k].scenario, fileName, jobs[k].seed), worker.failure]);
        bar?.increment();
      }
    }));
  } finally {
    bar?.stop();
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

/** The measures compared across variants: the headline, then per zone, line and stop. */
function comparedMeasures(summary: PlannerSummary): { measure: ComparedMeasure; value: (s: PlannerSummary) => number | null }[] {
  const list: { measure: ComparedMeasure; value: (s: PlannerSummary) => number | null }[] = [
    { measure: { key: 'egressP95S', label: 'Egress time, 95 % of people out', unit: 's', better: 'lower' }, value: (s) => s.egress.p95S },
    { measure: { key: 'peakDensity', label: 'Peak density (2 m x 2 m)', unit: 'P/m²', better: 'lower' }, value: (s) => s.headline.peakDensityPerM2 },
    { measure: { key: 'secondsAbove4', label: 'Time above 4 P/m² somewhere', unit: 's', better: 'lower' }, value: (s) => s.headline.secondsAbove4 },
    { measure: { key: 'secondsAbove5', label: 'Time above 5 P/m² somewhere', unit: 's', better: 'lower' }, value: (s) => s.headline.secondsAbove5 },
    { measure: { key: 'areaAbove4', label: 'Area above 4 P/m² at some time', unit: 'm²', better: 'lower' }, value: (s) => s.headline.areaAbove4M2 },
    { measure: { key: 'egressP50S', label: 'Egress time, half of people out', unit: 's', better: 'lower' }, value: (s) => s.egress.p50S },
    { measure: { key: 'remaining', label: 'People still inside at the end', unit: 'people', better: 'lower' }, value: (s) => s.egress.remaining },
  ];
  for (const zone of Object.keys(summary.zones)) {
    list.push({ measure: { key: `zone:${zone}:maxDensity`, label: `${zone}: peak density`, unit: 'P/m²', better: 'lower' }, value: (s) => s.zones[zone]?.maxDensityPerM2 ?? null });
    list.push({ measure: { key: `zone:${zone}:secondsAbove4`, label: `${zone}: time above 4 P/m²`, unit: 's', better: 'lower' }, value: (s) => s.zones[zone]?.secondsAbove['4'] ?? null });
  }
  for (const line of Object.keys(summary.flows)) {
    list.push({ measure: { key: `line:${line}:peakFlow`, label: `${line}: peak specific flow`, unit: 'P/(m s)', better: 'lower' }, value: (s) => s.flows[line]?.peakSpecificFlowPerMS ?? null });
  }
  for (const stop of Object.keys(summary.queues)) {
    list.push({ measure: { key: `queue:${stop}:maxQueue`, label: `${stop}: most people waiting`, unit: 'people', better: 'lower' }, value: (s) => s.queues[stop]?.maxQueue ?? null });
    list.push({ measure: { key: `queue:${stop}:p95WaitS`, label: `${stop}: 95th percentile wait`, unit: 's', better: 'lower' }, value: (s) => s.queues[stop]?.p95WaitS ?? null });
  }
  return list;
}

/** Every measure of every variant over the seeds: mean, sd (n - 1), range. */
function compareVariants(variants: { id: string; description: string }[], seeds: number[], resultOf: (variant: string, seed: number) => RehearsalRun): PlannerComparison {
  const measures = comparedMeasures(resultOf(BASELINE, seeds[0]).planner);
  const table: PlannerComparison['table'] = {};
  for (const variant of variants) {
    table[variant.id] = {};
    for (const { measure, value } of measures) {
      const values = seeds.map((seed) => value(resultOf(variant.id, seed).planner)).filter((v): v is number => v !== null);
      table[variant.id][measure.key] = spreadOf(values);
    }
  }
  return { seeds, variants: variants.map(({ id, description }) => ({ id, description })), measures: measures.map(({ measure }) => measure), table };
}

function spreadOf(values: number[]): Spread | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { mean: r(mean), sd: r(sd), min: r(Math.min(...values)), max: r(Math.max(...values)), n: values.length };
}

/** The lines printed after a rehearsal. */
function headlineLines(report: RehearsalReport, wallS: number, out: string): string[] {
  const h = report.planner.headline;
  const e = report.planner.egress;
  const flag = (value: number, threshold: number): string => (value > threshold ? ' (above the danger threshold)' : '');
  const lines = [
    `${report.scenario.name} (seed ${report.seeds[0]}${report.seeds.length > 1 ? `-${report.seeds[report.seeds.length - 1]}` : ''}, scale ${report.scale})`,
    `  ${report.run.pedestrians.spawned} people over ${clock(report.run.simulatedS)} simulated in ${wallS.toFixed(1)} s (${(report.run.simulatedS * (report.variants.length * report.seeds.length) / wallS).toFixed(0)} x real time); most inside at once: ${h.maxPeopleInside} at ${clock(h.maxPeopleAtS)}`,
    `  peak density ${h.peakDensityPerM2.toFixed(2)} P/m² (2 m x 2 m) at ${clock(h.peakAtS)}${h.peakZone ? ` in ${h.peakZone}` : ''}${flag(h.peakDensityPerM2, 4)}; above 4 P/m² for ${h.secondsAbove4.toFixed(0)} s over ${h.areaAbove4M2} m², above 5 for ${h.secondsAbove5.toFixed(0)} s; worst level of service ${h.worstLevel}`,
    `  egress from ${e.moment ?? 'the start'} (${clock(e.fromS)}): half out in ${fmt(e.p50S)}, 95 % in ${fmt(e.p95S)}, all in ${fmt(e.allOutS)}${e.remaining > 0 ? `; ${e.remaining} still inside at the end` : ''}`,
  ];
  if (report.planner.bottlenecks.length > 0) lines.push(`  bottlenecks: ${report.planner.bottlenecks.slice(0, 3).map((b) => `${b.id} (${(100 * b.saturation).toFixed(0)} %)`).join(', ')}`);
  if (report.comparison) {
    const c = report.comparison;
    for (const key of ['egressP95S', 'peakDensity', 'secondsAbove4']) {
      const measure = c.measures.find((m) => m.key === key)!;
      lines.push(`  ${measure.label}: ${c.variants.map((v) => `${v.id} ${spreadText(c.table[v.id][key])}`).join(' | ')}`);
    }
  }
  lines.push(`  report: ${join(out, 'report.html')}`);
  return lines;
}

function spreadText(spread: Spread | null): string {
  if (spread === null) return 'n/a';
  return spread.n > 1 ? `${spread.mean.toFixed(1)} ± ${spread.sd.toFixed(1)}` : spread.mean.toFixed(1);
}

function fmt(seconds: number | null): string {
  return seconds === null ? 'not within the run' : `${seconds.toFixed(0)} s`;
}

/** Seconds as h:mm:ss. */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function positiveNumber(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 100) throw new UsageError(`${option}: expected a number above 0 (at most 100), got ${JSON.stringify(text)}`);
  return value;
}
