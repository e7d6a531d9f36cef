/**
 * Street lights of a scenario placed in a city: `sensors.lighting.cityLamps` (`{"lux": 15,
 * "radiusM": 12}`) turns every street lamp the city maps inside the simulated area (OSM
 * `highway=street_lamp`) into a street light of `sensors.lighting.streetLights`: a disc of
 * `radiusM` around the lamp (a 16-sided polygon) adding `lux` at full `level`, named by the
 * lamp's id, after any lights the scenario gives itself. EN 13201-2 lights pedestrian areas to an
 * average of 2 to 15 lux (classes P6 to P1); one lamp on a 4 to 6 m column lights a pool of
 * about 10 to 15 m radius. `cityLamps` is removed once resolved. Problems on its path.
 */
import type { CityModel } from '../CityModel.ts';
import type { BoxXY } from '../walkable/walkableSpaceOf.ts';

type Json = Record<string, unknown>;
const SIDES = 16;
/** Default radius of a lamp's pool of light, m. */
export const LAMP_RADIUS_M = 12;

/** Resolves `cityLamps` of `lighting` (modified in place). */
export function resolveStreetLamps(lighting: Json, city: CityModel, box: BoxXY | undefined, report: (path: string, message: string) => void): void {
  const spec = lighting.cityLamps as Json | undefined;
  if (spec === undefined) return;
  delete lighting.cityLamps;
  const path = 'sensors.lighting.cityLamps';
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    report(path, 'expected {"lux": LUX, "radiusM": R, "level": L} (radiusM and level optional)');
    return;
  }
  const lux = spec.lux, radiusM = spec.radiusM ?? LAMP_RADIUS_M, level = spec.level ?? 1;
  for (const key of Object.keys(spec)) if (!['lux', 'radiusM', 'level'].includes(key)) report(`${path}.${key}`, 'unknown field (allowed: lux, radiusM, level)');
  if (typeof lux !== 'number' || !(lux >= 0)) report(`${path}.lux`, 'expected the illuminance each lamp gives at full level, lux (a number >= 0)');
  if (typeof radiusM !== 'number' || !(radiusM > 0)) report(`${path}.radiusM`, 'expected the radius of a lamp\'s pool of light, m (a number > 0)');
  if (typeof level !== 'number' || !(level >= 0 && level <= 1)) report(`${path}.level`, 'expected a dimming level from 0 (off) to 1 (full)');
  if (typeof lux !== 'number' || typeof radiusM !== 'number' || typeof level !== 'number') return;
  const inside = (x: number, y: number) => box === undefined || (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY);
  const lamps = city.pois.filter((poi) => poi.kind === 'street_lamp' && inside(poi.at[0], poi.at[1]));
  if (lamps.length === 0) {
    report(path, `the city model ${city.name} maps no street lamp (highway=street_lamp) inside the area`);
    return;
  }
  const lights = Array.isArray(lighting.streetLights) ? (lighting.streetLights as unknown[]) : [];
  for (const lamp of lamps) {
    const polygon: [number, number][] = [];
    for (let k = 0; k < SIDES; k++) {
      const angle = (2 * Math.PI * k) / SIDES;
      polygon.push([round3(lamp.at[0] + radiusM * Math.cos(angle)), round3(lamp.at[1] + radiusM * Math.sin(angle))]);
    }
    lights.push({ id: lamp.id, polygon, lux, level });
  }
  lighting.streetLights = lights;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
