/**
 * A city model from a file's text: a `city.json` written by `vigie import` (checked for its
 * format and version), or OpenStreetMap XML / GeoJSON imported on the fly. Throws
 * `CityImportError` only.
 */
import type { CityModel } from './CityModel.ts';
import { CityImportError } from './CityImportError.ts';
import { importCity } from './importCity.ts';

/** Parses a city model or imports city data, by content. */
export function loadCityModel(text: string, fileName: string): CityModel {
  const head = text.trimStart().slice(0, 4096);
  if (!head.startsWith('{') || !/"format"\s*:\s*"vigie-city"/.test(head)) return importCity(text, fileName);
  let model: Partial<CityModel>;
  try {
    model = JSON.parse(text) as Partial<CityModel>;
  } catch (error) {
    throw new CityImportError(fileName, [{ path: '(root)', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  if (model.version !== 1) throw new CityImportError(fileName, [{ path: 'version', message: `expected version 1 of the Vigie city format, found ${JSON.stringify(model.version)} (re-import the data with this version of vigie)` }]);
  const missing = (['origin', 'buildings', 'walkways', 'walkAreas', 'roads', 'pois', 'stops', 'pedestrianGraph', 'roadGraph'] as const).filter((key) => model[key] === undefined);
  if (missing.length > 0) throw new CityImportError(fileName, [{ path: '(root)', message: `not a complete Vigie city model: missing ${missing.join(', ')}` }]);
  const origin = model.origin as { lonDeg?: unknown; latDeg?: unknown };
  if (typeof origin.lonDeg !== 'number' || typeof origin.latDeg !== 'number' || !(Math.abs(origin.latDeg) <= 85) || !(Math.abs(origin.lonDeg) <= 180)) {
    throw new CityImportError(fileName, [{ path: 'origin', message: `expected {"lonDeg", "latDeg"} in degrees (latitude within ±85), found ${JSON.stringify(model.origin)}` }]);
  }
  // Models written before barriers were imported have none.
  model.barriers ??= [];
  return model as CityModel;
}
