import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { generateProceduralCityOsm, type ProceduralCityOptions } from '../../../city-models/generate/proceduralCity.ts';
import { createLocalFrame } from '../../../city-models/LocalFrame.ts';

type Tags = Record<string, string>;
type XY = [number, number];

interface ParsedOsm {
  root: Tags;
  bounds: Tags | undefined;
  nodeIds: string[];
  nodes: Map<string, { lat: number; lon: number; tags: Tags }>;
  ways: { id: string; refs: string[]; tags: Tags }[];
}

/** Parses OSM XML with a strict XML parser (saxes); throws on malformed XML. */
function parseOsm(text: string): ParsedOsm {
  const parsed: ParsedOsm = { root: {}, bounds: undefined, nodeIds: [], nodes: new Map(), ways: [] };
  let tagsOfCurrent: Tags | undefined;
  let refsOfCurrent: string[] | undefined;
  const parser = new SaxesParser();
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Tags;
    if (tag.name === 'osm') parsed.root = a;
    else if (tag.name === 'bounds') parsed.bounds = a;
    else if (tag.name === 'node') {
      tagsOfCurrent = {};
      parsed.nodeIds.push(a.id);
      parsed.nodes.set(a.id, { lat: Number(a.lat), lon: Number(a.lon), tags: tagsOfCurrent });
    } else if (tag.name === 'way') {
      tagsOfCurrent = {};
      refsOfCurrent = [];
      parsed.ways.push({ id: a.id, refs: refsOfCurrent, tags: tagsOfCurrent });
    } else if (tag.name === 'nd') refsOfCurrent?.push(a.ref);
    else if (tag.name === 'tag' && tagsOfCurrent !== undefined) tagsOfCurrent[a.k] = a.v;
  });
  parser.write(text).close();
  return parsed;
}

const base: ProceduralCityOptions = { widthM: 700, heightM: 600, layout: 'grid', seed: 42 };
const MAIN = new Set(['primary', 'secondary']);
const isStreet = (t: Tags): boolean => t.highway !== undefined && t.area !== 'yes' && t.highway !== 'footway';

const cache = new Map<string, { text: string; osm: ParsedOsm }>();
function city(options: ProceduralCityOptions): { text: string; osm: ParsedOsm } {
  const key = JSON.stringify(options);
  let entry = cache.get(key);
  if (entry === undefined) {
    const text = generateProceduralCityOsm(options);
    entry = { text, osm: parseOsm(text) };
    cache.set(key, entry);
  }
  return entry;
}

function localOf(osm: ParsedOsm): (ref: string) => XY {
  const frame = createLocalFrame(7.262, 43.695);
  return (ref) => {
    const n = osm.nodes.get(ref);
    if (n === undefined) throw new Error(`no node ${ref}`);
    return frame.toLocal(n.lon, n.lat);
  };
}

function boxOf(pts: XY[]): [number, number, number, number] {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** True when two convex rings (not closed) overlap (no separating axis). */
function convexOverlap(p: XY[], q: XY[]): boolean {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i];
      const b = poly[(i + 1) % poly.length];
      const nx = a[1] - b[1];
      const ny = b[0] - a[0];
      const proj = (r: XY[]): [number, number] => {
        const d = r.map((v) => v[0] * nx + v[1] * ny);
        return [Math.min(...d), Math.max(...d)];
      };
      const [p0, p1] = proj(p);
      const [q0, q1] = proj(q);
      if (p1 <= q0 || q1 <= p0) return false;
    }
  }
  return true;
}

function segPointDist(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}

