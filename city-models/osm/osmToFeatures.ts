/**
 * From parsed OpenStreetMap data to tagged features: tagged nodes become points; ways become
 * lines, or areas when closed and tagged as areas (the usual OSM convention: `area=yes`, or keys
 * such as building, landuse, leisure, natural, amenity); multipolygon relations become areas
 * whose rings are assembled from their member ways. Ways with missing nodes and relations with
 * missing members or open rings are skipped and counted, never dropped silently.
 */
import type { LonLat, TaggedFeature } from '../TaggedFeature.ts';
import type { SkipCounter } from '../TaggedFeature.ts';
import type { OsmData, OsmRelation, OsmWay } from './parseOsmXml.ts';
import { ringContainsPoint, ringVertexCentroid } from '../geometry/rings.ts';

/** Keys whose presence makes a closed way an area (unless `area=no`). */
const AREA_KEYS = new Set(['building', 'building:part', 'landuse', 'leisure', 'amenity', 'shop', 'tourism', 'place', 'natural', 'water', 'parking', 'historic', 'office', 'craft', 'landcover']);
/** `natural` values that are lines even when closed. */
const LINEAR_NATURAL = new Set(['coastline', 'tree_row', 'cliff', 'ridge', 'arete']);
/** Tags that carry no meaning of their own (metadata). */
const METADATA_KEYS = new Set(['created_by', 'source', 'note', 'fixme', 'FIXME', 'attribution', 'comment']);

/** True when the tags say more than metadata. */
export function hasMeaningfulTags(tags: Record<string, string>): boolean {
  for (const key in tags) if (!METADATA_KEYS.has(key) && !key.startsWith('source:')) return true;
  return false;
}

/** True when a closed way with these tags is an area rather than a loop. */
export function isAreaTags(tags: Record<string, string>): boolean {
  if (tags.area === 'yes') return true;
  if (tags.area === 'no') return false;
  if (tags.waterway === 'riverbank' || tags.waterway === 'dock') return true;
  if (tags.railway === 'platform' || tags.public_transport === 'platform' || tags.railway === 'station') return true;
  if (tags.natural !== undefined) return !LINEAR_NATURAL.has(tags.natural);
  for (const key in tags) if (AREA_KEYS.has(key)) return true;
  return false;
}

/** Converts everything meaningful in the document into tagged features, in document order. */
export function osmToFeatures(data: OsmData, skips: SkipCounter): TaggedFeature[] {
  const features: TaggedFeature[] = [];
  for (const [index, tags] of data.nodeTags) {
    if (!hasMeaningfulTags(tags)) continue;
    features.push({ id: `node/${data.nodeIds[index]}`, tags, geometry: { type: 'point', at: [data.lonDeg[index], data.latDeg[index]] } });
  }
  const wayById = new Map<string, OsmWay>();
  for (const way of data.ways) wayById.set(way.id, way);
  // Relations first: an old-style multipolygon takes its tags from its outer way, which then
  // must not be imported a second time on its own.
  const consumedWays = new Set<string>();
  const relationFeatures: TaggedFeature[] = [];
  for (const relation of data.relations) {
    const type = relation.tags.type;
    if (type === 'multipolygon') {
      const feature = multipolygonToFeature(relation, wayById, data, skips, consumedWays);
      if (feature) relationFeatures.push(feature);
    } else if (hasMeaningfulTags(relation.tags)) {
      skips.skip(`relation/${relation.id}`, `relation type=${type ?? '(none)'} not imported (its member ways are)`);
    }
  }
  for (const way of data.ways) {
    if (!hasMeaningfulTags(way.tags) || consumedWays.has(way.id)) continue;
    const feature = wayToFeature(way, data, skips);
    if (feature) features.push(feature);
  }
  features.push(...relationFeatures);
  return features;
}

/** The coordinates of a way's nodes, or undefined if one is missing from the file. */
function wayCoords(way: OsmWay, data: OsmData): LonLat[] | undefined {
  const coords: LonLat[] = [];
  for (const ref of way.refs) {
    const index = data.nodeIndex.get(ref);
    if (index === undefined) return undefined;
    coords.push([data.lonDeg[index], data.latDeg[index]]);
  }
  return coords;
}

