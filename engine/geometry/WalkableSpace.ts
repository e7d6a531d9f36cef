/**
 * The walkable space of a scenario: the union of walkable polygons and exit polygons, minus the
 * obstacles (polygon clipping by @turf/turf), as rings (outer boundaries and holes) and as wall
 * segments. Every ring edge is a wall, except on the cut lines of a periodic corridor; edges on
 * the outline of an exit are doors, open only to the people who leave through that exit.
 * Built once per world; the hot loop reads the flat `wallsM` array through a `WallIndex`.
 */
import { difference, featureCollection, polygon as turfPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometrySpec, PolygonM } from '../scenario/Scenario.ts';
import { distanceToPolygonBoundaryM, distanceToSegmentM, polygonBounds } from './polygon.ts';

export interface WalkableSpace {
  /** All boundary rings (outer and holes); even-odd over them gives inside/outside. */
  rings: PolygonM[];
  /** Wall segments, 4 numbers each: x1, y1, x2, y2 (metres). */
  wallsM: Float64Array;
  wallCount: number;
  /**
   * Per wall segment: the exit whose outline it lies on, or -1. Such a segment is a door: open
   * to the people who may leave through that exit (while it is open), a wall to everyone else.
   */
  wallExit: Int16Array;
  /** Bounding box of the walkable space: [minX, minY, maxX, maxY]. */
  bounds: [number, number, number, number];
  /**
   * Gates (geometry.gates): their segments follow the ring walls in `wallsM`, marked in
   * `wallExit` with -2 - g; gateLine holds per gate a point of the line and its unit normal
   * towards the inside (ax, ay, nx, ny).
   */
  gateCount: number;
  gateLine: Float64Array;
}

function toTurf(ring: PolygonM): Feature<Polygon> {
  const closed = ring.map(([x, y]) => [x, y]);
  closed.push([ring[0][0], ring[0][1]]);
  return turfPolygon([closed]);
}

/** Builds the walkable space (union, then difference) from validated scenario geometry. */
export function buildWalkableSpace(geometry: GeometrySpec): WalkableSpace {
  const parts = [...geometry.walkable, ...geometry.exits.map((e) => e.polygon)].map(toTurf);
  let space: Feature<Polygon | MultiPolygon> | null =
    parts.length === 1 ? parts[0] : union(featureCollection(parts));
  const obstacles = geometry.obstacles ?? [];
  if (space && obstacles.length > 0) {
    space = difference(featureCollection([space, ...obstacles.map(toTurf)]));
  }
  const rings: PolygonM[] = [];
  if (space) {
    const polygons = space.geometry.type === 'Polygon' ? [space.geometry.coordinates] : space.geometry.coordinates;
    for (const poly of polygons) {
      for (const ring of poly) rings.push(ring.slice(0, -1).map(([x, y]) => [x, y] as [number, number]));
    }
  }
  const periodic = geometry.periodicX;
  const walls: number[] = [];
  const wallExit: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[(i + 1) % ring.length];
      if (periodic && x1 === x2 && (Math.abs(x1 - periodic.minXM) < 1e-9 || Math.abs(x1 - periodic.maxXM) < 1e-9)) continue;
      walls.push(x1, y1, x2, y2);
      wallExit.push(exitOfDoorEdge(x1, y1, x2, y2, geometry));
    }
  }
  const gates = geometry.gates ?? [];
  const gateLine = new Float64Array(4 * gates.length);
  gates.forEach((gate, g) => {
    const [x1, y1] = gate.from;
    const [x2, y2] = gate.to;
    walls.push(x1, y1, x2, y2);
    wallExit.push(-2 - g);
    const length = Math.hypot(x2 - x1, y2 - y1) || 1;
    let nx = -(y2 - y1) / length;
    let ny = (x2 - x1) / length;
    if ((gate.inside[0] - x1) * nx + (gate.inside[1] - y1) * ny < 0) {
      nx = -nx;
      ny = -ny;
    }
    gateLine.set([x1, y1, nx, ny], 4 * g);
  });
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) {
    const [a, b, c, d] = polygonBounds(ring);
    minX = Math.min(minX, a); minY = Math.min(minY, b); maxX = Math.max(maxX, c); maxY = Math.max(maxY, d);
  }
  if (rings.length === 0) { minX = minY = 0; maxX = maxY = 1; }
  return { rings, wallsM: Float64Array.from(walls), wallCount: walls.length / 4, wallExit: Int16Array.from(wallExit), bounds: [minX, minY, maxX, maxY], gateCount: gates.length, gateLine };
}

