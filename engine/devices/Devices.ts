/**
 * Sensors other than cameras (issue 5, item 1), with documented parameters:
 *  - people counters on a line (overhead thermal or stereo counters): each true crossing is
 *    counted unless missed (default miss rate 3 %: such counters are sold as 95-99 % accurate,
 *    our default in that range), reported per direction and period as `CrowdFlowObserved`;
 *  - automatic passenger counters in trams: occupancy with a relative error (default sd 5 %:
 *    APC counts are typically within a few per cent, TCRP Report 113, 2006), every period and
 *    at each departure, as `CrowdFlowObserved` with occupancy and capacity;
 *  - microphones (acoustic gunshot / shout / glass detectors): the received level of a sound
 *    incident is its level at 1 m less spherical spreading and air absorption,
 *    L = L1 - 20 log10(r) - a r (ISO 9613-1: a about 0.005 dB/m at 1-2 kHz, 20 °C, 70 % RH);
 *    detected at or above the threshold (default 70 dB), located with an error growing with
 *    distance (sd 1 m + 5 % of r, our choice), classified with a confusion matrix (CONFUSION);
 *    false alarms as a Poisson process (default 0.5 per hour);
 *  - water-level gauges: the river's level (a scripted hydrograph) with a measurement error
 *    (default sd 1 cm, the usual accuracy of radar level gauges), as `WaterObserved`;
 *  - citizen reports: per incident a Poisson number of reports (default mean 2), each late by a
 *    lognormal delay (default median 120 s, sigma 0.8) and off by a normal location error
 *    (default sd 25 m), plus mistaken reports (default 1 per hour) at random places;
 *  - a social-media signal: posts per period around a place, Poisson at a baseline rate
 *    (default 30 per hour) times a surge factor (default 10) while an incident is active within
 *    the radius (default 300 m).
 * Parameters marked "our choice" are Vigie's; the others name where the figure comes from.
 * All draws from one seeded stream (forkStream(seed, 'devices')): same seed, same events.
 */
import type { DevicesSpec, IncidentSpec, PointM, PolygonM } from '../scenario/Scenario.ts';
import { forkStream, poissonDraw, type Rng } from '../random/Rng.ts';

/** Sound incident types and their default level at 1 m, dB. */
export const SOUND_LEVEL_DB: Record<string, number> = { gunshot: 150, glass: 110, shout: 95 };
/** Air absorption, dB per metre (ISO 9613-1, about 1-2 kHz, 20 °C, 70 % relative humidity). */
export const AIR_ABSORPTION_DB_PER_M = 0.005;
/**
 * Acoustic classification: P(reported class | true class), rows summing to 1 (our choice, of
 * the order published for urban gunshot detection systems).
 */
export const CONFUSION: Record<string, Record<string, number>> = {
  gunshot: { gunshot: 0.9, glass: 0.06, shout: 0.04 },
  glass: { gunshot: 0.08, glass: 0.85, shout: 0.07 },
  shout: { gunshot: 0.03, glass: 0.04, shout: 0.93 },
};

export const DEVICE_DEFAULTS = {
  counterMissRate: 0.03, counterReportEveryS: 60,
  tramReportEveryS: 30, tramRelativeErrorSd: 0.05,
  microphoneThresholdDb: 70, microphoneFalseAlarmsPerHour: 0.5,
  gaugeReportEveryS: 60, gaugeErrorSdM: 0.01,
  reportsPerIncident: 2, reportMedianDelayS: 120, reportDelaySigma: 0.8, reportLocationErrorSdM: 25, mistakenReportsPerHour: 1,
  socialRadiusM: 300, socialBaselinePerHour: 30, socialSurgeFactor: 10, socialReportEveryS: 60,
} as const;

/** A people counter and its counts since its last report. */
export interface Counter {
  id: string;
  x0: number; y0: number; x1: number; y1: number;
  missRate: number;
  reportEveryS: number;
  /** Crossings to the left of from->to (inbound) and to the right (outbound) since the last report, with the people behind them. */
  inbound: number;
  outbound: number;
  truthIn: string[];
  truthOut: string[];
  nextReportS: number;
}

/** A citizen report waiting for its time. */
export interface PendingReport {
  timeS: number;
  x: number;
  y: number;
  kind: string;
  delayS: number;
  truth: string[];
}

/** The devices of a world. */
export interface Devices {
  rng: Rng;
  counters: Counter[];
  tramOccupancy: { id: string; reportEveryS: number; relativeErrorSd: number; nextReportS: number } | null;
  microphones: { id: string; x: number; y: number; thresholdDb: number; falseAlarmsPerHour: number }[];
  waterGauges: { id: string; x: number; y: number; reportEveryS: number; errorSdM: number; nextReportS: number }[];
  socialMedia: { id: string; x: number; y: number; radiusM: number; baselinePerHour: number; surgeFactor: number; reportEveryS: number; nextReportS: number }[];
  incidents: IncidentSpec[];
  /** Per incident: 1 once its sound has been heard (sounds are instantaneous). */
  soundDone: Uint8Array;
  /** Citizen reports drawn at the start (incidents are scripted), released at their time. */
  reports: PendingReport[];
  nextReport: number;
  riverLevelM: [number, number][] | null;
  /** Per device id: events emitted (for ids `${device}#n`). */
  sequence: Map<string, number>;
}

