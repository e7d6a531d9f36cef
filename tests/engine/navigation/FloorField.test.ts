import { describe, expect, it } from 'vitest';
import { buildWalkableSpace } from '../../../engine/geometry/WalkableSpace.ts';
import { computeFloorField, sampleDirection } from '../../../engine/navigation/FloorField.ts';
import { buildNavGrid, navCellAt } from '../../../engine/navigation/NavGrid.ts';
import type { GeometrySpec } from '../../../engine/scenario/Scenario.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('floor field (fast marching)', () => {
  it('measures travel distance in free space as the Euclidean distance (within 3 %)', () => {
    const geometry: GeometrySpec = { walkable: [rect(0, 0, 20, 20)], exits: [{ id: 'E', polygon: rect(0, 0, 0.5, 0.5) }] };
    const nav = buildNavGrid(buildWalkableSpace(geometry), geometry.exits, 0.1);
    const field = computeFloorField(nav, [0], new Uint8Array([1]));
    const d = field.distanceM[navCellAt(nav, 12.05, 16.05)];
    const euclid = Math.hypot(12.05 - 0.5, 16.05 - 0.5);
    expect(Math.abs(d / euclid - 1)).toBeLessThan(0.03);
  });

  it('leads round an obstacle instead of through it', () => {
    // A wall across the middle of a room with a gap at the top: the way from below goes up.
    const geometry: GeometrySpec = {
      walkable: [rect(0, 0, 20, 10)],
      obstacles: [rect(9.5, 0, 10.5, 8)],
      exits: [{ id: 'E', polygon: rect(19.5, 0, 20, 10) }],
    };
    const nav = buildNavGrid(buildWalkableSpace(geometry), geometry.exits, 0.1);
    const field = computeFloorField(nav, [0], new Uint8Array([1]));
    const dir = new Float64Array(2);
    expect(sampleDirection(nav, field, 8, 2, dir)).toBe(true);
    expect(dir[1]).toBeGreaterThan(0.7); // heads for the gap above, not into the obstacle
    // Straight to the exit would be 11.5 m; round the top of the wall about 16.2 m.
    const d = field.distanceM[navCellAt(nav, 8, 2)];
    expect(d).toBeGreaterThan(15.5);
    expect(d).toBeLessThan(18);
    expect(nav.walkable[navCellAt(nav, 10, 4)]).toBe(0);
  });

  it('chooses the nearest of several exits by travel time', () => {
    const geometry: GeometrySpec = {
      walkable: [rect(0, 0, 30, 4)],
      exits: [{ id: 'W', polygon: rect(0, 0, 0.3, 4) }, { id: 'E', polygon: rect(29.7, 0, 30, 4) }],
    };
    const nav = buildNavGrid(buildWalkableSpace(geometry), geometry.exits, 0.1);
    const field = computeFloorField(nav, [0, 1], new Uint8Array([1, 1]));
    const dir = new Float64Array(2);
    sampleDirection(nav, field, 10, 2, dir);
    expect(dir[0]).toBeLessThan(-0.99);
    sampleDirection(nav, field, 20, 2, dir);
    expect(dir[0]).toBeGreaterThan(0.99);
  });

  it('leaves cells unreachable (Infinity) when the only exit is closed', () => {
    const geometry: GeometrySpec = { walkable: [rect(0, 0, 5, 5)], exits: [{ id: 'E', polygon: rect(4.5, 0, 5, 5) }] };
    const nav = buildNavGrid(buildWalkableSpace(geometry), geometry.exits, 0.1);
    const field = computeFloorField(nav, [0], new Uint8Array([0]));
    expect(field.distanceM[navCellAt(nav, 2, 2)]).toBe(Infinity);
  });
});
