/**
 * Detection against distance (issue 5): the detection rate of people in view follows the
 * pixel-density model, p = 0.98 / (1 + (25 / ppm)^4) with ppm = resolutionPx / (2 d tan(fov / 2))
 * (IEC 62676-4: detection at 25 px/m; the slope is our choice, engine/sensors/cameraModel.ts),
 * and localisation noise grows with distance.
 */
import { describe, expect, it } from 'vitest';
import { detectionProbability, localisationSigmaM, pixelsPerMetre } from '../../../engine/sensors/cameraModel.ts';
import type { CameraSpec } from '../../../engine/scenario/Scenario.ts';
import { arc, detectionRate, runFor, sensorWorld } from './sensorWorld.ts';

const CAMERA: CameraSpec = { id: 'cam', at: [10, 0], heightM: 6, headingDeg: 90, fovDeg: 60, resolutionPx: 1920, frameHz: 10 };

describe('detection rate against distance', () => {
  it('is 0.5 x 0.98 at the DORI detection density of 25 px/m and follows the logistic around it', () => {
    expect(detectionProbability(25)).toBeCloseTo(0.49, 6);
    expect(detectionProbability(50)).toBeCloseTo(0.98 / (1 + 1 / 16), 6);
    expect(pixelsPerMetre(1920, Math.PI / 3, 66.51)).toBeCloseTo(25, 2);
  });

  it.each([20, 50, 66.5, 90, 120])('people %s m away are detected at the model\'s rate (within 3 points)', (distanceM) => {
    const world = sensorWorld({ people: arc([10, 0], distanceM, 90, 30), cameras: [CAMERA] });
    runFor(world, 10);
    const expected = detectionProbability(pixelsPerMetre(1920, Math.PI / 3, distanceM));
    expect(Math.abs(detectionRate(world, 'cam') - expected)).toBeLessThan(0.03);
  });

  it('the reported positions scatter more far away than near', () => {
    const spread = (distanceM: number): number => {
      const world = sensorWorld({ people: arc([10, 0], distanceM, 90, 20), cameras: [CAMERA], durationS: 30 });
      runFor(world, 30);
      const start = new Map<string, [number, number]>();
      const people = arc([10, 0], distanceM, 90, 20);
      people.forEach((p, k) => start.set(`agent/${k}`, p));
      const errors = world.eventLog.filter((e) => e.type === 'tns1:VideoAnalytics/ObjectTrack' && e.truth!.length === 1).map((e) => {
        const [x, y] = start.get(e.truth![0])!;
        return Math.hypot(e.x! - x, e.y! - y);
      });
      return errors.reduce((a, b) => a + b, 0) / errors.length;
    };
    expect(localisationSigmaM(pixelsPerMetre(1920, Math.PI / 3, 80))).toBeGreaterThan(2 * localisationSigmaM(pixelsPerMetre(1920, Math.PI / 3, 20)));
    expect(spread(80)).toBeGreaterThan(1.5 * spread(20));
  });
});
