/**
 * The detection-rules file: types only (the JSON contract), mirrored by
 * `scenarios/rules.schema.json`. Rules are data: they select events, test their fields against
 * constants and count, time or chain them; nothing in a rules file is ever evaluated as code.
 * Times are simulated seconds (`VigieEvent.timeS`); places are local metres (x east, y north).
 * See docs/decisions/006-events-sensors-rules.md for the kinds, the confidence formula and the
 * event types the templates expect.
 */

/** A point in local metres, `[x, y]`. */
export type RulePointM = [number, number];

/** A zone drawn in the rules file: a polygon (ring of points, not closed). */
export interface RuleZoneSpec {
  id: string;
  description?: string;
  polygon: RulePointM[];
}

/** Comparison operators of a field condition. */
export type ConditionOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'ne' | 'in' | 'notIn' | 'exists';

/** A test on one field of an event's `data` (all conditions of a list must hold). */
export interface FieldCondition {
  /** A key of the event's `data` (`densityPerM2`, `class`, `speedMps`). */
  field: string;
  op: ConditionOp;
  /** The constant compared with: a number for gt/gte/lt/lte, a list for in/notIn, none for exists. */
  value?: string | number | boolean | (string | number)[];
  /** Compare `data[field] / data[divideBy]` instead (occupancy over capacity); numeric ops only. */
  divideBy?: string;
}

/** Which events a rule (or a sequence step) looks at. Every listed criterion must hold. */
export interface EventSelector {
  /** Event categories (`observation`, `analytic`, ...); any when absent. */
  categories?: ('observation' | 'analytic' | 'alert' | 'command' | 'ack')[];
  /** Event types (`CrowdFlowObserved`, `tns1:RuleEngine/LineDetector/Crossed`); any when absent. */
  types?: string[];
  /** Event sources (device ids); any when absent. */
  sources?: string[];
  /** Conditions on data fields that select the events (`class` eq `person`). */
  where?: FieldCondition[];
  /** Events whose confidence is below this are ignored (an event without one counts as 1). */
  minConfidence?: number;
}

/** How the triggering events' confidences combine into the alert's (see doc 006). */
export interface ConfidenceSpec {
  combine?: 'mean' | 'min' | 'max' | 'product' | 'noisyOr';
  /** Multiplies the combined value, in [0, 1] (default 1). */
  weight?: number;
}

/** What separates a rule's state and its suppression: per zone, per tracked object, per device. */
export type GroupKey = 'zone' | 'object' | 'source';

/** Alert severity, as the Smart Data Model `Alert`'s `severity`. */
export type RuleSeverity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** One step of a sequence rule: the alerts of another rule, or events selected directly. */
export interface SequenceStepSpec {
  /** Another rule's id: its alerts are this step's events. */
  rule?: string;
  match?: EventSelector;
  zones?: string[];
  condition?: FieldCondition[];
}

/** The rule kinds (doc 006 says what each one does). */
export type RuleKind = 'event' | 'count' | 'persistence' | 'change' | 'sequence';

/** One rule. Fields that do not apply to the rule's kind are refused by the loader. */
export interface RuleSpec {
  id: string;
  description?: string;
  /** A rule with `enabled: false` is checked but never evaluated (default true). */
  enabled?: boolean;
  kind: RuleKind;
  severity: RuleSeverity;
  /** The Smart Data Model Alert `category` (`security`, `traffic`, `weather`...), default `security`. */
  alertCategory?: string;
  /** The Smart Data Model Alert `subCategory` (`suspiciousAction`, `flood`...). */
  alertSubCategory?: string;
  /** Event selection (all kinds but sequence). */
  match?: EventSelector;
  /** Geofence: ids of zones of the rules file or of the scenario; any place when absent. */
  zones?: string[];
  /** The threshold: conditions on data fields that must all hold. */
  condition?: FieldCondition[];
  /** State and suppression are kept per these keys (default: per zone). */
  per?: GroupKey[];
  /** count: the sliding window, s. */
  windowS?: number;
  /** count: fire when at least this many events fell in the window. */
  minCount?: number;
  /** count: fire when events per second over the window reach this (`count / windowS`). */
  minRatePerS?: number;
  /** persistence: the condition must hold this long, s. */
  forS?: number;
  /** persistence: a silence longer than this (no selected event) restarts the clock, s. */
  maxGapS?: number;
  /** change: the data field whose change is measured. */
  field?: string;
  /** change: the change is measured against the oldest value at most this old, s. */
  overS?: number;
  /** change: fire when the value rose by at least this much (or fell, when negative). */
  by?: number;
  /** change: `by` is a fraction of the older value (0.5 = +50 %) rather than an amount. */
  relative?: boolean;
  /** change with `relative`: the older value must be at least this for the ratio to count. */
  minBase?: number;
  /** sequence: the steps, in order. */
  steps?: SequenceStepSpec[];
  /** sequence: the whole sequence must happen within this, s (first step to last). */
  withinS?: number;
  /** No new alert of this rule for the same group within this, s (default 0). */
  suppressS?: number;
  confidence?: ConfidenceSpec;
  /** Alerts whose confidence falls below this are not emitted. */
  minConfidence?: number;
}

/** A rules file. */
export interface RuleSetSpec {
  $schema?: string;
  name?: string;
  description?: string;
  zones?: RuleZoneSpec[];
  rules: RuleSpec[];
}
