/**
 * The Alert events the rules emit: a `VigieEvent` with category `alert`, type `Alert` (the FIWARE
 * Smart Data Model), the rule as source, a deterministic id `${ruleId}#${n}` (n counts that rule's
 * alerts from 1), the triggering events as causes, and the union of their ground truth.
 */
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { RuleSpec } from './RuleSet.ts';

/** The data fields an alert carries (besides ruleId, each only when it applies). */
export const ALERT_DATA_FIELDS = [
  'ruleId', 'kind', 'category', 'subCategory', 'description', 'objectId', 'deviceSource',
  'value', 'count', 'ratePerS', 'durationS', 'fromValue', 'toValue', 'change',
] as const;

/** What a rule evaluation found, before it becomes an event. */
export interface Firing {
  timeS: number;
  /** Triggering events, oldest first. */
  causes: readonly VigieEvent[];
  zone: string | undefined;
  objectId: string | undefined;
  deviceSource: string | undefined;
  confidence: number;
  /** Kind-specific figures (value, count, durationS...). */
  figures: Record<string, number>;
}

/** Builds the alert event of a firing; `sequence` is the rule's alert counter (1, 2, ...). */
export function alertEvent(rule: RuleSpec, sequence: number, firing: Firing): VigieEvent {
  const last = firing.causes[firing.causes.length - 1];
  const data: VigieEvent['data'] = { ruleId: rule.id, kind: rule.kind, category: rule.alertCategory ?? 'security' };
  if (rule.alertSubCategory !== undefined) data.subCategory = rule.alertSubCategory;
  if (rule.description !== undefined) data.description = rule.description;
  if (firing.objectId !== undefined) data.objectId = firing.objectId;
  if (firing.deviceSource !== undefined) data.deviceSource = firing.deviceSource;
  for (const key of Object.keys(firing.figures).sort()) data[key] = firing.figures[key];
  const place = last?.x !== undefined && last.y !== undefined ? { x: last.x, y: last.y } : {};
  const alert: VigieEvent = {
    id: `${rule.id}#${sequence}`,
    category: 'alert',
    type: 'Alert',
    source: rule.id,
    timeS: firing.timeS,
    ...place,
    ...(firing.zone !== undefined ? { zone: firing.zone } : {}),
    confidence: firing.confidence,
    severity: rule.severity,
    data,
    causes: firing.causes.map((event) => event.id),
  };
  // The ground truth behind the triggering events, for audits (no rule reads it): who or what
  // the alert flags, or nothing for an alert on sensor noise. Absent when no cause carries any.
  if (firing.causes.some((event) => event.truth !== undefined)) {
    const truth = new Set<string>();
    for (const event of firing.causes) for (const id of event.truth ?? []) truth.add(id);
    alert.truth = [...truth];
  }
  return alert;
}
