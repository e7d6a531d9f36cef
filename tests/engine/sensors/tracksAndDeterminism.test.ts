/**
 * Tracks, line crossings, counts and determinism: people walking past a camera cross its line
 * (one Crossed event per person, in the walking direction, naming the person in `truth`), tracks
 * report their speed about once a second, tracks fragment when detections are missed for a
 * second, the count gives people and density in the view, and the same seed gives the same
 * events.
 */
import { describe, expect, it } from 'vitest';
import { summarizeWorld } from '../../../engine/index.ts';
import type { CameraSpec } from '../../../engine/scenario/Scenario.ts';
import { runFor, sensorWorld, statsOf } from './sensorWorld.ts';

/** Looks north-west over the corridor people walk along towards the exit at x = 0. */
const CAMERA: CameraSpec = {
  id: 'cam', at: [30, -12], heightM: 6, headingDeg: 0, fovDeg: 120, resolutionPx: 1920, frameHz: 10, countEveryS: 5, falseDetectionsPerHour: 30,
  lines: [{ id: 'gate', from: [30, -8], to: [30, 8] }],
};
/** 20 people in a block east of the line, walking west. */
const PEOPLE = Array.from({ length: 20 }, (_v, k): [number, number] => [40 + (k % 5) * 1.2, -3 + Math.floor(k / 5) * 1.5]);

describe('camera tracks and analytics', () => {
  it('people walking through the camera line each cross it once, in the line direction, with their own id in truth', () => {
    const world = sensorWorld({ people: PEOPLE, cameras: [CAMERA], walking: true, durationS: 40 });
    runFor(world, 30);
    const crossings = world.eventLog.filter((event) => event.type === 'tns1:RuleEngine/LineDetector/Crossed');
    const people = new Set(crossings.map((event) => event.truth![0]));
    // From the right of from->to (east, as the line runs north) to its left (west) is the line's direction.
    expect(people.size).toBeGreaterThanOrEqual(18);
    expect(crossings.filter((event) => event.data.direction === 'with').length).toBeGreaterThanOrEqual(18);
    expect(crossings.every((event) => event.data.lineId === 'gate' && event.data.class === 'person' && event.confidence! > 0)).toBe(true);
    // Walking tracks report speeds near the walking speed (1.3 m/s), about once a second.
    const tracks = world.eventLog.filter((event) => event.type === 'tns1:VideoAnalytics/ObjectTrack' && event.truth!.length === 1);
    const moving = tracks.filter((event) => (event.data.speedMps as number) > 0.8);
    expect(moving.length).toBeGreaterThan(100);
    const mean = moving.reduce((sum, event) => sum + (event.data.speedMps as number), 0) / moving.length;
    expect(mean).toBeGreaterThan(1.0);
    expect(mean).toBeLessThan(1.6);
    // Counts every 5 s with people, their density over the visible walkable area.
    const counts = world.eventLog.filter((event) => event.type === 'CrowdFlowObserved');
    expect(counts.length).toBe(6);
    // At 5 s everybody is in view, about 15 m away (37 px/m with this wide lens: p = 0.81).
    const first = counts[1];
    expect(first.category).toBe('observation');
    expect(first.data.peopleCount).toBeGreaterThanOrEqual(12);
    expect(first.data.densityPerM2).toBeCloseTo((first.data.peopleCount as number) / (first.data.visibleAreaM2 as number), 4);
    expect(first.truth!.filter((id) => id.startsWith('agent/')).length).toBeGreaterThanOrEqual(12);
    // The summary has the camera's figures.
    const summary = summarizeWorld(world, 0).sensors!.cameras.cam;
    expect(summary.frames).toBe(300);
    expect(summary.tracks).toBeGreaterThanOrEqual(20);
    expect(summary.meanDetectionRate).toBeGreaterThan(0.7);
  });

  it('tracks fragment when the camera misses a person for more than a second (a poorly lit, distant person)', () => {
    const dim: CameraSpec = { id: 'dim', at: [10, 0], headingDeg: 90, resolutionPx: 1920, frameHz: 10 };
    const world = sensorWorld({ people: [[80, 0]], cameras: [dim], lighting: { ambientLux: 1 }, durationS: 120 });
    runFor(world, 120);
    const stats = statsOf(world, 'dim');
    // About 0.14 per frame: gaps over 10 frames (p = 0.86^10 = 0.22 per start) happen every few seconds.
    expect(stats.personDetections / stats.peopleInView).toBeLessThan(0.3);
    expect(stats.tracks).toBeGreaterThan(10);
  });

  it('the same seed gives the same events, another seed other events', () => {
    const run = (seed: number) => {
      const world = sensorWorld({ people: PEOPLE, cameras: [CAMERA], walking: true, seed, durationS: 20 });
      runFor(world, 20);
      return JSON.stringify(world.eventLog);
    };
    const a = run(11);
    expect(a.length).toBeGreaterThan(1000);
    expect(run(11)).toBe(a);
    expect(run(12)).not.toBe(a);
  });
});
