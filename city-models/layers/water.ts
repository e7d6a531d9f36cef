/**
 * Water, for flood scenarios: river, stream and canal centre lines (`waterway=*`, width from
 * `width` or a default by kind), water areas (`natural=water`, `waterway=riverbank`) and the
 * coastline (`natural=coastline`, land on the left of the way's direction).
 */
import type { Water } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { SkipCounter, TaggedFeature } from '../TaggedFeature.ts';
import { projectArea, projectLine } from './projectGeometry.ts';
import { parseLengthM } from './tagValues.ts';

/** Default widths of waterways, m. */
export const DEFAULT_WATERWAY_WIDTH_M: Record<string, number> = { river: 15, canal: 10, stream: 3, ditch: 1.5, drain: 1.5 };

/** The water kind of a feature's tags, or undefined. */
export function waterKind(tags: Record<string, string>): Water['kind'] | undefined {
  if (tags.waterway !== undefined && tags.waterway in DEFAULT_WATERWAY_WIDTH_M) return tags.waterway as Water['kind'];
  if (tags.waterway === 'riverbank') return 'riverbank';
  if (tags.natural === 'water') return 'water';
  if (tags.natural === 'coastline') return 'coastline';
  return undefined;
}

/** The water feature, or undefined (skip counted). */
export function waterFromFeature(feature: TaggedFeature, frame: LocalFrame, kind: Water['kind'], skips: SkipCounter): Water | undefined {
  const { tags, geometry } = feature;
  const water: Water = { id: feature.id, kind };
  if (tags.name) water.name = tags.name;
  if (geometry.type === 'area') {
    const area = projectArea(frame, geometry.polygons);
    if (area.rejected) {
      skips.skip(feature.id, `water: ${area.rejected}`);
      return undefined;
    }
    water.polygon = area.polygons[0];
    return water;
  }
  if (geometry.type !== 'line') return undefined;
  water.line = projectLine(frame, geometry.coords);
  if (kind in DEFAULT_WATERWAY_WIDTH_M) water.widthM = parseLengthM(tags.width) ?? DEFAULT_WATERWAY_WIDTH_M[kind];
  return water;
}
