/**
 * Lighting (issue 5, must show): at night with the street lights off, a camera's detection rate
 * drops as its lighting factor says (1 / (1 + (Emin / E)^2), engine/sensors/cameraModel.ts), and
 * turning the lights up restores it. A day/night ambient profile does the same over time.
 */
import { describe, expect, it } from 'vitest';
import { detectionProbability, lightingFactor, pixelsPerMetre } from '../../../engine/sensors/cameraModel.ts';
import { setStreetLightLevel } from '../../../engine/sensors/Lighting.ts';
import type { CameraSpec, LightingSpec } from '../../../engine/scenario/Scenario.ts';
import { arc, detectionRate, rect, runFor, sensorWorld, statsOf } from './sensorWorld.ts';

const CAMERA: CameraSpec = { id: 'cam', at: [20, 0], heightM: 6, headingDeg: 90, fovDeg: 60, resolutionPx: 1920, frameHz: 10, minIlluminationLux: 2 };
/** 30 people on an arc 30 m east of the camera. */
const PEOPLE = arc([20, 0], 30, 90, 30);
/** Moonlight, and an EN 13201 P1 street light (15 lux average) over the square in front of the camera. */
function night(level: number): LightingSpec {
  return { ambientLux: 0.2, streetLights: [{ id: 'lamp-1', polygon: rect(30, -30, 80, 30), lux: 15, level }] };
}
const DAY_RATE = detectionProbability(pixelsPerMetre(1920, Math.PI / 3, 30));

describe('camera detection and lighting', () => {
  it('with the street lights off at night the detection rate drops to the lighting factor at the moon\'s 0.2 lux, and turning them up restores it', () => {
    const world = sensorWorld({ people: PEOPLE, cameras: [CAMERA], lighting: night(0) });
    runFor(world, 20);
    const dark = detectionRate(world, 'cam');
    const expectedDark = DAY_RATE * lightingFactor(0.2, 2);
    expect(expectedDark).toBeLessThan(0.01);
    expect(statsOf(world, 'cam').peopleInView).toBe(30 * 200);
    expect(dark).toBeLessThan(0.02);
    expect(dark).toBeCloseTo(expectedDark, 2);

    expect(setStreetLightLevel(world, 'lamp-1', 1)).toBe(true);
    const before = { ...statsOf(world, 'cam') };
    runFor(world, 20);
    const after = statsOf(world, 'cam');
    const lit = (after.personDetections - before.personDetections) / (after.peopleInView - before.peopleInView);
    const expectedLit = DAY_RATE * lightingFactor(15.2, 2);
    expect(expectedLit).toBeGreaterThan(0.9);
    expect(Math.abs(lit - expectedLit)).toBeLessThan(0.03);
  });

  it('a dimmed light gives a rate between dark and full, and an unknown light is refused', () => {
    const world = sensorWorld({ people: PEOPLE, cameras: [CAMERA], lighting: night(0.1) });
    runFor(world, 20);
    const expected = DAY_RATE * lightingFactor(0.2 + 1.5, 2);
    expect(Math.abs(detectionRate(world, 'cam') - expected)).toBeLessThan(0.03);
    expect(setStreetLightLevel(world, 'lamp-9', 1)).toBe(false);
  });

  it('follows a dusk profile of the ambient light: detections fade as the sky darkens', () => {
    const world = sensorWorld({ people: PEOPLE, cameras: [CAMERA], lighting: { ambientLux: [[0, 1000], [10, 1000], [20, 0.05]] } });
    runFor(world, 10);
    const daylight = { ...statsOf(world, 'cam') };
    runFor(world, 20);
    const dusk = statsOf(world, 'cam');
    expect(daylight.personDetections / daylight.peopleInView).toBeGreaterThan(0.85);
    expect((dusk.personDetections - daylight.personDetections) / (dusk.peopleInView - daylight.peopleInView)).toBeLessThan(0.6);
  });
});
