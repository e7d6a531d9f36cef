/**
 * Scoring an audit: the alarms of detection rules against the ground-truth incidents of the
 * simulated runs, as the established evaluations of surveillance event detection do.
 *
 * Matching (per run and per rule): an alarm of a rule matches an incident of a type that rule
 * detects (`AuditSpec.rules`) when it comes between the incident's start (less `matchLeadS`, for
 * early warnings) and its end plus the window `matchWindowS`, and, when both have a place, within `matchRadiusM` of it. Alarms are
 * taken in time order and each goes to the earliest-starting unmatched candidate, so one alarm
 * detects one incident and one incident is detected once (the one-to-one alignment of the NIST
 * TRECVID surveillance event detection evaluation, Fiscus et al. 2009, and the alarm windows of
 * the UK Home Office i-LIDS scenarios). A further alarm on an incident already detected is a
 * duplicate (reported apart, neither a detection nor a false alarm); any other alarm is a false
 * alarm.
 *
 * Figures per rule, per incident type (an incident is detected when any rule meant for its type
 * detected it) and for the whole system: incidents, detections, misses, false alarms,
 * duplicates; probability of miss, recall, precision (matching alarms over alarms), F1; false
 * alarms per hour and per camera-hour; and the detection cost rate of TRECVID SED,
 * DCR = P_miss + β R_FA with β = Cost_FA / (Cost_Miss R_target) = 1 / (10 × 20 per hour) = 0.005
 * per (false alarm per hour). Proportions carry Wilson intervals, rates Poisson intervals
 * (intervals.ts), over all runs pooled.
 *
 * Attribution: every false alarm is put down to what its triggering events' ground truth says
 * (the alert's `truth`): nothing (`sensor noise`: false detections, false sounds), an incident of
 * a type the rule is not meant for (`other incident`), vehicles (`vehicles`), or people, by their
 * behaviour group (`behaviour:sitting`...; `ordinary` people otherwise); an alarm on several
 * groups goes to the group with most people in it (ties: the first in BEHAVIOUR_ORDER). Flag
 * rates: the share of a group's people who appear in the truth of at least one false alarm, and
 * its ratio to the share over everybody (above 1: the group is over-flagged).
 */
import { poissonRateInterval, wilsonInterval, type Interval } from './intervals.ts';
import type { PrivacyTally } from './observation.ts';
import { VARIANT_MARK, type SweepVariant } from './sweeps.ts';

/** An incident of the ground truth. */
export interface TruthIncident {
  id: string;
  type: string;
  startS: number;
  endS: number;
  x?: number;
  y?: number;
}

/** An alarm (an Alert event) as the audit keeps it. */
export interface AuditAlarm {
  id: string;
  rule: string;
  timeS: number;
  x?: number;
  y?: number;
  /** The alert's ground truth (`agent/ID`, `vehicle/ID`, `incident/ID`), empty on sensor noise. */
  truth: string[];
}

/** What the audit keeps of one simulated run. */
export interface AuditRun {
  seed: number;
  durationS: number;
  cameras: number;
  incidents: TruthIncident[];
  alarms: AuditAlarm[];
  /** People per behaviour group in the run. */
  people: Record<string, number>;
  /** Behaviour group of the people named in any alarm's truth (agent id -> group). */
  behaviourOf: Record<string, string>;
  /** How much of the run's trips the cameras saw (observation.ts). */
  privacy: PrivacyTally;
  /** Per bin of DENSITY_BIN_S: people inside at its end, and the density the cameras counted (highest camera, mean over cameras; NaN: no count). */
  series: { binS: number; inside: number[]; maxDensityPerM2: number[]; meanDensityPerM2: number[] };
}

/** Width of the bins of the density over time, s. */
export const DENSITY_BIN_S = 10;

/** The density over time, averaged over runs bin by bin (over the runs that reached the bin). */
export interface DensityOverTime {
  binS: number;
  inside: number[];
  maxDensityPerM2: number[];
  meanDensityPerM2: number[];
}

/** How alarms are matched and which rules are meant for which incident types. */
export interface AuditSpec {
  /** Rule id -> the incident types it is meant to detect (rules not listed only raise false alarms). */
  rules: Record<string, string[]>;
  /** An alarm may come this long after the incident's end, s (default 30). */
  matchWindowS?: number;
  /** An alarm may come this long before the incident's start (an early warning, a rising river), s (default 0). */
  matchLeadS?: number;
  /** An alarm must be this close to the incident, m, when both have a place (default 50). */
  matchRadiusM?: number;
  /** A face-identification system to size against the scenario's footfall (the base-rate calculator). */
  identification?: IdentificationSpec;
}

