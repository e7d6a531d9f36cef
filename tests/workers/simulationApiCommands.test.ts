/**
 * The operator's commands on the simulation API (what the hypervision panel sends): checked
 * against the running scenario (bad ones answered with the field at fault, never thrown),
 * carried out at once, written to the event log as a command from `operator` and its
 * actuator's ack, in the summary's `responses`; the scene's layout names what can be commanded;
 * and, on the bundled pedestrian zone, raising the bollards keeps every vehicle out of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../workers/simulationApi.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const district = { text: readFileSync(resolve(ROOT, 'city-models/default/district.geojson'), 'utf8'), fileName: 'city-models/default/district.geojson' };
const ROOM = { walkable: [[[0, -900], [10, -900], [10, -890], [0, -890]]], exits: [{ id: 'e', polygon: [[10, -896], [11, -896], [11, -894], [10, -894]] }, { id: 'w', polygon: [[-1, -896], [0, -896], [0, -894], [-1, -894]] }] };
const ROADS = JSON.stringify({
  name: 'roads', seed: 1, durationS: 600, stopWhenEmpty: false, geometry: ROOM,
  pedestrians: [{ id: 'p', count: 20, spawn: { polygon: [[2, -898], [8, -898], [8, -892], [2, -892]] }, goal: ['e', 'w'], desiredSpeedMps: { distribution: 'uniform', min: 1.1, max: 1.3 }, preMovementS: { distribution: 'uniform', min: 100, max: 200 } }],
  traffic: {
    roads: { nodes: [[0, 0], [500, 0], [1000, 0]], links: [{ from: 0, to: 1 }, { from: 1, to: 2 }] },
    demand: [{ id: 'cars', from: 0, to: 1, vehiclesPerHour: 600, fromS: 0, toS: 120 }],
    closures: [{ id: 'bollards', kind: 'bollard', links: [1], fromS: 0, toS: 0, emergencyPass: true }],
  },
});

describe('operator commands on the simulation API', () => {
  it('carries a command out at once and logs it as a command from operator and its ack', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    expect(api.load(ROADS, 'roads.json').ok).toBe(true);
    api.step(100);
    const raised = api.command({ action: 'closure.set', closure: 'bollards', active: true });
    expect(raised).toEqual({ valid: true, ok: true, command: 'operator#1', result: expect.stringMatching(/^raised/) });
    const closed = api.command({ action: 'exit.close', exit: 'w' });
    expect(closed).toMatchObject({ valid: true, ok: true, result: expect.stringMatching(/^closed/) });
    // The last open exit of the people's goal set stays open.
    expect(api.command({ action: 'exit.close', exit: 'e' })).toMatchObject({ valid: true, ok: false, result: expect.stringMatching(/only open exit/) });
    const sent = api.command({ action: 'dispatch', team: 'police', base: 0, vehicleClass: 'emergency' }, [1000, 0]);
    expect(sent).toMatchObject({ valid: true, ok: true, trip: 'police#1' });
    const state = api.snapshot().actuators;
    expect(state.exitOpen).toEqual(new Uint8Array([1, 0]));
    api.step(1);
    expect(api.snapshot().actuators.closureActive).toEqual(new Uint8Array([1]));
    const log = api.log(0, 100);
    expect(log.items.map((item) => `${item.category} ${item.type} ${item.source} ${item.ok ?? ''}`)).toEqual([
      'command closure.set operator ', 'ack closure.set closure:bollards true',
      'command exit.close operator ', 'ack exit.close exit:w true',
      'command exit.close operator ', 'ack exit.close exit:e false',
      'command dispatch operator ', 'ack dispatch team:police true',
    ]);
    expect(log.items.every((item) => item.timeS === 5)).toBe(true);
    expect(api.log(6, 100).items.map((item) => item.index)).toEqual([6, 7]);
    const rows = api.summary().responses ?? [];
    expect(rows.map((row) => [row.response, row.action, row.ok])).toEqual([['operator', 'closure.set', true], ['operator', 'exit.close', true], ['operator', 'exit.close', false], ['operator', 'dispatch', true]]);
    // The team arrives: an ack of its arrival, its response time from the command.
    for (let k = 0; k < 20 && (api.summary().responses ?? [])[3]?.arriveS == null; k++) api.step(100);
    expect((api.summary().responses ?? [])[3]).toMatchObject({ trip: 'police#1', arriveS: expect.any(Number), responseTimeS: expect.any(Number) });
    expect(api.log(0, 100).items.some((item) => item.type === 'dispatch.arrived' && item.source === 'team:police')).toBe(true);
  });

  it('answers bad commands with the field at fault instead of throwing', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    expect(api.load(ROADS, 'roads.json').ok).toBe(true);
    const problems = (command: unknown, place?: [number, number]) => {
      const result = api.command(command, place);
      return result.valid ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ action: 'closure.set', closure: 'bolards' })).toEqual(['action.closure: unknown closure "bolards", did you mean "bollards"?']);
    expect(problems({ action: 'launch' })[0]).toMatch(/^action\.action: /);
    expect(problems({ action: 'lights.set', lights: ['l1'], level: 2 })[0]).toMatch(/^action\.level: /);
    expect(problems({ action: 'closure.set' })).toEqual(['action.closure: "closure.set" needs "closure"']);
    expect(problems('raise')[0]).toMatch(/^action: /);
    expect(problems({ action: 'exit.open', exit: 'e' }, [Number.NaN, 0])).toEqual(['place: expected [x, y] in metres']);
    expect(problems({ action: 'camera.point', camera: 'c1' })).toEqual(['action.camera: unknown camera "c1" (the scenario has no cameras)']);
    expect(api.log(0).total).toBe(0);
  });

  it('describes what the panel can command: roads, closures and their bollards, exits, teams', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    expect(api.load(readFileSync(resolve(ROOT, 'scenarios/pedestrian-zone.json'), 'utf8'), 'scenarios/pedestrian-zone.json', district).ok).toBe(true);
    const { layout } = api.scene();
    expect(layout.roads.length).toBeGreaterThan(40);
    expect(layout.closures.map((c) => c.id)).toEqual(['pedestrian-streets', 'bollard-2', 'bollard-3', 'bollard-6', 'bollard-7', 'bollard-8', 'bollard-9', 'bollard-10']);
    expect(layout.closures.find((c) => c.id === 'bollard-6')!.at).toEqual([-122, -90]);
    expect(layout.teams).toEqual([{ team: 'patrol', base: expect.any(Array), vehicleClass: 'emergency' }]);
    expect(layout.vehicleClasses).toContain('hostile');
  });

  it('on the pedestrian zone, raising the bollards is followed by no vehicle inside; left down, vans and the truck get in', () => {
    const run = (raiseAtS: number | null) => {
      const api = createSimulationApi({ nowMs: () => 0 });
      expect(api.load(readFileSync(resolve(ROOT, 'scenarios/pedestrian-zone.json'), 'utf8'), 'scenarios/pedestrian-zone.json', district).ok).toBe(true);
      const ids = api.scene().layout.closures.map((c) => c.id);
      const inside: { timeS: number; vans: number; hostile: number }[] = [];
      while (true) {
        const { timeS, done } = api.step(20);
        if (raiseAtS !== null && timeS === raiseAtS) for (const closure of ids) api.command({ action: 'closure.set', closure, active: true });
        const { actuators } = api.snapshot();
        inside.push({ timeS, vans: actuators.vehiclesInPedestrianZone, hostile: actuators.hostileInPedestrianZone });
        if (done || timeS >= 260) break;
      }
      return inside;
    };
    const down = run(null);
    const raised = run(60);
    const most = (rows: typeof down, from: number, key: 'vans' | 'hostile') => Math.max(...rows.filter((r) => r.timeS >= from).map((r) => r[key]));
    console.log(`pedestrian zone: bollards down, most vans inside after 160 s ${most(down, 160, 'vans')}, truck inside ${most(down, 150, 'hostile') > 0}; raised at 60 s: most inside after 160 s ${most(raised, 160, 'vans')} vans, ${most(raised, 150, 'hostile')} truck`);
    expect(most(down, 60, 'vans')).toBeGreaterThan(0);
    expect(most(down, 150, 'hostile')).toBeGreaterThan(0);
    expect(most(raised, 160, 'vans')).toBe(0);
    expect(most(raised, 150, 'hostile')).toBe(0);
  });
});

describe('the scene of a city scenario', () => {
  it('carries the city\'s water (the sea clipped near the area), its footways clipped to the area, the cameras and the rules\' zones', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    const rules = { text: readFileSync(resolve(ROOT, 'scenarios/rules/seafront-audit.json'), 'utf8'), fileName: 'scenarios/rules/seafront-audit.json' };
    expect(api.load(readFileSync(resolve(ROOT, 'scenarios/audit-seafront.json'), 'utf8'), 'scenarios/audit-seafront.json', district, rules).ok).toBe(true);
    const { bounds, layout } = api.scene();
    const [minX, minY, maxX, maxY] = bounds;
    expect(layout.water.length).toBeGreaterThan(0);
    const padX = (maxX - minX) / 2, padY = (maxY - minY) / 2;
    for (const ring of layout.water) for (const [x, y] of ring) {
      expect(x).toBeGreaterThanOrEqual(minX - padX - 1e-6);
      expect(x).toBeLessThanOrEqual(maxX + padX + 1e-6);
      expect(y).toBeGreaterThanOrEqual(minY - padY - 1e-6);
      expect(y).toBeLessThanOrEqual(maxY + padY + 1e-6);
    }
    // The sea lies south of the promenade.
    expect(Math.min(...layout.water.flatMap((ring) => ring.map(([, y]) => y)))).toBeLessThan(-335);
    expect(layout.footways.length).toBeGreaterThan(10);
    for (const line of layout.footways) for (const [x, y] of line) expect(x >= minX - 1e-6 && x <= maxX + 1e-6 && y >= minY - 1e-6 && y <= maxY + 1e-6).toBe(true);
    expect(layout.cameras.length).toBe(26);
    // The rules file's zones, for a public address.
    expect(layout.zones.map((zone) => zone.id)).toEqual(['firing-area', 'square', 'platform']);
  });
});
