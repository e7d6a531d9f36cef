/**
 * Placing a scenario in a city: a scenario that names a city model (`"city": "city.json"`) may
 * leave out `geometry.walkable` and give `geometry.area` (the part of the city to simulate)
 * instead, and may place exits, spawn areas, sources and measurement areas with `place` instead
 * of `polygon`. This module turns such a scenario into the plain form the engine loads: walkable
 * and obstacle rings from the city (see `walkableSpaceOf`), and a polygon for every place. A
 * group or source whose place lies wholly outside the area starts on the city's pedestrian
 * network instead (`network`: the place's centre), and the scenario gets `geometry.network`.
 *
 * Places (`place`):
 *   { "ref": "way/123" }            a feature of the city by id: a square or platform (its outline),
 *                                    a walkway (its buffered line), a stop or point of interest
 *                                    (a square of `radiusM`, default 3 m, around it), a building;
 *   { "name": "Place du Marché" }    the same, by name (an error if several features share it);
 *   { "lonLat": [lon, lat], "radiusM": 5 } or { "xy": [x, y], "radiusM": 5 }: a square around a point;
 *   { "edge": "north" }             exits only: a strip just outside that side of the area, so
 *                                    that every street leaving the area that way is a door.
 * `geometry.area` is { "bbox": [minX, minY, maxX, maxY] } in the city's local metres, or
 * { "around": PLACE, "radiusM": 200 }. `traffic` without `roads` gets the city's road graph
 * around the area (and its signals); demand may start and end at places (nearest road node).
 * Tram lines may follow a rail line of the city and stop at its stops (see `transitOf.ts`).
 * Street lights may be the city's lamps in the area (`sensors.lighting.cityLamps`, see
 * resolveStreetLamps.ts). Cameras may name the city's surveillance cameras (`sensors.cameras[i].ref`, see
 * `resolveCameras.ts`), and obstacles get heights for their occlusion (`obstacleHeightsM`).
 *
 * Every problem is reported with the scenario's file name and the path inside it, like the
 * engine's loader, as a `CityImportError`; the value returned is a new object (the input is not
 * modified). No file access: the caller loads the city model.
 */
import { buffer, featureCollection, intersect, lineString, polygon as turfPolygon } from '@turf/turf';
import { ringSignedArea } from '../geometry/rings.ts';
import type { CityModel, XY } from '../CityModel.ts';
import { CityImportError, type CityProblem } from '../CityImportError.ts';
import { createLocalFrame, roundCm, type LocalFrame } from '../LocalFrame.ts';
import { walkableSpaceOf, type BoxXY } from '../walkable/walkableSpaceOf.ts';
import { resolveStreetLamps } from './resolveStreetLamps.ts';
import { nearestRoadNode, trafficRoadsOf, type TrafficRoads } from './trafficRoadsOf.ts';
import { crossingsOf } from './crossingsOf.ts';
import { resolveTransit } from './transitOf.ts';
import { resolveCameras } from './resolveCameras.ts';
import { subgraphNodes } from '../graphs/subgraphNodes.ts';

/** Default half-size of the square placed around a point, m. */
export const DEFAULT_PLACE_RADIUS_M = 3;
/** Depth of an edge exit strip outside the area, m. */
const EDGE_DEPTH_M = 1;
/** Largest area a scenario may take from a city, m (the engine's limit is about 25 km²). */
const MAX_AREA_SIDE_M = 5000;

type Json = Record<string, unknown>;

/** True when a parsed scenario needs the city: it names one. */
export function scenarioCityPath(value: unknown): string | undefined {
  const city = (value as Json | null)?.city;
  return typeof city === 'string' && city !== '' ? city : undefined;
}