/**
 * The base-rate calculator's inputs (no biometric data is ever processed: only the simulated
 * footfall past the cameras is used). Each person seen is compared with every watch-list entry;
 * a false match happens with probability falseMatchRate per comparison (NIST FRVT reports FMR
 * per comparison), so per person 1 − (1 − FMR)^W; each watch-listed person passing is found with
 * probability trueMatchRate.
 */
export interface IdentificationSpec {
  watchListSize: number;
  falseMatchRate: number;
  trueMatchRate: number;
  /** Watch-listed people passing the cameras per day (default 1). */
  watchListedPerDay?: number;
}

export interface IdentificationFigures extends IdentificationSpec {
  /** Distinct people seen by the cameras per day, from the runs' footfall. */
  footfallPerDay: number;
  falseMatchesPerDay: number;
  trueMatchesPerDay: number;
  /** Share of the system's matches that are false (the base-rate fallacy in one figure). */
  falseShareOfMatches: number;
}

/** The privacy view, pooled over runs (observation.ts for the definitions). */
export interface PrivacyFigures {
  trips: number;
  /** Trips seen by at least one camera. */
  seen: Interval;
  /** Trips that could be followed end to end across cameras. */
  linkable: Interval;
  /** Mean time under observation per trip, s, and its share of the trips' time. */
  meanObservedS: number;
  observedShareOfTime: number;
  meanTripS: number;
}

export const DEFAULT_MATCH_WINDOW_S = 30;
export const DEFAULT_MATCH_RADIUS_M = 50;
/** TRECVID SED's β: Cost_FA / (Cost_Miss × R_target), R_target = 20 per hour. */
export const DCR_BETA = 1 / (10 * 20);
/** Order in which groups take an alarm on several groups at equal head counts. */
export const BEHAVIOUR_ORDER = ['sitting', 'lying', 'runner', 'waiting', 'gathering', 'vendor', 'child', 'wheelchair', 'slowWalker', 'delivery', 'wrongWay', 'ordinary'];

/** What became of one alarm. */
export interface ScoredAlarm extends AuditAlarm {
  seed: number;
  outcome: 'detection' | 'duplicate' | 'false alarm';
  /** The incident it detected (or duplicated), or null. */
  incident: string | null;
  /** For a false alarm: what caused it. */
  cause: string | null;
}

export interface DetectionFigures {
  incidents: number;
  detections: number;
  misses: number;
  falseAlarms: number;
  duplicates: number;
  alarms: number;
  probabilityOfMiss: Interval;
  recall: Interval;
  precision: Interval;
  f1: number;
  falseAlarmsPerHour: Interval;
  falseAlarmsPerCameraHour: Interval;
  detectionCostRate: number;
  /** False alarms by cause. */
  causes: Record<string, number>;
}

export interface GroupFlags {
  people: number;
  flagged: number;
  flagRate: Interval;
  /** Flag rate over the flag rate of everybody (NaN when nobody is flagged). */
  ratioToAverage: number;
}

export interface AuditScore {
  runs: number;
  seeds: number[];
  hours: number;
  cameraHours: number;
  matchWindowS: number;
  matchRadiusM: number;
  byRule: Record<string, DetectionFigures>;
  byIncidentType: Record<string, DetectionFigures>;
  system: DetectionFigures;
  byGroup: Record<string, GroupFlags>;
  privacy: PrivacyFigures;
  identification: IdentificationFigures | null;
  /** Per swept rule, its DET points (sweeps.ts). */
  det: Record<string, DetCurve>;
  densityOverTime: DensityOverTime;
  alarms: ScoredAlarm[];
}

interface Tally {
  incidents: number;
  detections: number;
  falseAlarms: number;
  duplicates: number;
  alarms: number;
  causes: Record<string, number>;
}

const newTally = (): Tally => ({ incidents: 0, detections: 0, falseAlarms: 0, duplicates: 0, alarms: 0, causes: {} });

/**
 * Scores the runs of an audit (pooled). Alarms of sweep variants (`RULE~K`, sweeps.ts) are left
 * out of the figures and give the DET points of `variants`.
 */
