/**
 * Loading a scenario file for the CLI, with its city when it names one: read the text, parse it,
 * and when it has `"city": PATH` (relative to the scenario file) read the city model (or import
 * the .osm / .geojson on the fly) and resolve the scenario's area and places against it
 * (city-models/scenario/resolveCityScenario.ts) before the engine's checks; recordings named by
 * `replays[].file` are read into their tracks (engine/replay/parseTrajectories.ts).
 * Throws UsageError (unreadable files), CityImportError (city data, places) or ScenarioError.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { parseScenarioJson, validateScenario, type Scenario } from '../engine/index.ts';
import { scenarioCityPath } from '../city-models/scenario/resolveCityScenario.ts';
import { placeScenario } from '../city-models/scenario/placeScenario.ts';
import { readScenarioFile } from './readScenarioFile.ts';
import { ScenarioError } from '../engine/index.ts';
import { parseTrajectories, TrajectoryFormatError, type TrajectoryFormat } from '../engine/replay/parseTrajectories.ts';

/** The checked scenario of a file, placed in its city if it names one, with its recordings read. */
export function loadScenarioFile(path: string): Scenario {
  return loadScenarioValue(readScenarioJson(path), path).scenario;
}

/** The parsed JSON of a scenario file (not yet checked), e.g. to patch it for a variant. */
export function readScenarioJson(path: string): unknown {
  return parseScenarioJson(readScenarioFile(path), path);
}

/**
 * A parsed scenario value of the file `path` (its city and recordings are found relative to
 * it), checked and placed; `label` names it in messages (default: the path; a variant says
 * which). With a city, its origin in WGS84 degrees (for exports), else null.
 */
export function loadScenarioValue(raw: unknown, path: string, label = path): { scenario: Scenario; origin: { lonDeg: number; latDeg: number } | null } {
  readReplays(raw, label, path);
  const cityPath = scenarioCityPath(raw);
  if (cityPath === undefined) return { scenario: validateScenario(raw, label), origin: null };
  const cityFile = isAbsolute(cityPath) ? cityPath : join(dirname(path), cityPath);
  const placed = placeScenario(raw, readScenarioFile(cityFile, 'city file'), cityFile, label);
  return { scenario: validateScenario(placed.scenario, label), origin: placed.city.origin };
}

/**
 * Reads the recordings named by `replays[].file` (relative to the scenario) into their `tracks`,
 * in the given format, frame time and unit; a bad line is a ScenarioError naming the replay's
 * path, the recording and the line.
 */
function readReplays(raw: unknown, label: string, path: string): void {
  const replays = (raw as { replays?: unknown } | null)?.replays;
  if (!Array.isArray(replays)) return;
  replays.forEach((replay: Record<string, unknown> | null, i) => {
    if (replay === null || typeof replay !== 'object' || typeof replay.file !== 'string' || replay.tracks !== undefined) return;
    const file = isAbsolute(replay.file) ? replay.file : join(dirname(path), replay.file);
    const format = (replay.format ?? 'eth-ucy') as TrajectoryFormat;
    if (!['eth-ucy', 'juelich', 'vigie'].includes(format)) return; // the schema reports it
    const frameS = typeof replay.frameS === 'number' ? replay.frameS : 1;
    const unitM = typeof replay.unitM === 'number' ? replay.unitM : 1;
    try {
      replay.tracks = parseTrajectories(readScenarioFile(file, 'recording'), format, frameS, unitM);
    } catch (error) {
      if (!(error instanceof TrajectoryFormatError)) throw error;
      throw new ScenarioError(label, [{ path: `replays[${i}].file`, message: `${file}: ${error.message}` }]);
    }
  });
}
