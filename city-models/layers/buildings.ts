/**
 * Buildings from `building=*` areas (ways and multipolygon relations). Height, in order:
 * the `height` tag; else `building:levels` (plus `roof:levels`) x LEVEL_HEIGHT_M; else
 * DEFAULT_BUILDING_HEIGHT_M. `building:part` features are not imported separately (the outline
 * carries the building); they are counted as skipped.
 */
import type { Building } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { SkipCounter, TaggedFeature } from '../TaggedFeature.ts';
import { polygonArea } from '../geometry/rings.ts';
import { projectArea } from './projectGeometry.ts';
import { parseCount, parseLengthM } from './tagValues.ts';

/** Storey height used with `building:levels`, m (the usual OSM approximation, 3 m a level). */
export const LEVEL_HEIGHT_M = 3;
/** Height of a building with neither `height` nor `building:levels`: three storeys, m. */
export const DEFAULT_BUILDING_HEIGHT_M = 9;

/** True when the feature is a building outline. */
export function isBuilding(tags: Record<string, string>): boolean {
  return tags.building !== undefined && tags.building !== 'no';
}

/** The building, or undefined (skip counted) when it has no usable footprint. */
export function buildingFromFeature(feature: TaggedFeature, frame: LocalFrame, skips: SkipCounter, repaired: (reason: string) => void): Building | undefined {
  if (feature.geometry.type !== 'area') {
    skips.skip(feature.id, feature.geometry.type === 'point' ? 'building mapped as a point (no footprint)' : 'building: outline not closed');
    return undefined;
  }
  const area = projectArea(frame, feature.geometry.polygons);
  if (area.rejected) {
    skips.skip(feature.id, `building: ${area.rejected}`);
    return undefined;
  }
  if (area.repaired) repaired('self-intersecting building ring split into simple polygons');
  const { tags } = feature;
  const building: Building = {
    id: feature.id,
    kind: tags.building,
    footprint: area.polygons,
    areaM2: Math.round(area.polygons.reduce((sum, polygon) => sum + polygonArea(polygon), 0) * 100) / 100,
    heightM: DEFAULT_BUILDING_HEIGHT_M,
    heightSource: 'default',
  };
  if (tags.name) building.name = tags.name;
  const levels = parseCount(tags['building:levels']);
  const heightM = parseLengthM(tags.height);
  if (heightM !== undefined && heightM < 1000) {
    building.heightM = Math.round(heightM * 100) / 100;
    building.heightSource = 'height';
  } else if (levels !== undefined && levels > 0 && levels < 300) {
    building.heightM = (levels + (parseCount(tags['roof:levels']) ?? 0)) * LEVEL_HEIGHT_M;
    building.heightSource = 'levels';
  }
  if (levels !== undefined) building.levels = levels;
  return building;
}
