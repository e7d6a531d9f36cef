/**
 * The input events the detection rules know: for each event type, its category and the `data`
 * fields it carries, with their units. This is the contract between the sensors (engine/sensors,
 * built separately) and the rules; docs/decisions/006-events-sensors-rules.md explains where each
 * name comes from (FIWARE Smart Data Models, ONVIF Profile M analytics topics) and which ones
 * Vigie adds. A rule that selects only catalogued types may test only their fields: a misspelt
 * field is then an error at load time, not a rule that silently never fires. Types not listed
 * here may be used freely (their fields are not checked).
 */
import type { EventCategory } from '../events/VigieEvent.ts';

/** One known event type. */
export interface EventTypeSpec {
  category: EventCategory;
  /** Where the name comes from. */
  standard: string;
  /** The `data` fields, each with a short description and its unit. */
  fields: Record<string, string>;
}

const TRACK_FIELDS = {
  objectId: 'the tracker\'s id of the object (string; changes on an identity switch)',
  class: '"person", "vehicle", "bag" or "object"',
};

/** Known event types, by `type`. Owned by this module; read-only. */
export const EVENT_CATALOG: Readonly<Record<string, EventTypeSpec>> = {
  CrowdFlowObserved: {
    category: 'observation',
    standard: 'FIWARE Smart Data Model dataModel.Transportation/CrowdFlowObserved',
    fields: {
      peopleCount: 'people counted in the zone (or, for a tram, aboard), persons',
      densityPerM2: 'people per square metre over the zone, P/m²',
      averageCrowdSpeedMps: 'mean walking speed, m/s (SDM averageCrowdSpeed)',
      congested: 'true when the zone is congested (SDM congested)',
      occupancy: 'people aboard a vehicle or inside a room, persons',
      capacity: 'the vehicle\'s or room\'s rated capacity, persons',
      direction: '"inbound" or "outbound" (SDM direction)',
      periodS: 'observation period, s',
    },
  },
  TrafficFlowObserved: {
    category: 'observation',
    standard: 'FIWARE Smart Data Model dataModel.Transportation/TrafficFlowObserved',
    fields: {
      intensity: 'vehicles counted over the period (SDM intensity)',
      averageVehicleSpeedMps: 'mean vehicle speed, m/s (SDM averageVehicleSpeed is km/h)',
      occupancy: 'share of the period the detector was occupied, 0 to 1 (SDM occupancy)',
      congested: 'true when congested (SDM congested)',
      laneDirection: '"forward" or "backward" (SDM laneDirection)',
      periodS: 'observation period, s',
    },
  },
  WaterObserved: {
    category: 'observation',
    standard: 'FIWARE Smart Data Model dataModel.Environment/WaterObserved',
    fields: {
      heightM: 'water level above the gauge datum, m (SDM height)',
      flowM3PerS: 'discharge, m³/s (SDM flow)',
    },
  },
  NoiseLevelObserved: {
    category: 'observation',
    standard: 'FIWARE Smart Data Model dataModel.Environment/NoiseLevelObserved',
    fields: { LAeq: 'A-weighted equivalent level over the period, dB(A)', periodS: 'observation period, s' },
  },
  'tns1:VideoAnalytics/ObjectTrack': {
    category: 'analytic',
    standard: 'Vigie: one sample of a camera track (ONVIF Profile M scene description, tt:Object, flattened)',
    fields: {
      ...TRACK_FIELDS,
      speedMps: 'estimated speed, m/s',
      headingRad: 'direction of motion, rad counter-clockwise from east',
      posture: '"standing", "sitting" or "lying" (persons)',
      nearestPersonM: 'distance to the nearest person track in the same frame, m (objects)',
      camera: 'the camera id',
    },
  },
  'tns1:RuleEngine/LineDetector/Crossed': {
    category: 'analytic',
    standard: 'ONVIF Analytics Service (Profile M) line detector',
    fields: { ...TRACK_FIELDS, lineId: 'the counting line', direction: '"with" or "against" the line\'s prescribed direction' },
  },
  'tns1:RuleEngine/FieldDetector/ObjectsInside': {
    category: 'analytic',
    standard: 'ONVIF Analytics Service (Profile M) field detector',
    fields: { ...TRACK_FIELDS, isInside: 'true on entry, false on exit' },
  },
  'tns1:RuleEngine/CountAggregation/Counter': {
    category: 'analytic',
    standard: 'ONVIF Analytics Service (Profile M) count aggregation',
    fields: { count: 'objects counted since the last report', class: 'the counted class' },
  },
  'tns1:RuleEngine/LoiteringDetector/ObjectIsLoitering': {
    category: 'analytic',
    standard: 'ONVIF loitering detector topic as published by Profile M devices',
    fields: { ...TRACK_FIELDS, isLoitering: 'true while loitering', dwellS: 'time in the field, s' },
  },
  'tns1:AudioAnalytics/Audio/DetectedSound': {
    category: 'analytic',
    standard: 'ONVIF audio analytics topic',
    fields: { class: '"gunshot", "shout" or "glass"', levelDb: 'sound level at the sensor, dB' },
  },
  'vigie:FireSmokeDetected': {
    category: 'analytic',
    standard: 'Vigie (no ONVIF Profile M topic for fire or smoke)',
    fields: { kind: '"fire" or "smoke"', camera: 'the camera id' },
  },
  'vigie:WeaponDetected': {
    category: 'analytic',
    standard: 'Vigie (no ONVIF Profile M topic; maps to SDM Alert subCategory assault)',
    fields: { kind: '"weapon"', camera: 'the camera id', objectId: 'the track of the person reported armed, when there is one' },
  },
  'vigie:ViolenceDetected': {
    category: 'analytic',
    standard: 'Vigie (no ONVIF Profile M topic; maps to SDM Alert subCategory assault)',
    fields: { kind: '"fight"', camera: 'the camera id', objectId: 'the track of the person reported fighting, when there is one' },
  },
  'vigie:TrafficIncident': {
    category: 'analytic',
    standard: 'Vigie; maps to SDM Alert subCategory carAccident / carWrongDirection / carStopped',
    fields: { ...TRACK_FIELDS, kind: '"collision", "wrongWay" or "stopped"', speedMps: 'speed at detection, m/s' },
  },
  'vigie:CitizenReport': {
    category: 'observation',
    standard: 'Vigie (a smartphone report)',
    fields: { kind: 'what is reported ("fight", "fire", "fall"...)', delayS: 'delay between the fact and the report, s' },
  },
};

/** The data fields known for a list of types (their union), or null when one type is not catalogued. */
export function knownFieldsOf(types: readonly string[] | undefined): string[] | null {
  if (types === undefined || types.length === 0) return null;
  const fields = new Set<string>();
  for (const type of types) {
    const spec = EVENT_CATALOG[type];
    if (spec === undefined) return null;
    for (const field of Object.keys(spec.fields)) fields.add(field);
  }
  return [...fields].sort();
}