/** Resolves `geometry.area`, `place` and the city's walkable space; throws `CityImportError`. */
export function resolveCityScenario(value: unknown, city: CityModel, fileName: string): unknown {
  const problems: CityProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const scenario = structuredClone(value) as Json;
  const geometry = (scenario.geometry ?? {}) as Json;
  if (typeof scenario.geometry !== 'object' || scenario.geometry === null) {
    throw new CityImportError(fileName, [{ path: 'geometry', message: 'expected an object with "area" (or "walkable") and "exits"' }]);
  }
  const frame = createLocalFrame(city.origin.lonDeg, city.origin.latDeg);
  const lookup = new PlaceLookup(city, frame);
  let box: BoxXY | undefined;
  if (geometry.area !== undefined) box = readArea(geometry.area, 'geometry.area', lookup, report);
  else if (!Array.isArray(geometry.walkable)) report('geometry', 'expected "area" (the part of the city to simulate, e.g. {"bbox": [minX, minY, maxX, maxY]}) or "walkable" polygons');

  if (box && problems.length === 0) {
    try {
      const rings = walkableSpaceOf(city, box, { walkOnRoads: geometry.walkOnRoads === true, barriers: geometry.barriers !== false });
      geometry.walkable = [...(Array.isArray(geometry.walkable) ? geometry.walkable : []), ...rings.walkable];
      // Heights for camera occlusion: the scenario's own obstacles keep theirs (null: occludes fully).
      const ownObstacles = Array.isArray(geometry.obstacles) ? geometry.obstacles : [];
      const ownHeights = Array.isArray(geometry.obstacleHeightsM) ? geometry.obstacleHeightsM : [];
      geometry.obstacleHeightsM = [...ownObstacles.map((_obstacle, k) => ownHeights[k] ?? null), ...rings.obstacleHeightsM];
      geometry.obstacles = [...ownObstacles, ...rings.obstacles];
    } catch (error) {
      report('geometry.area', error instanceof RangeError ? `${error.message} (${describeBox(box)})` : String(error));
    }
  }

  const areaFailed = geometry.area !== undefined && box === undefined;
  const resolve = (holder: unknown, path: string, allowEdge: boolean): void => {
    if (holder === null || typeof holder !== 'object' || !('place' in holder)) return;
    const item = holder as Json;
    // An edge of an area that could not be read is already reported there.
    if (allowEdge && areaFailed && (item.place as Json | null)?.edge !== undefined) return;
    let polygon = lookup.polygonOf(item.place, `${path}.place`, report, allowEdge ? box : undefined);
    // A place that crosses the side of the area (a promenade, a beach) keeps its part inside.
    if (polygon && box && !allowEdge && crossesBoxSide(polygon, box)) polygon = clipToBox(polygon, box) ?? polygon;
    if (polygon) {
      delete item.place;
      item.polygon = polygon;
    }
  };
  (Array.isArray(geometry.exits) ? geometry.exits : []).forEach((exit, index) => resolve(exit, `geometry.exits[${index}]`, true));
  let networkStarts = 0;
  // A group or source placed outside the area starts on the city's pedestrian network and walks in.
  const startOnNetworkIfOutside = (holder: Json | undefined): void => {
    const polygon = holder?.polygon as XY[] | undefined;
    // Outside: the place and the area do not meet (a place around the whole area is inside).
    if (!box || !polygon || !holder || clipToBox(polygon, box) !== undefined) return;
    delete holder.polygon;
    holder.network = centroidOf(polygon);
    networkStarts++;
  };
  (Array.isArray(scenario.pedestrians) ? scenario.pedestrians : []).forEach((group, index) => {
    const spawn = (group as Json | null)?.spawn as Json | undefined;
    const hadPlace = spawn !== null && typeof spawn === 'object' && 'place' in spawn;
    resolve(spawn, `pedestrians[${index}].spawn`, false);
    if (hadPlace) startOnNetworkIfOutside(spawn);
  });
  (Array.isArray(scenario.sources) ? scenario.sources : []).forEach((source, index) => {
    const hadPlace = source !== null && typeof source === 'object' && 'place' in source;
    resolve(source, `sources[${index}]`, false);
    if (hadPlace) startOnNetworkIfOutside(source as Json);
    // Origins (tram stops, car parks, streets) are placed the same way.
    const origins = (source as Json | null)?.origins;
    (Array.isArray(origins) ? origins : []).forEach((origin, k) => {
      const originHadPlace = origin !== null && typeof origin === 'object' && 'place' in origin;
      resolve(origin, `sources[${index}].origins[${k}]`, false);
      if (originHadPlace) startOnNetworkIfOutside(origin as Json);
    });
  });
  (Array.isArray(scenario.measurementAreas) ? scenario.measurementAreas : []).forEach((area, index) => resolve(area, `measurementAreas[${index}]`, false));

  if (networkStarts > 0 && box && problems.length === 0) geometry.network = networkAround(city, box, scenario);
  if (scenario.traffic !== null && typeof scenario.traffic === 'object') resolveTraffic(scenario.traffic as Json, city, box, geometry, lookup, report);
  if (scenario.transit !== null && typeof scenario.transit === 'object') {
    const traffic = scenario.traffic !== null && typeof scenario.traffic === 'object' ? (scenario.traffic as Json) : undefined;
    resolveTransit(scenario.transit as Json, city, traffic, (place, path) => lookup.centreOf(place, path, report), report);
  }
  if (scenario.sensors !== null && typeof scenario.sensors === 'object') {
    resolveCameras(scenario.sensors as Json, city, report);
    const lighting = (scenario.sensors as Json).lighting;
    if (lighting !== null && typeof lighting === 'object') resolveStreetLamps(lighting as Json, city, box, report);
  }
  if (problems.length > 0) throw new CityImportError(fileName, problems);
  return scenario;
}

