/**
 * Points of interest that matter to a safe-city twin: bollards and gates (what the hypervision
 * panel raises), traffic signals and crossings, street lamps, surveillance cameras (with their
 * mapped type and direction), building entrances, amenities and emergency facilities. A feature
 * can give several (a signalised crossing is a crossing and a signal).
 */
import type { PointOfInterest } from '../CityModel.ts';
import type { LocalFrame } from '../LocalFrame.ts';
import type { TaggedFeature } from '../TaggedFeature.ts';
import { labelPoint } from './transit.ts';

const GATE_BARRIERS = new Set(['gate', 'lift_gate', 'swing_gate', 'sliding_gate', 'full-height_turnstile', 'turnstile', 'entrance', 'chain', 'barrier_board']);

/** The points of interest a feature carries (possibly none). */
export function pointsOfInterest(feature: TaggedFeature, frame: LocalFrame): PointOfInterest[] {
  const { tags } = feature;
  const found: Omit<PointOfInterest, 'id' | 'at'>[] = [];
  const barrier = tags.barrier;
  if (barrier === 'bollard') found.push({ kind: 'bollard', subtype: tags.bollard ?? 'fixed' });
  else if (barrier !== undefined && GATE_BARRIERS.has(barrier)) found.push({ kind: 'gate', subtype: barrier });
  else if (barrier !== undefined && feature.geometry.type === 'point') found.push({ kind: 'barrier', subtype: barrier });
  if (tags.highway === 'traffic_signals' || tags.crossing === 'traffic_signals') found.push({ kind: 'traffic_signals', subtype: tags.traffic_signals ?? (tags.highway === 'crossing' ? 'crossing' : 'signal') });
  if (tags.highway === 'crossing' || tags.railway === 'crossing' || tags.railway === 'level_crossing') found.push({ kind: 'crossing', subtype: tags.crossing ?? tags.railway ?? 'unmarked' });
  if (tags.highway === 'street_lamp') found.push({ kind: 'street_lamp', subtype: tags['lamp_type'] ?? tags['light:method'] ?? 'lamp' });
  if (tags.man_made === 'surveillance') {
    const direction = Number(tags['camera:direction'] ?? tags.direction);
    found.push({ kind: 'surveillance', subtype: tags['camera:type'] ?? tags['surveillance:type'] ?? 'camera', ...(Number.isFinite(direction) ? { directionDeg: direction } : {}) });
  }
  if (tags.entrance !== undefined) found.push({ kind: 'entrance', subtype: tags.entrance });
  if (tags.amenity !== undefined && tags.amenity !== 'parking_space') found.push({ kind: 'amenity', subtype: tags.amenity });
  if (tags.emergency !== undefined && tags.emergency !== 'no') found.push({ kind: 'emergency', subtype: tags.emergency });
  if (found.length === 0) return [];
  const at = labelPoint(feature, frame);
  return found.map((poi, index) => ({ id: index === 0 ? feature.id : `${feature.id}:${poi.kind}`, ...poi, ...(tags.name ? { name: tags.name } : {}), at: [at[0], at[1]] }));
}
