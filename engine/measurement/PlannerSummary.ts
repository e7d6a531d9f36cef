/**
 * What a rehearsal measures for a planner (issue 7): plain data, written to `summary.json`
 * (`planner`), read by the report (bin/plannerReport.ts) and the exports (bin/plannerExports.ts).
 * Densities in persons per m²; times in seconds of simulated time from the scenario's start;
 * positions in the scenario's metric frame (x east, y north, metres).
 *
 * Density methods (engine/measurement/densityMethods.ts):
 * - area method: the classic count in a 2 m x 2 m square, N / 4 (PedPy/JPSreport method A/B),
 *   evaluated on a 1 m lattice (the square centred on each lattice node);
 * - Voronoi method (Steffen and Seyfried 2010): each person owns its Voronoi cell clipped to a
 *   disc; the density over an area A is sum_i |V_i ∩ A| / (|V_i| |A|).
 * Levels of service: Fruin (1971), walkways and queuing areas (engine/measurement/levelOfService.ts).
 */

/** Fruin's levels, best to worst. */
export type ServiceLevel = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** The thresholds the report draws and the headline compares against. */
export interface PlannerThresholds {
  /** Densities drawn on the maps and timed per zone (2, 4 and 5 P/m²). */
  densitiesPerM2: number[];
  /** A moving crowd becomes critical around 4 P/m² (Still). */
  movingCriticalPerM2: number;
  /** A standing crowd becomes critical around 5 P/m² (Still; Fruin queuing level F). */
  standingCriticalPerM2: number;
}

export interface ZoneStats {
  /** `walkway` (people pass through) or `queue` (people stand and wait): which Fruin table applies. */
  kind: 'walkway' | 'queue';
  areaM2: number;
  /** Highest area-method density (2 m x 2 m square) inside the zone, when and where (its centre). */
  maxDensityPerM2: number;
  maxAtS: number;
  maxAt: [number, number];
  /** Highest Voronoi density over the whole zone, and when. */
  maxVoronoiDensityPerM2: number;
  maxVoronoiAtS: number;
  /** Most people inside the zone at once, and when. */
  maxPeople: number;
  maxPeopleAtS: number;
  /** Seconds during which some 2 m x 2 m square of the zone was above each threshold (keys "2", "4", "5"). */
  secondsAbove: Record<string, number>;
  /** Worst Fruin level of the zone's Voronoi density over the run, and the seconds spent at each level. */
  worstLevel: ServiceLevel;
  secondsAtLevel: Record<ServiceLevel, number>;
  /** Sampled every `sampleS`: zone Voronoi density and people inside. */
  series: { voronoiPerM2: number[]; people: number[] };
}

export interface FlowStats {
  /** Length of the line, m (its width for a passage). */
  widthM: number;
  crossings: number;
  forward: number;
  backward: number;
  /** People crossing per minute, minute by minute from 0. */
  perMinute: number[];
  /** Busiest minute: people per minute, its start, and the specific flow in P/(m s). */
  peakPerMin: number;
  peakAtS: number;
  peakSpecificFlowPerMS: number;
}

export interface QueueStats {
  /** What the queue forms at: a tram stop's platform or a gate. */
  kind: 'stop' | 'gate';
  /** Most people waiting at once, and when. */
  maxQueue: number;
  maxQueueAtS: number;
  /** People who waited and then went through (boarded, or passed the gate), and their waits. */
  served: number;
  meanWaitS: number | null;
  p95WaitS: number | null;
  maxWaitS: number | null;
  /** People waiting, sampled every `sampleS`. */
  series: number[];
}

export interface EgressStats {
  /** The moment the egress is measured from (a schedule moment, or 0), and its name. */
  fromS: number;
  moment: string | null;
  /** People inside the simulated area at that moment (or who arrived later). */
  people: number;
  /** Times after `fromS` when half, 95 % and everyone had left (null when not reached within the run). */
  p50S: number | null;
  p95S: number | null;
  allOutS: number | null;
  /** People still inside at the end. */
  remaining: number;
  /** People inside, sampled every `sampleS` from 0. */
  inside: number[];
}

export interface TravelTimeStats {
  count: number;
  meanS: number;
  p50S: number;
  p85S: number;
  p95S: number;
}

/** A place ranked among the bottlenecks: its saturation (1 = at the danger threshold or at capacity) and why. */
export interface Bottleneck {
  id: string;
  kind: 'zone' | 'line' | 'stop' | 'gate';
  saturation: number;
  why: string;
}

export interface PlannerSummary {
  /** Sampling period of every series and of the maps, s. */
  sampleS: number;
  thresholds: PlannerThresholds;
  headline: {
    peakDensityPerM2: number;
    peakAtS: number;
    peakAt: [number, number];
    /** Zone the peak lies in, if any. */
    peakZone: string | null;
    /** Seconds during which some 2 m x 2 m square anywhere was above 4 and above 5 P/m². */
    secondsAbove4: number;
    secondsAbove5: number;
    /** Area (m²) that was above 4 P/m² at some time. */
    areaAbove4M2: number;
    maxPeopleInside: number;
    maxPeopleAtS: number;
    egressP95S: number | null;
    worstLevel: ServiceLevel;
    /** The first-ranked bottleneck, if any. */
    bottleneck: string | null;
  };
  zones: Record<string, ZoneStats>;
  flows: Record<string, FlowStats>;
  queues: Record<string, QueueStats>;
  egress: EgressStats;
  /** Per origin group and exit: "group -> exit". */
  travelTimes: Record<string, TravelTimeStats>;
  bottlenecks: Bottleneck[];
}

/**
 * The maps, kept out of `summary.json` (they are large): values at the nodes of a lattice of
 * `cellM` (1 m) spacing over the area, row-major, node (col, row) at
 * (originXM + col cellM, originYM + row cellM), row 0 at the south; each value is drawn as a
 * cellM x cellM square centred on its node. The area-method square of a node is the 2 m x 2 m
 * square centred on it.
 */
export interface PlannerMaps {
  originXM: number;
  originYM: number;
  cellM: number;
  columns: number;
  rows: number;
  /** Highest area-method density of the 2 m x 2 m square centred on each cell's centre. */
  maxDensityPerM2: Float32Array;
  /** Seconds above 4 and above 5 P/m² per cell. */
  secondsAbove4: Float32Array;
  secondsAbove5: Float32Array;
  /** Worst Fruin level per cell, 0 (A) to 5 (F), -1 where nobody ever stood (queuing table inside queue zones). */
  worstLevel: Int8Array;
  /** 1 where the cell is walkable (drawn as the background of the maps). */
  walkable: Uint8Array;
  /** Area-method density maps every `everyS` seconds (for the report's time slices). */
  snapshots: { timeS: number; densityPerM2: Float32Array }[];
}

/** One measure compared across variants: over the seeds, its mean, standard deviation and range. */
export interface Spread {
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Runs where the measure had a value (an egress not finished within the run has none). */
  n: number;
}

/** A measure of the comparison table: a key into `PlannerComparison.table`, how to label it, and which way is better. */
export interface ComparedMeasure {
  key: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
}

/** `vigie compare`: every variant over the same seeds, every measure side by side with its spread. */
export interface PlannerComparison {
  seeds: number[];
  variants: { id: string; description: string }[];
  measures: ComparedMeasure[];
  /** table[variant][measure key]: the spread over the seeds (null where no run had a value). */
  table: Record<string, Record<string, Spread | null>>;
}
