/**
 * Reading GeoJSON (RFC 7946: WGS84 longitude, latitude in degrees) whose feature properties are
 * OpenStreetMap tags (as written by osmtogeojson, overpass-turbo or QGIS from OSM data).
 * Accepts a FeatureCollection or a single Feature. Lines join for routing where vertices
 * coincide after rounding to 1e-7 degrees (about 1 cm).
 *
 * Throws a `CityImportError` for what makes the whole file unusable (not JSON, not GeoJSON,
 * coordinates that are not degrees, as when a file was saved in a projected system); skips and
 * counts single bad features (no geometry, too few points, a geometry type with no meaning here).
 */
import { CityImportError, type CityProblem } from '../CityImportError.ts';
import type { FeatureGeometry, LonLat, SkipCounter, TaggedFeature } from '../TaggedFeature.ts';
import { jsonSyntaxProblem } from './jsonSyntaxProblem.ts';

/** At most this many coordinate problems are listed. */
const MAX_PROBLEMS = 20;

/** The routing key of a vertex: its coordinates rounded to 1e-7 degrees. */
export function coordinateKey(lonDeg: number, latDeg: number): string {
  return `${lonDeg.toFixed(7)},${latDeg.toFixed(7)}`;
}

/**
 * The origin a FeatureCollection asks for with the foreign member `"vigie:origin": {"lonDeg",
 * "latDeg"}` (Vigie's own generated districts use it to keep their authored local frame), or
 * undefined.
 */
export function geojsonOrigin(text: string): { lonDeg: number; latDeg: number } | undefined {
  const match = /"vigie:origin"\s*:\s*\{\s*"lonDeg"\s*:\s*(-?[\d.]+)\s*,\s*"latDeg"\s*:\s*(-?[\d.]+)\s*\}/.exec(text.slice(0, 2048));
  if (!match) return undefined;
  const lonDeg = Number(match[1]);
  const latDeg = Number(match[2]);
  return Math.abs(lonDeg) <= 180 && Math.abs(latDeg) <= 85 ? { lonDeg, latDeg } : undefined;
}

/** Parses GeoJSON text into tagged features. */
export function geojsonToFeatures(text: string, fileName: string, skips: SkipCounter): TaggedFeature[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CityImportError(fileName, [jsonSyntaxProblem(text, error)]);
  }
  const root = document as { type?: unknown; features?: unknown };
  let rawFeatures: unknown[];
  let basePath: string;
  if (root !== null && typeof root === 'object' && root.type === 'FeatureCollection' && Array.isArray(root.features)) {
    rawFeatures = root.features;
    basePath = 'features';
  } else if (root !== null && typeof root === 'object' && root.type === 'Feature') {
    rawFeatures = [root];
    basePath = '';
  } else {
    const found = root === null || typeof root !== 'object' ? JSON.stringify(root)?.slice(0, 40) : `type ${JSON.stringify(root.type)}`;
    throw new CityImportError(fileName, [{ path: '(root)', message: `expected a GeoJSON FeatureCollection (with a "features" array) or Feature, found ${found}` }]);
  }

  const problems: CityProblem[] = [];
  const features: TaggedFeature[] = [];
  rawFeatures.forEach((raw, index) => {
    const path = basePath ? `${basePath}[${index}]` : '(root)';
    const feature = raw as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
    if (feature === null || typeof feature !== 'object' || feature.type !== 'Feature') {
      skips.skip(path, 'not a GeoJSON Feature');
      return;
    }
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const id = featureId(feature.id, properties, index);
    const tags = propertiesToTags(properties);
    const geometry = feature.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!geometry || typeof geometry !== 'object') {
      skips.skip(id, 'feature without geometry');
      return;
    }
    const geometries = readGeometry(geometry, `${path === '(root)' ? '' : `${path}.`}geometry`, problems);
    if (geometries === undefined) {
      skips.skip(id, `geometry type ${JSON.stringify(geometry.type)} not used`);
      return;
    }
    if (geometries === 'degenerate') {
      skips.skip(id, 'geometry with too few points');
      return;
    }
    geometries.forEach((part, partIndex) => {
      features.push({ id: geometries.length > 1 ? `${id}#${partIndex + 1}` : id, tags, geometry: part });
    });
  });
  if (problems.length > 0) {
    if (problems.length > MAX_PROBLEMS) {
      const more = problems.length - (MAX_PROBLEMS - 1);
      problems.splice(MAX_PROBLEMS - 1, problems.length, { path: '(root)', message: `${more} more coordinate problems not listed` });
    }
    throw new CityImportError(fileName, problems);
  }
  return features;
}

