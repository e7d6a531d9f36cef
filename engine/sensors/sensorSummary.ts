/**
 * The `sensors` section of the run summary: per camera, its frames, detections of real targets
 * and false ones, tracks started, identity switches, and the mean detection rate of the people in
 * its view (detected person-frames over person-frames in the field of view, in range and not
 * hidden by an obstacle).
 */
import type { Sensors } from './Sensors.ts';

export interface CameraSummary {
  frames: number;
  detections: number;
  falseDetections: number;
  tracks: number;
  idSwitches: number;
  /** Person-frames in view (unhidden) and hidden by obstacles. */
  peopleInView: number;
  peopleOccluded: number;
  /** Detected person-frames over person-frames in view, or null when nobody was in view. */
  meanDetectionRate: number | null;
  events: number;
}

export interface SensorsSummary {
  cameras: Record<string, CameraSummary>;
  /** Events the sensors appended to the event log. */
  events: number;
}

/** The summary of the sensors at the end of a run. */
export function summarizeSensors(sensors: Sensors): SensorsSummary {
  const cameras: Record<string, CameraSummary> = {};
  let events = 0;
  for (const camera of sensors.cameras) {
    const s = camera.stats;
    events += s.events;
    cameras[camera.id] = {
      frames: s.frames,
      detections: s.detections,
      falseDetections: s.falseDetections,
      tracks: s.tracks,
      idSwitches: s.idSwitches,
      peopleInView: s.peopleInView,
      peopleOccluded: s.peopleOccluded,
      meanDetectionRate: s.peopleInView > 0 ? Math.round((s.personDetections / s.peopleInView) * 10000) / 10000 : null,
      events: s.events,
    };
  }
  return { cameras, events };
}
