/**
 * Carriageways from `highway=*` lines that carry vehicles. Lanes from `lanes`,
 * `lanes:forward`, `lanes:backward`; direction from `oneway` (`yes`, `-1`, and implied on
 * motorways and roundabouts); speed from `maxspeed` (numbers, mph, `FR:urban`...). Defaults
 * follow French rules (Code de la route R413-2/3: 50 km/h in built-up areas, 80 outside,
 * 110 on dual carriageways, 130 on motorways; 20 in living streets; walking pace in pedestrian
 * streets, which are roads with restricted access here) and usual lane widths.
 */
import type { Road } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { LineGeometry, SkipCounter, TaggedFeature } from '../TaggedFeature.ts';
import { projectLine } from './projectGeometry.ts';
import { isNo, isYes, parseCount, parseLengthM, parseSpeedKph } from './tagValues.ts';

/** Width of one lane when `width` is missing, m (3.0–3.5 m in French towns). */
export const LANE_WIDTH_M = 3.25;

/** Road classes with their default speed (km/h) and lanes per direction. */
export const ROAD_DEFAULTS: Record<string, { speedKph: number; lanesPerDirection: number }> = {
  motorway: { speedKph: 130, lanesPerDirection: 2 }, trunk: { speedKph: 110, lanesPerDirection: 2 },
  primary: { speedKph: 50, lanesPerDirection: 1 }, secondary: { speedKph: 50, lanesPerDirection: 1 },
  tertiary: { speedKph: 50, lanesPerDirection: 1 }, unclassified: { speedKph: 50, lanesPerDirection: 1 },
  residential: { speedKph: 50, lanesPerDirection: 1 }, living_street: { speedKph: 20, lanesPerDirection: 1 },
  service: { speedKph: 20, lanesPerDirection: 1 }, road: { speedKph: 50, lanesPerDirection: 1 },
  busway: { speedKph: 50, lanesPerDirection: 1 },
  // A pedestrian street: vehicles let in drive at walking pace (Code de la route R110-2, "aire
  // piétonne": "à l'allure du pas"), taken as 6 km/h; one shared lane each way.
  pedestrian: { speedKph: 6, lanesPerDirection: 1 },
};

/** Roads pedestrians may not walk along (unless `foot=yes`). */
const NO_FOOT = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);

/** The road class of a `highway` value (`primary_link` → `primary`), or undefined. */
export function roadClass(tags: Record<string, string>): string | undefined {
  const highway = tags.highway;
  if (highway === undefined) return undefined;
  const base = highway.endsWith('_link') ? highway.slice(0, -5) : highway;
  return base in ROAD_DEFAULTS ? base : undefined;
}

