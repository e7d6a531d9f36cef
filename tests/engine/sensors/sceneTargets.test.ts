/**
 * What cameras see besides walking people and vehicles (engine/sensors/sceneTargets.ts): a person
 * fallen to the ground, a bag left behind and a fire, each through the same detection model
 * (range, field of view, occlusion, pixel density on a target of its size, lighting) and tracker.
 */
import { describe, expect, it } from 'vitest';
import type { VigieEvent } from '../../../engine/events/VigieEvent.ts';
import { runFor, rect, sensorWorld } from './sensorWorld.ts';

const TRACK = 'tns1:VideoAnalytics/ObjectTrack';
const CAMERA = { id: 'cam', at: [20, 0] as [number, number], heightM: 6, headingDeg: 90, fovDeg: 60, rangeM: 60 };
const tracksOf = (events: VigieEvent[], cls: string) => events.filter((event) => event.type === TRACK && event.data.class === cls);

describe('scene targets', () => {
  it('a fall is a lying person track, reported while it lasts, with the incident as its truth', () => {
    const world = sensorWorld({ cameras: [CAMERA], incidents: [{ id: 'fall', type: 'fall', at: [40, 2], startS: 5, endS: 25 }], durationS: 40 });
    runFor(world, 40);
    const lying = world.eventLog.filter((event) => event.type === TRACK && event.data.posture === 'lying');
    expect(lying.length).toBeGreaterThan(12);
    expect(lying.every((event) => event.data.class === 'person' && event.timeS >= 5 && event.timeS < 26)).toBe(true);
    expect(lying.every((event) => event.truth?.[0] === 'incident/fall')).toBe(true);
    expect(Math.abs(lying[lying.length - 1].x! - 40)).toBeLessThan(1);
  });

  it('a bag reports how far the nearest person the camera sees stands, or the range when it sees none', () => {
    const alone = sensorWorld({ cameras: [CAMERA], incidents: [{ id: 'bag', type: 'object', at: [40, 0], startS: 1, endS: 100 }], durationS: 20 });
    runFor(alone, 20);
    const far = tracksOf(alone.eventLog, 'bag');
    expect(far.length).toBeGreaterThan(10);
    expect(far.every((event) => event.data.nearestPersonM === 60)).toBe(true);
    const minded = sensorWorld({ cameras: [CAMERA], people: [[41.5, 0]], incidents: [{ id: 'bag', type: 'object', at: [40, 0], startS: 1, endS: 100 }], durationS: 20 });
    runFor(minded, 20);
    const near = tracksOf(minded.eventLog, 'bag').map((event) => event.data.nearestPersonM as number);
    expect(near.length).toBeGreaterThan(10);
    // 1.5 m apart, both positions measured with the camera's noise.
    expect(Math.max(...near)).toBeLessThan(3);
    expect(near.reduce((a, b) => a + b, 0) / near.length).toBeCloseTo(1.5, 0);
  });

  it('a building hides them; at night a fire is still seen (it gives its own light) and a bag is not', () => {
    const wall = [rect(30, -10, 31, 10)];
    const hidden = sensorWorld({ cameras: [CAMERA], obstacles: wall, obstacleHeightsM: [10], incidents: [{ id: 'fire', type: 'fire', at: [40, 0], startS: 1, endS: 100 }], durationS: 30 });
    runFor(hidden, 30);
    expect(hidden.eventLog.filter((event) => event.type === 'vigie:FireSmokeDetected')).toHaveLength(0);
    const night = sensorWorld({ cameras: [CAMERA], lighting: { ambientLux: 0.01 }, incidents: [{ id: 'fire', type: 'fire', at: [40, 0], startS: 1, endS: 100 }, { id: 'bag', type: 'object', at: [40, 5], startS: 1, endS: 100 }], durationS: 30 });
    runFor(night, 30);
    const fires = night.eventLog.filter((event) => event.type === 'vigie:FireSmokeDetected');
    // One report every 5 s while seen.
    expect(fires.length).toBeGreaterThanOrEqual(5);
    expect(fires.every((event) => event.truth?.[0] === 'incident/fire' && event.data.kind === 'fire')).toBe(true);
    expect(tracksOf(night.eventLog, 'bag')).toHaveLength(0);
  });
});
