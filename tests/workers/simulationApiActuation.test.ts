/**
 * The simulation API's `actuate`: traffic actuations sent between steps (as the hypervision panel
 * will), answered with plain data, never thrown for bad input.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../workers/simulationApi.ts';

const ROOM = { walkable: [[[0, -900], [10, -900], [10, -890], [0, -890]]], exits: [{ id: 'e', polygon: [[10, -896], [11, -896], [11, -894], [10, -894]] }] };

const DETOUR = JSON.stringify({
  name: 'detour', seed: 1, durationS: 600, stopWhenEmpty: true, geometry: ROOM,
  traffic: {
    roads: { nodes: [[0, 0], [500, 0], [1000, 0], [500, 300], [1000, 300]], links: [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 4, to: 2 }] },
    demand: [{ id: 'cars', from: 0, to: 2, vehiclesPerHour: 600, fromS: 0, toS: 120 }],
    signals: [{ node: 1 }],
    closures: [{ id: 'bollards', kind: 'bollard', links: [1], fromS: 0, toS: 0 }],
  },
});

describe('actuate on the simulation API', () => {
  it('dispatches an ambulance between steps and reports its trip in the summary', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    expect(api.load(DETOUR, 'detour.json').ok).toBe(true);
    api.step(600);
    const result = api.actuate({ kind: 'dispatchVehicle', vehicleClass: 'emergency', from: 0, to: 2, id: 'amb-1' });
    expect(result).toMatchObject({ ok: true, timeS: 30, kind: 'dispatchVehicle', target: 'dispatch amb-1', id: 'amb-1' });
    expect(api.actuate({ kind: 'setClosure', closure: 'bollards', active: true })).toMatchObject({ ok: true, kind: 'setClosure', target: 'closure bollards' });
    // Node 1 has one approach: phase 1 is the people's, every vehicle red; the ambulance pre-empts it.
    expect(api.actuate({ kind: 'forcePhase', signal: 0, phase: 1 })).toMatchObject({ ok: true, target: 'signal 0' });
    while (!api.step(1000).done);
    const traffic = api.summary().traffic!;
    expect(traffic.dispatched).toEqual([expect.objectContaining({ id: 'amb-1', vehicleClass: 'emergency', dispatchS: 30, arriveS: expect.any(Number) })]);
    expect(traffic.actions!.map((a) => [a.source, a.kind])).toEqual([['runtime', 'dispatchVehicle'], ['runtime', 'setClosure'], ['runtime', 'forcePhase'], ['priority', 'preempt'], ['priority', 'release']]);
    expect(traffic.actions![4].result).toMatch(/^emergency vehicle \d+ passed: back to phase 1 forced green$/);
  });

  it('answers bad commands with the field at fault instead of throwing', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    api.load(DETOUR, 'detour.json');
    expect(api.actuate({ kind: 'forcePhase', signal: 4, phase: 0 })).toEqual({ ok: false, path: 'forcePhase.signal', message: 'forcePhase.signal: unknown signal 4 (known: the indices of traffic.signals, 0 to 0)' });
    expect(api.actuate({ kind: 'setClosure', closure: 'gate', active: true })).toMatchObject({ ok: false, path: 'setClosure.closure' });
    expect(api.actuate({ kind: 'nothing' } as never)).toMatchObject({ ok: false, path: 'action.kind' });
    // Refused commands are in the log too.
    expect(api.summary().traffic!.actions!.map((a) => a.ok)).toEqual([false, false, false]);
  });

  it('says so when the scenario has no traffic', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    const room = readFileSync(resolve(import.meta.dirname, '../fixtures/scenarios/small-room.json'), 'utf8');
    expect(api.load(room, 'small-room.json').ok).toBe(true);
    expect(api.actuate({ kind: 'forceAllRed', signal: 0 })).toEqual({ ok: false, path: 'action', message: 'action: the scenario has no traffic to act on' });
  });
});