function crossesBoxSide(ring: XY[], box: BoxXY): boolean {
  const inside = (point: XY): boolean => point[0] >= box.minX && point[0] <= box.maxX && point[1] >= box.minY && point[1] <= box.maxY;
  return ring.some(inside) && !ring.every(inside);
}

/** The largest piece of the ring inside the box (polygon clipping by turf), or undefined. */
function clipToBox(ring: XY[], box: BoxXY): XY[] | undefined {
  const boxPolygon = turfPolygon([[[box.minX, box.minY], [box.maxX, box.minY], [box.maxX, box.maxY], [box.minX, box.maxY], [box.minX, box.minY]]]);
  const clipped = intersect(featureCollection([turfPolygon([[...ring, ring[0]]]), boxPolygon]));
  if (!clipped) return undefined;
  const outers = clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates[0]] : clipped.geometry.coordinates.map((polygon) => polygon[0]);
  let best: XY[] | undefined;
  let bestArea = 0;
  for (const outer of outers) {
    const open = openRing(outer);
    const area = Math.abs(ringSignedArea(open));
    if (area > bestArea) {
      bestArea = area;
      best = open;
    }
  }
  return best;
}

function centroidOf(ring: XY[]): XY {
  let x = 0;
  let y = 0;
  for (const point of ring) {
    x += point[0];
    y += point[1];
  }
  return [roundCm(x / ring.length), roundCm(y / ring.length)];
}

/** Margin of the network kept around the area and the network start points, m. */
const NETWORK_MARGIN_M = 400;

/**
 * The city's pedestrian graph around the area and every network start point (plus a margin),
 * as `geometry.network`: the `via` points of each edge become nodes of their own, so that people
 * on the network follow the streets' shapes.
 */
function networkAround(city: CityModel, box: BoxXY, scenario: Json): { nodes: XY[]; edges: [number, number, number][] } {
  const region = { ...box };
  const groups = Array.isArray(scenario.pedestrians) ? (scenario.pedestrians as Json[]) : [];
  const sources = Array.isArray(scenario.sources) ? (scenario.sources as Json[]) : [];
  const origins = sources.flatMap((source) => (Array.isArray(source?.origins) ? (source.origins as Json[]) : []));
  const starts = [...groups.map((group) => group?.spawn as Json | undefined), ...sources, ...origins];
  for (const holder of starts) {
    const start = holder?.network as XY | undefined;
    if (!start) continue;
    region.minX = Math.min(region.minX, start[0]);
    region.minY = Math.min(region.minY, start[1]);
    region.maxX = Math.max(region.maxX, start[0]);
    region.maxY = Math.max(region.maxY, start[1]);
  }
  const inRegion = (x: number, y: number): boolean => x >= region.minX - NETWORK_MARGIN_M && x <= region.maxX + NETWORK_MARGIN_M && y >= region.minY - NETWORK_MARGIN_M && y <= region.maxY + NETWORK_MARGIN_M;
  const graph = city.pedestrianGraph;
  const { nodes, nodeOf } = subgraphNodes(graph);
  const edges: [number, number, number][] = [];
  for (const edge of graph.edges) {
    const [ax, ay] = [graph.nodeXY[2 * edge.from], graph.nodeXY[2 * edge.from + 1]];
    const [bx, by] = [graph.nodeXY[2 * edge.to], graph.nodeXY[2 * edge.to + 1]];
    if (!inRegion(ax, ay) && !inRegion(bx, by)) continue;
    const widthM = edge.widthM && edge.widthM > 0 ? edge.widthM : 2;
    let previous = nodeOf(edge.from);
    for (const point of edge.via ?? []) {
      const k = nodes.length;
      nodes.push([point[0], point[1]]);
      edges.push([previous, k, widthM]);
      previous = k;
    }
    edges.push([previous, nodeOf(edge.to), widthM]);
  }
  return { nodes, edges };
}

