/**
 * A scenario with its city, from texts: what the CLI (files) and the browser app (bundled or
 * fetched text) both do. Parsed scenario value in, plain scenario value out (for the engine's
 * `validateScenario`); the city is a city.json or .osm / .geojson text, imported if needed.
 */
import { loadCityModel } from '../loadCityModel.ts';
import { resolveCityScenario } from './resolveCityScenario.ts';
import type { CityModel } from '../CityModel.ts';

/** Resolves a parsed scenario against a city given as text. Throws `CityImportError` only. */
export function placeScenario(value: unknown, cityText: string, cityFileName: string, scenarioFileName: string): { scenario: unknown; city: CityModel } {
  const city = loadCityModel(cityText, cityFileName);
  return { scenario: resolveCityScenario(value, city, scenarioFileName), city };
}