function featureId(id: unknown, properties: Record<string, unknown>, index: number): string {
  for (const candidate of [id, properties['@id'], properties.id]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
    if (typeof candidate === 'number' && Number.isFinite(candidate)) return String(candidate);
  }
  return `feature/${index}`;
}

/** Properties as tags: strings kept, numbers and booleans written as text, the rest dropped. */
function propertiesToTags(properties: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  const source = properties.tags !== null && typeof properties.tags === 'object' ? { ...properties, ...(properties.tags as Record<string, unknown>) } : properties;
  for (const key in source) {
    const value = source[key];
    if (typeof value === 'string') tags[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
  }
  return tags;
}

/**
 * The feature geometries of a GeoJSON geometry (a Multi* gives several), `undefined` for a type
 * with no use here, `'degenerate'` for too few points; coordinate problems go to `problems`.
 */
function readGeometry(geometry: { type?: unknown; coordinates?: unknown }, path: string, problems: CityProblem[]): FeatureGeometry[] | undefined | 'degenerate' {
  const coordinates = geometry.coordinates;
  const position = (value: unknown, at: string): LonLat | undefined => {
    if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number' || !Number.isFinite(value[0]) || !Number.isFinite(value[1])) {
      problems.push({ path: at, message: `expected a position [longitude, latitude], found ${JSON.stringify(value)?.slice(0, 40)}` });
      return undefined;
    }
    if (Math.abs(value[0]) > 180 || Math.abs(value[1]) > 90) {
      problems.push({ path: at, message: `expected WGS84 longitude, latitude in degrees (RFC 7946), found [${value[0]}, ${value[1]}]: is the file in a projected system?` });
      return undefined;
    }
    return [value[0], value[1]];
  };
  const line = (value: unknown, at: string): LonLat[] | undefined => {
    if (!Array.isArray(value)) {
      problems.push({ path: at, message: `expected an array of positions, found ${JSON.stringify(value)?.slice(0, 40)}` });
      return undefined;
    }
    const points: LonLat[] = [];
    for (let i = 0; i < value.length; i++) {
      const point = position(value[i], `${at}[${i}]`);
      if (!point) return undefined;
      points.push(point);
    }
    return points;
  };
  const polygon = (value: unknown, at: string): LonLat[][] | undefined => {
    if (!Array.isArray(value)) {
      problems.push({ path: at, message: `expected an array of rings, found ${JSON.stringify(value)?.slice(0, 40)}` });
      return undefined;
    }
    const rings: LonLat[][] = [];
    for (let i = 0; i < value.length; i++) {
      const ring = line(value[i], `${at}[${i}]`);
      if (!ring) return undefined;
      rings.push(ring);
    }
    return rings;
  };
  const lineFeature = (points: LonLat[]): FeatureGeometry => ({ type: 'line', coords: points, keys: points.map(([lon, lat]) => coordinateKey(lon, lat)) });
  const at = `${path}.coordinates`;
  switch (geometry.type) {
    case 'Point': {
      const point = position(coordinates, at);
      return point ? [{ type: 'point', at: point }] : [];
    }
    case 'MultiPoint': {
      const points = line(coordinates, at);
      return points ? points.map((point) => ({ type: 'point', at: point })) : [];
    }
    case 'LineString': {
      const points = line(coordinates, at);
      if (!points) return [];
      return points.length < 2 ? 'degenerate' : [lineFeature(points)];
    }
    case 'MultiLineString': {
      if (!Array.isArray(coordinates)) return line(coordinates, at) && [];
      const lines = coordinates.map((part, i) => line(part, `${at}[${i}]`));
      if (lines.some((part) => !part)) return [];
      const kept = (lines as LonLat[][]).filter((part) => part.length >= 2);
      return kept.length === 0 ? 'degenerate' : kept.map(lineFeature);
    }
    case 'Polygon': {
      const rings = polygon(coordinates, at);
      if (!rings) return [];
      if (rings.length === 0 || rings[0].length < 4) return 'degenerate';
      return [{ type: 'area', polygons: [rings.filter((ring) => ring.length >= 4)], keys: rings[0].map(([lon, lat]) => coordinateKey(lon, lat)) }];
    }
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates)) return polygon(coordinates, at) && [];
      const polygons = coordinates.map((part, i) => polygon(part, `${at}[${i}]`));
      if (polygons.some((part) => !part)) return [];
      const kept = (polygons as LonLat[][][]).filter((rings) => rings.length > 0 && rings[0].length >= 4).map((rings) => rings.filter((ring) => ring.length >= 4));
      return kept.length === 0 ? 'degenerate' : [{ type: 'area', polygons: kept }];
    }
    default:
      return undefined;
  }
}
