/**
 * A measurement area (RiMEA test 4; classic density method of PedPy/JPSreport "method A/B"):
 * at each step inside its time window it counts the agents inside the polygon, giving the
 * density N/A in persons per m², and averages their walked speed. It reports the mean and the
 * maximum density over the window and the mean speed (mean over samples of the mean speed of
 * the agents inside; samples with nobody inside do not count toward the speed).
 */
import type { MeasurementAreaSpec, PolygonM } from '../scenario/Scenario.ts';
import { areaM2, pointInPolygon, polygonBounds } from '../geometry/polygon.ts';

export interface MeasurementArea {
  id: string;
  polygon: PolygonM;
  areaM2: number;
  minX: number; minY: number; maxX: number; maxY: number;
  fromTick: number;
  /** Last tick measured (inclusive); Infinity for the end of the run. */
  toTick: number;
  samples: number;
  densitySum: number;
  maxDensityPerM2: number;
  maxDensityAtS: number;
  speedSamples: number;
  speedSum: number;
}

/** Runtime state of an area from its spec, for a clock of `stepS` seconds. */
export function createMeasurementArea(spec: MeasurementAreaSpec, stepS: number): MeasurementArea {
  const [minX, minY, maxX, maxY] = polygonBounds(spec.polygon);
  return {
    id: spec.id, polygon: spec.polygon, areaM2: areaM2(spec.polygon), minX, minY, maxX, maxY,
    fromTick: Math.round((spec.fromS ?? 0) / stepS),
    toTick: spec.toS === undefined ? Infinity : Math.round(spec.toS / stepS),
    samples: 0, densitySum: 0, maxDensityPerM2: 0, maxDensityAtS: 0, speedSamples: 0, speedSum: 0,
  };
}

/** Adds one sample at time `timeS` from `count` agents inside with a summed speed `speedSumMps`. */
export function addAreaSample(area: MeasurementArea, count: number, speedSumMps: number, timeS: number): void {
  const density = count / area.areaM2;
  area.samples++;
  area.densitySum += density;
  if (density > area.maxDensityPerM2) {
    area.maxDensityPerM2 = density;
    area.maxDensityAtS = timeS;
  }
  if (count > 0) {
    area.speedSamples++;
    area.speedSum += speedSumMps / count;
  }
}

/** True when the point is inside the area polygon (bounding box first). */
export function isInsideArea(area: MeasurementArea, xM: number, yM: number): boolean {
  if (xM < area.minX || xM > area.maxX || yM < area.minY || yM > area.maxY) return false;
  return pointInPolygon(xM, yM, area.polygon);
}
