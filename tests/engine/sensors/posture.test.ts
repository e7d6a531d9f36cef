/**
 * Postures as the cameras report them (engine/sensors/posture.ts): people of a sitting or lying
 * group stay put and are reported through the pose classifier's confusion matrix, one draw per
 * track; walking people carry no posture unless the classifier errs.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, validateScenario } from '../../../engine/index.ts';
import type { VigieEvent } from '../../../engine/events/VigieEvent.ts';
import { POSTURE_CONFUSION } from '../../../engine/sensors/posture.ts';
import { rect, runFor } from './sensorWorld.ts';

/** 240 people of a group on a lawn in front of four cameras; the posture each track reports. */
function postures(behaviour: string): Map<string, string> {
  const world = createWorld(validateScenario({
    name: 'lawn', seed: 3, durationS: 20, stopWhenEmpty: false, navigation: { cellM: 0.5 },
    geometry: { walkable: [rect(0, 0, 60, 60)], exits: [{ id: 'e', polygon: rect(60, 0, 60.5, 4) }] },
    pedestrians: [{ id: 'lawn', count: 240, spawn: { polygon: rect(20, 20, 40, 40) }, desiredSpeedMps: 1.3, goal: 'e', behaviour }],
    sensors: { cameras: [[0, 30, 90], [60, 30, 270], [30, 0, 0], [30, 60, 180]].map(([x, y, h], k) => ({ id: `c${k}`, at: [x, y] as [number, number], heightM: 8, headingDeg: h, fovDeg: 70, rangeM: 50 })) },
  }, 'lawn.json'), 'lawn.json');
  runFor(world, 20);
  const shown = new Map<string, string>();
  for (const event of world.eventLog as VigieEvent[]) {
    if (event.type === 'tns1:VideoAnalytics/ObjectTrack' && event.truth!.length > 0) shown.set(event.data.objectId as string, (event.data.posture as string | undefined) ?? 'standing');
  }
  return shown;
}

const share = (shown: Map<string, string>, posture: string) => [...shown.values()].filter((p) => p === posture).length / shown.size;
const within3Sd = (measured: number, p: number, n: number) => Math.abs(measured - p) < 3 * Math.sqrt((p * (1 - p)) / n);

describe('postures', () => {
  it('people sitting on the grass are reported lying about one track in ten, sitting most of the time', () => {
    const shown = postures('sitting');
    expect(shown.size).toBeGreaterThan(600);
    expect(within3Sd(share(shown, 'lying'), POSTURE_CONFUSION[1][2], shown.size)).toBe(true);
    expect(within3Sd(share(shown, 'sitting'), POSTURE_CONFUSION[1][1], shown.size)).toBe(true);
  });

  it('people lying are reported lying nine tracks in ten; ordinary people almost never', () => {
    const lying = postures('lying');
    expect(within3Sd(share(lying, 'lying'), POSTURE_CONFUSION[2][2], lying.size)).toBe(true);
    const ordinary = postures('ordinary');
    expect(share(ordinary, 'lying')).toBeLessThan(0.01);
    expect(share(ordinary, 'standing')).toBeGreaterThan(0.98);
  });
});
