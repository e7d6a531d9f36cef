/**
 * Importing city data: OpenStreetMap XML or GeoJSON text in, a `CityModel` out. The steps:
 * parse into tagged features (`osm/`, `geojson/`), keep those inside the bounding box, project
 * them to the local frame, sort them into layers (`layers/`), and build the pedestrian and road
 * graphs (`graphs/`). Features that cannot be used are counted by reason in `report.skipped`;
 * what makes the whole input unusable throws a `CityImportError`. No file access here: callers
 * pass the text (the CLI reads the file; the browser fetches it).
 */
import type { Barrier, Building, CityModel, PointOfInterest, RailLine, Road, Stop, WalkArea, Walkway, Water, XY } from './CityModel.ts';
import { CityImportError } from './CityImportError.ts';
import { createLocalFrame, type LocalFrame } from './LocalFrame.ts';
import { SkipCounter, type LonLat, type TaggedFeature } from './TaggedFeature.ts';
import { parseOsmXml } from './osm/parseOsmXml.ts';
import { osmToFeatures } from './osm/osmToFeatures.ts';
import { coordinateKey, geojsonOrigin, geojsonToFeatures } from './geojson/geojsonToFeatures.ts';
import { buildingFromFeature, isBuilding } from './layers/buildings.ts';
import { DEFAULT_SIDEWALK_WIDTH_M, isWalkway, sidewalksOfRoad, walkwayFromFeature } from './layers/walkways.ts';
import { roadClass, roadFromFeature, roadKeys } from './layers/roads.ts';
import { isRail, railFromFeature, stopFromFeature, stopKind } from './layers/transit.ts';
import { pointsOfInterest } from './layers/pointsOfInterest.ts';
import { waterFromFeature, waterKind } from './layers/water.ts';
import { barrierFromFeature, isBarrier } from './layers/barriers.ts';
import { projectPoint } from './layers/projectGeometry.ts';
import { buildPedestrianGraph, buildRoadGraph, compactGraph, roadFringe, roadJunctions, type KeyedLine } from './graphs/buildNetworkGraph.ts';
import { walkAreaLinks } from './graphs/walkAreaLinks.ts';

/** A WGS84 bounding box, degrees. */
export interface LonLatBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Options of an import. */
export interface ImportOptions {
  /** Keep only features whose extent meets this box (features crossing it are kept whole). */
  bbox?: LonLatBox;
  /** Origin of the local frame; default: the centre of the bbox, of `<bounds>`, or of the data. */
  origin?: { lonDeg: number; latDeg: number };
  /** The model's name; default: the file name. */
  name?: string;
}

/** The input format, from the file name or, failing that, the first character of the text. */
export function detectFormat(text: string, fileName: string): 'osm' | 'geojson' {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'osm';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return text.trimStart().startsWith('<') ? 'osm' : 'geojson';
}

/** Imports OSM XML or GeoJSON text. Throws `CityImportError` only. */
export function importCity(text: string, fileName: string, options: ImportOptions = {}): CityModel {
  const skips = new SkipCounter();
  const format = detectFormat(text, fileName);
  let features: TaggedFeature[];
  let fileBounds: LonLatBox | undefined;
  if (format === 'osm') {
    const data = parseOsmXml(text, fileName, skips);
    fileBounds = data.bounds;
    features = osmToFeatures(data, skips);
  } else {
    features = geojsonToFeatures(text, fileName, skips);
  }
  const ownOrigin = format === 'geojson' ? geojsonOrigin(text) : undefined;
  const counts: Record<string, number> = { featuresRead: features.length };
  if (options.bbox) {
    const box = options.bbox;
    const inside = features.filter((feature) => meetsBox(feature, box));
    counts.outsideBbox = features.length - inside.length;
    if (inside.length === 0) {
      throw new CityImportError(fileName, [{ path: '--bbox', message: `no data inside ${box.minLon},${box.minLat},${box.maxLon},${box.maxLat} (the file's ${features.length} features lie elsewhere)` }]);
    }
    features = inside;
  }
  if (features.length === 0) throw new CityImportError(fileName, [{ path: '(root)', message: 'no features with tags: nothing to import' }]);
  const origin = options.origin ?? ownOrigin ?? centreOf(options.bbox ?? fileBounds ?? coreExtentOf(features));
  if (!(Math.abs(origin.latDeg) <= 85 && Math.abs(origin.lonDeg) <= 180)) {
    throw new CityImportError(fileName, [{ path: options.origin ? '--origin' : '(root)', message: `the data lies around latitude ${origin.latDeg}, longitude ${origin.lonDeg}: Vigie's local frame covers latitudes up to ±85°` }]);
  }
  const frame = createLocalFrame(origin.lonDeg, origin.latDeg);
  // NOTE: without a box (GeoJSON, an OSM file without <bounds>), a dead end on the edge of the
  // data (within EDGE_TOLERANCE_M) is where the extract cut a road: part of the fringe too.
  const dataBox = options.bbox ?? fileBounds;
  const inside = dataBox ? insideBox(frame, dataBox) : insideExtent(frame, extentOf(features));
  const model = classify(features, frame, skips, counts, inside);
  return {
    format: 'vigie-city',
    version: 1,
    name: options.name ?? fileName.replace(/^.*[\\/]/, ''),
    source: { file: fileName.replace(/^.*[\\/]/, ''), kind: format },
    origin: { lonDeg: origin.lonDeg, latDeg: origin.latDeg },
    ...model,
    report: { counts, skipped: skips.skipped, examples: skips.examples },
  };
}

