/**
 * The cameras' precomputed views (engine/sensors/Viewshed.ts, the light raster of Lighting.ts)
 * change nothing in what they see: a viewshed's cell that says VISIBLE or HIDDEN agrees with the
 * exact occlusion test at every point of the cell, and a run with every cell left to the exact
 * tests gives the same events, detection for detection.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/random/Rng.ts';
import { buildCameraOccluders, buildObstacleEdges, isOccluded } from '../../../engine/sensors/Occluders.ts';
import { buildViewshed, viewshedStateAt, VIEWSHED_HIDDEN, VIEWSHED_MIXED, VIEWSHED_VISIBLE } from '../../../engine/sensors/Viewshed.ts';
import type { CameraSpec, PolygonM } from '../../../engine/scenario/Scenario.ts';
import { rect, runFor, sensorWorld } from './sensorWorld.ts';

/** Buildings of several heights, a low wall, a thin post and a camera on a facade. */
const OBSTACLES: PolygonM[] = [rect(35, -8, 45, 8), rect(60, 10, 62, 30), rect(50, -30, 50.3, -12), rect(90, -5, 90.4, -4.6), rect(0, -10, 20, 10)];
const HEIGHTS = [12, 3, 2, 4, 15];

describe('camera viewshed', () => {
  it('agrees with the exact occlusion test wherever a cell says visible or hidden, for a camera on a facade and one in the open', () => {
    const edges = buildObstacleEdges(OBSTACLES, HEIGHTS);
    const rng = new Rng(3);
    for (const [x, y, h] of [[20.2, 0, 6], [70, -20, 8], [100, 40, 4]]) {
      const occluders = buildCameraOccluders(edges, x, y, h, 120);
      const view = buildViewshed(occluders, 120, 1, 0, -60, 160, 60);
      expect(view.hiddenCells).toBeGreaterThan(0);
      let checked = 0;
      for (let k = 0; k < 200_000; k++) {
        const px = 160 * rng.next(), py = -60 + 120 * rng.next();
        if (Math.hypot(px - x, py - y) > 120) continue;
        const state = viewshedStateAt(view, px, py);
        if (state === VIEWSHED_MIXED) continue;
        checked++;
        expect(state === VIEWSHED_HIDDEN, `(${px}, ${py}) from (${x}, ${y})`).toBe(isOccluded(occluders, px, py, 1));
      }
      expect(checked).toBeGreaterThan(100_000);
      // Most cells are settled by the raster.
      expect(view.mixedCells).toBeLessThan(0.25 * (view.visibleCells + view.hiddenCells + view.mixedCells));
      expect([VIEWSHED_VISIBLE, VIEWSHED_HIDDEN, VIEWSHED_MIXED]).toContain(viewshedStateAt(view, x + 30, y));
    }
  });

  it('a run with every cell left to the exact tests gives the same events as the rasters and cell plans', () => {
    // With every viewshed cell MIXED, no grid cell of a camera's plan is classed visible or
    // hidden (cellPlan.ts): every person goes through the per-person tests.
    const cameras: CameraSpec[] = [
      { id: 'a', at: [20, 0], heightM: 6, headingDeg: 90, fovDeg: 90, frameHz: 10, falseDetectionsPerHour: 60, lines: [{ id: 'l', from: [70, -20], to: [70, 20] }] },
      { id: 'b', kind: 'ptz', at: [100, 40], heightM: 8, headingDeg: 200, fovDeg: 50 },
    ];
    const clear = ([x, y]: [number, number]) => OBSTACLES.every((ring) => x < ring[0][0] - 1 || x > ring[2][0] + 1 || y < ring[0][1] - 1 || y > ring[2][1] + 1);
    const people = Array.from({ length: 150 }, (_v, k): [number, number] => [25 + (k % 15) * 8.7, -50 + Math.floor(k / 15) * 11]).filter(clear);
    const lighting = { ambientLux: 0.3, streetLights: [{ id: 'lamp', polygon: rect(40, -40, 95, 25), lux: 8 }, { id: 'lamp2', polygon: [[100, 0], [150, 10], [120, 50]] as PolygonM, lux: 5, level: 0.5 }] };
    const run = (exact: boolean) => {
      const world = sensorWorld({ people, cameras, obstacles: OBSTACLES.slice(0, 4), obstacleHeightsM: HEIGHTS.slice(0, 4), lighting, walking: true, durationS: 30 });
      const sensors = world.sensors!;
      if (exact) {
        for (const camera of sensors.cameras) camera.viewshed?.bits.fill(0xaaaaaaaa); // every cell MIXED
        const raster = sensors.lighting.raster;
        raster.builtLevel.set(sensors.lighting.level);
        raster.streetLux.fill(Number.NaN); // every cell to the exact sum
      }
      runFor(world, 20);
      return world.eventLog;
    };
    const fast = run(false);
    const exact = run(true);
    expect(fast.length).toBeGreaterThan(200);
    expect(new Set(fast.map((event) => event.source))).toEqual(new Set(['a', 'b']));
    expect(JSON.stringify(fast)).toBe(JSON.stringify(exact));
  });
});
