/**
 * Occlusion of camera views by obstacles with heights (2.5D): every edge of every obstacle ring
 * is a vertical wall from the ground up to its obstacle's height (`geometry.obstacleHeightsM`;
 * null or missing: infinitely high). A sight line from a camera at height hc to a target point
 * at height ht is blocked by an edge it crosses at fraction s of its length when the edge is
 * higher than the line there, hc + (ht - hc) s.
 *
 * The edges of the whole scenario sit in one flatbush index (`ObstacleEdges`, built once per
 * world); each camera then keeps only the edges within its range, binned by the bearings they
 * span as seen from it (`CameraOccluders`), so that a sight line tests only the edges in its own
 * half-degree bin. Owned by the world's sensors; plain typed arrays after construction.
 */
import Flatbush from 'flatbush';
import type { PolygonM } from '../scenario/Scenario.ts';

/** Crossings closer than this to the camera are ignored: a camera on a facade stands on its own building's outline, m. */
export const MOUNT_CLEARANCE_M = 1;
/** Bearing bins per turn of a camera's occluder index (half a degree each). */
const BEARING_BINS = 720;

/** Every obstacle edge of a scenario, with its height and a flatbush index of their boxes. */
export interface ObstacleEdges {
  count: number;
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  /** Height of each edge's obstacle, m (Infinity: occludes fully). */
  heightM: Float64Array;
  /** Flatbush index of the edges' boxes, or null when there are none. */
  index: Flatbush | null;
}

/** The edges of the obstacles that occlude (height > 0), indexed. */
export function buildObstacleEdges(obstacles: PolygonM[], heightsM: (number | null)[] | undefined): ObstacleEdges {
  let count = 0;
  obstacles.forEach((ring, k) => {
    if (occluderHeightM(heightsM, k) > 0) count += ring.length;
  });
  const edges: ObstacleEdges = {
    count,
    ax: new Float64Array(count), ay: new Float64Array(count), bx: new Float64Array(count), by: new Float64Array(count),
    heightM: new Float64Array(count),
    index: count > 0 ? new Flatbush(count) : null,
  };
  let e = 0;
  obstacles.forEach((ring, k) => {
    const heightM = occluderHeightM(heightsM, k);
    if (!(heightM > 0)) return;
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      edges.ax[e] = ax; edges.ay[e] = ay; edges.bx[e] = bx; edges.by[e] = by;
      edges.heightM[e] = heightM;
      edges.index!.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      e++;
    }
  });
  edges.index?.finish();
  return edges;
}

function occluderHeightM(heightsM: (number | null)[] | undefined, k: number): number {
  const h = heightsM?.[k];
  return h === undefined || h === null ? Infinity : h;
}

/** The edges that may hide something from one camera, binned by bearing. */
export interface CameraOccluders {
  xM: number;
  yM: number;
  heightM: number;
  /** Edges of bin b: edgeOf[binStart[b] .. binStart[b + 1]). */
  binStart: Int32Array;
  edgeOf: Int32Array;
  /** Parallel to edgeOf: the edge's least distance from the camera, m. */
  nearestM: Float64Array;
  edges: ObstacleEdges;
}

/** Bin of a math angle (radians, from +x counter-clockwise), in [0, BEARING_BINS). */
function binOfAngle(angleRad: number): number {
  let b = Math.floor(((angleRad + Math.PI) / (2 * Math.PI)) * BEARING_BINS);
  if (b < 0) b = 0;
  if (b >= BEARING_BINS) b = BEARING_BINS - 1;
  return b;
}