type Layers = Omit<CityModel, 'format' | 'version' | 'name' | 'source' | 'origin' | 'report'>;

/** Sorts features into layers and builds the graphs. */
function classify(features: TaggedFeature[], frame: LocalFrame, skips: SkipCounter, counts: Record<string, number>, inside: ((x: number, y: number) => boolean) | undefined): Layers {
  const buildings: Building[] = [];
  const walkways: Walkway[] = [];
  const walkAreas: WalkArea[] = [];
  const roads: Road[] = [];
  const rails: RailLine[] = [];
  const stops: Stop[] = [];
  const pois: PointOfInterest[] = [];
  const water: Water[] = [];
  const barriers: Barrier[] = [];
  const pedestrianLines: KeyedLine[] = [];
  const areaOutlines: { featureId: string; keys: string[]; line: XY[] }[] = [];
  const roadLines: KeyedLine[] = [];
  const splitKeys = new Set<string>();
  const signalKeys = new Set<string>();
  const repaired: Record<string, number> = {};
  const noteRepair = (reason: string): void => {
    repaired[reason] = (repaired[reason] ?? 0) + 1;
  };
  const keyed = (keys: string[], coords: LonLat[]): { keys: string[]; line: XY[] } => ({ keys, line: coords.map((coord) => projectPoint(frame, coord)) });

  for (const feature of features) {
    const { tags, geometry } = feature;
    let used = false;
    if (isBuilding(tags)) {
      used = true;
      const building = buildingFromFeature(feature, frame, skips, noteRepair);
      if (building) buildings.push(building);
    }
    if (isWalkway(tags)) {
      used = true;
      const walk = walkwayFromFeature(feature, frame, skips, noteRepair);
      if (walk && 'line' in walk) {
        walkways.push(walk);
        if (geometry.type === 'line') pedestrianLines.push({ featureId: feature.id, ...keyed(geometry.keys, geometry.coords), widthM: walk.widthM });
        // A pedestrian street is also a road with restricted access (emergency vehicles,
        // deliveries, and the vehicle a hostile-vehicle scenario drives into it).
        if (tags.highway === 'pedestrian' && geometry.type === 'line') {
          const road = roadFromFeature(feature, frame, skips);
          if (road) {
            roads.push(road);
            const keys = roadKeys(tags, geometry);
            roadLines.push({ featureId: feature.id, keys, line: keyed(keys, keys === geometry.keys ? geometry.coords : geometry.coords.slice().reverse()).line, lanesForward: road.lanesForward, lanesBackward: road.lanesBackward, maxSpeedKph: road.maxSpeedKph, restricted: true });
          }
        }
      } else if (walk) {
        walkAreas.push(walk);
        if (geometry.type === 'area' && geometry.keys) areaOutlines.push({ featureId: feature.id, ...keyed(geometry.keys, geometry.polygons[0][0]) });
      }
    } else if (roadClass(tags) !== undefined) {
      used = true;
      const road = roadFromFeature(feature, frame, skips);
      if (road && geometry.type === 'line') {
        roads.push(road);
        walkways.push(...sidewalksOfRoad(road, tags));
        const keys = roadKeys(tags, geometry);
        const line = keys === geometry.keys ? keyed(keys, geometry.coords).line : keyed(keys, geometry.coords.slice().reverse()).line;
        roadLines.push({ featureId: feature.id, keys, line, lanesForward: road.lanesForward, lanesBackward: road.lanesBackward, maxSpeedKph: road.maxSpeedKph });
        // People walk a street on its two sidewalks: the edge's walkable width.
        if (road.walkable) pedestrianLines.push({ featureId: feature.id, keys, line, widthM: 2 * DEFAULT_SIDEWALK_WIDTH_M });
      }
    }
    if (isRail(tags)) {
      const rail = railFromFeature(feature, frame);
      if (rail) {
        used = true;
        rails.push(rail);
      }
    }
    const stop = stopKind(tags);
    if (stop) {
      used = true;
      stops.push(stopFromFeature(feature, frame, stop));
    }
    const foundPois = pointsOfInterest(feature, frame);
    if (foundPois.length > 0) {
      used = true;
      pois.push(...foundPois);
      if (geometry.type === 'point') {
        const key = feature.id.startsWith('node/') ? `n${feature.id.slice(5)}` : coordinateKey(geometry.at[0], geometry.at[1]);
        if (foundPois.some((poi) => poi.kind === 'traffic_signals' || poi.kind === 'crossing' || poi.kind === 'bollard' || poi.kind === 'gate')) splitKeys.add(key);
        if (foundPois.some((poi) => poi.kind === 'traffic_signals')) signalKeys.add(key);
      }
    }
    const wet = waterKind(tags);
    if (wet) {
      used = true;
      const item = waterFromFeature(feature, frame, wet, skips);
      if (item) water.push(item);
    }
    if (isBarrier(tags)) {
      const barrier = barrierFromFeature(feature, frame);
      if (barrier) {
        used = true;
        barriers.push(barrier);
      }
    }
    if (!used) skips.skip(feature.id, `tags not used by Vigie (${mainKey(tags)})`);
  }

  pedestrianLines.push(...walkAreaLinks(areaOutlines, pedestrianLines));
  const pedestrian = compactGraph(buildPedestrianGraph(pedestrianLines, splitKeys));
  const roadCompact = compactGraph(buildRoadGraph(roadLines, splitKeys));
  const signalNodes = new Set<number>();
  roadCompact.keys.forEach((key, node) => {
    if (signalKeys.has(key)) signalNodes.add(node);
  });
  const junctions = roadJunctions(roadCompact, signalNodes);
  const fringe = roadFringe(roadCompact, inside);

  Object.assign(counts, {
    buildings: buildings.length,
    walkways: walkways.length,
    walkAreas: walkAreas.length,
    roads: roads.length,
    rails: rails.length,
    stops: stops.length,
    pois: pois.length,
    water: water.length,
    barriers: barriers.length,
    pedestrianNodes: pedestrian.nodeXY.length / 2,
    pedestrianEdges: pedestrian.edges.length,
    roadNodes: roadCompact.nodeXY.length / 2,
    roadEdges: roadCompact.edges.length,
    junctions: junctions.length,
    roadFringeNodes: fringe.length,
  });
  for (const [reason, count] of Object.entries(repaired)) counts[`repaired: ${reason}`] = count;
  return {
    bounds: boundsOf([buildings.flatMap((b) => b.footprint.map((p) => p[0])).flat(), walkways.flatMap((w) => w.line), walkAreas.flatMap((a) => a.polygon[0]), roads.flatMap((r) => r.line), rails.flatMap((r) => r.line), stops.map((s) => s.at), pois.map((p) => p.at)]),
    buildings,
    walkways,
    walkAreas,
    roads,
    rails,
    stops,
    pois,
    water,
    barriers,
    pedestrianGraph: { nodeXY: pedestrian.nodeXY, edges: pedestrian.edges },
    roadGraph: { nodeXY: roadCompact.nodeXY, edges: roadCompact.edges, junctions, fringe },
  };
}

