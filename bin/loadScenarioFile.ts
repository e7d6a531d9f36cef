/**
 * Loading a scenario file for the CLI, with its city when it names one: read the text, parse it,
 * and when it has `"city": PATH` (relative to the scenario file) read the city model (or import
 * the .osm / .geojson on the fly) and resolve the scenario's area and places against it
 * (city-models/scenario/resolveCityScenario.ts) before the engine's checks.
 * Throws UsageError (unreadable files), CityImportError (city data, places) or ScenarioError.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { parseScenarioJson, validateScenario, type Scenario } from '../engine/index.ts';
import { scenarioCityPath } from '../city-models/scenario/resolveCityScenario.ts';
import { placeScenario } from '../city-models/scenario/placeScenario.ts';
import { readScenarioFile } from './readScenarioFile.ts';

/** The checked scenario of a file, placed in its city if it names one. */
export function loadScenarioFile(path: string): Scenario {
  const raw = parseScenarioJson(readScenarioFile(path), path);
  const cityPath = scenarioCityPath(raw);
  if (cityPath === undefined) return validateScenario(raw, path);
  const cityFile = isAbsolute(cityPath) ? cityPath : join(dirname(path), cityPath);
  return validateScenario(placeScenario(raw, readScenarioFile(cityFile, 'city file'), cityFile, path).scenario, path);
}