/**
 * The exit whose outline an edge lies on, or -1: such an edge is a door, open to the outside,
 * not a wall (a person leaving walks through it and is removed beyond it).
 */
function exitOfDoorEdge(x1: number, y1: number, x2: number, y2: number, geometry: GeometrySpec): number {
  const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
  for (let e = 0; e < geometry.exits.length; e++) {
    const polygon = geometry.exits[e].polygon;
    if (
      distanceToPolygonBoundaryM(x1, y1, polygon) < 1e-6 &&
      distanceToPolygonBoundaryM(x2, y2, polygon) < 1e-6 &&
      distanceToPolygonBoundaryM(mx, my, polygon) < 1e-6
    ) return e;
  }
  return -1;
}

/** Even-odd inside test against all rings of the walkable space. */
export function isInsideWalkable(space: WalkableSpace, xM: number, yM: number): boolean {
  let inside = false;
  for (const ring of space.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (yi > yM !== yj > yM && xM < ((xj - xi) * (yM - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance in metres from a point to the nearest wall (brute force; load time only). */
export function distanceToNearestWallM(space: WalkableSpace, xM: number, yM: number): number {
  let best = Infinity;
  const w = space.wallsM;
  for (let k = 0; k < space.wallCount; k++) {
    const d = distanceToSegmentM(xM, yM, w[4 * k], w[4 * k + 1], w[4 * k + 2], w[4 * k + 3]);
    if (d < best) best = d;
  }
  return best;
}

/**
 * Static grid over wall segments: cell `c` lists the segments that pass within `reachM` of it,
 * in `segments[cellStart[c] .. cellStart[c+1])`. Built once; read by the pedestrian model.
 */
export interface WallIndex {
  originXM: number;
  originYM: number;
  cellM: number;
  columns: number;
  rows: number;
  reachM: number;
  cellStart: Int32Array;
  segments: Int32Array;
}

/** Indexes the walls of a space on cells of `cellM` metres, listing those within `reachM`. */
export function buildWallIndex(space: WalkableSpace, cellM: number, reachM: number): WallIndex {
  const [minX, minY, maxX, maxY] = space.bounds;
  const originXM = minX - cellM;
  const originYM = minY - cellM;
  const columns = Math.ceil((maxX - minX) / cellM) + 3;
  const rows = Math.ceil((maxY - minY) / cellM) + 3;
  const cells = columns * rows;
  const w = space.wallsM;
  const halfDiagonal = cellM * Math.SQRT1_2;
  // Compressed rows (CSR) in two passes, counting then filling: no array per cell, so a city
  // of many square kilometres costs two typed arrays.
  const cellStart = new Int32Array(cells + 1);
  const visit = (fill: Int32Array | null, cursor: Int32Array | null) => {
    for (let k = 0; k < space.wallCount; k++) {
      const x1 = w[4 * k], y1 = w[4 * k + 1], x2 = w[4 * k + 2], y2 = w[4 * k + 3];
      const pad = reachM + cellM;
      const c0 = Math.max(0, Math.floor((Math.min(x1, x2) - pad - originXM) / cellM));
      const c1 = Math.min(columns - 1, Math.floor((Math.max(x1, x2) + pad - originXM) / cellM));
      const r0 = Math.max(0, Math.floor((Math.min(y1, y2) - pad - originYM) / cellM));
      const r1 = Math.min(rows - 1, Math.floor((Math.max(y1, y2) + pad - originYM) / cellM));
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const cx = originXM + (c + 0.5) * cellM;
          const cy = originYM + (r + 0.5) * cellM;
          if (distanceToSegmentM(cx, cy, x1, y1, x2, y2) > reachM + halfDiagonal) continue;
          const cell = r * columns + c;
          if (fill === null) cellStart[cell + 1]++;
          else fill[cursor![cell]++] = k;
        }
      }
    }
  };
  visit(null, null);
  for (let c = 0; c < cells; c++) cellStart[c + 1] += cellStart[c];
  const segments = new Int32Array(cellStart[cells]);
  visit(segments, cellStart.slice(0, cells));
  return { originXM, originYM, cellM, columns, rows, reachM, cellStart, segments };
}

/** The wall-index cell of a point, clamped into the grid. */
export function wallCellAt(index: WallIndex, xM: number, yM: number): number {
  let c = Math.floor((xM - index.originXM) / index.cellM);
  let r = Math.floor((yM - index.originYM) / index.cellM);
  c = c < 0 ? 0 : c >= index.columns ? index.columns - 1 : c;
  r = r < 0 ? 0 : r >= index.rows ? index.rows - 1 : r;
  return r * index.columns + c;
}