/** The first key that says what a feature is, for skip reasons. */
function mainKey(tags: Record<string, string>): string {
  for (const key of ['addr:housenumber', 'landuse', 'shop', 'tourism', 'leisure', 'natural', 'man_made', 'power', 'boundary', 'route', 'public_transport', 'highway', 'railway', 'barrier', 'office', 'historic', 'place']) {
    if (tags[key] !== undefined) return `${key}=*`;
  }
  return 'other tags';
}

/** A test for local points inside a WGS84 box (its corners projected; a small box stays a box). */
function insideBox(frame: LocalFrame, box: LonLatBox): (x: number, y: number) => boolean {
  const [minX, minY] = frame.toLocal(box.minLon, box.minLat);
  const [maxX, maxY] = frame.toLocal(box.maxLon, box.maxLat);
  return (x, y) => x >= minX && x <= maxX && y >= minY && y <= maxY;
}

/** Dead ends closer than this to the edge of the data are on its edge, m. */
const EDGE_TOLERANCE_M = 2;

/** A test for local points strictly inside the data's extent (shrunk by EDGE_TOLERANCE_M). */
function insideExtent(frame: LocalFrame, box: LonLatBox): (x: number, y: number) => boolean {
  const [minX, minY] = frame.toLocal(box.minLon, box.minLat);
  const [maxX, maxY] = frame.toLocal(box.maxLon, box.maxLat);
  return (x, y) => x > minX + EDGE_TOLERANCE_M && x < maxX - EDGE_TOLERANCE_M && y > minY + EDGE_TOLERANCE_M && y < maxY - EDGE_TOLERANCE_M;
}

