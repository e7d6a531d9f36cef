/**
 * Responses that act on the traffic (issue 5, must show): a gunshot alert raises the bollards of
 * a pedestrian street and no vehicle enters it afterwards, the traffic going round; a team
 * dispatched to the alert's place arrives along the road network and its response time (alert to
 * arrival) is reported. Commands and acknowledgements are logged as events.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import { seriesToArray } from '../../../engine/measurement/GrowableSeries.ts';
import { attachRules, gunshotRules, hearGunshot, logged, runTo } from './controlWorld.ts';

const ROOM = { walkable: [[[0, -100], [10, -100], [10, -90], [0, -90]]], exits: [{ id: 'e', polygon: [[10, -96], [11, -96], [11, -94], [10, -94]] }] };

/** A -> B -> C straight (1 km), or round by B -> D -> E -> C; link 1 (B -> C) is a pedestrian street with bollards, down. */
function detour(responses: object[]) {
  const scenario = validateScenario({
    name: 'detour', seed: 1, durationS: 600, stopWhenEmpty: false, geometry: ROOM,
    traffic: {
      roads: {
        nodes: [[0, 0], [500, 0], [1000, 0], [500, 300], [1000, 300]],
        links: [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 4, to: 2 }],
      },
      demand: [{ id: 'cars', from: 0, to: 2, vehiclesPerHour: 900, fromS: 0, toS: 400 }],
      closures: [{ id: 'street-bollards', kind: 'bollard', links: [1], fromS: 100_000 }],
      detectors: [{ id: 'street', link: 1, positionM: 0.5 }, { id: 'round', link: 3, positionM: 10 }],
    },
  }, 'detour.json');
  const world = createWorld(scenario, 'detour.json');
  attachRules(world, gunshotRules(responses));
  return world;
}

describe('a gunshot alert raises the bollards of a pedestrian street', () => {
  const world = detour([{ id: 'close-street', on: { rule: 'gunshot' }, delayS: 5, actions: [{ action: 'closure.set', closure: 'street-bollards' }] }]);
  let alertS = 0;
  runTo(world, 600, { 150: () => (alertS = hearGunshot(world, 750, 0).timeS) });
  const through = seriesToArray(world.traffic!.detectors[0].timesS);
  const round = seriesToArray(world.traffic!.detectors[1].timesS);
  const summary = summarizeWorld(world, 0);

  it('commands the closure 5 s after the alert, and the bollards acknowledge it', () => {
    const [alert] = logged(world, 'alert');
    expect(alert.timeS).toBe(alertS);
    const [command] = logged(world, 'command', 'closure.set');
    expect(command).toMatchObject({ source: 'response:close-street', timeS: alertS + 5, causes: [alert.id], data: { closure: 'street-bollards', alert: alert.id } });
    const [ack] = logged(world, 'ack', 'closure.set');
    expect(ack).toMatchObject({ source: 'closure:street-bollards', causes: [command.id], data: { ok: true } });
    expect(summary.responses).toEqual([expect.objectContaining({ response: 'close-street', alert: alert.id, action: 'closure.set', delayS: 5, confirmed: null, ok: true })]);
  });

  it('lets no vehicle into the street once raised (but one already committed), and sends the traffic round', () => {
    expect(through.filter((t) => t < alertS).length).toBeGreaterThan(20);
    expect(through.filter((t) => t > alertS + 5 + 2)).toEqual([]);
    expect(round.filter((t) => t < alertS + 5)).toEqual([]);
    expect(round.filter((t) => t > alertS + 5).length).toBeGreaterThan(30);
    expect(summary.traffic!.rerouted).toBeGreaterThan(0);
  });
});

describe('a team dispatched to the place of an alert', () => {
  // Base at node 0; the gunshot is heard 20 m from node 4 (1 km away along the road, round the corner).
  const world = detour([{ id: 'send-police', on: { rule: 'gunshot' }, actions: [{ action: 'dispatch', team: 'police', base: [-5, 3] }] }]);
  runTo(world, 300, { 60: () => hearGunshot(world, 1010, 315) });
  const summary = summarizeWorld(world, 0);
  const [row] = summary.responses!;
  const [trip] = summary.traffic!.dispatched!;

  it('drives from its base to the road node nearest the alert, along the network', () => {
    expect(trip).toMatchObject({ id: 'police#1', vehicleClass: 'emergency', from: 0, to: 4, dispatchS: 60 });
    expect(trip.arriveS).not.toBeNull();
  });

  it('reports its arrival and the response time, alert to arrival', () => {
    expect(row).toMatchObject({ action: 'dispatch', trip: 'police#1', ok: true, delayS: 0 });
    expect(row.arriveS).toBeCloseTo(trip.arriveS!, 3);
    expect(row.responseTimeS).toBeCloseTo(trip.arriveS! - 60, 3);
    // 1.1 km (0 -> 1 -> 3 -> 4): at most the urban speed limit, so at least 1100 / 13.9 s.
    expect(row.responseTimeS!).toBeGreaterThan(1100 / 13.9);
    expect(row.responseTimeS!).toBeLessThan(240);
    const arrived = logged(world, 'ack', 'dispatch.arrived');
    expect(arrived).toEqual([expect.objectContaining({ source: 'team:police', data: { trip: 'police#1', arriveS: row.arriveS, responseTimeS: row.responseTimeS } })]);
  });
});
