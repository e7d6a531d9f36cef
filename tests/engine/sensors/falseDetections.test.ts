/**
 * False detections (issue 5): a camera reports objects that are not there as a Poisson process
 * at its configured rate per camera-hour, placed in its view, with an empty `truth`.
 */
import { describe, expect, it } from 'vitest';
import type { CameraSpec } from '../../../engine/scenario/Scenario.ts';
import { runFor, sensorWorld, statsOf } from './sensorWorld.ts';

describe('false detections', () => {
  it('come at the configured rate per hour (Poisson, within 4 standard deviations) with no truth, inside the view', () => {
    // 20 cameras x 1 h x 120 per hour: 2,400 expected, sd 49.
    const cameras: CameraSpec[] = Array.from({ length: 20 }, (_v, k) => ({ id: `cam${k}`, at: [10 + 5 * k, 0], headingDeg: 0, fovDeg: 50, frameHz: 2, rangeM: 40, falseDetectionsPerHour: 120 }));
    const world = sensorWorld({ cameras, durationS: 3600 });
    runFor(world, 3600);
    const total = cameras.reduce((sum, c) => sum + statsOf(world, c.id).falseDetections, 0);
    expect(Math.abs(total - 2400)).toBeLessThan(4 * Math.sqrt(2400));
    const events = world.eventLog.filter((event) => event.type === 'tns1:VideoAnalytics/ObjectTrack');
    expect(events.length).toBe(total);
    for (const event of events) {
      expect(event.truth).toEqual([]);
      const k = Number(event.source.slice(3));
      const dx = event.x! - (10 + 5 * k), dy = event.y!;
      expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(40.01);
      expect(Math.abs((Math.atan2(dx, dy) * 180) / Math.PI)).toBeLessThanOrEqual(25.01);
    }
    // Counts of the empty square are false detections only.
    const counts = world.eventLog.filter((event) => event.type === 'CrowdFlowObserved');
    expect(counts.length).toBe(20 * 360);
    expect(counts.every((event) => event.truth!.length === 0)).toBe(true);
  }, 60_000);
});
