/**
 * Occlusion (issue 5, must show): a camera behind a building does not see a person on the other
 * side, and sees them once the building is gone; a wall lower than the sight line hides nobody
 * far behind it, but hides a person standing close behind it.
 */
import { describe, expect, it } from 'vitest';
import { isOccluded, buildCameraOccluders, buildObstacleEdges } from '../../../engine/sensors/Occluders.ts';
import { rect, runFor, sensorWorld, statsOf } from './sensorWorld.ts';
import type { CameraSpec } from '../../../engine/scenario/Scenario.ts';

/** A camera at (20, 0), 6 m up, looking east. */
const CAMERA: CameraSpec = { id: 'cam', kind: 'fixed', at: [20, 0], heightM: 6, headingDeg: 90, fovDeg: 60, resolutionPx: 1920, frameHz: 10, minIlluminationLux: 1 };
/** A building between the camera and the person. */
const BUILDING = rect(35, -8, 45, 8);

describe('camera occlusion by buildings', () => {
  it('a camera behind a building does not see the person on the other side, and sees them once the building is removed', () => {
    const hidden = sensorWorld({ people: [[60, 0]], cameras: [CAMERA], obstacles: [BUILDING], obstacleHeightsM: [12] });
    runFor(hidden, 10);
    const blocked = statsOf(hidden, 'cam');
    expect(blocked.frames).toBe(100);
    expect(blocked.peopleInView).toBe(0);
    expect(blocked.peopleOccluded).toBe(100);
    expect(blocked.personDetections).toBe(0);
    expect(hidden.eventLog.filter((event) => event.truth?.includes('agent/0'))).toEqual([]);

    const open = sensorWorld({ people: [[60, 0]], cameras: [CAMERA] });
    runFor(open, 10);
    const seen = statsOf(open, 'cam');
    expect(seen.peopleInView).toBe(100);
    expect(seen.personDetections).toBeGreaterThan(80);
    const tracks = open.eventLog.filter((event) => event.type === 'tns1:VideoAnalytics/ObjectTrack');
    expect(tracks.length).toBeGreaterThanOrEqual(10);
    expect(tracks.every((event) => event.truth?.[0] === 'agent/0' && event.data.class === 'person')).toBe(true);
  });

  it('an obstacle without a height hides at any height; one of height 0 hides nothing', () => {
    const full = sensorWorld({ people: [[60, 0]], cameras: [CAMERA], obstacles: [BUILDING] });
    runFor(full, 2);
    expect(statsOf(full, 'cam').peopleInView).toBe(0);
    const flat = sensorWorld({ people: [[60, 0]], cameras: [CAMERA], obstacles: [BUILDING], obstacleHeightsM: [0] });
    runFor(flat, 2);
    expect(statsOf(flat, 'cam').peopleOccluded).toBe(0);
  });

  it('a 2 m wall hides a person standing just behind it but not one far behind it (the sight line passes over)', () => {
    const edges = buildObstacleEdges([rect(30, -5, 30.2, 5)], [2]);
    const occluders = buildCameraOccluders(edges, 20, 0, 6, 200);
    // Sight line from 6 m down to 1 m: at the wall (10 m away) it is at 6 - 5 x 10 / d, under
    // the wall's 2 m top for targets closer than 12.5 m.
    expect(isOccluded(occluders, 31, 0, 1)).toBe(true);
    expect(isOccluded(occluders, 32, 0, 1)).toBe(true);
    expect(isOccluded(occluders, 33, 0, 1)).toBe(false);
    expect(isOccluded(occluders, 80, 0, 1)).toBe(false);
    // Beside the wall, and in front of it.
    expect(isOccluded(occluders, 31, 8, 1)).toBe(false);
    expect(isOccluded(occluders, 28, 0, 1)).toBe(false);
  });

  it('a camera on a facade sees past its own building outline but not through the building', () => {
    const building = rect(0, -10, 20, 10);
    const occluders = buildCameraOccluders(buildObstacleEdges([building], [15]), 20.2, 0, 5, 200);
    expect(isOccluded(occluders, 40, 0, 1)).toBe(false);
    expect(isOccluded(occluders, -10, 0, 1)).toBe(true);
  });
});
