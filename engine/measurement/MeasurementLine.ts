/**
 * A measurement line (JuPedSim/PedPy "measurement line", RiMEA flow measurement): counts the
 * agents whose step path crosses the segment from `from` to `to`, with the crossing time
 * interpolated inside the step. Crossings in both directions are counted, and also split by
 * side: `forward` is a crossing from the right of from->to to its left.
 */
import type { MeasurementLineSpec } from '../scenario/Scenario.ts';
import { createSeries, pushSeries, type GrowableSeries } from './GrowableSeries.ts';

export interface MeasurementLine {
  id: string;
  ax: number; ay: number; bx: number; by: number;
  minX: number; minY: number; maxX: number; maxY: number;
  crossings: number;
  forward: number;
  /** Crossing times in seconds, in the order they happened. */
  timesS: GrowableSeries;
}

/** Runtime state of a line from its spec. */
export function createMeasurementLine(spec: MeasurementLineSpec): MeasurementLine {
  const [ax, ay] = spec.from;
  const [bx, by] = spec.to;
  return {
    id: spec.id, ax, ay, bx, by,
    minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by),
    crossings: 0, forward: 0, timesS: createSeries(),
  };
}

/**
 * Records a crossing if the path (x0, y0) -> (x1, y1), walked between `startS` and
 * `startS + stepS`, crosses the line. Returns true on a crossing.
 */
export function recordLineCrossing(line: MeasurementLine, x0: number, y0: number, x1: number, y1: number, startS: number, stepS: number): boolean {
  if ((x0 < line.minX && x1 < line.minX) || (x0 > line.maxX && x1 > line.maxX)) return false;
  if ((y0 < line.minY && y1 < line.minY) || (y0 > line.maxY && y1 > line.maxY)) return false;
  const ex = line.bx - line.ax, ey = line.by - line.ay;
  const side0 = ex * (y0 - line.ay) - ey * (x0 - line.ax);
  const side1 = ex * (y1 - line.ay) - ey * (x1 - line.ax);
  // Half-open rule: a point exactly on the line counts as being on the left, so a path that
  // touches the line and comes back is not counted twice.
  const left0 = side0 >= 0, left1 = side1 >= 0;
  if (left0 === left1) return false;
  const px = x1 - x0, py = y1 - y0;
  const denom = px * ey - py * ex;
  if (denom === 0) return false;
  const t = ((line.ax - x0) * ey - (line.ay - y0) * ex) / denom; // along the path
  const u = ((line.ax - x0) * py - (line.ay - y0) * px) / denom; // along the line
  if (u < 0 || u > 1) return false;
  line.crossings++;
  if (left1) line.forward++;
  pushSeries(line.timesS, startS + Math.min(Math.max(t, 0), 1) * stepS);
  return true;
}
