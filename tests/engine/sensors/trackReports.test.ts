/**
 * When a camera reports its tracks (docs/decisions/006, "Sensors"): a walking person's track
 * every `trackEveryS` (3 s by default), a still one every second, and at once when the speed
 * class changes, with hysteresis so that a noisy speed near a threshold does not flap.
 */
import { describe, expect, it } from 'vitest';
import { nextSpeedClass, SPEED_RUNNING, SPEED_STILL, SPEED_WALKING } from '../../../engine/sensors/CameraTracks.ts';
import type { CameraSpec } from '../../../engine/scenario/Scenario.ts';
import { runFor, sensorWorld } from './sensorWorld.ts';

const CAMERA: CameraSpec = { id: 'cam', at: [30, -12], heightM: 6, headingDeg: 0, fovDeg: 120 };
const PEOPLE = Array.from({ length: 10 }, (_v, k): [number, number] => [40 + (k % 5) * 1.2, -3 + Math.floor(k / 5) * 1.5]);

function gapsS(world: ReturnType<typeof sensorWorld>): number[] {
  const last = new Map<string, number>();
  const gaps: number[] = [];
  for (const event of world.eventLog) {
    if (event.type !== 'tns1:VideoAnalytics/ObjectTrack') continue;
    const id = event.data.objectId as string;
    if (last.has(id)) gaps.push(event.timeS - last.get(id)!);
    last.set(id, event.timeS);
  }
  return gaps.sort((a, b) => a - b);
}

describe('track reports', () => {
  it('a walking person is reported every 3 s, a standing one every second', () => {
    const walking = sensorWorld({ people: PEOPLE, cameras: [CAMERA], walking: true, durationS: 30 });
    runFor(walking, 20);
    const walk = gapsS(walking);
    expect(walk.length).toBeGreaterThan(20);
    expect(walk[Math.floor(walk.length / 2)]).toBeCloseTo(3, 6);
    const standing = sensorWorld({ people: PEOPLE, cameras: [CAMERA], durationS: 30 });
    runFor(standing, 20);
    const stand = gapsS(standing);
    expect(stand[Math.floor(stand.length / 2)]).toBeCloseTo(1, 6);
  });

  it('the speed class changes only past its threshold by the hysteresis margin', () => {
    expect(nextSpeedClass(SPEED_STILL, 0.55)).toBe(SPEED_STILL);
    expect(nextSpeedClass(SPEED_STILL, 0.65)).toBe(SPEED_WALKING);
    expect(nextSpeedClass(SPEED_WALKING, 0.45)).toBe(SPEED_WALKING);
    expect(nextSpeedClass(SPEED_WALKING, 0.35)).toBe(SPEED_STILL);
    expect(nextSpeedClass(SPEED_WALKING, 3.1)).toBe(SPEED_RUNNING);
    expect(nextSpeedClass(SPEED_RUNNING, 2.1)).toBe(SPEED_RUNNING);
    expect(nextSpeedClass(SPEED_RUNNING, 1.9)).toBe(SPEED_WALKING);
  });
});
