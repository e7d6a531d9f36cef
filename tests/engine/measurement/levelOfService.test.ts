// Fruin (1971), "Pedestrian planning and design": levels of service for walkways and queuing
// areas by area per person (m²/P); the tables as quoted in engine/measurement/levelOfService.ts.
import { describe, expect, it } from 'vitest';
import {
  QUEUE_SERVICE_LEVELS, SERVICE_LEVELS, SERVICE_LEVEL_TABLES, WALKWAY_SERVICE_LEVELS, serviceLevel, serviceLevelIndex,
} from '../../../engine/measurement/levelOfService.ts';

/** The next double after x toward +Infinity (up) or -Infinity (down), for positive x. */
function nextDouble(x: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + (up ? 1n : -1n));
  return view.getFloat64(0);
}

/**
 * A density whose area per person (1/ρ) is exactly `areaM2` in floating point, or null when no
 * double has that inverse (0.9 has none: 1/ρ jumps from just below to just above it).
 */
function densityWithArea(areaM2: number): number | null {
  const first = 1 / areaM2;
  for (let density = nextDouble(first, false), step = 0; step < 3; step++, density = nextDouble(density, true)) {
    if (1 / density === areaM2) return density;
  }
  return null;
}

describe('Fruin levels of service', () => {
  it('lists the levels A to F, best to worst', () => {
    expect(SERVICE_LEVELS).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('publishes both tables as area per person and as lower density bounds', () => {
    expect(WALKWAY_SERVICE_LEVELS.areaPerPersonM2).toEqual([3.25, 2.3, 1.4, 0.93, 0.46]);
    expect(QUEUE_SERVICE_LEVELS.areaPerPersonM2).toEqual([1.2, 0.9, 0.6, 0.3, 0.2]);
    expect(WALKWAY_SERVICE_LEVELS.minDensityPerM2[0]).toBe(0);
    expect(WALKWAY_SERVICE_LEVELS.minDensityPerM2[5]).toBeCloseTo(1 / 0.46, 12);
    expect(QUEUE_SERVICE_LEVELS.minDensityPerM2[5]).toBe(5);
    expect(SERVICE_LEVEL_TABLES.walkway.lowerBoundIncluded).toBe(false);
    expect(SERVICE_LEVEL_TABLES.queue.lowerBoundIncluded).toBe(true);
  });

  it('finds an exact boundary density for every boundary but the queuing 0.9 m²/P', () => {
    const missing = [...WALKWAY_SERVICE_LEVELS.areaPerPersonM2, ...QUEUE_SERVICE_LEVELS.areaPerPersonM2].filter((m) => densityWithArea(m) === null);
    expect(missing).toEqual([0.9]);
  });

  it('rates an empty place A and 6 P/m² F on both tables', () => {
    for (const table of ['walkway', 'queue'] as const) {
      expect(serviceLevel(0, table)).toBe('A');
      expect(serviceLevelIndex(0, table)).toBe(0);
      expect(serviceLevel(6, table)).toBe('F');
      expect(serviceLevelIndex(6, table)).toBe(5);
    }
  });

  it('puts a walkway area per person exactly at a boundary in the better level, and each side of it in its own', () => {
    const bounds = WALKWAY_SERVICE_LEVELS.areaPerPersonM2;
    for (let k = 0; k < bounds.length; k++) {
      const atBound = densityWithArea(bounds[k]) ?? 1 / bounds[k];
      if (1 / atBound === bounds[k]) expect(serviceLevelIndex(atBound, 'walkway'), `area ${bounds[k]} m²/P`).toBe(k);
      expect(serviceLevelIndex(atBound * (1 - 1e-9), 'walkway'), `just above ${bounds[k]} m²/P`).toBe(k);
      expect(serviceLevelIndex(atBound * (1 + 1e-9), 'walkway'), `just below ${bounds[k]} m²/P`).toBe(k + 1);
      expect(serviceLevel(atBound * (1 + 1e-9), 'walkway')).toBe(SERVICE_LEVELS[k + 1]);
    }
  });

  it('puts a queuing area per person exactly at a boundary in the worse level, and each side of it in its own', () => {
    const bounds = QUEUE_SERVICE_LEVELS.areaPerPersonM2;
    for (let k = 0; k < bounds.length; k++) {
      const atBound = densityWithArea(bounds[k]) ?? 1 / bounds[k];
      if (1 / atBound === bounds[k]) expect(serviceLevelIndex(atBound, 'queue'), `area ${bounds[k]} m²/P`).toBe(k + 1);
      expect(serviceLevelIndex(atBound * (1 - 1e-9), 'queue'), `just above ${bounds[k]} m²/P`).toBe(k);
      expect(serviceLevelIndex(atBound * (1 + 1e-9), 'queue'), `just below ${bounds[k]} m²/P`).toBe(k + 1);
    }
    // Fruin's queuing level F: 5 P/m² and over.
    expect(serviceLevel(5, 'queue')).toBe('F');
    expect(serviceLevel(4.99, 'queue')).toBe('E');
  });

  it('agrees with the published lower density bounds', () => {
    for (const table of [WALKWAY_SERVICE_LEVELS, QUEUE_SERVICE_LEVELS]) {
      for (let k = 1; k < 6; k++) {
        const bound = table.minDensityPerM2[k];
        expect(serviceLevelIndex(bound * 1.001, table.kind)).toBe(k);
        expect(serviceLevelIndex(bound * 0.999, table.kind)).toBe(k - 1);
      }
    }
  });
});
