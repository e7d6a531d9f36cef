/**
 * A small synthetic rehearsal for the planner report and exports: an 80 m x 50 m district on a
 * 1 m lattice with two buildings, a plaza (walkway, outlined clockwise on purpose), an L-shaped
 * gate queue (queuing area) where the crowd peaks at 5.6 P/m², two measurement lines, a gate and
 * a tram stop, an egress from the "end of concert" at 600 s, and a comparison of three variants.
 * Every value comes from a formula (no randomness): the tests recompute what they expect.
 */
import type { PlannerComparison, PlannerMaps, PlannerSummary, ServiceLevel, ZoneStats } from '../../engine/measurement/PlannerSummary.ts';
import type { PlannerReportInput } from '../../bin/plannerReport.ts';

export interface PlannerFixture {
  summary: PlannerSummary;
  maps: PlannerMaps;
  zonePolygons: Record<string, [number, number][]>;
  lines: Record<string, { from: [number, number]; to: [number, number] }>;
  comparison: PlannerComparison;
  /** The report's input for the baseline (no comparison). */
  input: PlannerReportInput;
}

const SAMPLE_S = 10;
const RUN_S = 1200;
const SAMPLES = RUN_S / SAMPLE_S + 1;
const EGRESS_FROM_S = 600;

/** Area of a ring by the shoelace formula, m² (absolute). */
export function ringAreaM2(ring: [number, number][]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i], [x2, y2] = ring[(i + 1) % ring.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

/** The crowd's size over time: builds up to the end of the concert at 600 s, then leaves. */
const build = (timeS: number) => (timeS <= EGRESS_FROM_S ? timeS / EGRESS_FROM_S : Math.max(0, 1 - (timeS - EGRESS_FROM_S) / 420));

/** Area-method density at (x, y) at a time: a peak of 5.6 P/m² at the gate queue, 3.2 P/m² on the plaza. */
function densityAt(x: number, y: number, timeS: number): number {
  const gate = 5.6 * Math.exp(-((x - 20) ** 2 + (y - 10) ** 2) / 18);
  const plaza = 3.2 * Math.exp(-((x - 50) ** 2 + (y - 18) ** 2) / 60);
  const value = build(timeS) * (gate + plaza);
  return value < 0.05 ? 0 : value;
}

const inBuilding = (x: number, y: number) => (x >= 5 && x <= 25 && y >= 30 && y <= 48) || (x >= 55 && x <= 75 && y >= 32 && y <= 48);

function zone(kind: ZoneStats['kind'], areaM2: number, peak: number, peakAt: [number, number], worstLevel: ServiceLevel, scale: number): ZoneStats {
  const voronoi = Array.from({ length: SAMPLES }, (_, k) => Number((peak * 0.8 * build(k * SAMPLE_S)).toFixed(2)));
  const people = Array.from({ length: SAMPLES }, (_, k) => Math.round(scale * build(k * SAMPLE_S)));
  return {
    kind, areaM2, maxDensityPerM2: peak, maxAtS: 600, maxAt: peakAt,
    maxVoronoiDensityPerM2: Number((peak * 0.8).toFixed(2)), maxVoronoiAtS: 600, maxPeople: scale, maxPeopleAtS: 600,
    secondsAbove: { 2: peak > 2 ? 240 : 0, 4: peak > 4 ? 180 : 0, 5: peak > 5 ? 60 : 0 },
    worstLevel,
    secondsAtLevel: { A: 300, B: 200, C: 200, D: 200, E: worstLevel >= 'E' ? 120 : 0, F: worstLevel === 'F' ? 60 : 0 },
    series: { voronoiPerM2: voronoi, people },
  };
}

/** The fixture; `oddZoneId` adds a small walkway zone under that id (to test escaping and quoting). */
export function plannerFixture(options: { oddZoneId?: string } = {}): PlannerFixture {
  const zonePolygons: Record<string, [number, number][]> = {
    plaza: [[30, 5], [30, 30], [70, 30], [70, 5]],
    'gate-queue': [[5, 5], [25, 5], [25, 25], [15, 25], [15, 15], [5, 15]],
  };
  const zones: Record<string, ZoneStats> = {
    plaza: zone('walkway', ringAreaM2(zonePolygons.plaza), 3.2, [50, 18], 'E', 420),
    'gate-queue': zone('queue', ringAreaM2(zonePolygons['gate-queue']), 5.6, [20, 10], 'F', 260),
  };
  if (options.oddZoneId !== undefined) {
    zonePolygons[options.oddZoneId] = [[72, 2], [78, 2], [78, 10], [72, 10], [72, 2]];
    zones[options.oddZoneId] = zone('walkway', 48, 0.4, [75, 6], 'B', 12);
  }
  const lines: PlannerFixture['lines'] = {
    'north-exit': { from: [35, 30], to: [41, 30] },
    'gate-line': { from: [25, 6], to: [25, 12] },
  };
  const perMinute = (peak: number) => Array.from({ length: RUN_S / 60 }, (_, m) => Math.round(peak * (m < 10 ? m / 10 : Math.max(0, 1 - (m - 10) / 7))));
  const inside = Array.from({ length: SAMPLES }, (_, k) => Math.round(850 * build(k * SAMPLE_S)));

  const summary: PlannerSummary = {
    sampleS: SAMPLE_S,
    thresholds: { densitiesPerM2: [2, 4, 5], movingCriticalPerM2: 4, standingCriticalPerM2: 5 },
    headline: {
      peakDensityPerM2: 5.6, peakAtS: 600, peakAt: [20, 10], peakZone: 'gate-queue',
      secondsAbove4: 180, secondsAbove5: 60, areaAbove4M2: 24,
      maxPeopleInside: 850, maxPeopleAtS: 600, egressP95S: 399, worstLevel: 'F', bottleneck: 'gate-queue',
    },
    zones,
    flows: {
      'north-exit': { widthM: 6, crossings: 640, forward: 610, backward: 30, perMinute: perMinute(90), peakPerMin: 90, peakAtS: 600, peakSpecificFlowPerMS: 0.25 },
      'gate-line': { widthM: 6, crossings: 300, forward: 300, backward: 0, perMinute: perMinute(48), peakPerMin: 48, peakAtS: 600, peakSpecificFlowPerMS: 0.13 },
    },
    queues: {
      G1: { kind: 'gate', maxQueue: 120, maxQueueAtS: 560, served: 600, meanWaitS: 45.3, p95WaitS: 130.2, maxWaitS: 211, series: inside.map((n) => Math.round(n / 7)) },
      T2: { kind: 'stop', maxQueue: 0, maxQueueAtS: 0, served: 0, meanWaitS: null, p95WaitS: null, maxWaitS: null, series: inside.map(() => 0) },
    },
    egress: { fromS: EGRESS_FROM_S, moment: 'end of concert', people: 850, p50S: 210, p95S: 399, allOutS: 420, remaining: 0, inside },
    travelTimes: {
      'north -> E1': { count: 410, meanS: 182.4, p50S: 170, p85S: 240, p95S: 290.5 },
      'south -> E2': { count: 440, meanS: 95, p50S: 90, p85S: 120, p95S: 150 },
    },
    bottlenecks: [
      { id: 'gate-queue', kind: 'zone', saturation: 1.12, why: 'above 5 P/m² for 60 s' },
      { id: 'gate-line', kind: 'line', saturation: 0.84, why: 'specific flow 0.13 P/(m s) at 84 % of capacity' },
      { id: 'G1', kind: 'gate', saturation: 0.4, why: 'queue of 120 at 09:20' },
    ],
  };

  const columns = 81, rows = 51, cellM = 1;
  const size = columns * rows;
  const maps: PlannerMaps = {
    originXM: 0, originYM: 0, cellM, columns, rows,
    maxDensityPerM2: new Float32Array(size), secondsAbove4: new Float32Array(size), secondsAbove5: new Float32Array(size),
    worstLevel: new Int8Array(size), walkable: new Uint8Array(size),
    snapshots: [0, 300, 450, 600, 750, 900, 3900].map((timeS) => ({ timeS, densityPerM2: new Float32Array(size) })),
  };
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns; col++) {
      const k = row * columns + col;
      const x = col * cellM, y = row * cellM;
      const walkable = !inBuilding(x, y);
      maps.walkable[k] = walkable ? 1 : 0;
      const density = walkable ? densityAt(x, y, 600) : 0;
      maps.maxDensityPerM2[k] = density;
      maps.secondsAbove4[k] = density > 4 ? Math.round((density - 4) * 100) : 0;
      maps.secondsAbove5[k] = density > 5 ? Math.round((density - 5) * 100) : 0;
      maps.worstLevel[k] = density > 0 ? Math.min(5, Math.floor(density)) : -1;
      for (const snapshot of maps.snapshots) snapshot.densityPerM2[k] = walkable ? densityAt(x, y, snapshot.timeS) : 0;
    }
  }

  const spread = (mean: number, sd: number) => ({ mean, sd, min: Number((mean - 1.5 * sd).toFixed(2)), max: Number((mean + 1.5 * sd).toFixed(2)), n: 3 });
  const comparison: PlannerComparison = {
    seeds: [1, 2, 3],
    variants: [
      { id: 'baseline', description: 'one gate, as planned' },
      { id: 'two-gates', description: 'a second gate on the east side' },
      { id: 'staggered', description: 'doors open in two waves & <late> exit' },
    ],
    measures: [
      { key: 'peakDensityPerM2', label: 'Peak density', unit: 'P/m²', better: 'lower' },
      { key: 'secondsAbove4', label: 'Time above 4 P/m²', unit: 's', better: 'lower' },
      { key: 'egressP95S', label: 'Egress, 95 % out', unit: 's', better: 'lower' },
      { key: 'served', label: 'People through the gates', unit: 'people', better: 'higher' },
      { key: 'maxQueue', label: 'Longest queue', unit: 'people', better: 'lower' },
    ],
    table: {
      baseline: { peakDensityPerM2: spread(5.5, 0.2), secondsAbove4: spread(175, 12), egressP95S: spread(401, 9), served: spread(598, 4), maxQueue: spread(118, 6) },
      'two-gates': { peakDensityPerM2: spread(3.9, 0.3), secondsAbove4: spread(20, 8), egressP95S: spread(322, 11), served: spread(640, 5), maxQueue: spread(61, 4) },
      staggered: { peakDensityPerM2: spread(4.4, 0.25), secondsAbove4: spread(62, 15), egressP95S: null, served: spread(610, 7), maxQueue: spread(80, 9) },
    },
  };

  const input: PlannerReportInput = {
    scenarioName: 'Concert on the plaza', scenarioFile: 'scenarios/plaza-concert.json', version: '0.1.0',
    seeds: [1, 2, 3], scale: 1, simulatedS: RUN_S, wallS: 42.7, people: 850,
    summary, maps, zonePolygons, lines,
  };
  return { summary, maps, zonePolygons, lines, comparison, input };
}
