/**
 * The scene's lighting as the cameras see it: the ambient (sky) illuminance over time and the
 * street lights, each adding `lux x level` inside its polygon. Levels change during a run
 * (`setStreetLightLevel`, for actuators). Without a lighting spec it is daylight everywhere.
 * Owned by the world's sensors.
 */
import { distanceToPolygonBoundaryM, pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
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
  /** The street lights' illuminance on a raster, for the cameras (see `LightRaster`). */
  raster: LightRaster;
}

/** Side of a light-raster cell, m (coarser when the lights span a very large box). */
export const LIGHT_RASTER_CELL_M = 1;
/** Most cells a light raster may have (a coarser cell beyond). */
const MAX_LIGHT_RASTER_CELLS = 4_000_000;

/**
 * The street lights' part of the illuminance (the sum of `level x lux` of the lights covering a
 * point) on a raster over the lights' box, so that a camera reads it with one lookup. A cell that
 * some lit light's polygon edge passes through (the cell is partly in, partly out) holds NaN: the
 * exact sum (`illuminanceAt`) decides there. The value is exact elsewhere (the ambient is added
 * when read, so a day/night profile changes nothing here). Rebuilt lazily, from each light's
 * precomputed cell mask, when a level differs from the one it was built with (`refreshLightRaster`).
 */
export interface LightRaster {
  originXM: number;
  originYM: number;
  cellM: number;
  columns: number;
  rows: number;
  /** Street-light illuminance per cell, lux; NaN where a lit light's edge crosses the cell. */
  streetLux: Float64Array;
  /** Per light: its cell box (c0, r0, columns, rows) and mask (0 outside, 1 inside, 2 edge). */
  maskBox: Int32Array;
  masks: Uint8Array[];
  /** The levels the raster was built with (NaN: never built). */
  builtLevel: Float64Array;
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
    raster: buildLightRaster(lights.map((light) => light.polygon), bounds),
  };
}

function buildLightRaster(polygons: PolygonM[], bounds: Float64Array): LightRaster {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < polygons.length; k++) {
    minX = Math.min(minX, bounds[4 * k]); minY = Math.min(minY, bounds[4 * k + 1]);
    maxX = Math.max(maxX, bounds[4 * k + 2]); maxY = Math.max(maxY, bounds[4 * k + 3]);
  }
  if (polygons.length === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  const area = (maxX - minX + 1) * (maxY - minY + 1);
  const cellM = Math.max(LIGHT_RASTER_CELL_M, Math.sqrt(area / MAX_LIGHT_RASTER_CELLS));
  const originXM = minX, originYM = minY;
  const columns = Math.ceil((maxX - minX) / cellM) + 1, rows = Math.ceil((maxY - minY) / cellM) + 1;
  const maskBox = new Int32Array(4 * polygons.length);
  const half = cellM / 2, halfDiagonal = cellM * Math.SQRT1_2;
  const masks = polygons.map((polygon, k) => {
    const c0 = Math.floor((bounds[4 * k] - originXM) / cellM), r0 = Math.floor((bounds[4 * k + 1] - originYM) / cellM);
    const c1 = Math.min(columns - 1, Math.floor((bounds[4 * k + 2] - originXM) / cellM)), r1 = Math.min(rows - 1, Math.floor((bounds[4 * k + 3] - originYM) / cellM));
    const w = c1 - c0 + 1, h = r1 - r0 + 1;
    maskBox.set([c0, r0, w, h], 4 * k);
    const mask = new Uint8Array(w * h);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const x = originXM + (c0 + c) * cellM + half, y = originYM + (r0 + r) * cellM + half;
        // Uniform when the cell's centre is farther from the outline than the cell's corners.
        const uniform = distanceToPolygonBoundaryM(x, y, polygon) > halfDiagonal * 1.0001;
        mask[r * w + c] = !uniform ? 2 : pointInPolygon(x, y, polygon) ? 1 : 0;
      }
    }
    return mask;
  });
  return {
    originXM, originYM, cellM, columns, rows, streetLux: new Float64Array(columns * rows), maskBox, masks,
    builtLevel: new Float64Array(polygons.length).fill(Number.NaN),
  };
}

/**
 * Brings the light raster up to date with the lights' levels (a no-op when none changed since
 * the last call). Called once per step by the cameras, before their frames.
 */
export function refreshLightRaster(lighting: Lighting): void {
  const raster = lighting.raster;
  let changed = false;
  for (let k = 0; k < lighting.level.length; k++) {
    if (raster.builtLevel[k] !== lighting.level[k]) {
      changed = true;
      break;
    }
  }
  if (!changed) return;
  const { streetLux, maskBox, masks, columns } = raster;
  streetLux.fill(0);
  // In light order, as illuminanceAt sums them.
  for (let k = 0; k < masks.length; k++) {
    const level = lighting.level[k];
    raster.builtLevel[k] = level;
    if (level <= 0) continue;
    const add = level * lighting.lux[k];
    const c0 = maskBox[4 * k], r0 = maskBox[4 * k + 1], w = maskBox[4 * k + 2], h = maskBox[4 * k + 3];
    const mask = masks[k];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const m = mask[r * w + c];
        if (m === 0) continue;
        const cell = (r0 + r) * columns + c0 + c;
        streetLux[cell] = m === 2 ? Number.NaN : streetLux[cell] + add;
      }
    }
  }
}

/**
 * Street-light illuminance at a point from the raster, lux, or NaN where the exact sum must
 * decide (a lit light's edge crosses the cell). 0 outside the lights' box.
 */
export function streetLuxAt(raster: LightRaster, xM: number, yM: number): number {
  const c = Math.floor((xM - raster.originXM) / raster.cellM);
  const r = Math.floor((yM - raster.originYM) / raster.cellM);
  if (c < 0 || r < 0 || c >= raster.columns || r >= raster.rows) return 0;
  return raster.streetLux[r * raster.columns + c];
}

/** Bytes held by the light raster and its masks. */
export function lightRasterBytes(raster: LightRaster): number {
  return raster.streetLux.byteLength + raster.masks.reduce((sum, mask) => sum + mask.byteLength, 0);
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