/**
 * Road traffic in a city: without `roads`, the city's road graph (the part around the area, or
 * all of it) with signals at its signalised junctions; demand `from` and `to` may be places,
 * taken to the nearest road node.
 */
function resolveTraffic(traffic: Json, city: CityModel, box: BoxXY | undefined, geometry: Json, lookup: PlaceLookup, report: (path: string, message: string) => void): void {
  let roads: TrafficRoads | undefined;
  if (traffic.roads === undefined) {
    roads = trafficRoadsOf(city, box);
    traffic.roads = { nodes: roads.nodes, links: roads.links };
    // Pedestrian streets: closed to all but emergency vehicles by law, and by their rising
    // bollards (raised; lowered for emergency vehicles), which actuators may lower or raise.
    const closures = Array.isArray(traffic.closures) ? (traffic.closures as unknown[]) : [];
    if (roads.restrictedLinks.length > 0) closures.push({ id: 'pedestrian-streets', kind: 'closure', links: roads.restrictedLinks, emergencyPass: true });
    for (const bollard of roads.bollards) closures.push({ id: bollard.id, kind: 'bollard', links: bollard.links, emergencyPass: true });
    if (closures.length > 0) traffic.closures = closures;
    if (traffic.signals === undefined) {
      traffic.signals = roads.signalNodes.map((node) => ({ node }));
      // The crossings inside the area, shared by people and vehicles (gates at signals, zebras elsewhere).
      if (box && traffic.zebras === undefined && geometry.gates === undefined) {
        const { gates, zebras } = crossingsOf(city, roads, box, roads.signalNodes);
        if (gates.length > 0) geometry.gates = gates;
        if (zebras.length > 0) traffic.zebras = zebras;
      }
    }
  }
  const nodes = ((traffic.roads as Json).nodes ?? []) as XY[];
  const network = roads ?? { nodes, links: [], signalNodes: [], restrictedLinks: [], bollards: [] };
  const placeNodes = (holder: Json | null, path: string, anyNode: boolean): void => {
    for (const end of ['from', 'to'] as const) {
      const value = holder?.[end];
      if (value === null || typeof value !== 'object') continue;
      const centre = lookup.centreOf(value, `${path}.${end}`, report);
      if (!centre) continue;
      const node = nearestRoadNode(network, centre, anyNode && end === 'to');
      if (node < 0) report(`${path}.${end}`, 'no road node to start or end at');
      else (holder as Json)[end] = node;
    }
  };
  (Array.isArray(traffic.demand) ? traffic.demand : []).forEach((entry, index) => placeNodes(entry as Json | null, `traffic.demand[${index}]`, false));
  // A dispatched vehicle may be sent into a pedestrian street (an ambulance to a casualty).
  (Array.isArray(traffic.actions) ? traffic.actions : []).forEach((entry, index) => {
    const action = (entry as Json | null)?.action as Json | undefined;
    if (action?.kind === 'dispatchVehicle') placeNodes(action, `traffic.actions[${index}].action`, true);
  });
}

function describeBox(box: BoxXY): string {
  return `x ${box.minX} to ${box.maxX} m, y ${box.minY} to ${box.maxY} m`;
}

function readArea(area: unknown, path: string, lookup: PlaceLookup, report: (path: string, message: string) => void): BoxXY | undefined {
  const value = area as Json | null;
  if (value !== null && typeof value === 'object' && Array.isArray(value.bbox)) {
    const numbers = value.bbox;
    if (numbers.length !== 4 || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      report(`${path}.bbox`, `expected [minX, minY, maxX, maxY] in metres, found ${JSON.stringify(numbers)}`);
      return undefined;
    }
    const [minX, minY, maxX, maxY] = numbers as number[];
    if (minX >= maxX || minY >= maxY) {
      report(`${path}.bbox`, `expected minX < maxX and minY < maxY, found ${JSON.stringify(numbers)}`);
      return undefined;
    }
    return checkSize({ minX, minY, maxX, maxY }, `${path}.bbox`, report);
  }
  if (value !== null && typeof value === 'object' && value.around !== undefined) {
    const radiusM = value.radiusM;
    if (typeof radiusM !== 'number' || !(radiusM > 0)) {
      report(`${path}.radiusM`, `expected a positive number of metres, found ${JSON.stringify(radiusM)}`);
      return undefined;
    }
    const centre = lookup.centreOf(value.around, `${path}.around`, report);
    if (!centre) return undefined;
    return checkSize({ minX: roundCm(centre[0] - radiusM), minY: roundCm(centre[1] - radiusM), maxX: roundCm(centre[0] + radiusM), maxY: roundCm(centre[1] + radiusM) }, path, report);
  }
  report(path, `expected {"bbox": [minX, minY, maxX, maxY]} or {"around": PLACE, "radiusM": R}, found ${JSON.stringify(area)?.slice(0, 60)}`);
  return undefined;
}

