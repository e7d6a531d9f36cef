/**
 * A PTZ camera turned toward an alert by a response (issue 5, must show), the simulated operator
 * (confirms after its delay with its probability, the same decisions for the same seed), the
 * activation limit, and the trigger's zone and severity.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import { attachRules, gunshotRules, hearGunshot, logged, runTo } from './controlWorld.ts';
import { sensorWorld, statsOf } from '../sensors/sensorWorld.ts';

describe('a PTZ camera pointed by a response', () => {
  it('turns toward the place of the alert and then sees the person standing there', () => {
    // The camera looks north; the person stands 30 m due south of it.
    const world = sensorWorld({ people: [[80, -30]], cameras: [{ id: 'ptz', kind: 'ptz', at: [80, 0], heightM: 8, headingDeg: 0, fovDeg: 40, panSpeedDegS: 30, frameHz: 10 }] });
    attachRules(world, gunshotRules([{ id: 'look', on: { rule: 'gunshot' }, actions: [{ action: 'camera.point', camera: 'ptz' }] }]));
    runTo(world, 2, { 1: () => hearGunshot(world, 80, -30) });
    expect(logged(world, 'ack', 'camera.point')).toEqual([expect.objectContaining({ source: 'camera:ptz', data: { ok: true, result: 'turning toward (80, -30), bearing 180 deg' } })]);
    expect(statsOf(world, 'ptz').peopleInView).toBe(0);
    runTo(world, 9);
    const camera = world.sensors!.cameras[0];
    expect((camera.headingRad * 180) / Math.PI).toBeCloseTo(180, 6);
    expect(statsOf(world, 'ptz').peopleInView).toBeGreaterThan(0);
    expect(statsOf(world, 'ptz').personDetections).toBeGreaterThan(0);
  });
});

function room(seed: number) {
  return createWorld(validateScenario({
    name: 'room', seed, durationS: 200, stopWhenEmpty: false, navigation: { cellM: 0.5 },
    geometry: { walkable: [[[0, 0], [20, 0], [20, 10], [0, 10]]], exits: [{ id: 'door', polygon: [[-0.3, 4], [0, 4], [0, 6], [-0.3, 6]] }] },
  }, 'room.json'), 'room.json');
}

/** 20 gunshots, one a second from 1 s, heard at (5, 5); the response opens the (open) door. */
function operatorRun(seed: number, extra: object = {}) {
  const world = room(seed);
  attachRules(world, gunshotRules([{ id: 'confirm', on: { rule: 'gunshot' }, delayS: 5, operator: { takesS: 20, confirmProbability: 0.5 }, actions: [{ action: 'exit.open', exit: 'door' }], ...extra }]));
  const at: Record<number, () => void> = {};
  for (let s = 1; s <= 20; s++) at[s] = () => hearGunshot(world, 5, 5);
  runTo(world, 60, at);
  return { world, rows: summarizeWorld(world, 0).responses! };
}

describe('the simulated operator', () => {
  const { world, rows } = operatorRun(11);

  it('decides each alert after its delay, confirming some and refusing others', () => {
    expect(rows.length).toBe(20);
    const confirmed = rows.filter((row) => row.confirmed === true);
    const refused = rows.filter((row) => row.confirmed === false);
    expect(confirmed.length).toBeGreaterThan(3);
    expect(refused.length).toBeGreaterThan(3);
    expect(confirmed.length + refused.length).toBe(20);
    // Confirmed: the command 20 s (the operator) + 5 s (the delay) after the alert.
    for (const row of confirmed) expect(row).toMatchObject({ delayS: 25, ok: true, result: 'already open' });
    for (const row of refused) expect(row).toMatchObject({ command: null, delayS: null, ok: false, result: 'not confirmed by the operator (after 20 s)' });
  });

  it('logs each request to the operator and the decision as a command and its acknowledgement', () => {
    const requests = logged(world, 'command', 'operator.confirm');
    const decisions = logged(world, 'ack', 'operator.confirm');
    expect(requests.length).toBe(20);
    expect(decisions.map((d) => d.causes)).toEqual(requests.map((r) => [r.id]));
    expect(decisions.map((d) => d.timeS - 20)).toEqual(requests.map((r) => r.timeS).map((t) => expect.closeTo(t, 6)));
    // Rows are listed when settled (a refusal at the decision, a command 5 s later): by alert here.
    const byAlert = [...rows].sort((a, b) => a.alertS - b.alertS);
    expect(decisions.map((d) => d.data.confirmed)).toEqual(byAlert.map((row) => row.confirmed));
  });

  it('gives the same decisions for the same seed, and others for another seed', () => {
    const decisions = (seed: number) => operatorRun(seed).rows.map((row) => row.confirmed);
    expect(decisions(11)).toEqual(rows.map((row) => row.confirmed));
    expect(decisions(12)).not.toEqual(rows.map((row) => row.confirmed));
  });
});

describe('response limits and triggers', () => {
  it('skips activations beyond N per T seconds, and says so', () => {
    const { rows } = operatorRun(11, { operator: undefined, delayS: 0, limits: { maxActivations: 2, perS: 60 } });
    expect(rows.filter((row) => row.ok).length).toBe(2);
    expect(rows.filter((row) => !row.ok).map((row) => row.result)).toEqual(Array(18).fill('skipped: limit of 2 activations per 60 s reached'));
  });

  it('starts only on alerts in its zone and of its least severity', () => {
    const world = room(1);
    attachRules(world, gunshotRules([
      { id: 'in-west', on: { rule: 'gunshot', zone: 'west-half' }, actions: [{ action: 'exit.open', exit: 'door' }] },
      { id: 'critical-only', on: { rule: 'gunshot', minSeverity: 'critical' }, actions: [{ action: 'exit.open', exit: 'door' }] },
    ], [{ id: 'west-half', polygon: [[0, 0], [10, 0], [10, 10], [0, 10]] }]));
    runTo(world, 5, { 1: () => hearGunshot(world, 15, 5), 2: () => hearGunshot(world, 5, 5) });
    const rows = summarizeWorld(world, 0).responses!;
    expect(rows.map((row) => [row.response, row.alert])).toEqual([['in-west', 'gunshot#2']]);
  });
});
