/**
 * Levels of service for pedestrians (Fruin 1971, "Pedestrian planning and design", tables for
 * walkways and for queuing areas): six levels, A (free) to F (jammed), set by the area available
 * to each person, in m² per person; a density ρ in persons per m² gives 1/ρ m² per person.
 *
 * Walkways (people moving), area per person M:
 *   A: M >= 3.25, B: 2.3 <= M < 3.25, C: 1.4 <= M < 2.3, D: 0.93 <= M < 1.4, E: 0.46 <= M < 0.93, F: M < 0.46.
 * Queuing areas (people standing):
 *   A: M > 1.2, B: 0.9 < M <= 1.2, C: 0.6 < M <= 0.9, D: 0.3 < M <= 0.6, E: 0.2 < M <= 0.3, F: M <= 0.2 (5 P/m² and over).
 *
 * Boundaries follow the tables as written: an area per person exactly at a walkway boundary goes
 * to the better level (">= 3.25 is A"); at a queuing boundary, to the worse one ("> 1.2 is A",
 * "<= 0.2 is F"). The comparison is made on the area per person, the tables' own unit, so that a
 * density whose inverse is exactly a boundary value lands where the table says.
 */
import type { ServiceLevel } from './PlannerSummary.ts';

/** Fruin's levels, best to worst: index 0 is A, 5 is F. */
export const SERVICE_LEVELS: readonly ServiceLevel[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Which Fruin table applies: `walkway` (people pass through) or `queue` (people stand and wait). */
export type ServiceLevelTableKind = 'walkway' | 'queue';

/** One of Fruin's tables, as plain data (the report prints it). */
export interface ServiceLevelTable {
  kind: ServiceLevelTableKind;
  /**
   * Area per person at the boundary below each of the levels A to E, m² per person (5 values):
   * level k holds the areas above `areaPerPersonM2[k]` (at or above it for walkways); F holds the rest.
   */
  areaPerPersonM2: readonly number[];
  /**
   * Lower density bound of each level A to F, P/m² (6 values, A's is 0): the inverses of
   * `areaPerPersonM2`. Level k holds densities above `minDensityPerM2[k]`, and exactly at it
   * too when `lowerBoundIncluded` (queues); a walkway density exactly at the bound belongs to the
   * better level.
   */
  minDensityPerM2: readonly number[];
  /** True when a density exactly at a level's lower bound belongs to that level (queues), false when to the better one (walkways). */
  lowerBoundIncluded: boolean;
}

const WALKWAY_AREA_M2 = [3.25, 2.3, 1.4, 0.93, 0.46] as const;
const QUEUE_AREA_M2 = [1.2, 0.9, 0.6, 0.3, 0.2] as const;

/** Fruin's walkway table (Fruin 1971). */
export const WALKWAY_SERVICE_LEVELS: ServiceLevelTable = {
  kind: 'walkway',
  areaPerPersonM2: WALKWAY_AREA_M2,
  minDensityPerM2: [0, ...WALKWAY_AREA_M2.map((m) => 1 / m)],
  lowerBoundIncluded: false,
};

/** Fruin's queuing-area table (Fruin 1971); F starts at 5 P/m². */
export const QUEUE_SERVICE_LEVELS: ServiceLevelTable = {
  kind: 'queue',
  areaPerPersonM2: QUEUE_AREA_M2,
  minDensityPerM2: [0, ...QUEUE_AREA_M2.map((m) => 1 / m)],
  lowerBoundIncluded: true,
};

/** Both tables by kind. */
export const SERVICE_LEVEL_TABLES: Readonly<Record<ServiceLevelTableKind, ServiceLevelTable>> = {
  walkway: WALKWAY_SERVICE_LEVELS,
  queue: QUEUE_SERVICE_LEVELS,
};

/**
 * Fruin level of a density in P/m², as an index 0 (A) to 5 (F). Allocation-free (hot path).
 * A density of 0 or below is A; NaN is A too (no area per person can be worse than a real one).
 */
export function serviceLevelIndex(densityPerM2: number, table: ServiceLevelTableKind): number {
  if (!(densityPerM2 > 0)) return 0;
  // NOTE: compared on the area per person (1/ρ), the unit of Fruin's tables; see the file comment.
  const areaPerPersonM2 = 1 / densityPerM2;
  if (table === 'walkway') {
    for (let k = 0; k < 5; k++) if (areaPerPersonM2 >= WALKWAY_AREA_M2[k]) return k;
  } else {
    for (let k = 0; k < 5; k++) if (areaPerPersonM2 > QUEUE_AREA_M2[k]) return k;
  }
  return 5;
}

/** Fruin level of a density in P/m², as a letter A to F (see `serviceLevelIndex`). */
export function serviceLevel(densityPerM2: number, table: ServiceLevelTableKind): ServiceLevel {
  return SERVICE_LEVELS[serviceLevelIndex(densityPerM2, table)];
}