/** Builds the devices of a scenario, or null when it has none. */
export function buildDevices(spec: DevicesSpec | undefined, incidents: IncidentSpec[] | undefined, river: { levelM: [number, number][] } | undefined, seed: number, bounds: [number, number, number, number], durationS: number): Devices | null {
  if (!spec) return null;
  const rng = forkStream(seed, 'devices');
  const d = DEVICE_DEFAULTS;
  const devices: Devices = {
    rng,
    counters: (spec.counters ?? []).map((c) => ({
      id: c.id, x0: c.from[0], y0: c.from[1], x1: c.to[0], y1: c.to[1], missRate: c.missRate ?? d.counterMissRate, reportEveryS: c.reportEveryS ?? d.counterReportEveryS,
      inbound: 0, outbound: 0, truthIn: [], truthOut: [], nextReportS: c.reportEveryS ?? d.counterReportEveryS,
    })),
    tramOccupancy: spec.tramOccupancy ? { id: spec.tramOccupancy.id, reportEveryS: spec.tramOccupancy.reportEveryS ?? d.tramReportEveryS, relativeErrorSd: spec.tramOccupancy.relativeErrorSd ?? d.tramRelativeErrorSd, nextReportS: 0 } : null,
    microphones: (spec.microphones ?? []).map((m) => ({ id: m.id, x: m.at[0], y: m.at[1], thresholdDb: m.thresholdDb ?? d.microphoneThresholdDb, falseAlarmsPerHour: m.falseAlarmsPerHour ?? d.microphoneFalseAlarmsPerHour })),
    waterGauges: (spec.waterGauges ?? []).map((g) => ({ id: g.id, x: g.at[0], y: g.at[1], reportEveryS: g.reportEveryS ?? d.gaugeReportEveryS, errorSdM: g.errorSdM ?? d.gaugeErrorSdM, nextReportS: g.reportEveryS ?? d.gaugeReportEveryS })),
    socialMedia: (spec.socialMedia ?? []).map((s) => ({
      id: s.id, x: s.at[0], y: s.at[1], radiusM: s.radiusM ?? d.socialRadiusM, baselinePerHour: s.baselinePerHour ?? d.socialBaselinePerHour, surgeFactor: s.surgeFactor ?? d.socialSurgeFactor,
      reportEveryS: s.reportEveryS ?? d.socialReportEveryS, nextReportS: s.reportEveryS ?? d.socialReportEveryS,
    })),
    incidents: incidents ?? [],
    soundDone: new Uint8Array((incidents ?? []).length),
    reports: spec.citizenReports ? drawReports(spec.citizenReports, incidents ?? [], rng, bounds, durationS) : [],
    nextReport: 0,
    riverLevelM: river?.levelM ?? null,
    sequence: new Map(),
  };
  return devices;
}

/** Citizen reports of the whole run (incidents are scripted, so they can be drawn at the start), in time order. */
function drawReports(spec: NonNullable<DevicesSpec['citizenReports']>, incidents: IncidentSpec[], rng: Rng, bounds: [number, number, number, number], durationS: number): PendingReport[] {
  const d = DEVICE_DEFAULTS;
  const mean = spec.reportsPerIncident ?? d.reportsPerIncident;
  const median = spec.medianDelayS ?? d.reportMedianDelayS;
  const sd = spec.locationErrorSdM ?? d.reportLocationErrorSdM;
  const reports: PendingReport[] = [];
  for (const incident of incidents) {
    const n = poisson(rng, mean);
    for (let k = 0; k < n; k++) {
      const delayS = median * Math.exp(d.reportDelaySigma * rng.normal());
      reports.push({ timeS: incident.startS + delayS, x: incident.at[0] + sd * rng.normal(), y: incident.at[1] + sd * rng.normal(), kind: incident.type, delayS, truth: [incident.id] });
    }
  }
  // Mistaken reports: a Poisson process over the run, at random places of the area.
  const area = spec.area ?? boundsPolygon(bounds);
  const [minX, minY, maxX, maxY] = polygonBox(area);
  const rate = (spec.mistakenPerHour ?? d.mistakenReportsPerHour) / 3600;
  for (let t = rate > 0 ? exponential(rng, rate) : Infinity; t < durationS; t += exponential(rng, rate)) {
    const kinds = ['fight', 'fire', 'fall', 'other'];
    reports.push({ timeS: t, x: rng.uniform(minX, maxX), y: rng.uniform(minY, maxY), kind: kinds[rng.int(kinds.length)], delayS: 0, truth: [] });
  }
  return reports.sort((a, b) => a.timeS - b.timeS);
}

/** A Poisson draw (engine/random/Rng.ts). */
export const poisson = poissonDraw;

/** An exponential draw of rate `rate` per second. */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

function boundsPolygon([minX, minY, maxX, maxY]: [number, number, number, number]): PolygonM {
  return [[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY]];
}

function polygonBox(polygon: PolygonM): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of polygon as PointM[]) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** The river level at `timeS` (linear between the hydrograph's points, held at its ends), m. */
export function riverLevelAt(levels: [number, number][], timeS: number): number {
  if (timeS <= levels[0][0]) return levels[0][1];
  for (let k = 1; k < levels.length; k++) {
    if (timeS <= levels[k][0]) {
      const [t0, l0] = levels[k - 1], [t1, l1] = levels[k];
      return l0 + ((l1 - l0) * (timeS - t0)) / (t1 - t0);
    }
  }
  return levels[levels.length - 1][1];
}