function meetsBox(feature: TaggedFeature, box: LonLatBox): boolean {
  const extent = extentOf([feature]);
  return extent.minLon <= box.maxLon && extent.maxLon >= box.minLon && extent.minLat <= box.maxLat && extent.maxLat >= box.minLat;
}

function extentOf(features: TaggedFeature[]): LonLatBox {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  const add = ([lon, lat]: LonLat): void => {
    if (lon < box.minLon) box.minLon = lon;
    if (lon > box.maxLon) box.maxLon = lon;
    if (lat < box.minLat) box.minLat = lat;
    if (lat > box.maxLat) box.maxLat = lat;
  };
  for (const { geometry } of features) {
    if (geometry.type === 'point') add(geometry.at);
    else if (geometry.type === 'line') geometry.coords.forEach(add);
    else for (const polygon of geometry.polygons) polygon[0].forEach(add);
  }
  return box;
}

/**
 * The extent of the bulk of the data: the 1st to 99th percentiles of vertex longitudes and
 * latitudes, so that a few far-flung features (a route relation's member reaching the next town)
 * do not move the origin away from the district.
 */
function coreExtentOf(features: TaggedFeature[]): LonLatBox {
  const lons: number[] = [];
  const lats: number[] = [];
  const add = ([lon, lat]: LonLat): void => {
    lons.push(lon);
    lats.push(lat);
  };
  for (const { geometry } of features) {
    if (geometry.type === 'point') add(geometry.at);
    else if (geometry.type === 'line') geometry.coords.forEach(add);
    else for (const polygon of geometry.polygons) polygon[0].forEach(add);
  }
  lons.sort((a, b) => a - b);
  lats.sort((a, b) => a - b);
  const at = (values: number[], share: number): number => values[Math.min(values.length - 1, Math.floor(share * values.length))];
  return { minLon: at(lons, 0.01), minLat: at(lats, 0.01), maxLon: at(lons, 0.99), maxLat: at(lats, 0.99) };
}

function centreOf(box: LonLatBox): { lonDeg: number; latDeg: number } {
  return { lonDeg: Math.round(((box.minLon + box.maxLon) / 2) * 1e7) / 1e7, latDeg: Math.round(((box.minLat + box.maxLat) / 2) * 1e7) / 1e7 };
}

function boundsOf(groups: XY[][]): CityModel['bounds'] {
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const group of groups) {
    for (const [x, y] of group) {
      if (x < bounds.minX) bounds.minX = x;
      if (x > bounds.maxX) bounds.maxX = x;
      if (y < bounds.minY) bounds.minY = y;
      if (y > bounds.maxY) bounds.maxY = y;
    }
  }
  if (!Number.isFinite(bounds.minX)) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return bounds;
}
