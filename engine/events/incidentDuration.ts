/**
 * How long a scripted incident lasts when the scenario does not say (`IncidentSpec.endS`): a
 * sound is an instant (1 s), anything else 5 minutes. One rule for the devices, the cameras, the
 * random incidents and the audit.
 */
import type { IncidentSpec } from '../scenario/Scenario.ts';

const SOUNDS: ReadonlySet<string> = new Set(['gunshot', 'shout', 'glass']);

/** Default duration of an incident of `type`, s. */
export function defaultIncidentDurationS(type: string): number {
  return SOUNDS.has(type) ? 1 : 300;
}

/** When an incident ends, s. */
export function incidentEndS(incident: IncidentSpec): number {
  return incident.endS ?? incident.startS + defaultIncidentDurationS(incident.type);
}
