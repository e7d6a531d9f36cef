/**
 * The whole loop on a gunshot, with no event injected: a scripted gunshot (ground truth) is
 * heard by a microphone (acoustic model), a rule turns the detection into an alert, a response
 * points the PTZ camera at the alert's place, and the camera then sees the person standing at the
 * source (issue 5: "A PTZ camera turns toward a simulated gunshot and its view then contains the
 * source").
 */
import { describe, expect, it } from 'vitest';
import { createWorld, validateScenario } from '../../../engine/index.ts';
import { sensorScenario, statsOf } from '../sensors/sensorWorld.ts';
import { attachRules, gunshotRules, logged, runTo } from './controlWorld.ts';

describe('a gunshot, heard, alerted and looked at', () => {
  it('turns the PTZ camera toward the source, which it then has in view', () => {
    // The camera looks north; the person (and the gunshot) 30 m due south of it; the microphone 100 m east.
    const base = sensorScenario({ people: [[80, -30]], cameras: [{ id: 'ptz', kind: 'ptz', at: [80, 0], heightM: 8, headingDeg: 0, fovDeg: 40, panSpeedDegS: 30, frameHz: 10 }] });
    const world = createWorld(validateScenario({
      ...base,
      incidents: [{ id: 'shot', type: 'gunshot', at: [80, -30], startS: 1 }],
      devices: { microphones: [{ id: 'mic', at: [180, -30], falseAlarmsPerHour: 0 }] },
    }, 'gunshot.json'), 'gunshot.json');
    attachRules(world, gunshotRules([{ id: 'look', on: { rule: 'gunshot' }, actions: [{ action: 'camera.point', camera: 'ptz' }] }]));
    runTo(world, 2);
    const heard = logged(world, 'analytic', 'tns1:AudioAnalytics/Audio/DetectedSound');
    expect(heard).toHaveLength(1);
    expect(heard[0].truth).toEqual(['shot']);
    const alerts = logged(world, 'alert');
    // The microphone classifies a gunshot right 9 times in 10: this seed's draw is right.
    expect(alerts.map((alert) => alert.causes)).toEqual([[heard[0].id]]);
    expect(statsOf(world, 'ptz').peopleInView).toBe(0);
    runTo(world, 10);
    const camera = world.sensors!.cameras[0];
    // Toward the located source (the microphone's location error is a few metres at 100 m).
    expect(Math.abs((camera.headingRad * 180) / Math.PI - 180)).toBeLessThan(15);
    expect(statsOf(world, 'ptz').personDetections).toBeGreaterThan(0);
  });
});
