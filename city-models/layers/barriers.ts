/**
 * What stands in people's way in the street without being a building: barrier lines (walls,
 * fences, hedges, retaining and city walls, guard rails) and trees. Kerbs, bollards and gates are
 * not barriers to people (bollards and gates are points of interest, for vehicles); a barrier
 * line is open where a gate or an entrance sits on it.
 *
 * Sizes, when the data gives none: a wall 0.3 m thick, a fence 0.2 m (thinner in reality;
 * 0.2 m keeps the walkable space's geometry robust), a hedge 1 m, a city wall 1.5 m; a tree
 * trunk 0.5 m across (`circumference` in metres gives it: d = c / pi).
 */
import type { Barrier } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { TaggedFeature } from '../TaggedFeature.ts';
import { projectLine, projectPoint } from './projectGeometry.ts';
import { parseLengthM } from './tagValues.ts';

/** Thickness of barrier lines by `barrier` value, m; the values listed are the ones that block people. */
export const BARRIER_THICKNESS_M: Record<string, number> = {
  wall: 0.3, fence: 0.2, hedge: 1, retaining_wall: 0.3, city_wall: 1.5, guard_rail: 0.2, jersey_barrier: 0.6, railing: 0.2, yes: 0.2,
};
/** Trunk diameter of a tree without `circumference`, m. */
export const DEFAULT_TRUNK_DIAMETER_M = 0.5;

/** True when the feature is a barrier line or a tree. */
export function isBarrier(tags: Record<string, string>): boolean {
  return (tags.barrier !== undefined && tags.barrier in BARRIER_THICKNESS_M) || tags.natural === 'tree';
}

/** The barrier, or undefined when the geometry does not fit (a wall mapped as a point). */
export function barrierFromFeature(feature: TaggedFeature, frame: LocalFrame): Barrier | undefined {
  const { tags, geometry } = feature;
  if (tags.natural === 'tree') {
    if (geometry.type !== 'point') return undefined;
    const circumferenceM = parseLengthM(tags.circumference);
    const widthM = circumferenceM !== undefined && circumferenceM < 20 ? Math.max(0.1, circumferenceM / Math.PI) : DEFAULT_TRUNK_DIAMETER_M;
    return { id: feature.id, kind: 'tree', at: projectPoint(frame, geometry.at), widthM: Math.round(widthM * 100) / 100 };
  }
  const line = geometry.type === 'line' ? geometry.coords : geometry.type === 'area' ? geometry.polygons[0][0] : undefined;
  if (!line) return undefined;
  const projected = projectLine(frame, line);
  if (projected.length < 2) return undefined;
  return { id: feature.id, kind: tags.barrier, line: projected, widthM: parseLengthM(tags.width) ?? BARRIER_THICKNESS_M[tags.barrier] };
}
