/**
 * The false alarms of an audit as audit.json lists them, so that a viewer can put them on the map
 * without alarms.csv: where and when each was raised, by which rule, and what caused it. Plain
 * data, no Node API (the browser's audit view reads the same shape).
 */
import type { ScoredAlarm } from '../engine/audit/scoreAudit.ts';

/** At most this many false alarms are listed in audit.json (the rest are counted in `leftOut`). */
export const MAX_LISTED_FALSE_ALARMS = 5000;

/** One false alarm of the list. */
export interface ListedFalseAlarm {
  /** The seed of the run that raised it. */
  seed: number;
  /** Simulated time of the alarm since the run's start, s. */
  timeS: number;
  /** The rule that raised it. */
  rule: string;
  /** Its place in the scenario's local metres (x east, y north); null when the alert has none. */
  x: number | null;
  y: number | null;
  /** What caused it (scoreAudit.ts's causeOf: `sensor noise`, `behaviour:sitting`, `vehicles`...). */
  cause: string;
}

/** The list and what it leaves out. */
export interface FalseAlarmList {
  /** False alarms in all the runs (the system's `falseAlarms`). */
  total: number;
  /** The most that are listed (MAX_LISTED_FALSE_ALARMS when written by `vigie audit`). */
  maxListed: number;
  /** False alarms not listed: total − list.length. */
  leftOut: number;
  /** In alarms.csv's order: by seed, then rule, then time. */
  list: ListedFalseAlarm[];
}

/**
 * The false alarms among `alarms` (scoreAudit's, in seed, rule and time order). When there are
 * more than `maxListed`, every (total / maxListed)-th one is kept, in the same order, so that
 * every run and every rule keeps its share of the list and the same alarms give the same list.
 */
export function listFalseAlarms(alarms: readonly ScoredAlarm[], maxListed = MAX_LISTED_FALSE_ALARMS): FalseAlarmList {
  const all = alarms.filter((alarm) => alarm.outcome === 'false alarm');
  // NOTE: floor(k * total / max) is strictly increasing in k when total > max: no alarm twice.
  const kept = all.length <= maxListed ? all : Array.from({ length: maxListed }, (_v, k) => all[Math.floor((k * all.length) / maxListed)]);
  return {
    total: all.length,
    maxListed,
    leftOut: all.length - kept.length,
    list: kept.map((alarm) => ({ seed: alarm.seed, timeS: alarm.timeS, rule: alarm.rule, x: alarm.x ?? null, y: alarm.y ?? null, cause: alarm.cause ?? 'unknown' })),
  };
}
