/**
 * An independent, deliberately simple reading of OSM XML for tests (regular expressions, no
 * code shared with `city-models/`), so that figures computed by the importer can be checked
 * against figures computed another way: building counts and footprint areas with turf.area.
 */
import { readFileSync } from 'node:fs';
import { area as turfArea, polygon as turfPolygon } from '@turf/turf';

/** The shared OSM extracts (see ../shared/data/osm/README.md). */
export const PARIS_OSM = new URL('../../../../shared/data/osm/paris_10e_gare_du_nord/paris_10e_map.osm', import.meta.url).pathname;
export const MONACO_OSM = new URL('../../../../shared/data/osm/monaco_2012/monaco.osm', import.meta.url).pathname;

interface RawWay { refs: string[]; tags: Record<string, string> }
interface RawRelation { members: { type: string; ref: string; role: string }[]; tags: Record<string, string> }

/** Nodes, ways and relations by id. */
export function readOsmIndependently(path: string): { nodes: Map<string, [number, number]>; ways: Map<string, RawWay>; relations: Map<string, RawRelation> } {
  const text = readFileSync(path, 'utf8');
  const nodes = new Map<string, [number, number]>();
  for (const match of text.matchAll(/<node\b([^>]*)>/g)) {
    const id = /\bid="(-?\d+)"/.exec(match[1])?.[1];
    const lat = /\blat="([^"]+)"/.exec(match[1])?.[1];
    const lon = /\blon="([^"]+)"/.exec(match[1])?.[1];
    if (id && lat && lon) nodes.set(id, [Number(lon), Number(lat)]);
  }
  const tagsOf = (body: string): Record<string, string> => {
    const tags: Record<string, string> = {};
    for (const tag of body.matchAll(/<tag k="([^"]*)" v="([^"]*)"/g)) tags[tag[1]] = tag[2];
    return tags;
  };
  const ways = new Map<string, RawWay>();
  for (const match of text.matchAll(/<way\b[^>]*\bid="(-?\d+)"[^>]*>([\s\S]*?)<\/way>/g)) {
    ways.set(match[1], { refs: [...match[2].matchAll(/<nd ref="(-?\d+)"/g)].map((nd) => nd[1]), tags: tagsOf(match[2]) });
  }
  const relations = new Map<string, RawRelation>();
  for (const match of text.matchAll(/<relation\b[^>]*\bid="(-?\d+)"[^>]*>([\s\S]*?)<\/relation>/g)) {
    const members = [...match[2].matchAll(/<member type="(\w+)" ref="(-?\d+)" role="([^"]*)"/g)].map((m) => ({ type: m[1], ref: m[2], role: m[3] }));
    relations.set(match[1], { members, tags: tagsOf(match[2]) });
  }
  return { nodes, ways, relations };
}

/**
 * Building footprint areas (m², turf.area on WGS84 rings) by feature id, for building ways and
 * for building multipolygons whose every ring is one closed member way; other relations are
 * left out (listed in `notComputed`).
 */
export function buildingAreasIndependently(path: string): { areas: Map<string, number>; buildingIds: string[]; notComputed: string[] } {
  const { nodes, ways, relations } = readOsmIndependently(path);
  const ringOf = (refs: string[]): [number, number][] | undefined => {
    if (refs.length < 4 || refs[0] !== refs[refs.length - 1]) return undefined;
    const coords = refs.map((ref) => nodes.get(ref));
    return coords.every((c) => c !== undefined) ? (coords as [number, number][]) : undefined;
  };
  const areas = new Map<string, number>();
  const buildingIds: string[] = [];
  const notComputed: string[] = [];
  for (const [id, way] of ways) {
    if (way.tags.building === undefined || way.tags.building === 'no') continue;
    buildingIds.push(`way/${id}`);
    const ring = ringOf(way.refs);
    if (ring) areas.set(`way/${id}`, turfArea(turfPolygon([ring])));
    else notComputed.push(`way/${id}`);
  }
  for (const [id, relation] of relations) {
    if (relation.tags.type !== 'multipolygon' || relation.tags.building === undefined || relation.tags.building === 'no') continue;
    buildingIds.push(`relation/${id}`);
    let total = 0;
    let ok = true;
    for (const member of relation.members) {
      if (member.type !== 'way') continue;
      const way = ways.get(member.ref);
      const ring = way && ringOf(way.refs);
      if (!ring) {
        ok = false;
        break;
      }
      const ringArea = turfArea(turfPolygon([ring]));
      total += member.role === 'inner' ? -ringArea : ringArea;
    }
    if (ok) areas.set(`relation/${id}`, total);
    else notComputed.push(`relation/${id}`);
  }
  return { areas, buildingIds, notComputed };
}