/** Indexes the edges within `rangeM` of a camera at (x, y), mounted `heightM` high. */
export function buildCameraOccluders(edges: ObstacleEdges, xM: number, yM: number, heightM: number, rangeM: number): CameraOccluders {
  const candidates = edges.index ? edges.index.search(xM - rangeM, yM - rangeM, xM + rangeM, yM + rangeM) : [];
  candidates.sort((a, b) => a - b);
  const nearestOf: number[] = [];
  const firstBin: number[] = [];
  const binCount: number[] = [];
  const kept: number[] = [];
  const counts = new Int32Array(BEARING_BINS + 1);
  for (const e of candidates) {
    const ax = edges.ax[e] - xM, ay = edges.ay[e] - yM, bx = edges.bx[e] - xM, by = edges.by[e] - yM;
    const nearest = distanceToOriginM(ax, ay, bx, by);
    if (nearest > rangeM) continue;
    nearestOf.push(nearest);
    // The arc of bearings the edge spans (the shorter way round; an edge through the camera spans half a turn).
    const a0 = Math.atan2(ay, ax);
    let span = Math.atan2(by, bx) - a0;
    if (span > Math.PI) span -= 2 * Math.PI;
    if (span < -Math.PI) span += 2 * Math.PI;
    const start = span >= 0 ? a0 : a0 + span;
    const b0 = binOfAngle(start);
    const bins = Math.min(BEARING_BINS, Math.floor(((Math.abs(span) + 1e-9) / (2 * Math.PI)) * BEARING_BINS) + 2);
    kept.push(e);
    firstBin.push(b0);
    binCount.push(bins);
    for (let k = 0; k < bins; k++) counts[((b0 + k) % BEARING_BINS) + 1]++;
  }
  for (let b = 0; b < BEARING_BINS; b++) counts[b + 1] += counts[b];
  const binStart = Int32Array.from(counts);
  const cursor = counts.slice(0, BEARING_BINS);
  const edgeOf = new Int32Array(binStart[BEARING_BINS]);
  const nearestM = new Float64Array(binStart[BEARING_BINS]);
  kept.forEach((e, k) => {
    for (let j = 0; j < binCount[k]; j++) {
      const at = cursor[(firstBin[k] + j) % BEARING_BINS]++;
      edgeOf[at] = e;
      nearestM[at] = nearestOf[k];
    }
  });
  return { xM, yM, heightM, binStart, edgeOf, nearestM, edges };
}

/**
 * True when an obstacle hides the point (x, y) at `targetHeightM` above the ground from the
 * camera: some edge crosses the sight line where the line passes below the edge's top.
 */
export function isOccluded(occluders: CameraOccluders, xM: number, yM: number, targetHeightM: number): boolean {
  const { edges, nearestM, edgeOf } = occluders;
  const dx = xM - occluders.xM, dy = yM - occluders.yM;
  const distanceM = Math.sqrt(dx * dx + dy * dy);
  if (distanceM <= MOUNT_CLEARANCE_M) return false;
  const b = binOfAngle(Math.atan2(dy, dx));
  const end = occluders.binStart[b + 1];
  const hc = occluders.heightM;
  const clearance = MOUNT_CLEARANCE_M / distanceM;
  for (let k = occluders.binStart[b]; k < end; k++) {
    if (nearestM[k] >= distanceM) continue;
    const e = edgeOf[k];
    const ax = edges.ax[e] - occluders.xM, ay = edges.ay[e] - occluders.yM;
    const ex = edges.bx[e] - edges.ax[e], ey = edges.by[e] - edges.ay[e];
    const denom = dx * ey - dy * ex;
    if (denom === 0) continue;
    // Sight line: s in [0, 1] from the camera; edge: u in [0, 1] from a to b.
    const s = (ax * ey - ay * ex) / denom;
    if (s <= clearance || s >= 1) continue;
    const u = (ax * dy - ay * dx) / denom;
    if (u < 0 || u > 1) continue;
    if (edges.heightM[e] > hc + (targetHeightM - hc) * s) return true;
  }
  return false;
}

function distanceToOriginM(ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax, ey = by - ay;
  const length2 = ex * ex + ey * ey;
  const t = length2 > 0 ? Math.max(0, Math.min(1, -(ax * ex + ay * ey) / length2)) : 0;
  return Math.hypot(ax + t * ex, ay + t * ey);
}
