/**
 * The walkable space of a part of a city, as the engine takes it: walkable rings and obstacle
 * rings in the local frame (the engine unions the first and subtracts the second).
 *
 * What is walkable inside the box:
 *  - walkway lines (footways, paths, steps, pedestrian streets, crossings, platforms, mapped
 *    sidewalks), buffered by half their width (turf.buffer, round joins);
 *  - walkable areas (squares, platforms, beaches, pedestrian areas), as mapped;
 *  - sidewalks of roads: mapped ones (`sidewalk=*`) and, where the road says nothing
 *    (`sidewalk` unknown), ASSUMED on both sides of urban streets (residential to primary):
 *    city-centre streets almost always have them, and OSM rarely tags them (63 of 92 roads in
 *    the Paris extract say nothing);
 *  - crossings at mapped crossing nodes on roads: a CROSSING_WIDTH_M strip across the
 *    carriageway, joining the sidewalks on both sides;
 *  - the carriageway of living streets, service roads and, with `walkOnRoads` (a street closed
 *    to traffic for an event), of every walkable road.
 * Buildings that meet the box are obstacles, and so are barrier lines (walls, fences, hedges:
 * a thin rectangle per segment, open for GATE_GAP_M around a gate or entrance on the line) and
 * tree trunks (an octagon of the trunk's diameter), unless `barriers` is false. Everything is
 * clipped to the box.
 */