/** The road, or undefined (skip counted). */
export function roadFromFeature(feature: TaggedFeature, frame: LocalFrame, skips: SkipCounter): Road | undefined {
  const { tags, geometry } = feature;
  const roadKind = roadClass(tags) as string;
  if (geometry.type !== 'line') {
    skips.skip(feature.id, geometry.type === 'area' ? 'road mapped as an area (area=yes) not used' : 'road mapped as a point');
    return undefined;
  }
  let line = projectLine(frame, geometry.coords);
  if (line.length < 2) {
    skips.skip(feature.id, 'road shorter than 1 cm');
    return undefined;
  }
  const defaults = ROAD_DEFAULTS[roadKind];
  const reversed = tags.oneway === '-1' || tags.oneway === 'reverse';
  if (reversed) line = line.slice().reverse();
  // Implied one-way (OSM wiki "Key:oneway"): motorways and their links, roundabouts.
  const oneway = reversed || isYes(tags.oneway) || (tags.oneway === undefined && (tags.highway === 'motorway' || tags.highway === 'motorway_link' || tags.junction === 'roundabout' || tags.junction === 'circular'));
  const total = parseCount(tags.lanes);
  let lanesForward = parseCount(tags[reversed ? 'lanes:backward' : 'lanes:forward']);
  let lanesBackward = oneway ? 0 : parseCount(tags[reversed ? 'lanes:forward' : 'lanes:backward']);
  if (oneway) lanesForward = Math.max(1, lanesForward ?? total ?? defaults.lanesPerDirection);
  else {
    if (lanesForward === undefined && lanesBackward === undefined) {
      const both = total ?? 2 * defaults.lanesPerDirection;
      lanesForward = Math.max(1, Math.ceil(both / 2));
      lanesBackward = Math.max(1, both - lanesForward);
    } else if (lanesForward === undefined) lanesForward = Math.max(1, (total ?? (lanesBackward as number) + 1) - (lanesBackward as number));
    else lanesBackward ??= Math.max(1, (total ?? lanesForward + 1) - lanesForward);
  }
  // NOTE: the tagged total wins (a two-way road with lanes=1 is one shared lane, still routed
  // both ways); the per-direction counts are for routing and the traffic model.
  const lanes = Math.max(1, Math.round(total ?? lanesForward + (lanesBackward ?? 0)));
  const road: Road = {
    id: feature.id,
    highway: tags.highway,
    line,
    lanes,
    lanesForward: Math.round(lanesForward),
    lanesBackward: Math.round(lanesBackward ?? 0),
    oneway,
    maxSpeedKph: parseSpeedKph(tags.maxspeed) ?? defaults.speedKph,
    widthM: parseLengthM(tags.width) ?? lanes * LANE_WIDTH_M,
    sidewalk: sidewalkSides(tags, reversed),
    walkable: isYes(tags.foot) || tags.foot === 'designated' || (!NO_FOOT.has(tags.highway) && !isNo(tags.foot) && tags.access !== 'no' && tags.tunnel !== 'yes'),
    layer: parseLayer(tags.layer),
  };
  if (tags.name) road.name = tags.name;
  if (tags.highway === 'pedestrian') {
    road.access = 'restricted';
    // One shared lane each way, as wide as the street (not lanes x lane width).
    road.widthM = parseLengthM(tags.width) ?? 6;
  }
  return road;
}

/** The routing keys of a road's vertices, in the road's (possibly reversed) direction. */
export function roadKeys(tags: Record<string, string>, geometry: LineGeometry): string[] {
  return tags.oneway === '-1' || tags.oneway === 'reverse' ? geometry.keys.slice().reverse() : geometry.keys;
}

/**
 * Which sides have a sidewalk drawn on this road, from `sidewalk=*` or the per-side keys
 * `sidewalk:both`, `sidewalk:left`, `sidewalk:right` (`yes`; `no` and `separate`, a sidewalk
 * mapped as its own footway, both mean none here). Left and right follow the way's drawing;
 * a reversed one-way swaps them.
 */
function sidewalkSides(tags: Record<string, string>, reversed: boolean): Road['sidewalk'] {
  const value = tags.sidewalk;
  let left: boolean | undefined;
  let right: boolean | undefined;
  if (value === 'both') left = right = true;
  else if (value === 'left' || value === 'right') {
    left = value === 'left';
    right = value === 'right';
  } else if (value === 'no' || value === 'none' || value === 'separate') left = right = false;
  const side = (key: string): boolean | undefined => (tags[key] === 'yes' ? true : tags[key] === 'no' || tags[key] === 'separate' || tags[key] === 'none' ? false : undefined);
  const both = side('sidewalk:both');
  if (both !== undefined) left = right = both;
  left = side('sidewalk:left') ?? left;
  right = side('sidewalk:right') ?? right;
  if (left === undefined && right === undefined) return 'unknown';
  if (reversed) [left, right] = [right, left];
  if (left && right) return 'both';
  if (left) return 'left';
  if (right) return 'right';
  return 'none';
}

function parseLayer(value: string | undefined): number {
  const layer = Number(value);
  return Number.isInteger(layer) ? layer : 0;
}