function checkSize(box: BoxXY, path: string, report: (path: string, message: string) => void): BoxXY | undefined {
  if (box.maxX - box.minX > MAX_AREA_SIDE_M || box.maxY - box.minY > MAX_AREA_SIDE_M) {
    report(path, `the area is ${Math.round(box.maxX - box.minX)} m x ${Math.round(box.maxY - box.minY)} m; at most ${MAX_AREA_SIDE_M} m a side is simulated at street level`);
    return undefined;
  }
  return box;
}

/** Finds city features by id or name and turns places into polygons. */
class PlaceLookup {
  private readonly byId = new Map<string, { kind: string; point?: XY; ring?: XY[]; line?: XY[]; widthM?: number }>();
  /**
   * Names by priority group: a name is looked up among walkable areas first, then stops, points
   * of interest, walkways, roads and buildings (a square and the streets around it often share
   * a name); it is ambiguous only within the first group that has it.
   */
  private readonly byName: Map<string, string[]>[] = [];

  constructor(private readonly city: CityModel, private readonly frame: LocalFrame) {
    const add = (group: number, id: string, name: string | undefined, entry: { kind: string; point?: XY; ring?: XY[]; line?: XY[]; widthM?: number }): void => {
      if (!this.byId.has(id)) this.byId.set(id, entry);
      this.byName[group] ??= new Map();
      if (name) this.byName[group].set(name, [...(this.byName[group].get(name) ?? []), id]);
    };
    for (const area of city.walkAreas) add(0, area.id, area.name, { kind: area.kind, ring: area.polygon[0] });
    for (const stop of city.stops) add(1, stop.id, stop.name, { kind: stop.kind, point: stop.at });
    for (const poi of city.pois) add(2, poi.id, poi.name, { kind: poi.kind, point: poi.at });
    // Sidewalks generated from roads are found by id only (`way/1:sidewalk:left`).
    for (const walkway of city.walkways) add(3, walkway.id, walkway.id.includes(':sidewalk:') ? undefined : walkway.name, { kind: walkway.kind, line: walkway.line, widthM: walkway.widthM });
    for (const road of city.roads) add(4, road.id, road.name, { kind: road.highway, line: road.line, widthM: road.widthM });
    for (const building of city.buildings) add(5, building.id, building.name, { kind: 'building', ring: building.footprint[0][0] });
  }

  /** The id a `ref` or `name` place designates, or undefined (problem reported). */
  private idOf(place: Json, path: string, report: (path: string, message: string) => void): string | undefined {
    if (typeof place.ref === 'string') {
      if (this.byId.has(place.ref)) return place.ref;
      const close = [...this.byId.keys()].filter((id) => id.includes(place.ref as string)).slice(0, 5);
      report(`${path}.ref`, `no feature "${place.ref}" in the city model ${this.city.name}${close.length > 0 ? ` (similar: ${close.join(', ')})` : ''}`);
      return undefined;
    }
    const ids = this.byName.map((names) => names?.get(place.name as string)).find((found) => found !== undefined) ?? [];
    const distinct = [...new Set(ids)];
    if (distinct.length === 1) return distinct[0];
    report(`${path}.name`, distinct.length === 0 ? `no feature named "${place.name}" in the city model ${this.city.name}` : `"${place.name}" names ${distinct.length} features (${distinct.slice(0, 5).join(', ')}): use "ref" with one of them`);
    return undefined;
  }

  /** A point of a place (for `around`). */
  centreOf(place: unknown, path: string, report: (path: string, message: string) => void): XY | undefined {
    const polygon = this.polygonOf(place, path, report, undefined);
    if (!polygon) return undefined;
    let x = 0;
    let y = 0;
    for (const point of polygon) {
      x += point[0];
      y += point[1];
    }
    return [x / polygon.length, y / polygon.length];
  }

