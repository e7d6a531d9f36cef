/**
 * Live run == replay (issue 5, must show): rules run live on what the cameras log give, on the
 * same log replayed, exactly the same alerts, byte for byte, with the responses' commands and
 * acknowledgements in the log between them.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/rules/RuleEngine.ts';
import { advanceRun, startRun } from '../../../engine/run/runWorld.ts';
import type { RuleSetSpec } from '../../../engine/rules/RuleSet.ts';
import { attachRules, runTo } from './controlWorld.ts';
import { arc, sensorWorld } from '../sensors/sensorWorld.ts';

/** Camera rules: every crossing of the line, and three tracks of people within 5 s near the line. */
export const CAMERA_RULES = {
  zones: [{ id: 'approach', polygon: [[40, -20], [70, -20], [70, 20], [40, 20]] }],
  rules: [
    { id: 'line-crossed', kind: 'event', severity: 'medium', match: { types: ['tns1:RuleEngine/LineDetector/Crossed'], where: [{ field: 'class', op: 'eq', value: 'person' }] } },
    { id: 'crowd-approach', kind: 'count', severity: 'high', match: { types: ['tns1:VideoAnalytics/ObjectTrack'] }, zones: ['approach'], windowS: 5, minCount: 3, suppressS: 10 },
  ],
  responses: [
    { id: 'look', on: { rule: 'crowd-approach' }, operator: { takesS: 3, confirmProbability: 0.7 }, actions: [{ action: 'camera.point', camera: 'ptz' }] },
    { id: 'lights-up', on: { rule: 'line-crossed', minSeverity: 'medium' }, delayS: 2, limits: { maxActivations: 1, perS: 30 }, actions: [{ action: 'lights.set', lights: ['lamp'], level: 1 }] },
  ],
};

function cameraWorld() {
  return sensorWorld({
    walking: true, durationS: 90, seed: 3,
    people: arc([0, 0], 100, 90, 24, 0.8),
    cameras: [
      { id: 'gate', at: [60, 15], heightM: 6, headingDeg: 225, fovDeg: 90, lines: [{ id: 'l1', from: [50, -15], to: [50, 15] }] },
      { id: 'ptz', kind: 'ptz', at: [30, 30], heightM: 8, headingDeg: 0, fovDeg: 40, panSpeedDegS: 40 },
    ],
    lighting: { ambientLux: 20, streetLights: [{ id: 'lamp', polygon: [[0, -60], [160, -60], [160, 60], [0, 60]], lux: 30, level: 0.2 }] },
  });
}

describe('live rules and their replay', () => {
  const world = cameraWorld();
  const ruleSet = CAMERA_RULES as unknown as RuleSetSpec;
  attachRules(world, ruleSet);
  runTo(world, 90);
  const live = world.eventLog.filter((event) => event.category === 'alert');

  it('fires on what the cameras see, and the responses act', () => {
    const rules = new Set(live.map((alert) => alert.source));
    expect(rules).toEqual(new Set(['line-crossed', 'crowd-approach']));
    expect(world.eventLog.filter((event) => event.category === 'command').length).toBeGreaterThan(2);
    expect(world.eventLog.filter((event) => event.category === 'ack').length).toBeGreaterThan(2);
    expect(world.sensors!.lighting.level[0]).toBe(1);
  });

  it('gives identical alerts when the log is replayed through the same rules', () => {
    const replayed = runRules(ruleSet, world.eventLog).alerts;
    expect(replayed.length).toBe(live.length);
    expect(replayed.map((alert) => JSON.stringify(alert))).toEqual(live.map((alert) => JSON.stringify(alert)));
  });

  it('keeps the log in time order', () => {
    for (let i = 1; i < world.eventLog.length; i++) expect(world.eventLog[i].timeS).toBeGreaterThanOrEqual(world.eventLog[i - 1].timeS);
  });

  it('streams the same log when a run hands its events out as it goes (vigie run writes them to disk)', () => {
    const streamed = cameraWorld();
    attachRules(streamed, ruleSet);
    const lines: string[] = [];
    let largestLog = 0;
    const session = startRun(streamed, { onEvents: (log, count) => { for (let i = 0; i < count; i++) lines.push(JSON.stringify(log[i])); } });
    while (streamed.clock.tick < world.clock.tick) {
      advanceRun(session, 1);
      largestLog = Math.max(largestLog, streamed.eventLog.length);
    }
    for (const event of streamed.eventLog) lines.push(JSON.stringify(event));
    expect(lines).toEqual(world.eventLog.map((event) => JSON.stringify(event)));
    expect(streamed.eventsTaken + streamed.eventLog.length).toBe(world.eventLog.length);
    // Between steps the log holds only what the rules have still to read (this step's alerts and requests).
    expect(largestLog).toBeLessThan(world.eventLog.length / 20);
  });
});
