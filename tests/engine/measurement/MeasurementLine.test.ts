import { describe, expect, it } from 'vitest';
import { createMeasurementLine, recordLineCrossing } from '../../../engine/measurement/MeasurementLine.ts';
import { addAreaSample, createMeasurementArea, isInsideArea } from '../../../engine/measurement/MeasurementArea.ts';

describe('measurement line', () => {
  it('counts a crossing once, with the time interpolated inside the step, and its side', () => {
    const line = createMeasurementLine({ id: 'L', from: [0, 0], to: [0, 2] });
    expect(recordLineCrossing(line, -0.1, 1, 0.3, 1, 10, 0.1)).toBe(true);
    expect(line.timesS.values[0]).toBeCloseTo(10.025, 9);
    expect(recordLineCrossing(line, 0.3, 1, 0.5, 1, 10.1, 0.1)).toBe(false);
    expect(recordLineCrossing(line, 0.5, 3, -0.5, 3, 10.2, 0.1)).toBe(false); // beyond its end
    expect(recordLineCrossing(line, 0.5, 1.5, -0.5, 1.5, 10.3, 0.1)).toBe(true);
    expect(line.crossings).toBe(2);
    expect(line.forward + (line.crossings - line.forward)).toBe(2);
    expect(line.forward).toBe(1);
  });
});

describe('measurement area', () => {
  it('reports N/A density, its maximum and when it occurred', () => {
    const area = createMeasurementArea({ id: 'A', polygon: [[0, 0], [2, 0], [2, 2], [0, 2]] }, 0.1);
    expect(area.areaM2).toBe(4);
    expect(isInsideArea(area, 1, 1)).toBe(true);
    expect(isInsideArea(area, 3, 1)).toBe(false);
    addAreaSample(area, 4, 4 * 1.2, 1);
    addAreaSample(area, 8, 8 * 0.6, 2);
    expect(area.densitySum / area.samples).toBe(1.5);
    expect(area.maxDensityPerM2).toBe(2);
    expect(area.maxDensityAtS).toBe(2);
    expect(area.speedSum / area.speedSamples).toBeCloseTo(0.9, 9);
  });
});
