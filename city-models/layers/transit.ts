/**
 * Tram, light-rail, rail and subway tracks (`railway=*` lines), and public-transport stops
 * (`railway=tram_stop|station|halt|subway_entrance`, `highway=bus_stop`,
 * `public_transport=stop_position|platform|station`). Disused and abandoned lines are not rails.
 */
import type { RailLine, Stop } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { TaggedFeature } from '../TaggedFeature.ts';
import { ringVertexCentroid } from '../geometry/rings.ts';
import { projectLine, projectPoint } from './projectGeometry.ts';

const RAIL_KINDS = new Set<RailLine['kind']>(['tram', 'light_rail', 'rail', 'subway', 'narrow_gauge', 'monorail']);

/** True when the feature is a track. */
export function isRail(tags: Record<string, string>): boolean {
  return RAIL_KINDS.has(tags.railway as RailLine['kind']);
}

/** The stop kind of a feature's tags, or undefined. */
export function stopKind(tags: Record<string, string>): Stop['kind'] | undefined {
  if (tags.railway === 'tram_stop') return 'tram_stop';
  if (tags.highway === 'bus_stop') return 'bus_stop';
  if (tags.railway === 'station' || tags.public_transport === 'station') return 'station';
  if (tags.railway === 'halt') return 'halt';
  if (tags.railway === 'subway_entrance') return 'subway_entrance';
  if (tags.public_transport === 'stop_position') return 'stop_position';
  if (tags.public_transport === 'platform' || tags.railway === 'platform') return 'platform';
  return undefined;
}

/** The track, or undefined when it is not a line. */
export function railFromFeature(feature: TaggedFeature, frame: LocalFrame): RailLine | undefined {
  if (feature.geometry.type !== 'line') return undefined;
  const line = projectLine(frame, feature.geometry.coords);
  if (line.length < 2) return undefined;
  const rail: RailLine = { id: feature.id, kind: feature.tags.railway as RailLine['kind'], line };
  if (feature.tags.name) rail.name = feature.tags.name;
  return rail;
}

/** The stop, at the point or the centre of the line or area. */
export function stopFromFeature(feature: TaggedFeature, frame: LocalFrame, kind: Stop['kind']): Stop {
  const stop: Stop = { id: feature.id, kind, at: labelPoint(feature, frame) };
  if (feature.tags.name) stop.name = feature.tags.name;
  return stop;
}

/** A representative point of any feature, projected. */
export function labelPoint(feature: TaggedFeature, frame: LocalFrame): [number, number] {
  const geometry = feature.geometry;
  if (geometry.type === 'point') return projectPoint(frame, geometry.at);
  const ring = geometry.type === 'line' ? geometry.coords : geometry.polygons[0][0];
  return projectPoint(frame, ringVertexCentroid(ring));
}
