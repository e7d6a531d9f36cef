import { describe, expect, it } from 'vitest';
import { computeDoorWidthsM } from '../../../engine/geometry/doorWidth.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('door width', () => {
  it('is the opening in the wall for an exit drawn outside the room, 0 for a zone inside it', () => {
    const widths = computeDoorWidthsM({
      walkable: [rect(0, 0, 10, 6)],
      exits: [
        { id: 'door', polygon: rect(10, 2.5, 10.3, 3.5) },
        { id: 'zone', polygon: rect(4, 2, 5, 3) },
        { id: 'wide', polygon: rect(-0.5, 0, 0, 6) },
      ],
    });
    expect(widths[0]).toBeCloseTo(1.0, 2);
    expect(widths[1]).toBe(0);
    expect(widths[2]).toBeCloseTo(6.0, 2);
  });
});
