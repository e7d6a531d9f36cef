/**
 * The city's street lamps as a scenario's street lights (`sensors.lighting.cityLamps`): every
 * lamp mapped inside the area becomes a disc of light around it, named by the lamp, after the
 * scenario's own lights; mistakes name the path; without a city it is refused.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCity } from '../../city-models/importCity.ts';
import { resolveCityScenario } from '../../city-models/scenario/resolveCityScenario.ts';
import { CityImportError } from '../../city-models/CityImportError.ts';
import { ScenarioError, validateScenario } from '../../engine/index.ts';

const FILE = resolve(import.meta.dirname, '../../city-models/default/district.geojson');
const district = importCity(readFileSync(FILE, 'utf8'), FILE);
// The seafront promenade: its lamps stand every 40 m at y = -274.5 (city-models/generate/draftPois.ts).
const seafront = (lighting: object) => ({
  name: 'lamps', city: 'district.geojson', seed: 1, durationS: 10,
  geometry: { area: { bbox: [-200, -300, 200, -250] }, exits: [{ id: 'west', place: { edge: 'west' } }] },
  pedestrians: [],
  sensors: { lighting },
});

function problemsOf(value: object): string[] {
  try {
    resolveCityScenario(value, district, 'lamps.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CityImportError);
    return (error as CityImportError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('the city\'s street lamps as street lights', () => {
  it('lights a disc of the given radius around every lamp inside the area, after the scenario\'s own lights', () => {
    const own = { id: 'stage', polygon: [[0, -260], [10, -260], [10, -250], [0, -250]], lux: 50 };
    const placed = resolveCityScenario(seafront({ ambientLux: 2, cityLamps: { lux: 15, radiusM: 10, level: 0.5 }, streetLights: [own] }), district, 'lamps.json') as Record<string, any>;
    const lights = placed.sensors.lighting.streetLights as { id: string; polygon: [number, number][]; lux: number; level: number }[];
    const lamps = district.pois.filter((poi) => poi.kind === 'street_lamp' && poi.at[0] >= -200 && poi.at[0] <= 200 && poi.at[1] >= -300 && poi.at[1] <= -250);
    // -190, -150, ..., 190: ten lamps.
    expect(lamps.length).toBe(10);
    expect(placed.sensors.lighting.cityLamps).toBeUndefined();
    expect(lights[0]).toEqual(own);
    expect(lights.slice(1).map((light) => light.id)).toEqual(lamps.map((lamp) => lamp.id));
    lights.slice(1).forEach((light, k) => {
      expect(light).toMatchObject({ lux: 15, level: 0.5 });
      expect(light.polygon.length).toBe(16);
      for (const [x, y] of light.polygon) expect(Math.hypot(x - lamps[k].at[0], y - lamps[k].at[1])).toBeCloseTo(10, 2);
    });
    // The placed scenario is a valid one.
    expect(() => validateScenario(placed, 'lamps.json')).not.toThrow();
  });

  it('names what is wrong, and needs lamps in the area', () => {
    expect(problemsOf(seafront({ cityLamps: { lux: -1, radiusM: 0, colour: 'warm' } }))).toEqual([
      'sensors.lighting.cityLamps.colour: unknown field (allowed: lux, radiusM, level)',
      'sensors.lighting.cityLamps.lux: expected the illuminance each lamp gives at full level, lux (a number >= 0)',
      "sensors.lighting.cityLamps.radiusM: expected the radius of a lamp's pool of light, m (a number > 0)",
    ]);
    const inland = { ...seafront({ cityLamps: { lux: 10 } }), geometry: { area: { bbox: [-100, -100, 100, 0] }, exits: [{ id: 'west', place: { edge: 'west' } }] } };
    expect(problemsOf(inland)).toEqual([expect.stringMatching(/^sensors\.lighting\.cityLamps: the city model .* maps no street lamp \(highway=street_lamp\) inside the area$/)]);
  });

  it('is refused without a city', () => {
    const room = { name: 'room', seed: 1, durationS: 10, geometry: { walkable: [[[0, 0], [10, 0], [10, 10], [0, 10]]], exits: [{ id: 'e', polygon: [[10, 4], [11, 4], [11, 6], [10, 6]] }] }, pedestrians: [], sensors: { lighting: { cityLamps: { lux: 10 } } } };
    try {
      validateScenario(room, 'room.json');
      expect.fail('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).problems).toEqual([{ path: 'sensors.lighting.cityLamps', message: 'the city\'s street lamps need a city: give the scenario a "city" (or list streetLights with their polygons)' }]);
    }
  });
});
