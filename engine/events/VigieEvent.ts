/**
 * One event schema for everything that flows in or out of the safe-city loop (issue 5): sensor
 * observations, analytic events, alerts, actuator commands and their acknowledgements. Plain
 * data, JSON-serialisable (one event per line in a run's `events.jsonl`).
 *
 * Alignment (docs/decisions/006-events-sensors-rules.md gives the full mapping):
 *  - `category` follows the FIWARE / NGSI-LD split between observed entities and alerts:
 *    observations carry an NGSI-LD Smart Data Model `type` (`CrowdFlowObserved`,
 *    `TrafficFlowObserved`, `WaterObserved`, `NoiseLevelObserved`, `Device`...), alerts the
 *    `Alert` model (`category`, `subCategory`, `severity`, `alertSource`, `dateIssued`);
 *  - camera analytics carry the ONVIF Profile M topic they correspond to
 *    (`tns1:RuleEngine/LineDetector/Crossed`, `tns1:RuleEngine/CountAggregation/Counter`,
 *    `tns1:RuleEngine/FieldDetector/ObjectsInside`, `tns1:RuleEngine/LoiteringDetector/...`,
 *    `tns1:RuleEngine/ObjectLeftBehindDetector/...`);
 *  - times are simulated seconds from the run's start (`timeS`); an export adds ISO dates from
 *    the scenario's start date; places are local metres (x east, y north) in the scenario frame,
 *    converted to WGS84 on export with the city's local frame.
 * Every event simulated from the world carries `truth`: the ids of the ground-truth facts that
 * caused it (an agent, an incident, a false detection's own id), which rules never read and
 * audits (issue 6) use.
 */

/** What an event is. */
export type EventCategory = 'observation' | 'analytic' | 'alert' | 'command' | 'ack';

/** One event. */
export interface VigieEvent {
  /** Unique in a run, deterministic: `${source}#${sequence}`. */
  id: string;
  category: EventCategory;
  /**
   * The type: an NGSI-LD Smart Data Model type for observations and alerts (`CrowdFlowObserved`,
   * `Alert`...), an ONVIF Profile M topic for camera analytics, an actuator command name
   * (`closure.set`, `signal.forceAllRed`...) for commands and acknowledgements.
   */
  type: string;
  /** The device, rule, operator or actuator that emitted it. */
  source: string;
  /** Simulated time, s. */
  timeS: number;
  /** Where, local metres (absent for events with no place, e.g. a plan change). */
  x?: number;
  y?: number;
  /** The zone it concerns (an id of the scenario's zones), if any. */
  zone?: string;
  /** Confidence in [0, 1] (a detection's score, an alert's confidence). */
  confidence?: number;
  /** Alerts: severity, as the Smart Data Model Alert's `severity`. */
  severity?: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  /** The payload: measured values, counts, the rule id, a command's arguments. */
  data: Record<string, string | number | boolean | null | (string | number)[]>;
  /** Ground truth that caused it (hidden from rules; for audits). Empty for a false detection. */
  truth?: string[];
  /** Events this one derives from (an alert's triggering events; a command's alert; an ack's command). */
  causes?: string[];
}