import { buffer, featureCollection, intersect, lineString, polygon as turfPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { CityModel, Road, XY } from '../CityModel.ts';
import { createLocalFrame, roundCm, type LocalFrame } from '../LocalFrame.ts';
import { DEFAULT_WALKWAY_WIDTH_M, sidewalksOfRoad } from '../layers/walkways.ts';
import { simpleRings } from '../geometry/simpleRings.ts';

/** A box in the local frame, metres. */
export interface BoxXY {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Width of a crossing strip where a crossing node sits on a road, m (CERTU: 2.5 m minimum, 4 m usual). */
export const CROSSING_WIDTH_M = DEFAULT_WALKWAY_WIDTH_M.crossing;
/** Road classes whose sidewalks are assumed when untagged. */
const URBAN_STREETS = new Set(['primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'primary_link', 'secondary_link', 'tertiary_link']);
/** Road classes whose carriageway people share with vehicles. */
const SHARED_STREETS = new Set(['living_street', 'service']);
/** Pieces smaller than this are slivers of the clipping, m². */
const MIN_PIECE_M2 = 0.5;

/** Options of the walkable space. */
export interface WalkableOptions {
  /** The whole carriageway of walkable roads is walkable (streets closed for an event). */
  walkOnRoads?: boolean;
  /** Walls, fences, hedges and trees are obstacles (default true). */
  barriers?: boolean;
}

/** Open rings (no repeated closing point), as the scenario format takes them. */
export interface WalkableRings {
  walkable: XY[][];
  obstacles: XY[][];
  /**
   * Parallel to `obstacles`: their heights for camera occlusion, m. Buildings their height;
   * barriers BARRIER_HEIGHTS_M by kind; holes of the walkable space 0 (they are not things).
   */
  obstacleHeightsM: number[];
}

/**
 * Typical heights of barriers for camera occlusion, m (our choice: walls about 2 m, fences and
 * hedges 1.5 m, a tree's trunk up to its crown 3 m; other barriers 1.2 m).
 */
export const BARRIER_HEIGHTS_M: Record<string, number> = { wall: 2, city_wall: 4, retaining_wall: 1, fence: 1.5, hedge: 1.5, tree: 3, guard_rail: 0.8, kerb: 0 };
const DEFAULT_BARRIER_HEIGHT_M = 1.2;

/** The walkable and obstacle rings of the model inside `box`. Throws a RangeError when nothing is walkable there. */
export function walkableSpaceOf(model: CityModel, box: BoxXY, options: WalkableOptions = {}): WalkableRings {
  const frame = createLocalFrame(model.origin.lonDeg, model.origin.latDeg);
  const margin = 30;
  // A feature is near when its bounding box meets the box (plus a margin): lines that cross the
  // box and squares larger than the box included.
  const near = (points: XY[]): boolean => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [x, y] of points) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return maxX >= box.minX - margin && minX <= box.maxX + margin && maxY >= box.minY - margin && minY <= box.maxY + margin;
  };
  const pieces: Feature<Polygon | MultiPolygon>[] = [];
  const addLine = (line: XY[], widthM: number): void => {
    if (line.length < 2 || widthM <= 0 || !near(line)) return;
    const buffered = buffer(lineString(line.map(([x, y]) => frame.toLonLat(x, y))), widthM / 2, { units: 'meters', steps: 4 });
    if (buffered) pieces.push(toLocalFeature(buffered, frame));
  };
  for (const walkway of model.walkways) addLine(walkway.line, walkway.widthM);
  for (const area of model.walkAreas) if (near(area.polygon[0])) pieces.push(turfPolygon(area.polygon));
  for (const road of model.roads) {
    if (!road.walkable || !near(road.line)) continue;
    if (options.walkOnRoads || SHARED_STREETS.has(road.highway)) addLine(road.line, road.widthM);
    if (road.sidewalk === 'unknown' && URBAN_STREETS.has(road.highway)) {
      for (const sidewalk of sidewalksOfRoad({ ...road, sidewalk: 'both' }, {})) addLine(sidewalk.line, sidewalk.widthM);
    }
  }
  for (const poi of model.pois) {
    if (poi.kind !== 'crossing' || !near([poi.at])) continue;
    const road = roadUnder(model.roads, poi.at);
    if (road) pieces.push(crossingStrip(road, poi.at));
  }
  const boxPolygon = turfPolygon([[[box.minX, box.minY], [box.maxX, box.minY], [box.maxX, box.maxY], [box.minX, box.maxY], [box.minX, box.minY]]]);
  if (pieces.length === 0) throw new RangeError('no walkable space (walkways, squares, sidewalks) inside the area');
  const merged = robustUnion(pieces.map(roundedFeature));
  const inside = merged ? intersect(featureCollection([merged, boxPolygon])) : null;
  if (!inside) throw new RangeError('no walkable space (walkways, squares, sidewalks) inside the area');
  const walkable: XY[][] = [];
  const obstacles: XY[][] = [];
  const obstacleHeightsM: number[] = [];
  for (const polygon of polygonsOf(inside)) {
    const pieces = holeFreePieces(polygon, 0);
    if (pieces) {
      for (const ring of pieces) walkable.push(...simpleRings(openRing(ring), MIN_PIECE_M2));
      continue;
    }
    polygon.forEach((ring, index) => {
      (index === 0 ? walkable : obstacles).push(...simpleRings(openRing(ring), MIN_PIECE_M2));
    });
  }
  // Holes of the walkable space are no things (blocks, carriageways): they hide nothing.
  obstacleHeightsM.push(...obstacles.map(() => 0));
  if (options.barriers !== false) obstacles.push(...barrierRings(model, near, obstacleHeightsM));
  for (const building of model.buildings) {
    for (const polygon of building.footprint) {
      if (!near(polygon[0])) continue;
      const outline = turfPolygon([polygon[0]]);
      const inBox = polygon[0].every(([x, y]) => x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY);
      // NOTE: turf.intersect (polygon clipping), not bboxClip: Sutherland-Hodgman leaves
      // degenerate edges along the box side when it cuts a concave outline.
      const clippedBuilding = inBox ? outline : intersect(featureCollection([outline, boxPolygon]));
      if (!clippedBuilding) continue;
      for (const ring of ringsOf(clippedBuilding)) {
        const rings = simpleRings(openRing(ring), MIN_PIECE_M2);
        obstacles.push(...rings);
        obstacleHeightsM.push(...rings.map(() => building.heightM));
      }
    }
  }
  return { walkable, obstacles, obstacleHeightsM };
}

/**
 * The polygon cut into pieces without holes, whose union is the polygon; null when clipping
 * fails (the caller then passes the holes as obstacles). NOTE: the engine takes walkable rings
 * and obstacle rings, unions the first and subtracts the second; a hole passed as an obstacle
 * would also erase any walkable island inside it (a footway in the middle of a block). Cutting
 * at the median x of the holes' centres opens every hole the cut crosses, so each level of the
 * recursion at least halves the holes.
 */
function holeFreePieces(polygon: Position[][], depth: number): Position[][] | null {
  if (polygon.length === 1) return [polygon[0]];
  if (depth > 40) return null;
  const centres = polygon.slice(1).map((hole) => hole.reduce((sum, [x]) => sum + x, 0) / hole.length).sort((a, b) => a - b);
  const cutX = centres[Math.floor(centres.length / 2)];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon[0]) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const pieces: Position[][] = [];
  try {
    for (const [x0, x1] of [[minX - 1, cutX], [cutX, maxX + 1]]) {
      const half = intersect(featureCollection([turfPolygon(polygon), turfPolygon([[[x0, minY - 1], [x1, minY - 1], [x1, maxY + 1], [x0, maxY + 1], [x0, minY - 1]]])]));
      if (!half) continue;
      for (const part of polygonsOf(half as Feature<Polygon | MultiPolygon>)) {
        const sub = holeFreePieces(part, depth + 1);
        if (!sub) return null;
        pieces.push(...sub);
      }
    }
  } catch {
    return null;
  }
  return pieces;
}

/** The road whose centre line passes within half its width of `at`, with the segment's direction. */
function roadUnder(roads: Road[], at: XY): { road: Road; dirX: number; dirY: number } | undefined {
  let best: { road: Road; dirX: number; dirY: number } | undefined;
  let bestDistance = Infinity;
  for (const road of roads) {
    for (let i = 1; i < road.line.length; i++) {
      const [ax, ay] = road.line[i - 1];
      const [bx, by] = road.line[i];
      const dx = bx - ax;
      const dy = by - ay;
      const length2 = dx * dx + dy * dy;
      if (length2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((at[0] - ax) * dx + (at[1] - ay) * dy) / length2));
      const distance = Math.hypot(ax + t * dx - at[0], ay + t * dy - at[1]);
      if (distance < bestDistance && distance <= Math.max(1, road.widthM / 2)) {
        bestDistance = distance;
        const length = Math.sqrt(length2);
        best = { road, dirX: dx / length, dirY: dy / length };
      }
    }
  }
  return best;
}