export function scoreAudit(allRuns: readonly AuditRun[], spec: AuditSpec, variants: readonly SweepVariant[] = []): AuditScore {
  const runs = allRuns.map((run) => (run.alarms.some((alarm) => alarm.rule.includes(VARIANT_MARK)) ? { ...run, alarms: run.alarms.filter((alarm) => !alarm.rule.includes(VARIANT_MARK)) } : run));
  const windowS = spec.matchWindowS ?? DEFAULT_MATCH_WINDOW_S;
  const leadS = spec.matchLeadS ?? 0;
  const radiusM = spec.matchRadiusM ?? DEFAULT_MATCH_RADIUS_M;
  const byRule = new Map<string, Tally>();
  const byType = new Map<string, Tally>();
  const system = newTally();
  const people = new Map<string, number>();
  const flagged = new Map<string, number>();
  const scored: ScoredAlarm[] = [];
  let hours = 0, cameraHours = 0;
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (t === undefined) map.set(key, (t = newTally()));
    return t;
  };
  for (const rule of Object.keys(spec.rules)) tally(byRule, rule);
  for (const types of Object.values(spec.rules)) for (const type of types) tally(byType, type);

  for (const run of runs) {
    hours += run.durationS / 3600;
    cameraHours += (run.durationS / 3600) * run.cameras;
    for (const [group, n] of Object.entries(run.people)) people.set(group, (people.get(group) ?? 0) + n);
    for (const incident of run.incidents) {
      tally(byType, incident.type).incidents++;
      system.incidents++;
    }
    // Incidents detected by some rule (each counts once for its type and the system).
    const detectedByAny = new Set<string>();
    const alarmsByRule = new Map<string, AuditAlarm[]>();
    for (const alarm of run.alarms) {
      const list = alarmsByRule.get(alarm.rule) ?? [];
      list.push(alarm);
      alarmsByRule.set(alarm.rule, list);
    }
    const flaggedInRun = new Set<string>();
    const runScored: ScoredAlarm[] = [];
    for (const rule of [...new Set([...Object.keys(spec.rules), ...alarmsByRule.keys()])].sort()) {
      const t = tally(byRule, rule);
      const types = new Set(spec.rules[rule] ?? []);
      const candidates = run.incidents.filter((incident) => types.has(incident.type)).sort((a, b) => a.startS - b.startS || (a.id < b.id ? -1 : 1));
      t.incidents += candidates.length;
      const detected = new Set<string>();
      const alarms = (alarmsByRule.get(rule) ?? []).slice().sort((a, b) => a.timeS - b.timeS || (a.id < b.id ? -1 : 1));
      for (const alarm of alarms) {
        t.alarms++;
        system.alarms++;
        const fits = candidates.filter((incident) => alarm.timeS >= incident.startS - leadS && alarm.timeS <= incident.endS + windowS && near(alarm, incident, radiusM));
        const fresh = fits.find((incident) => !detected.has(incident.id));
        let outcome: ScoredAlarm['outcome'], incidentId: string | null = null, cause: string | null = null;
        if (fresh !== undefined) {
          outcome = 'detection';
          incidentId = fresh.id;
          detected.add(fresh.id);
          t.detections++;
          if (!detectedByAny.has(fresh.id)) {
            detectedByAny.add(fresh.id);
            tally(byType, fresh.type).detections++;
            system.detections++;
          }
        } else if (fits.length > 0) {
          outcome = 'duplicate';
          incidentId = fits[0].id;
          t.duplicates++;
          system.duplicates++;
        } else {
          outcome = 'false alarm';
          cause = causeOf(alarm, run.behaviourOf);
          t.falseAlarms++;
          t.causes[cause] = (t.causes[cause] ?? 0) + 1;
          system.falseAlarms++;
          system.causes[cause] = (system.causes[cause] ?? 0) + 1;
          for (const id of alarm.truth) if (id.startsWith('agent/')) flaggedInRun.add(id);
        }
        runScored.push({ ...alarm, seed: run.seed, outcome, incident: incidentId, cause });
      }
    }
    // Per incident type, the false alarms and duplicates of the rules meant for it.
    for (const alarm of runScored) {
      if (alarm.outcome === 'detection') continue;
      for (const type of spec.rules[alarm.rule] ?? []) {
        const typeTally = tally(byType, type);
        if (alarm.outcome === 'false alarm') {
          typeTally.falseAlarms++;
          typeTally.causes[alarm.cause!] = (typeTally.causes[alarm.cause!] ?? 0) + 1;
        } else {
          typeTally.duplicates++;
        }
      }
    }
    scored.push(...runScored);
    for (const id of flaggedInRun) {
      const group = run.behaviourOf[id.slice('agent/'.length)] ?? 'ordinary';
      flagged.set(group, (flagged.get(group) ?? 0) + 1);
    }
  }
  // Alarms per type: detections + duplicates + false alarms of the rules meant for it.
  for (const t of byType.values()) t.alarms = t.detections + t.duplicates + t.falseAlarms;

  const totalPeople = [...people.values()].reduce((a, b) => a + b, 0);
  const totalFlagged = [...flagged.values()].reduce((a, b) => a + b, 0);
  const average = totalPeople > 0 ? totalFlagged / totalPeople : Number.NaN;
  const byGroup: Record<string, GroupFlags> = {};
  for (const group of [...people.keys()].sort()) {
    const n = people.get(group)!, k = flagged.get(group) ?? 0;
    byGroup[group] = { people: n, flagged: k, flagRate: wilsonInterval(k, n), ratioToAverage: average > 0 ? k / n / average : Number.NaN };
  }
  const figures = (t: Tally) => figuresOf(t, hours, cameraHours);
  const pooled = runs.reduce((sum, run) => ({
    trips: sum.trips + run.privacy.trips, seen: sum.seen + run.privacy.seen, linkable: sum.linkable + run.privacy.linkable,
    observedS: sum.observedS + run.privacy.observedS, tripS: sum.tripS + run.privacy.tripS,
  }), { trips: 0, seen: 0, linkable: 0, observedS: 0, tripS: 0 });
  const privacy: PrivacyFigures = {
    trips: pooled.trips,
    seen: wilsonInterval(pooled.seen, pooled.trips),
    linkable: wilsonInterval(pooled.linkable, pooled.trips),
    meanObservedS: pooled.trips > 0 ? pooled.observedS / pooled.trips : Number.NaN,
    observedShareOfTime: pooled.tripS > 0 ? pooled.observedS / pooled.tripS : Number.NaN,
    meanTripS: pooled.trips > 0 ? pooled.tripS / pooled.trips : Number.NaN,
  };
  const identification = spec.identification === undefined ? null : identificationFigures(spec.identification, hours > 0 ? (pooled.seen / hours) * 24 : Number.NaN);
  return {
    runs: runs.length,
    seeds: runs.map((run) => run.seed),
    hours,
    cameraHours,
    matchWindowS: windowS,
    matchRadiusM: radiusM,
    byRule: Object.fromEntries([...byRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, t]) => [rule, figures(t)])),
    byIncidentType: Object.fromEntries([...byType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, t]) => [type, figures(t)])),
    system: figures(system),
    byGroup,
    privacy,
    identification,
    det: detCurves(allRuns, spec, variants),
    densityOverTime: densityOverTime(runs),
    alarms: scored,
  };
}