describe('procedural city', () => {
  for (const layout of ['grid', 'radial'] as const) {
    describe(`${layout} layout`, () => {
      const options: ProceduralCityOptions = { ...base, layout };

      it('writes OSM XML 0.6 with bounds, nodes and ways that a strict XML parser accepts', () => {
        const { text, osm } = city(options);
        expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="vigie-procedural">')).toBe(true);
        expect(osm.root).toMatchObject({ version: '0.6', generator: 'vigie-procedural' });
        expect(osm.bounds).toBeDefined();
        const b = osm.bounds as Tags;
        expect(Number(b.minlat)).toBeLessThan(43.695);
        expect(Number(b.maxlat)).toBeGreaterThan(43.695);
        expect(Number(b.minlon)).toBeLessThan(7.262);
        expect(Number(b.maxlon)).toBeGreaterThan(7.262);
        expect(osm.nodes.size).toBeGreaterThan(100);
        expect(osm.ways.length).toBeGreaterThan(20);
      });

      it('gives every node a unique id and points every way at defined nodes', () => {
        const { osm } = city(options);
        expect(new Set(osm.nodeIds).size).toBe(osm.nodeIds.length);
        expect(new Set(osm.ways.map((w) => w.id)).size).toBe(osm.ways.length);
        for (const way of osm.ways) {
          expect(way.refs.length, way.id).toBeGreaterThanOrEqual(2);
          for (const ref of way.refs) expect(osm.nodes.has(ref), `way ${way.id} -> node ${ref}`).toBe(true);
        }
      });

      it('is byte-identical for the same options and different for another seed', () => {
        expect(generateProceduralCityOsm(options)).toBe(city(options).text);
        expect(generateProceduralCityOsm({ ...options, seed: 43 })).not.toBe(city(options).text);
      });

      it('tags main roads, residential streets with sidewalks, footways, squares and a tram line with stops', () => {
        const { osm } = city(options);
        const streets = osm.ways.filter((w) => isStreet(w.tags));
        expect(streets.some((w) => MAIN.has(w.tags.highway) && Number(w.tags.lanes) >= 2 && w.tags.maxspeed === '50')).toBe(true);
        expect(streets.some((w) => w.tags.highway === 'residential')).toBe(true);
        expect(streets.filter((w) => w.tags.sidewalk === 'both').length / streets.length).toBeGreaterThan(0.6);
        expect(osm.ways.some((w) => w.tags.highway === 'footway')).toBe(true);
        const squares = osm.ways.filter((w) => w.tags.highway === 'pedestrian' && w.tags.area === 'yes');
        expect(squares.length).toBeGreaterThanOrEqual(1);
        for (const s of squares) expect(s.refs[0]).toBe(s.refs[s.refs.length - 1]);
        const tram = osm.ways.find((w) => w.tags.railway === 'tram');
        expect(tram).toBeDefined();
        const stops = (tram as { refs: string[] }).refs.filter((ref) => osm.nodes.get(ref)?.tags.railway === 'tram_stop');
        expect(stops.length).toBeGreaterThanOrEqual(1);
      });

      it('puts traffic signals only on junction nodes shared by two main roads', () => {
        const { osm } = city(options);
        const signals = [...osm.nodes].filter(([, n]) => n.tags.highway === 'traffic_signals').map(([id]) => id);
        expect(signals.length).toBeGreaterThanOrEqual(1);
        for (const id of signals) {
          const mains = osm.ways.filter((w) => isStreet(w.tags) && MAIN.has(w.tags.highway) && w.refs.includes(id));
          expect(mains.length, id).toBeGreaterThanOrEqual(2);
        }
      });

      it('joins every street and footway into one network through shared junction nodes', () => {
        const { osm } = city(options);
        const parent = new Map<string, string>();
        const find = (k: string): string => {
          while (parent.get(k) !== k) k = parent.get(k) as string;
          return k;
        };
        const network = osm.ways.filter((w) => w.tags.highway !== undefined && w.tags.area !== 'yes');
        for (const w of network) for (const r of w.refs) parent.set(r, r);
        for (const w of network) for (const r of w.refs) parent.set(find(r), find(w.refs[0]));
        expect(new Set([...parent.keys()].map(find)).size).toBe(1);
      });

      it('closes every building with building=yes and 2 to 8 levels, several per block, none overlapping another', () => {
        const { osm } = city(options);
        const local = localOf(osm);
        const buildings = osm.ways.filter((w) => w.tags.building !== undefined);
        expect(buildings.length).toBeGreaterThan(50);
        const rings = buildings.map((b) => {
          expect(b.tags.building).toBe('yes');
          const levels = Number(b.tags['building:levels']);
          expect(levels).toBeGreaterThanOrEqual(2);
          expect(levels).toBeLessThanOrEqual(8);
          expect(b.refs[0]).toBe(b.refs[b.refs.length - 1]);
          expect(new Set(b.refs).size).toBe(b.refs.length - 1);
          return b.refs.slice(0, -1).map(local);
        });
        const boxes = rings.map(boxOf);
        for (let i = 0; i < rings.length; i++) {
          for (let j = i + 1; j < rings.length; j++) {
            const [a, b] = [boxes[i], boxes[j]];
            if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
            expect(convexOverlap(rings[i], rings[j]), `${buildings[i].id} / ${buildings[j].id}`).toBe(false);
          }
        }
      });

      it('keeps buildings clear of the carriageway of every street', () => {
        const { osm } = city(options);
        const local = localOf(osm);
        const segments: { a: XY; b: XY; halfM: number }[] = [];
        for (const w of osm.ways.filter((x) => isStreet(x.tags))) {
          const pts = w.refs.map(local);
          for (let i = 0; i + 1 < pts.length; i++) segments.push({ a: pts[i], b: pts[i + 1], halfM: (Number(w.tags.lanes) * 3) / 2 });
        }
        for (const b of osm.ways.filter((w) => w.tags.building !== undefined)) {
          const ring = b.refs.map(local);
          const box = boxOf(ring);
          for (const s of segments) {
            const sb = boxOf([s.a, s.b]);
            if (sb[0] - s.halfM > box[2] || box[0] > sb[2] + s.halfM || sb[1] - s.halfM > box[3] || box[1] > sb[3] + s.halfM) continue;
            for (const p of ring) expect(segPointDist(p, s.a, s.b), b.id).toBeGreaterThan(s.halfM);
          }
        }
      });
    });
  }

  it('lays out rings and spokes in the radial layout, unlike the grid', () => {
    const grid = city({ ...base, layout: 'grid' });
    const radial = city({ ...base, layout: 'radial' });
    expect(radial.text).not.toBe(grid.text);
    const closedStreets = (osm: ParsedOsm): number => osm.ways.filter((w) => isStreet(w.tags) && w.refs[0] === w.refs[w.refs.length - 1]).length;
    expect(closedStreets(radial.osm)).toBeGreaterThanOrEqual(1);
    expect(closedStreets(grid.osm)).toBe(0);
  });

  it('has more buildings in a larger city', () => {
    const count = (w: number, h: number): number => (generateProceduralCityOsm({ ...base, widthM: w, heightM: h }).match(/<tag k="building" /g) ?? []).length;
    const small = count(400, 400);
    const large = count(1000, 800);
    expect(small).toBeGreaterThan(20);
    expect(large).toBeGreaterThan(3 * small);
  });

  it('places the city around the given origin', () => {
    const { osm } = city({ ...base, originLonDeg: 2.35, originLatDeg: 48.85 });
    const b = osm.bounds as Tags;
    expect((Number(b.minlat) + Number(b.maxlat)) / 2).toBeCloseTo(48.85, 4);
    expect((Number(b.minlon) + Number(b.maxlon)) / 2).toBeCloseTo(2.35, 4);
  });

  it('rejects a bad size, layout or seed with a RangeError that names the option', () => {
    expect(() => generateProceduralCityOsm({ ...base, widthM: -5 })).toThrow(/widthM: .*got -5/);
    expect(() => generateProceduralCityOsm({ ...base, heightM: Number.NaN })).toThrow(RangeError);
    expect(() => generateProceduralCityOsm({ ...base, layout: 'spiral' as 'grid' })).toThrow(/layout: .*"spiral"/);
    expect(() => generateProceduralCityOsm({ ...base, seed: 1.5 })).toThrow(/seed: .*1\.5/);
  });
});
