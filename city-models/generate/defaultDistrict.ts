/**
 * Vigie's bundled default district: a fictional Côte d'Azur seafront of about 1.2 km x 0.8 km,
 * written by hand for Vigie and owned by this project (not copied from any dataset; the street
 * names are invented or generic).
 *
 * It is city INPUT data: a GeoJSON FeatureCollection whose feature properties are OpenStreetMap
 * tags (string values), read by the importer like any other extract. Everything is authored in
 * local metres (x east, y north) around DEFAULT_DISTRICT_ORIGIN and converted to WGS84 by one
 * function, so equal local points give equal longitudes and latitudes (rounded to 1e-7 degrees):
 * lines that meet share that vertex exactly, which is how the importer joins them.
 *
 * Layout, local metres: the sea south of y = -330, then the beach, the Promenade des Pins
 * (y = -280) and the Boulevard du Littoral (y = -255); the old town of narrow lanes west of the
 * Avenue des Mimosas (x = -250); the centre with the Place du Marché around (0, -90) on the tram
 * avenue (x = 0); the river Le Lauron (x = 336 to 380) with two road bridges and two footbridges;
 * a quieter quarter east of it with the hospital. Buildings are laid along the street fronts and
 * kept clear of every street, walkway, square, water body and of each other.
 *
 * The steps live in their own files: the plan (`districtPlan.ts`), the drafts (`draftRoads.ts`,
 * `draftWalkways.ts`, `draftAreas.ts`), the noding (`nodeLines.ts`), the buildings
 * (`buildingObstacles.ts`, `layBuildings.ts`, `tagBuildings.ts`) and the points (`draftPois.ts`).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { XY } from '../CityModel.ts';
import { createLocalFrame } from '../LocalFrame.ts';
import { districtObstacles } from './buildingObstacles.ts';
import { pt, type Tags } from './districtDraft.ts';
import { TRAM_STOPS, TRAM_X } from './districtPlan.ts';
import { draftAreas, draftOtherLines } from './draftAreas.ts';
import { draftPois } from './draftPois.ts';
import { draftRoads } from './draftRoads.ts';
import { draftWalkways } from './draftWalkways.ts';
import { districtFrontages, layBuildings, type BuildingDraft } from './layBuildings.ts';
import { nodeLines } from './nodeLines.ts';
import { tagBuilding, tagLandmarks } from './tagBuildings.ts';

/** The origin of the default district's local frame, WGS84 degrees. */
export const DEFAULT_DISTRICT_ORIGIN = { lonDeg: 7.262, latDeg: 43.695 } as const;

/**
 * Ids of default-district features that scenarios reference. Each exit is a street whose end
 * lies on the district edge; `exitPointsM` gives that end in the local frame, metres.
 */
export const DEFAULT_DISTRICT_PLACES = {
  square: 'square-main',
  tramStop: 'tram-stop-marche',
  tramLine: 'tram-line',
  promenade: 'promenade',
  beach: 'beach-west',
  exits: { west: 'ot-rue-droite', north: 'road-mimosas', east: 'promenade-east' },
  exitPointsM: { west: [-600, -80], north: [-250, 400], east: [600, -280] },
} as const;

/** Inserts each building's entrance into its ring (between the two front corners). */
function ringWithEntrance(b: BuildingDraft, n: number): XY[] {
  if (n % 4 !== 0) return b.ring;
  return [b.ring[0], b.frontMid, ...b.ring.slice(1)];
}

/**
 * The default district as GeoJSON: OSM-tagged features in WGS84 (lon, lat rounded to 1e-7
 * degrees), each with a string `id`. A new object on every call; the same content every time.
 */
export function defaultDistrictGeoJson(): FeatureCollection {
  const roads = draftRoads();
  const walks = draftWalkways();
  const network = [...roads, ...walks.walkways, ...walks.crossings.map((c) => c.line)];
  nodeLines(network);
  const areas = draftAreas();
  const others = draftOtherLines();

  const obstacles = districtObstacles([...network, ...others], areas);
  const buildings = layBuildings(districtFrontages(network, areas), obstacles);
  buildings.forEach((b, n) => tagBuilding(b, n));
  tagLandmarks(buildings);
  const pois = draftPois(roads, walks, buildings);

  const frame = createLocalFrame(DEFAULT_DISTRICT_ORIGIN.lonDeg, DEFAULT_DISTRICT_ORIGIN.latDeg);
  const ll = (p: XY): [number, number] => {
    const [lon, lat] = frame.toLonLat(p[0], p[1]);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const features: Feature[] = [];
  const add = (id: string, properties: Tags, geometry: Geometry): void => {
    features.push({ type: 'Feature', id, properties, geometry });
  };
  const polygon = (ring: XY[]): Geometry => ({ type: 'Polygon', coordinates: [[...ring, ring[0]].map(ll)] });
  const lineString = (pts: XY[]): Geometry => ({ type: 'LineString', coordinates: pts.map(ll) });
  for (const a of areas) add(a.id, a.tags, polygon(a.ring));
  for (const l of others) add(l.id, l.tags, lineString(l.pts));
  for (const l of network) add(l.id, l.tags, lineString(l.pts));
  for (const [y, id, name] of TRAM_STOPS) {
    add(id, { railway: 'tram_stop', public_transport: 'stop_position', tram: 'yes', name }, { type: 'Point', coordinates: ll(pt(TRAM_X, y)) });
  }
  buildings.forEach((b, n) => add(`b-${n + 1}`, b.tags, polygon(ringWithEntrance(b, n))));
  for (const p of pois) add(p.id, p.tags, { type: 'Point', coordinates: ll(p.at) });
  return { type: 'FeatureCollection', features };
}

/**
 * The text of `city-models/default/district.geojson`: the default district with one feature per
 * line, so that a diff shows which features changed.
 */
export function defaultDistrictGeoJsonText(): string {
  const fc = defaultDistrictGeoJson();
  // "vigie:origin" (a GeoJSON foreign member) keeps the authored local frame when imported.
  const origin = JSON.stringify({ lonDeg: DEFAULT_DISTRICT_ORIGIN.lonDeg, latDeg: DEFAULT_DISTRICT_ORIGIN.latDeg });
  return `{"type":"FeatureCollection","vigie:origin":${origin},"features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
