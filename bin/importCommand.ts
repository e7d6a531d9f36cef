/**
 * `vigie import FILE.osm|FILE.geojson --out city.json [--bbox minLon,minLat,maxLon,maxLat]
 * [--origin lon,lat]`: imports city data into a city model (see `city-models/CityModel.ts`),
 * writes it atomically, and prints what was imported and what was skipped, by reason.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { importCity, type LonLatBox } from '../city-models/importCity.ts';
import type { CityModel } from '../city-models/CityModel.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { readScenarioFile } from './readScenarioFile.ts';
import { UsageError } from './UsageError.ts';

/** Options of `vigie import`, as commander parses them. */
export interface ImportCommandOptions {
  out: string;
  bbox?: string;
  origin?: string;
  name?: string;
  quiet?: boolean;
}

/** Parses `minLon,minLat,maxLon,maxLat` (degrees). */
export function parseBbox(text: string): LonLatBox {
  const parts = text.split(',').map((part) => Number(part.trim()));
  const [minLon, minLat, maxLon, maxLat] = parts;
  if (parts.length !== 4 || parts.some((value) => !Number.isFinite(value))) {
    throw new UsageError(`--bbox ${text}: expected four numbers minLon,minLat,maxLon,maxLat in degrees`);
  }
  if (minLon >= maxLon || minLat >= maxLat || Math.abs(minLat) > 90 || Math.abs(maxLat) > 90 || Math.abs(minLon) > 180 || Math.abs(maxLon) > 180) {
    throw new UsageError(`--bbox ${text}: expected minLon < maxLon and minLat < maxLat, within ±180 and ±90 degrees`);
  }
  return { minLon, minLat, maxLon, maxLat };
}

/** Parses `lon,lat` (degrees). */
export function parseOrigin(text: string): { lonDeg: number; latDeg: number } {
  const parts = text.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || parts.some((value) => !Number.isFinite(value)) || Math.abs(parts[0]) > 180 || Math.abs(parts[1]) > 85) {
    throw new UsageError(`--origin ${text}: expected lon,lat in degrees (latitude within ±85)`);
  }
  return { lonDeg: parts[0], latDeg: parts[1] };
}

/** Runs the import; throws UsageError or CityImportError on bad input. */
export function importCommand(inputPath: string, options: ImportCommandOptions): CityModel {
  const bbox = options.bbox === undefined ? undefined : parseBbox(options.bbox);
  const origin = options.origin === undefined ? undefined : parseOrigin(options.origin);
  checkWritable(options.out);
  const text = readScenarioFile(inputPath, 'city file');
  const model = importCity(text, inputPath, { bbox, origin, name: options.name });
  writeFileAtomic(options.out, `${JSON.stringify(model)}\n`);
  if (!options.quiet) process.stdout.write(formatImportReport(model, options.out));
  return model;
}

function checkWritable(out: string): void {
  try {
    if (statSync(out).isDirectory()) throw new UsageError(`--out ${out}: is a directory, expected a file name such as city.json`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  try {
    if (!statSync(dirname(out) || '.').isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`--out ${out}: the directory ${dirname(out)} does not exist`);
  }
}

/** The lines printed after an import. */
export function formatImportReport(model: CityModel, out: string): string {
  const { counts, skipped } = model.report;
  const lines = [
    `imported ${model.source.file} into ${out} (origin ${model.origin.lonDeg.toFixed(6)}, ${model.origin.latDeg.toFixed(6)}; ${Math.round(model.bounds.maxX - model.bounds.minX)} m x ${Math.round(model.bounds.maxY - model.bounds.minY)} m)`,
    `  buildings ${counts.buildings}, walkways ${counts.walkways}, walkable areas ${counts.walkAreas}, roads ${counts.roads}, rails ${counts.rails}, stops ${counts.stops}, points of interest ${counts.pois}, water ${counts.water}`,
    `  pedestrian graph ${counts.pedestrianNodes} nodes / ${counts.pedestrianEdges} edges; road graph ${counts.roadNodes} nodes / ${counts.roadEdges} edges, ${counts.junctions} junctions, ${counts.roadFringeNodes} fringe nodes`,
  ];
  const reasons = Object.entries(skipped).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) {
    lines.push(`  skipped ${reasons.reduce((sum, [, count]) => sum + count, 0)} features:`);
    for (const [reason, count] of reasons) lines.push(`    ${String(count).padStart(6)}  ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