function densityOverTime(runs: readonly AuditRun[]): DensityOverTime {
  const bins = Math.max(0, ...runs.map((run) => run.series.inside.length));
  const mean = (pick: (run: AuditRun) => number[], k: number) => {
    const values = runs.map((run) => pick(run)[k]).filter((v) => v !== undefined && Number.isFinite(v));
    return values.length === 0 ? Number.NaN : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1e4) / 1e4;
  };
  const series = (pick: (run: AuditRun) => number[]) => Array.from({ length: bins }, (_v, k) => mean(pick, k));
  return { binS: runs[0]?.series.binS ?? DENSITY_BIN_S, inside: series((run) => run.series.inside), maxDensityPerM2: series((run) => run.series.maxDensityPerM2), meanDensityPerM2: series((run) => run.series.meanDensityPerM2) };
}

/** A DET curve: the rule's figures at each setting of its swept threshold. */
export interface DetCurve {
  parameter: string;
  points: { factor: number; value: number; probabilityOfMiss: number; falseAlarmsPerHour: number; alarms: number }[];
}

function detCurves(runs: readonly AuditRun[], spec: AuditSpec, variants: readonly SweepVariant[]): Record<string, DetCurve> {
  const curves: Record<string, DetCurve> = {};
  for (const variant of variants) {
    const types = spec.rules[variant.rule] ?? [];
    const only = runs.map((run) => ({ ...run, alarms: run.alarms.filter((alarm) => alarm.rule === variant.id).map((alarm) => ({ ...alarm, rule: variant.rule })) }));
    const figures = scoreAudit(only, { ...spec, rules: { [variant.rule]: types }, identification: undefined }).byRule[variant.rule];
    const curve = (curves[variant.rule] ??= { parameter: variant.parameter, points: [] });
    curve.points.push({ factor: variant.factor, value: variant.value, probabilityOfMiss: figures.probabilityOfMiss.value, falseAlarmsPerHour: figures.falseAlarmsPerHour.value, alarms: figures.alarms });
  }
  return curves;
}

