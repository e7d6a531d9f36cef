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
  /**
   * A raster over the bounding box (`maskCellM` cells): 0 wholly outside the polygon, 1 wholly
   * inside, 2 crossed by its outline (there the exact test decides). Sampling then tests a point
   * against the polygon only near its outline: with tens of thousands of people and polygons of
   * hundreds of vertices (a promenade, a beach) the exact test every step was most of the cost.
   */
  maskCellM: number;
  maskColumns: number;
  mask: Uint8Array;
}

/** Cells of an area's raster, at most (their size grows with the area, from 0.5 m). */
const MASK_MAX_CELLS = 65536;
const MASK_MIN_CELL_M = 0.5;

/** Runtime state of an area from its spec, for a clock of `stepS` seconds. */
export function createMeasurementArea(spec: MeasurementAreaSpec, stepS: number): MeasurementArea {
  const [minX, minY, maxX, maxY] = polygonBounds(spec.polygon);
  return {
    id: spec.id, polygon: spec.polygon, areaM2: areaM2(spec.polygon), minX, minY, maxX, maxY,
    fromTick: Math.round((spec.fromS ?? 0) / stepS),
    toTick: spec.toS === undefined ? Infinity : Math.round(spec.toS / stepS),
    samples: 0, densitySum: 0, maxDensityPerM2: 0, maxDensityAtS: 0, speedSamples: 0, speedSum: 0,
    ...rasterOf(spec.polygon, minX, minY, maxX, maxY),
  };
}

/**
 * The area's raster: cells an edge passes through are marked 2 (each edge is walked in steps of
 * half a cell, marking the cell of each point and its eight neighbours, so that no crossed cell
 * is missed); the others are wholly inside or outside, as their centre.
 */
function rasterOf(polygon: PolygonM, minX: number, minY: number, maxX: number, maxY: number): { maskCellM: number; maskColumns: number; mask: Uint8Array } {
  const cellM = Math.max(MASK_MIN_CELL_M, Math.sqrt(((maxX - minX) * (maxY - minY)) / MASK_MAX_CELLS));
  const columns = Math.max(1, Math.ceil((maxX - minX) / cellM));
  const rows = Math.max(1, Math.ceil((maxY - minY) / cellM));
  const mask = new Uint8Array(columns * rows);
  const mark = (x: number, y: number): void => {
    const c = Math.floor((x - minX) / cellM), r = Math.floor((y - minY) / cellM);
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const cc = c + dc, rr = r + dr;
        if (cc >= 0 && cc < columns && rr >= 0 && rr < rows) mask[rr * columns + cc] = 2;
      }
    }
  };
  for (let k = 0; k < polygon.length; k++) {
    const [ax, ay] = polygon[k];
    const [bx, by] = polygon[(k + 1) % polygon.length];
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (cellM / 2)));
    for (let s = 0; s <= steps; s++) mark(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps);
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const cell = r * columns + c;
      if (mask[cell] === 0 && pointInPolygon(minX + (c + 0.5) * cellM, minY + (r + 0.5) * cellM, polygon)) mask[cell] = 1;
    }
  }
  return { maskCellM: cellM, maskColumns: columns, mask };
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

/** True when the point is inside the area polygon (bounding box, then the raster, then the polygon near its outline). */
export function isInsideArea(area: MeasurementArea, xM: number, yM: number): boolean {
  if (xM < area.minX || xM > area.maxX || yM < area.minY || yM > area.maxY) return false;
  const c = Math.min(area.maskColumns - 1, Math.floor((xM - area.minX) / area.maskCellM));
  const r = Math.floor((yM - area.minY) / area.maskCellM);
  const cell = area.mask[Math.min(area.mask.length / area.maskColumns - 1, r) * area.maskColumns + c];
  if (cell !== 2) return cell === 1;
  return pointInPolygon(xM, yM, area.polygon);
}
