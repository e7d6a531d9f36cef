import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area, booleanClockwise, booleanIntersects, kinks, polygon as turfPolygon } from '@turf/turf';
import type { Feature, LineString, Point, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_DISTRICT_ORIGIN,
  DEFAULT_DISTRICT_PLACES,
  defaultDistrictGeoJson,
  defaultDistrictGeoJsonText,
} from '../../../city-models/generate/defaultDistrict.ts';
import { createLocalFrame } from '../../../city-models/LocalFrame.ts';

type Tags = Record<string, string>;
type XY = [number, number];

const DISTRICT_FILE = fileURLToPath(new URL('../../../city-models/default/district.geojson', import.meta.url));
const ROAD_KINDS = new Set(['primary', 'secondary', 'tertiary', 'residential', 'unclassified', 'service']);
const frame = createLocalFrame(DEFAULT_DISTRICT_ORIGIN.lonDeg, DEFAULT_DISTRICT_ORIGIN.latDeg);

let features: Feature[];
const tagsOf = (f: Feature): Tags => f.properties as Tags;
const byKind = <G extends Feature['geometry']['type']>(type: G): Feature[] => features.filter((f) => f.geometry.type === type);
const lines = (): Feature<LineString>[] => byKind('LineString') as Feature<LineString>[];
const polygons = (): Feature<Polygon>[] => byKind('Polygon') as Feature<Polygon>[];
const points = (): Feature<Point>[] => byKind('Point') as Feature<Point>[];
const buildings = (): Feature<Polygon>[] => polygons().filter((f) => tagsOf(f).building !== undefined);
const key = (p: Position): string => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
const local = (p: Position): XY => frame.toLocal(p[0], p[1]);

/** Union-find over rounded coordinates: the number of connected groups of the given lines. */
function componentCount(group: Feature<LineString>[]): number {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(k, root);
    return root;
  };
  for (const f of group) for (const p of f.geometry.coordinates) if (!parent.has(key(p))) parent.set(key(p), key(p));
  for (const f of group) {
    const c = f.geometry.coordinates;
    for (let i = 1; i < c.length; i++) parent.set(find(key(c[i])), find(key(c[0])));
  }
  return new Set([...parent.keys()].map(find)).size;
}

function segPointDist(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY): number => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** Shortest distance between a closed ring and an open polyline (0 if they cross), metres. */
function ringToLineM(ring: XY[], line: XY[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    for (let k = 0; k + 1 < line.length; k++) {
      const [a, b, c, d] = [ring[i], ring[i + 1], line[k], line[k + 1]];
      if (segmentsCross(a, b, c, d)) return 0;
      best = Math.min(best, segPointDist(a, c, d), segPointDist(b, c, d), segPointDist(c, a, b), segPointDist(d, a, b));
    }
  }
  return best;
}

