/**
 * The vocabulary of the default district while it is being authored (see `defaultDistrict.ts`):
 * features as drafts in local metres (x east, y north), and the small helpers every drafting
 * step shares. Points are rounded to the millimetre so that a point computed twice the same way
 * is the same point, which is how lines that meet come to share a vertex.
 */
import type { XY } from '../CityModel.ts';
import { ringVertexCentroid } from '../geometry/rings.ts';

/** OpenStreetMap tags of one feature (string values only). */
export type Tags = Record<string, string>;

/** A line being authored, local metres. `layer` is 1 on bridges. */
export interface LineDraft {
  id: string;
  tags: Tags;
  pts: XY[];
  layer: number;
}

/** A polygon being authored: its outer ring, counter-clockwise, not closed, local metres. */
export interface AreaDraft {
  id: string;
  tags: Tags;
  ring: XY[];
}

/** A point feature being authored, local metres. */
export interface PointDraft {
  id: string;
  tags: Tags;
  at: XY;
}

/** Axis-aligned box: minX, minY, maxX, maxY, metres. */
export type Box = [number, number, number, number];

/** Rounds metres to the millimetre, so that a point computed twice the same way is the same point. */
export function mm(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The point (x, y), local metres, rounded to the millimetre. */
export function pt(x: number, y: number): XY {
  return [mm(x), mm(y)];
}

/** Distance between two points, metres. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** A deterministic hash of integers to [0, 1) (a 32-bit integer finaliser; no Math.random). */
export function hash01(a: number, b: number, c: number): number {
  let h = Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul((b | 0) + 0x3c6ef372, 0x165667b1) ^ Math.imul((c | 0) + 0x1b873593, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The bounding box of some points, grown by `marginM` on every side, metres. */
export function boxOf(pts: XY[], marginM = 0): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of pts) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX - marginM, minY - marginM, maxX + marginM, maxY + marginM];
}

/** True when two boxes overlap or touch. */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The centroid of a ring's vertices (not closed), local metres, rounded to the millimetre. */
export function centroid(ring: XY[]): XY {
  const [x, y] = ringVertexCentroid(ring);
  return pt(x, y);
}
