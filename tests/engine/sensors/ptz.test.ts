/**
 * PTZ cameras (issue 5, must show): a camera commanded toward a point turns at its pan speed,
 * the shorter way round, and then has the point in view (a person standing there is detected).
 */
import { describe, expect, it } from 'vitest';
import { pointCamera } from '../../../engine/sensors/pointCamera.ts';
import type { CameraSpec } from '../../../engine/scenario/Scenario.ts';
import { runFor, sensorWorld, statsOf } from './sensorWorld.ts';

const PTZ: CameraSpec = { id: 'ptz', kind: 'ptz', at: [80, 0], heightM: 8, headingDeg: 0, fovDeg: 40, panSpeedDegS: 30, frameHz: 10 };
const headingDeg = (world: ReturnType<typeof sensorWorld>) => (world.sensors!.cameras[0].headingRad * 180) / Math.PI;

describe('PTZ camera', () => {
  it('turns toward a commanded point at its pan speed and then has the point in view', () => {
    // A person due south of the camera: 180 degrees from where it looks.
    const world = sensorWorld({ people: [[80, -30]], cameras: [PTZ, { id: 'fixed', at: [0, 0], headingDeg: 0 }] });
    runFor(world, 1);
    expect(statsOf(world, 'ptz').peopleInView).toBe(0);
    expect(pointCamera(world, 'ptz', 80, -30)).toBe(true);
    runFor(world, 3);
    // 30 degrees per second: 90 degrees after 3 s (east or west, both the same way round).
    expect(Math.abs(headingDeg(world) - 90) < 0.01 || Math.abs(headingDeg(world) - 270) < 0.01).toBe(true);
    expect(statsOf(world, 'ptz').peopleInView).toBe(0);
    runFor(world, 3);
    expect(headingDeg(world)).toBeCloseTo(180, 6);
    const before = statsOf(world, 'ptz').peopleInView;
    expect(before).toBeGreaterThan(0);
    runFor(world, 2);
    const stats = statsOf(world, 'ptz');
    expect(stats.peopleInView - before).toBe(20);
    expect(stats.personDetections).toBeGreaterThan(15);
    // Only PTZ cameras turn.
    expect(pointCamera(world, 'fixed', 0, -10)).toBe(false);
    expect(pointCamera(world, 'nope', 0, -10)).toBe(false);
  });

  it('the field of view enters the point as soon as the turn brings it within half the field of view', () => {
    const world = sensorWorld({ people: [[110, 0]], cameras: [PTZ] });
    pointCamera(world, 'ptz', 110, 0);
    // 90 degrees to turn, the person enters the 40 degree view 20 degrees before the end: after (90 - 20) / 30 = 2.33 s.
    runFor(world, 2.2);
    expect(statsOf(world, 'ptz').peopleInView).toBe(0);
    runFor(world, 0.3);
    expect(statsOf(world, 'ptz').peopleInView).toBeGreaterThan(0);
  });
});