function wayToFeature(way: OsmWay, data: OsmData, skips: SkipCounter): TaggedFeature | undefined {
  const id = `way/${way.id}`;
  const coords = wayCoords(way, data);
  if (!coords) {
    skips.skip(id, 'way references nodes missing from the file');
    return undefined;
  }
  if (coords.length < 2) {
    skips.skip(id, 'way with fewer than 2 nodes');
    return undefined;
  }
  const closed = way.refs.length >= 4 && way.refs[0] === way.refs[way.refs.length - 1];
  if (closed && isAreaTags(way.tags)) {
    return { id, tags: way.tags, geometry: { type: 'area', polygons: [[coords]], keys: way.refs.map((ref) => `n${ref}`) } };
  }
  return { id, tags: way.tags, geometry: { type: 'line', coords, keys: way.refs.map((ref) => `n${ref}`) } };
}

/**
 * Assembles a multipolygon relation: joins its outer and inner member ways end to end into
 * closed rings, then gives each inner ring to the outer ring that contains it.
 */
function multipolygonToFeature(relation: OsmRelation, wayById: Map<string, OsmWay>, data: OsmData, skips: SkipCounter, consumedWays: Set<string>): TaggedFeature | undefined {
  const id = `relation/${relation.id}`;
  const what = relation.tags.building !== undefined ? 'building: broken' : 'broken';
  const outerParts: string[][] = [];
  const innerParts: string[][] = [];
  let tags = relation.tags;
  for (const member of relation.members) {
    if (member.type !== 'way') continue;
    const way = wayById.get(member.ref);
    if (!way || way.refs.some((ref) => !data.nodeIndex.has(ref))) {
      skips.skip(id, `${what} multipolygon relation (member ways or nodes missing from the file)`);
      return undefined;
    }
    (member.role === 'inner' ? innerParts : outerParts).push(way.refs);
  }
  if (outerParts.length === 0) {
    skips.skip(id, `${what} multipolygon relation (no outer member)`);
    return undefined;
  }
  const outerRings = joinRings(outerParts);
  const innerRings = joinRings(innerParts);
  if (!outerRings || !innerRings) {
    skips.skip(id, `${what} multipolygon relation (ring not closed)`);
    return undefined;
  }
  if (!hasMeaningfulTags(withoutType(tags))) {
    // Old-style multipolygon: the tags are on the outer way.
    const firstOuter = relation.members.find((member) => member.type === 'way' && member.role !== 'inner');
    tags = { ...(firstOuter ? wayById.get(firstOuter.ref)?.tags : undefined), ...tags };
    if (!hasMeaningfulTags(withoutType(tags))) return undefined;
    for (const member of relation.members) if (member.type === 'way' && member.role !== 'inner') consumedWays.add(member.ref);
  }
  const toCoords = (ring: string[]): LonLat[] => ring.map((ref) => {
    const index = data.nodeIndex.get(ref) as number;
    return [data.lonDeg[index], data.latDeg[index]];
  });
  const polygons: LonLat[][][] = outerRings.map((ring) => [toCoords(ring)]);
  const outerNodes = new Set(outerRings.flat());
  for (const inner of innerRings) {
    const coords = toCoords(inner);
    // NOTE: a courtyard's ring may touch the outer ring at a node, where the point-in-ring test
    // goes either way: test a node of the inner ring that is not on an outer ring, else its centre.
    const free = inner.findIndex((ref) => !outerNodes.has(ref));
    const probe: LonLat = free >= 0 ? coords[free] : ringVertexCentroid(coords);
    const owner = polygons.find((polygon) => ringContainsPoint(polygon[0], probe));
    if (owner) owner.push(coords);
    else skips.skip(id, 'inner ring of a multipolygon outside its outer rings (left out)');
  }
  return { id, tags, geometry: { type: 'area', polygons } };
}

function withoutType(tags: Record<string, string>): Record<string, string> {
  const { type: _type, ...rest } = tags;
  return rest;
}

/** Joins open node sequences into closed rings; undefined when some cannot be closed. */
export function joinRings(parts: string[][]): string[][] | undefined {
  const rings: string[][] = [];
  const open = parts.filter((part) => part.length >= 2).map((part) => part.slice());
  while (open.length > 0) {
    let ring = open.pop() as string[];
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      const next = open.findIndex((part) => part[0] === end || part[part.length - 1] === end);
      if (next < 0) return undefined;
      const [part] = open.splice(next, 1);
      ring = ring.concat((part[0] === end ? part : part.slice().reverse()).slice(1));
    }
    if (ring.length >= 4) rings.push(ring);
  }
  return rings;
}
