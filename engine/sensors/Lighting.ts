/**
 * The scene's lighting as the cameras see it: the ambient (sky) illuminance over time and the
 * street lights, each adding `lux x level` inside its polygon. Levels change during a run
 * (`setStreetLightLevel`, for actuators). Without a lighting spec it is daylight everywhere.
 * Owned by the world's sensors.
 */
import { pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
import type { LightingSpec, PolygonM } from '../scenario/Scenario.ts';
import { DAYLIGHT_LUX } from './cameraModel.ts';

export interface Lighting {
  /** Ambient profile: times, s, and illuminances, lux (one point for a constant). */
  ambientTimesS: Float64Array;
  ambientLux: Float64Array;
  lightIds: string[];
  polygons: PolygonM[];
  /** Per light: minX, minY, maxX, maxY. */
  bounds: Float64Array;
  /** Per light: illuminance at full level, lux, and the current level in [0, 1]. */
  lux: Float64Array;
  level: Float64Array;
}

/** The lighting of a spec (daylight when absent). */
export function buildLighting(spec: LightingSpec | undefined): Lighting {
  const ambient = spec === undefined ? DAYLIGHT_LUX : (spec.ambientLux ?? 0);
  const profile: [number, number][] = typeof ambient === 'number' ? [[0, ambient]] : ambient;
  const lights = spec?.streetLights ?? [];
  const bounds = new Float64Array(4 * lights.length);
  lights.forEach((light, k) => bounds.set(polygonBounds(light.polygon), 4 * k));
  return {
    ambientTimesS: Float64Array.from(profile, (p) => p[0]),
    ambientLux: Float64Array.from(profile, (p) => p[1]),
    lightIds: lights.map((light) => light.id),
    polygons: lights.map((light) => light.polygon),
    bounds,
    lux: Float64Array.from(lights, (light) => light.lux),
    level: Float64Array.from(lights, (light) => light.level ?? 1),
  };
}

/** Ambient illuminance at a time, lux: the profile interpolated linearly, constant beyond its ends. */
export function ambientLuxAt(lighting: Lighting, timeS: number): number {
  const times = lighting.ambientTimesS, lux = lighting.ambientLux;
  const n = times.length;
  if (timeS <= times[0]) return lux[0];
  if (timeS >= times[n - 1]) return lux[n - 1];
  let k = 1;
  while (times[k] < timeS) k++;
  const t = (timeS - times[k - 1]) / (times[k] - times[k - 1] || 1);
  return lux[k - 1] + t * (lux[k] - lux[k - 1]);
}

/** The street lights whose polygons meet a box (a camera's view), in order. */
export function lightsNear(lighting: Lighting, minX: number, minY: number, maxX: number, maxY: number): Int32Array {
  const found: number[] = [];
  for (let k = 0; k < lighting.lightIds.length; k++) {
    const b = 4 * k;
    if (lighting.bounds[b] <= maxX && lighting.bounds[b + 2] >= minX && lighting.bounds[b + 1] <= maxY && lighting.bounds[b + 3] >= minY) found.push(k);
  }
  return Int32Array.from(found);
}

/** Scene illuminance at a point, lux: the ambient value plus the lights (among `candidates`) covering it. */
export function illuminanceAt(lighting: Lighting, ambientLux: number, candidates: Int32Array, xM: number, yM: number): number {
  let lux = ambientLux;
  const bounds = lighting.bounds;
  for (let j = 0; j < candidates.length; j++) {
    const k = candidates[j];
    const level = lighting.level[k];
    if (level <= 0) continue;
    const b = 4 * k;
    if (xM < bounds[b] || xM > bounds[b + 2] || yM < bounds[b + 1] || yM > bounds[b + 3]) continue;
    if (pointInPolygon(xM, yM, lighting.polygons[k])) lux += level * lighting.lux[k];
  }
  return lux;
}

/**
 * Sets a street light's level (0 off to 1 full; clamped), as a dimming actuator does. Returns
 * false (and changes nothing) when the world has no such light.
 */
export function setStreetLightLevel(world: { sensors: { lighting: Lighting } | null }, lightId: string, level: number): boolean {
  const lighting = world.sensors?.lighting;
  const k = lighting ? lighting.lightIds.indexOf(lightId) : -1;
  if (!lighting || k < 0 || !Number.isFinite(level)) return false;
  lighting.level[k] = Math.min(1, Math.max(0, level));
  return true;
}
