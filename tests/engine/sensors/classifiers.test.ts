/**
 * The weapon and violence classifiers (engine/sensors/classifiers.ts): off unless the scenario
 * asks for them; a weapon shown in view is reported with the incident as truth; people are
 * mistaken for armed at the configured rate per person-hour, ten times as often when they carry
 * parcels; children at play are mistaken for fighting ten times as often as others.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, validateScenario } from '../../../engine/index.ts';
import { rect, runFor } from './sensorWorld.ts';

function lawn(weaponDetection: object | undefined, incidents: object[] = [], second = 'delivery', violenceDetection?: object, type = 'vigie:WeaponDetected') {
  const world = createWorld(validateScenario({
    name: 'weapons', seed: 8, durationS: 60, stopWhenEmpty: false, navigation: { cellM: 0.5 },
    geometry: { walkable: [rect(0, 0, 40, 40)], exits: [{ id: 'e', polygon: rect(40, 0, 40.5, 4) }] },
    pedestrians: [
      { id: 'strollers', count: 50, spawn: { polygon: rect(14, 10, 26, 20) }, desiredSpeedMps: 1.3, goal: 'e', preMovementS: 1000 },
      { id: 'couriers', count: 50, spawn: { polygon: rect(14, 22, 26, 32) }, desiredSpeedMps: 1.3, goal: 'e', preMovementS: 1000, behaviour: second },
    ],
    incidents,
    sensors: { cameras: [{ id: 'c', at: [20, 0], heightM: 8, headingDeg: 0, fovDeg: 90, rangeM: 45, falseDetectionsPerHour: 0 }], ...(weaponDetection ? { weaponDetection } : {}), ...(violenceDetection ? { violenceDetection } : {}) },
  }, 'weapons.json'), 'weapons.json');
  runFor(world, 60);
  return world.eventLog.filter((event) => event.type === type);
}

describe('the weapon and violence classifiers', () => {
  it('reports nothing unless the cameras run it', () => {
    expect(lawn(undefined, [{ id: 'knife', type: 'weapon', at: [20, 15], startS: 1, endS: 50 }])).toHaveLength(0);
  });

  it('reports a weapon shown in view, every 5 s, with the incident as truth', () => {
    const shown = lawn({ falsePerPersonHour: 0 }, [{ id: 'knife', type: 'weapon', at: [20, 15], startS: 1, endS: 50 }]);
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.every((event) => event.truth?.[0] === 'incident/knife' && event.confidence! >= 0.5)).toBe(true);
  });

  it('mistakes people for armed at its rate, couriers with parcels ten times as often', () => {
    // 36 per person-hour: 0.002 per frame of 0.2 s; 50 people seen about 300 frames each: about 30.
    const mistaken = lawn({ falsePerPersonHour: 36 });
    const group = (from: number, to: number) => mistaken.filter((event) => event.y! >= from && event.y! < to).length;
    const strollers = group(8, 21), couriers = group(21, 34);
    expect(strollers).toBeGreaterThan(30 - 3 * Math.sqrt(30));
    expect(strollers).toBeLessThan(30 + 3 * Math.sqrt(30));
    expect(couriers / strollers).toBeGreaterThan(7);
    expect(couriers / strollers).toBeLessThan(14);
    expect(mistaken.every((event) => event.truth!.length === 1 && event.truth![0].startsWith('agent/') && event.confidence! >= 0.3 && event.confidence! <= 0.8)).toBe(true);
  });

  it('mistakes children at play for a fight ten times as often as others', () => {
    const mistaken = lawn(undefined, [], 'child', { falsePerPersonHour: 36 }, 'vigie:ViolenceDetected');
    const others = mistaken.filter((event) => event.y! < 21).length, children = mistaken.filter((event) => event.y! >= 21 && event.y! < 34).length;
    expect(others).toBeGreaterThan(30 - 3 * Math.sqrt(30));
    expect(others).toBeLessThan(30 + 3 * Math.sqrt(30));
    expect(children / others).toBeGreaterThan(7);
    expect(children / others).toBeLessThan(14);
  });
});