/** A strip across the road at `at`: CROSSING_WIDTH_M along the road, the carriageway plus a sidewalk on each side across it. */
function crossingStrip({ road, dirX, dirY }: { road: Road; dirX: number; dirY: number }, at: XY): Feature<Polygon> {
  const halfAlong = CROSSING_WIDTH_M / 2;
  const halfAcross = road.widthM / 2 + 2;
  const nx = -dirY;
  const ny = dirX;
  const corner = (along: number, across: number): Position => [at[0] + dirX * along + nx * across, at[1] + dirY * along + ny * across];
  return turfPolygon([[corner(-halfAlong, -halfAcross), corner(halfAlong, -halfAcross), corner(halfAlong, halfAcross), corner(-halfAlong, halfAcross), corner(-halfAlong, -halfAcross)]]);
}

function toLocalFeature(feature: Feature<Polygon | MultiPolygon>, frame: LocalFrame): Feature<Polygon | MultiPolygon> {
  const project = (ring: Position[]): Position[] => ring.map(([lon, lat]) => frame.toLocal(lon, lat));
  if (feature.geometry.type === 'Polygon') return turfPolygon(feature.geometry.coordinates.map(project));
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map((polygon) => polygon.map(project)) } };
}

function polygonsOf(feature: Feature<Polygon | MultiPolygon>): Position[][][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

function ringsOf(feature: Feature<Polygon | MultiPolygon>): Position[][] {
  return polygonsOf(feature).flat().filter((ring) => ring.length >= 4);
}

function openRing(ring: Position[]): XY[] {
  const points = ring.map(([x, y]) => [roundCm(x), roundCm(y)] as XY);
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
  // Rounding can repeat neighbours: drop them.
  return points.filter((point, index) => index === 0 || point[0] !== points[index - 1][0] || point[1] !== points[index - 1][1]);
}

/** Coordinates rounded to the millimetre: polygon clipping is more robust on a common grid. */
function roundedFeature(feature: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  const round = (ring: Position[]): Position[] => ring.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);
  if (feature.geometry.type === 'Polygon') return turfPolygon(feature.geometry.coordinates.map(round));
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map((polygon) => polygon.map(round)) } };
}

