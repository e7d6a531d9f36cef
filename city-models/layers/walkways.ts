/**
 * Where people walk: footways, paths, steps, pedestrian streets and crossings as lines with a
 * width; squares, platforms, beaches and pedestrian areas as polygons; and sidewalks mapped on
 * roads (`sidewalk=both|left|right`) as lines offset from the carriageway.
 *
 * Widths: the `width` tag (`sidewalk:width`, `sidewalk:both:width`, `sidewalk:left:width`,
 * `sidewalk:right:width` for sidewalks), else the defaults below, which follow common practice
 * in French city centres: 1.40 m is the legal minimum free width of a sidewalk (arrêté du
 * 15 janvier 2007, accessibility of public roads), 2 m a usual one; a zebra crossing is at least
 * 2.5 m wide, 4 m is usual on main roads (CERTU, "Guide des aménagements piétons").
 */
import type { Road, WalkArea, Walkway, XY } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { SkipCounter, TaggedFeature } from '../TaggedFeature.ts';
import { polygonArea } from '../geometry/rings.ts';
import { offsetPolyline } from '../geometry/offsetPolyline.ts';
import { projectArea, projectLine } from './projectGeometry.ts';
import { isNo, parseLengthM } from './tagValues.ts';

/** Default walkable widths by kind, m. */
export const DEFAULT_WALKWAY_WIDTH_M: Record<string, number> = {
  footway: 2, path: 1.5, steps: 2, pedestrian: 6, living_street: 5, corridor: 2, cycleway: 2, track: 3, bridleway: 2,
  platform: 3, sidewalk: 2, crossing: 4,
};
/** Default sidewalk width when `sidewalk=*` gives no width, m. */
export const DEFAULT_SIDEWALK_WIDTH_M = 2;

/** `highway` values walked as lines. */
const WALKWAY_HIGHWAYS = new Set(['footway', 'path', 'steps', 'pedestrian', 'corridor', 'cycleway', 'track', 'bridleway', 'platform']);

/** True when the feature is a walkway line or a walkable area. */
export function isWalkway(tags: Record<string, string>): boolean {
  return WALKWAY_HIGHWAYS.has(tags.highway ?? '') || isWalkAreaTags(tags);
}

function isWalkAreaTags(tags: Record<string, string>): boolean {
  return tags.place === 'square' || tags.natural === 'beach' || tags.amenity === 'marketplace' || tags.leisure === 'park' || tags.railway === 'platform' || tags.public_transport === 'platform' || ((tags.highway === 'pedestrian' || tags.highway === 'footway') && tags.area === 'yes');
}

/** The kind of a walkway line. */
function walkwayKind(tags: Record<string, string>): string {
  if (tags.footway === 'sidewalk') return 'sidewalk';
  if (tags.footway === 'crossing' || tags.path === 'crossing' || tags.cycleway === 'crossing') return 'crossing';
  if (tags.highway === 'platform' || tags.railway === 'platform' || tags.public_transport === 'platform') return 'platform';
  return tags.highway ?? 'footway';
}

function walkAreaKind(tags: Record<string, string>): string {
  if (tags.place === 'square') return 'square';
  if (tags.natural === 'beach') return 'beach';
  if (tags.amenity === 'marketplace') return 'marketplace';
  if (tags.leisure === 'park') return 'park';
  if (tags.railway === 'platform' || tags.public_transport === 'platform') return 'platform';
  return tags.highway ?? 'pedestrian';
}

/** Walkway line or walk area from a feature (one of the two), or a counted skip. */
export function walkwayFromFeature(feature: TaggedFeature, frame: LocalFrame, skips: SkipCounter, repaired: (reason: string) => void): Walkway | WalkArea | undefined {
  const { tags, geometry } = feature;
  if (isNo(tags.foot) || tags.access === 'no' || tags.access === 'private') {
    skips.skip(feature.id, 'walkway closed to pedestrians (foot=no or access=no/private)');
    return undefined;
  }
  if (geometry.type === 'area') {
    const area = projectArea(frame, geometry.polygons);
    if (area.rejected) {
      skips.skip(feature.id, `walkable area: ${area.rejected}`);
      return undefined;
    }
    if (area.repaired) repaired('self-intersecting walkable area split into simple polygons');
    // NOTE: a multipolygon square keeps its largest part; squares are almost always one piece.
    const polygon = area.polygons.reduce((best, next) => (polygonArea(next) > polygonArea(best) ? next : best));
    const walkArea: WalkArea = { id: feature.id, kind: walkAreaKind(tags), polygon, areaM2: Math.round(polygonArea(polygon) * 100) / 100 };
    if (tags.name) walkArea.name = tags.name;
    return walkArea;
  }
  if (geometry.type !== 'line') return undefined;
  const line = projectLine(frame, geometry.coords);
  if (line.length < 2) {
    skips.skip(feature.id, 'walkway shorter than 1 cm');
    return undefined;
  }
  const kind = walkwayKind(tags);
  const widthM = parseLengthM(tags.width);
  const walkway: Walkway = { id: feature.id, kind, line, widthM: widthM ?? DEFAULT_WALKWAY_WIDTH_M[kind] ?? DEFAULT_WALKWAY_WIDTH_M.footway, widthSource: widthM === undefined ? 'default' : 'width' };
  if (tags.name) walkway.name = tags.name;
  return walkway;
}

/**
 * Sidewalks of a road mapped with `sidewalk=both|left|right` (left and right of the way's
 * direction), as walkway lines offset by half the carriageway plus half the sidewalk.
 */
export function sidewalksOfRoad(road: Road, tags: Record<string, string>): Walkway[] {
  const sides: ('left' | 'right')[] = road.sidewalk === 'both' ? ['left', 'right'] : road.sidewalk === 'left' || road.sidewalk === 'right' ? [road.sidewalk] : [];
  return sides.map((side) => {
    const tagged = parseLengthM(tags[`sidewalk:${side}:width`]) ?? parseLengthM(tags['sidewalk:both:width']) ?? parseLengthM(tags['sidewalk:width']);
    const widthM = tagged ?? DEFAULT_SIDEWALK_WIDTH_M;
    const offsetM = (road.widthM + widthM) / 2;
    const line: XY[] = offsetPolyline(road.line, side === 'left' ? offsetM : -offsetM);
    return { id: `${road.id}:sidewalk:${side}`, kind: 'sidewalk', line, widthM, widthSource: tagged === undefined ? 'default' : 'width', ...(road.name ? { name: road.name } : {}) };
  });
}
