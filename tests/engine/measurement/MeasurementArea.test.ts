/**
 * A measurement area's raster (inside, outside, or crossed by the outline) gives the exact
 * polygon test's answer everywhere: checked on random points against pointInPolygon, for a
 * concave L, a many-pointed star and a thin diagonal strip.
 */
import { describe, expect, it } from 'vitest';
import { pointInPolygon } from '../../../engine/geometry/polygon.ts';
import { createMeasurementArea, isInsideArea } from '../../../engine/measurement/MeasurementArea.ts';
import { Rng } from '../../../engine/random/Rng.ts';
import type { PolygonM } from '../../../engine/scenario/Scenario.ts';

const star: PolygonM = Array.from({ length: 80 }, (_v, k) => {
  const angle = (2 * Math.PI * k) / 80;
  const radius = k % 2 === 0 ? 300 : 120;
  return [radius * Math.cos(angle), radius * Math.sin(angle)] as [number, number];
});
const shapes: Record<string, PolygonM> = {
  'an L': [[0, 0], [30, 0], [30, 10], [10, 10], [10, 25], [0, 25]],
  'a star of 40 points, 600 m across': star,
  'a thin diagonal strip': [[0, 0], [1, 0], [201, 100.3], [200, 100.3]],
};

describe('a measurement area', () => {
  for (const [name, polygon] of Object.entries(shapes)) {
    it(`answers as the exact test does for ${name}`, () => {
      const area = createMeasurementArea({ id: 'a', polygon }, 0.1);
      const rng = new Rng(11);
      let inside = 0;
      for (let k = 0; k < 50_000; k++) {
        const x = rng.uniform(area.minX - 1, area.maxX + 1), y = rng.uniform(area.minY - 1, area.maxY + 1);
        const exact = pointInPolygon(x, y, polygon);
        expect(isInsideArea(area, x, y)).toBe(exact);
        if (exact) inside++;
      }
      expect(inside).toBeGreaterThan(100);
      // The raster decides most points without the exact test.
      const decided = area.mask.filter((cell) => cell !== 2).length / area.mask.length;
      expect(decided).toBeGreaterThan(0.3);
    });
  }
});