/**
 * The union of the pieces (turf, polyclip-ts). NOTE: polyclip-ts can fail on nearly degenerate
 * input ("Unable to complete output ring"); the union is then built piece by piece, and a piece
 * that still cannot be merged is left out (a few square metres of sidewalk, rather than no
 * walkable space at all).
 */
function robustUnion(pieces: Feature<Polygon | MultiPolygon>[]): Feature<Polygon | MultiPolygon> | null {
  if (pieces.length === 1) return pieces[0];
  try {
    return union(featureCollection(pieces));
  } catch {
    let merged: Feature<Polygon | MultiPolygon> | null = null;
    for (const piece of pieces) {
      try {
        merged = merged === null ? piece : union(featureCollection([merged, piece]));
      } catch {
        // Left out: see the NOTE above.
      }
    }
    return merged;
  }
}

/** Width of the opening a gate or entrance makes in a barrier line, m. */
export const GATE_GAP_M = 1.5;

/** Obstacle rings of the barrier lines and trees near the box (their heights pushed onto `heightsM`). */
function barrierRings(model: CityModel, near: (points: XY[]) => boolean, heightsM: number[]): XY[][] {
  const gates = new Set<string>();
  for (const poi of model.pois) if (poi.kind === 'gate' || poi.kind === 'entrance') gates.add(`${poi.at[0]},${poi.at[1]}`);
  const rings: XY[][] = [];
  for (const barrier of model.barriers ?? []) {
    if (barrier.at) {
      if (!near([barrier.at])) continue;
      const radius = barrier.widthM / 2;
      const octagon: XY[] = [];
      for (let k = 0; k < 8; k++) {
        const angle = (k * Math.PI) / 4 + Math.PI / 8;
        octagon.push([roundCm(barrier.at[0] + radius * Math.cos(angle)), roundCm(barrier.at[1] + radius * Math.sin(angle))]);
      }
      rings.push(octagon);
      heightsM.push(BARRIER_HEIGHTS_M[barrier.kind] ?? DEFAULT_BARRIER_HEIGHT_M);
      continue;
    }
    const line = barrier.line;
    if (!line || !near(line)) continue;
    const half = Math.max(0.05, barrier.widthM / 2);
    for (let i = 1; i < line.length; i++) {
      let [ax, ay] = line[i - 1];
      let [bx, by] = line[i];
      const length = Math.hypot(bx - ax, by - ay);
      if (length < 0.05) continue;
      const ux = (bx - ax) / length;
      const uy = (by - ay) / length;
      // Open the line around a gate at either end of the segment.
      const cutStart = gates.has(`${ax},${ay}`) ? GATE_GAP_M / 2 : 0;
      const cutEnd = gates.has(`${bx},${by}`) ? GATE_GAP_M / 2 : 0;
      if (cutStart + cutEnd >= length - 0.05) continue;
      ax += ux * cutStart;
      ay += uy * cutStart;
      bx -= ux * cutEnd;
      by -= uy * cutEnd;
      const nx = -uy * half;
      const ny = ux * half;
      rings.push([[roundCm(ax - nx), roundCm(ay - ny)], [roundCm(bx - nx), roundCm(by - ny)], [roundCm(bx + nx), roundCm(by + ny)], [roundCm(ax + nx), roundCm(ay + ny)]]);
      heightsM.push(BARRIER_HEIGHTS_M[barrier.kind] ?? DEFAULT_BARRIER_HEIGHT_M);
    }
  }
  return rings;
}