  /** The polygon (open ring) of a place, or undefined (problem reported). */
  polygonOf(place: unknown, path: string, report: (path: string, message: string) => void, edgeBox: BoxXY | undefined): XY[] | undefined {
    if (place === null || typeof place !== 'object' || Array.isArray(place)) {
      report(path, `expected {"ref": ID}, {"name": NAME}, {"lonLat": [lon, lat]}, {"xy": [x, y]}${edgeBox ? ' or {"edge": SIDE}' : ''}, found ${JSON.stringify(place)?.slice(0, 60)}`);
      return undefined;
    }
    const value = place as Json;
    const radiusM = value.radiusM === undefined ? DEFAULT_PLACE_RADIUS_M : value.radiusM;
    if (typeof radiusM !== 'number' || !(radiusM > 0) || radiusM > 1000) {
      report(`${path}.radiusM`, `expected a number of metres in (0, 1000], found ${JSON.stringify(value.radiusM)}`);
      return undefined;
    }
    if (value.edge !== undefined) {
      if (!edgeBox) {
        report(`${path}.edge`, 'an edge of the area is a place for exits only, and needs geometry.area');
        return undefined;
      }
      return edgeStrip(edgeBox, value.edge, `${path}.edge`, report);
    }
    if (value.lonLat !== undefined || value.xy !== undefined) {
      const key = value.lonLat !== undefined ? 'lonLat' : 'xy';
      const pair = value[key];
      if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((n) => typeof n === 'number' && Number.isFinite(n)) || (key === 'lonLat' && (Math.abs(pair[0]) > 180 || Math.abs(pair[1]) > 90))) {
        report(`${path}.${key}`, key === 'lonLat' ? `expected [longitude, latitude] in degrees, found ${JSON.stringify(pair)}` : `expected [x, y] in metres, found ${JSON.stringify(pair)}`);
        return undefined;
      }
      const centre = key === 'lonLat' ? this.frame.toLocal(pair[0], pair[1]) : (pair as XY);
      return square(centre, radiusM);
    }
    if (typeof value.ref !== 'string' && typeof value.name !== 'string') {
      report(path, 'expected one of "ref", "name", "lonLat", "xy"' + (edgeBox ? ' or "edge"' : ''));
      return undefined;
    }
    const id = this.idOf(value, path, report);
    if (id === undefined) return undefined;
    const entry = this.byId.get(id)!;
    if (entry.ring) return openRing(entry.ring);
    if (entry.point) return square(entry.point, radiusM);
    // A line: buffered by half its width, less a margin so that the place stays walkable.
    const halfWidthM = Math.max(0.3, (entry.widthM ?? 2) / 2 - 0.3);
    const buffered = buffer(lineString(entry.line!.map(([x, y]) => this.frame.toLonLat(x, y))), halfWidthM, { units: 'meters', steps: 2 });
    const ring = buffered?.geometry.type === 'Polygon' ? buffered.geometry.coordinates[0] : undefined;
    if (!ring) {
      report(path, `feature "${id}" has no usable outline`);
      return undefined;
    }
    return openRing(ring.map(([lon, lat]) => this.frame.toLocal(lon, lat)));
  }
}

function square([x, y]: XY, radiusM: number): XY[] {
  return [[roundCm(x - radiusM), roundCm(y - radiusM)], [roundCm(x + radiusM), roundCm(y - radiusM)], [roundCm(x + radiusM), roundCm(y + radiusM)], [roundCm(x - radiusM), roundCm(y + radiusM)]];
}

function edgeStrip(box: BoxXY, side: unknown, path: string, report: (path: string, message: string) => void): XY[] | undefined {
  const d = EDGE_DEPTH_M;
  switch (side) {
    case 'north':
      return [[box.minX, box.maxY], [box.maxX, box.maxY], [box.maxX, box.maxY + d], [box.minX, box.maxY + d]];
    case 'south':
      return [[box.minX, box.minY - d], [box.maxX, box.minY - d], [box.maxX, box.minY], [box.minX, box.minY]];
    case 'east':
      return [[box.maxX, box.minY], [box.maxX + d, box.minY], [box.maxX + d, box.maxY], [box.maxX, box.maxY]];
    case 'west':
      return [[box.minX - d, box.minY], [box.minX, box.minY], [box.minX, box.maxY], [box.minX - d, box.maxY]];
    default:
      report(path, `expected "north", "south", "east" or "west", found ${JSON.stringify(side)}`);
      return undefined;
  }
}

function openRing(ring: readonly (readonly number[])[]): XY[] {
  const points = ring.map(([x, y]) => [roundCm(x), roundCm(y)] as XY);
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
  return points.filter((point, index) => index === 0 || point[0] !== points[index - 1][0] || point[1] !== points[index - 1][1]);
}
