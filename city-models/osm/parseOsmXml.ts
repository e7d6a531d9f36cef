/**
 * Reading OpenStreetMap XML (API 0.6: `<osm>` with `<bounds>`, `<node>`, `<way>`, `<relation>`
 * and their `<tag k v>`, `<nd ref>`, `<member type ref role>`) with the streaming `saxes`
 * parser. Node coordinates go to flat arrays; only tagged nodes keep their tags.
 * Malformed XML and a root element other than `<osm>` throw a `CityImportError` naming the
 * line and column; a node with bad coordinates is skipped and counted.
 */
import { SaxesParser, type SaxesTag } from 'saxes';
import { CityImportError } from '../CityImportError.ts';
import type { SkipCounter } from '../TaggedFeature.ts';

/** A way: its node references and tags. */
export interface OsmWay {
  id: string;
  refs: string[];
  tags: Record<string, string>;
}

/** A relation member. */
export interface OsmMember {
  type: 'node' | 'way' | 'relation';
  ref: string;
  role: string;
}

/** A relation: its members and tags. */
export interface OsmRelation {
  id: string;
  members: OsmMember[];
  tags: Record<string, string>;
}

/** The parsed document. Node `i` is at (`lonDeg[i]`, `latDeg[i]`); `nodeIndex` maps ids to `i`. */
export interface OsmData {
  bounds?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  nodeIndex: Map<string, number>;
  nodeIds: string[];
  lonDeg: number[];
  latDeg: number[];
  /** Tags of the nodes that have any, by node index. */
  nodeTags: Map<number, Record<string, string>>;
  ways: OsmWay[];
  relations: OsmRelation[];
}

type Current = { kind: 'node'; index: number; tags: Record<string, string> | undefined } | { kind: 'way'; way: OsmWay } | { kind: 'relation'; relation: OsmRelation } | undefined;

/** Parses OSM XML text. `fileName` names it in errors. */
export function parseOsmXml(text: string, fileName: string, skips: SkipCounter): OsmData {
  const data: OsmData = { nodeIndex: new Map(), nodeIds: [], lonDeg: [], latDeg: [], nodeTags: new Map(), ways: [], relations: [] };
  const parser = new SaxesParser({ position: true });
  let current: Current;
  let depth = 0;
  let sawRoot = false;
  let failure: CityImportError | undefined;
  const fail = (message: string): void => {
    if (!failure) failure = new CityImportError(fileName, [{ path: `line ${parser.line}, column ${parser.column}`, message }]);
  };

  parser.on('error', (error: Error) => {
    // saxes prefixes its messages with "line:column: "; the path already says where.
    fail(`malformed XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag: SaxesTag) => {
    depth += 1;
    const attributes = tag.attributes as Record<string, string>;
    if (depth === 1) {
      if (tag.name !== 'osm') fail(`expected an OpenStreetMap document (root element <osm>), found <${tag.name}>`);
      sawRoot = true;
      return;
    }
    if (depth === 2) {
      current = openElement(tag.name, attributes, data, skips);
      return;
    }
    if (depth !== 3 || current === undefined) return;
    if (tag.name === 'tag') {
      const key = attributes.k;
      if (key === undefined) return;
      const value = attributes.v ?? '';
      if (current.kind === 'node') (current.tags ??= {})[key] = value;
      else if (current.kind === 'way') current.way.tags[key] = value;
      else current.relation.tags[key] = value;
    } else if (tag.name === 'nd' && current.kind === 'way' && attributes.ref !== undefined) {
      current.way.refs.push(attributes.ref);
    } else if (tag.name === 'member' && current.kind === 'relation' && attributes.ref !== undefined) {
      const type = attributes.type;
      if (type === 'node' || type === 'way' || type === 'relation') current.relation.members.push({ type, ref: attributes.ref, role: attributes.role ?? '' });
    }
  });
  parser.on('closetag', () => {
    if (depth === 2 && current?.kind === 'node' && current.tags) data.nodeTags.set(current.index, current.tags);
    if (depth === 2) current = undefined;
    depth -= 1;
  });

  try {
    parser.write(text).close();
  } catch (error) {
    // saxes throws when no error handler swallows the error; ours records it, but be safe.
    fail(`malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (failure) throw failure;
  if (!sawRoot) throw new CityImportError(fileName, [{ path: '(root)', message: 'expected an OpenStreetMap XML document, found no element' }]);
  return data;
}

/** Starts a top-level element; returns what nested tags attach to. */
function openElement(name: string, attributes: Record<string, string>, data: OsmData, skips: SkipCounter): Current {
  if (name === 'bounds') {
    const bounds = { minLon: Number(attributes.minlon), minLat: Number(attributes.minlat), maxLon: Number(attributes.maxlon), maxLat: Number(attributes.maxlat) };
    if (Object.values(bounds).every(Number.isFinite)) data.bounds = bounds;
    return undefined;
  }
  const id = attributes.id;
  if (name === 'node') {
    const lon = Number(attributes.lon);
    const lat = Number(attributes.lat);
    if (id === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      skips.skip(`node/${id ?? '?'}`, 'node without valid coordinates');
      return undefined;
    }
    if (attributes.visible === 'false' || attributes.action === 'delete') return undefined;
    const index = data.nodeIds.length;
    data.nodeIndex.set(id, index);
    data.nodeIds.push(id);
    data.lonDeg.push(lon);
    data.latDeg.push(lat);
    return { kind: 'node', index, tags: undefined };
  }
  if (name === 'way' && id !== undefined && attributes.visible !== 'false' && attributes.action !== 'delete') {
    const way: OsmWay = { id, refs: [], tags: {} };
    data.ways.push(way);
    return { kind: 'way', way };
  }
  if (name === 'relation' && id !== undefined && attributes.visible !== 'false' && attributes.action !== 'delete') {
    const relation: OsmRelation = { id, members: [], tags: {} };
    data.relations.push(relation);
    return { kind: 'relation', relation };
  }
  return undefined;
}