function boxOf(pts: XY[]): [number, number, number, number] {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function boxesWithin(a: number[], b: number[], marginM: number): boolean {
  return a[0] - marginM <= b[2] && b[0] - marginM <= a[2] && a[1] - marginM <= b[3] && b[1] - marginM <= a[3];
}

beforeAll(() => {
  features = defaultDistrictGeoJson().features;
});

describe('default district', () => {
  it('is the same feature collection on every call', () => {
    expect(JSON.stringify(defaultDistrictGeoJson())).toBe(JSON.stringify(defaultDistrictGeoJson()));
  });

  it('matches the bundled city-models/default/district.geojson, so the file never goes stale', () => {
    const written = readFileSync(DISTRICT_FILE, 'utf8');
    expect(written).toBe(defaultDistrictGeoJsonText());
    const { 'vigie:origin': origin, ...collection } = JSON.parse(written);
    expect(collection).toEqual(JSON.parse(JSON.stringify(defaultDistrictGeoJson())));
    expect(origin).toEqual({ lonDeg: 7.262, latDeg: 43.695 });
  });

  it('gives every feature a unique string id and OSM tags with string values only', () => {
    const ids = features.map((f) => f.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of features) {
      expect(Object.keys(tagsOf(f)).length).toBeGreaterThan(0);
      for (const value of Object.values(tagsOf(f))) expect(typeof value).toBe('string');
    }
  });

  it('rounds coordinates to 1e-7 degrees and stays within about 1.2 km by 0.8 km of the origin', () => {
    const all: Position[] = [];
    for (const f of lines()) all.push(...f.geometry.coordinates);
    for (const f of polygons()) all.push(...f.geometry.coordinates[0]);
    for (const f of points()) all.push(f.geometry.coordinates);
    for (const p of all) {
      expect(Math.round(p[0] * 1e7) / 1e7).toBe(p[0]);
      expect(Math.round(p[1] * 1e7) / 1e7).toBe(p[1]);
    }
    const box = boxOf(all.map(local));
    expect(box[2] - box[0]).toBeGreaterThan(1100);
    expect(box[2] - box[0]).toBeLessThan(1300);
    expect(box[3] - box[1]).toBeGreaterThan(700);
    expect(box[3] - box[1]).toBeLessThan(900);
  });

  it('closes every polygon ring counter-clockwise, without self-intersection and with a non-zero area', () => {
    for (const f of polygons()) {
      const ring = f.geometry.coordinates[0];
      expect(ring[0], f.id as string).toEqual(ring[ring.length - 1]);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(booleanClockwise(ring), f.id as string).toBe(false);
      expect(kinks(turfPolygon([ring])).features, f.id as string).toHaveLength(0);
      expect(area(turfPolygon([ring])), f.id as string).toBeGreaterThan(1);
    }
  });

  it('has no repeated consecutive vertex in any line', () => {
    for (const f of lines()) {
      const c = f.geometry.coordinates;
      for (let i = 1; i < c.length; i++) expect(key(c[i]), f.id as string).not.toBe(key(c[i - 1]));
    }
  });

  it('has 150 to 400 buildings, with levels between 3 and 9, some with a height and some with neither', () => {
    const all = buildings();
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.length).toBeLessThanOrEqual(400);
    const levels = all.map((b) => tagsOf(b)['building:levels']).filter((l) => l !== undefined).map(Number);
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...levels)).toBeLessThanOrEqual(9);
    expect(all.some((b) => tagsOf(b).height !== undefined)).toBe(true);
    expect(all.some((b) => tagsOf(b).height === undefined && tagsOf(b)['building:levels'] === undefined)).toBe(true);
  });

  it('keeps a clear gap between any two buildings', () => {
    const all = buildings().map((b) => ({ id: b.id as string, ring: b.geometry.coordinates[0].map(local), feature: b }));
    const boxes = all.map((b) => boxOf(b.ring));
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (!boxesWithin(boxes[i], boxes[j], 1)) continue;
        expect(booleanIntersects(all[i].feature, all[j].feature), `${all[i].id} / ${all[j].id}`).toBe(false);
        expect(ringToLineM(all[i].ring, all[j].ring), `${all[i].id} / ${all[j].id}`).toBeGreaterThan(0.5);
      }
    }
  });

  it('keeps buildings off streets, walkways, the tram, the river and the coast, by at least half their width', () => {
    const ways = lines().map((f) => {
      const t = tagsOf(f);
      const halfWidthM = t.width !== undefined ? Number(t.width) / 2 : t.lanes !== undefined ? (Number(t.lanes) * 3) / 2 : 1;
      const pts = f.geometry.coordinates.map(local);
      return { id: f.id as string, pts, halfWidthM, box: boxOf(pts) };
    });
    for (const b of buildings()) {
      const ring = b.geometry.coordinates[0].map(local);
      const box = boxOf(ring);
      for (const w of ways) {
        if (!boxesWithin(box, w.box, w.halfWidthM + 1)) continue;
        expect(ringToLineM(ring, w.pts), `${b.id as string} / ${w.id}`).toBeGreaterThan(w.halfWidthM);
      }
    }
  });

  it('keeps buildings out of the square, the platforms, the beach and the water', () => {
    const areas = polygons().filter((f) => tagsOf(f).building === undefined);
    expect(areas.length).toBeGreaterThanOrEqual(6);
    const areaBoxes = areas.map((a) => boxOf(a.geometry.coordinates[0].map(local)));
    for (const b of buildings()) {
      const box = boxOf(b.geometry.coordinates[0].map(local));
      areas.forEach((a, i) => {
        if (boxesWithin(box, areaBoxes[i], 1)) expect(booleanIntersects(b, a), `${b.id as string} / ${a.id as string}`).toBe(false);
      });
    }
  });

  it('holds the features that DEFAULT_DISTRICT_PLACES names, with each exit ending on the district edge', () => {
    const byId = new Map(features.map((f) => [f.id, f]));
    const { exits, exitPointsM, ...places } = DEFAULT_DISTRICT_PLACES;
    for (const id of [...Object.values(places), ...Object.values(exits)]) expect(byId.has(id), id).toBe(true);
    expect(tagsOf(byId.get(places.square) as Feature)).toMatchObject({ highway: 'pedestrian', area: 'yes', place: 'square', name: 'Place du Marché' });
    expect(tagsOf(byId.get(places.tramStop) as Feature)).toMatchObject({ railway: 'tram_stop', public_transport: 'stop_position' });
    expect(tagsOf(byId.get(places.promenade) as Feature)).toMatchObject({ highway: 'pedestrian', width: '12', name: 'Promenade des Pins' });
    expect(tagsOf(byId.get(places.beach) as Feature)).toMatchObject({ natural: 'beach' });
    for (const side of ['west', 'north', 'east'] as const) {
      const coordinates = (byId.get(exits[side]) as Feature<LineString>).geometry.coordinates;
      const ends = [coordinates[0], coordinates[coordinates.length - 1]].map(local);
      const expected = exitPointsM[side];
      expect(ends.some((p) => Math.hypot(p[0] - expected[0], p[1] - expected[1]) < 0.05), side).toBe(true);
    }
  });

  it('joins every street, walkway, crossing and the promenade into one walkable network', () => {
    const walkable = lines().filter((f) => tagsOf(f).highway !== undefined);
    expect(walkable.length).toBeGreaterThan(60);
    expect(componentCount(walkable)).toBe(1);
  });

  it('joins every road, bridges included, into one road network', () => {
    const roads = lines().filter((f) => ROAD_KINDS.has(tagsOf(f).highway));
    expect(roads.some((f) => tagsOf(f).bridge === 'yes')).toBe(true);
    expect(componentCount(roads)).toBe(1);
  });

  it('places signals at shared road vertices, crossings on a road and a crossing footway, barriers on walkways', () => {
    const vertexUse = new Map<string, Tags[]>();
    for (const f of lines()) for (const p of f.geometry.coordinates) vertexUse.set(key(p), [...(vertexUse.get(key(p)) ?? []), tagsOf(f)]);
    const on = (f: Feature<Point>): Tags[] => vertexUse.get(key(f.geometry.coordinates)) ?? [];
    const signals = points().filter((f) => tagsOf(f).highway === 'traffic_signals');
    expect(signals.length).toBeGreaterThanOrEqual(4);
    for (const s of signals) expect(on(s).filter((t) => ROAD_KINDS.has(t.highway)).length, s.id as string).toBeGreaterThanOrEqual(2);
    const crossings = points().filter((f) => tagsOf(f).highway === 'crossing');
    expect(new Set(crossings.map((c) => tagsOf(c).crossing))).toEqual(new Set(['traffic_signals', 'uncontrolled']));
    for (const c of crossings) {
      expect(on(c).some((t) => ROAD_KINDS.has(t.highway)), c.id as string).toBe(true);
      expect(on(c).some((t) => t.footway === 'crossing'), c.id as string).toBe(true);
    }
    const barriers = points().filter((f) => tagsOf(f).barrier !== undefined);
    expect(barriers.filter((b) => tagsOf(b).barrier === 'bollard' && tagsOf(b).bollard === 'rising').length).toBeGreaterThanOrEqual(3);
    expect(barriers.some((b) => tagsOf(b).barrier === 'gate')).toBe(true);
    for (const b of barriers) expect(on(b).some((t) => t.highway === 'pedestrian' || t.highway === 'footway'), b.id as string).toBe(true);
  });

  it('runs a tram line through the district with the square stop and three more on it, each beside a platform', () => {
    const tram = lines().find((f) => tagsOf(f).railway === 'tram') as Feature<LineString>;
    const onTram = new Set(tram.geometry.coordinates.map(key));
    const stops = points().filter((f) => tagsOf(f).railway === 'tram_stop');
    expect(stops.map((s) => s.id)).toContain(DEFAULT_DISTRICT_PLACES.tramStop);
    expect(stops.length).toBeGreaterThanOrEqual(3);
    for (const s of stops) expect(onTram.has(key(s.geometry.coordinates)), s.id as string).toBe(true);
    const platforms = polygons().filter((f) => tagsOf(f).railway === 'platform' || tagsOf(f).public_transport === 'platform');
    expect(platforms.length).toBeGreaterThanOrEqual(1);
    const ends = [tram.geometry.coordinates[0], tram.geometry.coordinates[tram.geometry.coordinates.length - 1]].map(local);
    expect(Math.abs(ends[0][1] - ends[1][1])).toBeGreaterThan(500);
  });

  it('has the sea, a beach, a seafront road, a river with its water, a road bridge and a footbridge', () => {
    const has = (pred: (t: Tags, f: Feature) => boolean): boolean => features.some((f) => pred(tagsOf(f), f));
    expect(has((t) => t.natural === 'coastline' || (t.natural === 'water' && t.water === 'sea'))).toBe(true);
    expect(has((t, f) => t.natural === 'beach' && f.geometry.type === 'Polygon')).toBe(true);
    expect(has((t) => t.highway === 'primary' && t.lanes === '4' && t.maxspeed === '50' && t.sidewalk === 'both')).toBe(true);
    expect(has((t) => t.waterway === 'river' && t.width === '15' && t.name !== undefined)).toBe(true);
    expect(has((t) => t.natural === 'water' && t.water === 'river')).toBe(true);
    expect(has((t) => ROAD_KINDS.has(t.highway) && t.bridge === 'yes' && t.layer === '1')).toBe(true);
    expect(has((t) => (t.highway === 'footway' || t.highway === 'pedestrian') && t.bridge === 'yes' && t.layer === '1')).toBe(true);
    expect(has((t) => t.oneway === 'yes')).toBe(true);
  });

  it('has old-town lanes 2.5 to 4 m wide and the points of interest a safety study needs', () => {
    const lanes = lines().filter((f) => (f.id as string).startsWith('ot-'));
    expect(lanes.length).toBeGreaterThanOrEqual(10);
    for (const f of lanes) {
      const w = Number(tagsOf(f).width);
      expect(w).toBeGreaterThanOrEqual(2.5);
      expect(w).toBeLessThanOrEqual(4);
    }
    const count = (pred: (t: Tags) => boolean): number => points().filter((f) => pred(tagsOf(f))).length;
    expect(count((t) => t.highway === 'street_lamp')).toBeGreaterThanOrEqual(10);
    expect(count((t) => t.man_made === 'surveillance' && t['surveillance:type'] === 'camera' && /^\d+$/.test(t['camera:direction']))).toBeGreaterThanOrEqual(3);
    expect(count((t) => t.entrance === 'main')).toBeGreaterThanOrEqual(10);
    for (const amenity of ['police', 'hospital', 'pharmacy', 'restaurant', 'bench', 'fountain']) expect(count((t) => t.amenity === amenity), amenity).toBeGreaterThan(0);
  });
});