/** The base-rate calculator (see IdentificationSpec). */
export function identificationFigures(spec: IdentificationSpec, footfallPerDay: number): IdentificationFigures {
  const perPerson = 1 - (1 - spec.falseMatchRate) ** spec.watchListSize;
  const falseMatchesPerDay = footfallPerDay * perPerson;
  const trueMatchesPerDay = (spec.watchListedPerDay ?? 1) * spec.trueMatchRate;
  const total = falseMatchesPerDay + trueMatchesPerDay;
  return { ...spec, footfallPerDay, falseMatchesPerDay, trueMatchesPerDay, falseShareOfMatches: total > 0 ? falseMatchesPerDay / total : Number.NaN };
}

function near(alarm: AuditAlarm, incident: TruthIncident, radiusM: number): boolean {
  if (alarm.x === undefined || alarm.y === undefined || incident.x === undefined || incident.y === undefined) return true;
  return Math.hypot(alarm.x - incident.x, alarm.y - incident.y) <= radiusM;
}

/** What caused a false alarm, from its ground truth (see the file's comment). */
export function causeOf(alarm: AuditAlarm, behaviourOf: Readonly<Record<string, string>>): string {
  if (alarm.truth.length === 0) return 'sensor noise';
  const groups = new Map<string, number>();
  let vehicles = 0, incidents = 0;
  for (const id of alarm.truth) {
    if (id.startsWith('agent/')) {
      const group = behaviourOf[id.slice('agent/'.length)] ?? 'ordinary';
      groups.set(group, (groups.get(group) ?? 0) + 1);
    } else if (id.startsWith('vehicle/')) {
      vehicles++;
    } else if (id.startsWith('incident/')) {
      incidents++;
    }
  }
  if (groups.size > 0) {
    let best = '', bestCount = -1;
    for (const group of BEHAVIOUR_ORDER) {
      const n = groups.get(group) ?? 0;
      if (n > bestCount) {
        best = group;
        bestCount = n;
      }
    }
    for (const [group, n] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) if (!BEHAVIOUR_ORDER.includes(group) && n > bestCount) [best, bestCount] = [group, n];
    return best === 'ordinary' ? 'ordinary people' : `behaviour:${best}`;
  }
  if (incidents > 0) return 'other incident';
  if (vehicles > 0) return 'vehicles';
  return 'sensor noise';
}

function figuresOf(t: Tally, hours: number, cameraHours: number): DetectionFigures {
  const misses = t.incidents - t.detections;
  const matching = t.alarms - t.falseAlarms;
  const recall = wilsonInterval(t.detections, t.incidents);
  const precision = wilsonInterval(matching, t.alarms);
  const f1 = recall.value + precision.value > 0 ? (2 * recall.value * precision.value) / (recall.value + precision.value) : Number.NaN;
  const perHour = poissonRateInterval(t.falseAlarms, hours);
  return {
    incidents: t.incidents,
    detections: t.detections,
    misses,
    falseAlarms: t.falseAlarms,
    duplicates: t.duplicates,
    alarms: t.alarms,
    probabilityOfMiss: wilsonInterval(misses, t.incidents),
    recall,
    precision,
    f1,
    falseAlarmsPerHour: perHour,
    falseAlarmsPerCameraHour: poissonRateInterval(t.falseAlarms, cameraHours),
    detectionCostRate: (t.incidents > 0 ? misses / t.incidents : 0) + DCR_BETA * perHour.value,
    causes: Object.fromEntries(Object.entries(t.causes).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
