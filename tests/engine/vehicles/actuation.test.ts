/**
 * Actuators on the traffic at run time and from a scenario's schedule: all-red and back to the
 * plan, a green wave along a corridor, bollards raised and lowered now, vehicles dispatched, and
 * clear errors for bad commands.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, runWorld, stepWorld, summarizeWorld, validateScenario, type World } from '../../../engine/index.ts';
import { seriesToArray } from '../../../engine/measurement/GrowableSeries.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';
import { applyTrafficAction, dispatchVehicle, forceAllRed, forcePhase, resumePlan, setClosure, setGreenWave } from '../../../engine/vehicles/actuation.ts';
import { ActuationError } from '../../../engine/vehicles/ActuationError.ts';
import { planStateAt, signalStateAt, SignalState } from '../../../engine/vehicles/SignalPlans.ts';
import { corridor, nowS, ROOM, runCountingCrossings as runCounting } from './support/corridor.ts';



/** A four-way junction at node 0 (0, 0), approaches 300 m long from the west and the south. */
function junction(extra: object = {}) {
  return validateScenario({
    name: 'junction', seed: 3, durationS: 600, stopWhenEmpty: true, geometry: ROOM,
    traffic: {
      roads: {
        nodes: [[0, 0], [-300, 0], [300, 0], [0, -300], [0, 300]],
        links: [{ from: 1, to: 0 }, { from: 0, to: 2 }, { from: 3, to: 0 }, { from: 0, to: 4 }],
      },
      // Amber 4 s: at 50 km/h a driver who brakes at b = 2 m/s² needs v / 2b = 3.5 s to stop.
      signals: [{ node: 0, amberS: 4 }],
      demand: [
        { id: 'east', from: 1, to: 2, vehiclesPerHour: 600, fromS: 0, toS: 360 },
        { id: 'north', from: 3, to: 4, vehiclesPerHour: 600, fromS: 0, toS: 360 },
      ],
      ...extra,
    },
  }, 'junction.json');
}

describe('all-red forced at 120 s, then back to the plan at 240 s', () => {
  const world = createWorld(junction(), 'junction.json');
  const traffic = world.traffic!;
  let queuedAt239 = 0;
  const ticks = (s: number) => Math.round(s / world.clock.stepS);
  const crossings = runCounting(world, new Map([
    [ticks(120), () => forceAllRed(traffic, nowS(world), 0)],
    [ticks(239), () => { for (let i = 0; i < traffic.vehicles.count; i++) if (traffic.vehicles.speedMps[i] < 0.1) queuedAt239++; }],
    [ticks(240), () => resumePlan(traffic, nowS(world), 0)],
  ]));
  const plan = traffic.signals[0];

  it('lets no vehicle cross its stop line on red, before, during or after the actuation', () => {
    // Every vehicle (2 x 600 veh/h for 360 s) crosses once.
    expect(crossings.length).toBe(120);
    expect(crossings.filter((c) => c.state === SignalState.red || c.conflicting)).toEqual([]);
  });

  it('holds every approach once the minimum green, the amber and the all-red are over', () => {
    // Green (at most MIN_GREEN_S more), 4 s amber, 2 s all-red: nothing crosses from 131 s on.
    expect(crossings.filter((c) => c.timeS >= 131 && c.timeS < 240)).toEqual([]);
    expect(queuedAt239).toBeGreaterThan(20);
  });

  it('runs the fixed-time plan again after resuming, and the queues drain', () => {
    for (let t = 240 + 5 + 4 + 2 + 4; t < 600; t += 0.25) for (const phase of [0, 1]) expect(signalStateAt(plan, phase, t)).toBe(planStateAt(plan, phase, t));
    expect(crossings.filter((c) => c.timeS > 240).length).toBeGreaterThan(40);
    const summary = summarizeWorld(world, 0).traffic!;
    expect(summary.arrived).toBe(summary.inserted);
    expect(summary.actions!.map((a) => [a.timeS, a.source, a.kind, a.target])).toEqual([[120, 'runtime', 'forceAllRed', 'signal 0'], [240, 'runtime', 'resumePlan', 'signal 0']]);
  });
});

describe('a forced phase from the schedule', () => {
  it('gives one approach a green that lasts until the plan resumes', () => {
    const world = createWorld(junction({
      actions: [{ atS: 60, action: { kind: 'forcePhase', signal: 0, phase: 1 } }, { atS: 200, action: { kind: 'resumePlan', signal: 0 } }],
    }), 'junction.json');
    const crossings = runCounting(world);
    const traffic = world.traffic!;
    const phaseOfNorth = traffic.linkPhase[2];
    expect(phaseOfNorth).toBe(1);
    expect(crossings.filter((c) => c.state === SignalState.red)).toEqual([]);
    // Only the forced (north) approach crosses from 71 s (minimum green, amber, all-red) to 200 s.
    const held = crossings.filter((c) => c.timeS >= 71 && c.timeS < 200);
    expect(held.length).toBeGreaterThan(15);
    expect(held.filter((c) => c.link !== 2)).toEqual([]);
    const summary = summarizeWorld(world, 0).traffic!;
    expect(summary.actions!.map((a) => a.kind)).toEqual(['forcePhase', 'resumePlan']);
    expect(signalStateAt(traffic.signals[0], 1, 150)).toBe(SignalState.green);
    expect(signalStateAt(traffic.signals[0], 0, 150)).toBe(SignalState.red);
  });
});

/** Runs a world to its end; counts stops (a vehicle that had been above 5 m/s dropping below 1 m/s). */
function countStops(world: World): number {
  const moving = new Map<number, boolean>();
  let stops = 0;
  while (!isRunOver(world)) {
    stepWorld(world);
    const v = world.traffic!.vehicles;
    for (let i = 0; i < v.count; i++) {
      if (v.speedMps[i] > 5) moving.set(v.id[i], true);
      else if (v.speedMps[i] < 1 && moving.get(v.id[i])) {
        stops++;
        moving.set(v.id[i], false);
      }
    }
  }
  return stops;
}

describe('a green wave along a corridor of five signals (90 s cycles, 300 m apart)', () => {
  // A platoon of five cars 5 s apart reaching the first signal 10 s into its green (at 100 s),
  // at the 50 km/h limit: 300 m between signals take 21.6 s.
  const platoon = [{ id: 'platoon', from: 0, to: 6, vehiclesPerHour: 720, fromS: 100 - 21.6 + 10, toS: 100 - 21.6 + 10 + 24 }];

  it('lets a platoon at the progression speed through without a stop, where the uncoordinated plan stops it', () => {
    const fixed = createWorld(corridor({ demand: platoon }), 'corridor.json');
    const fixedStops = countStops(fixed);
    const wave = createWorld(corridor({ demand: platoon, actions: [{ atS: 0, action: { kind: 'setGreenWave', signals: [0, 1, 2, 3, 4], speedKph: 50 } }] }), 'corridor.json');
    const waveStops = countStops(wave);
    const fixedSummary = summarizeWorld(fixed, 0).traffic!;
    const waveSummary = summarizeWorld(wave, 0).traffic!;
    expect(waveSummary.arrived).toBe(5);
    expect(fixedSummary.arrived).toBe(5);
    expect(waveStops).toBe(0);
    expect(fixedStops).toBeGreaterThanOrEqual(8);
    // 1,800 m at 50 km/h is 130 s: the wave keeps the platoon near it.
    expect(waveSummary.meanTravelTimeS!).toBeLessThan(136);
    expect(fixedSummary.meanTravelTimeS!).toBeGreaterThan(waveSummary.meanTravelTimeS! + 40);
    // Offsets L / S: 300 m at 50 km/h is 21.6 s.
    expect(waveSummary.actions![0].result).toBe('offsets 0, 21.6, 43.2, 64.8, 86.4 s for 50 km/h');
    expect(wave.traffic!.signals.map((s) => s.offsetS)).toEqual([0, 21.6, 43.2, 64.8, 86.4].map((x) => expect.closeTo(x, 9)));
  });

  it('refuses signals with different cycles', () => {
    const world = createWorld(corridor({ demand: platoon, signals: [1, 2, 3, 4, 5].map((node) => ({ node, cycleS: node === 3 ? 60 : 90 })) }), 'corridor.json');
    expect(() => setGreenWave(world.traffic!, 0, [0, 1, 2], 50)).toThrow(/setGreenWave.signals\[2\]: signal 2 has a 60 s cycle, signal 0 90 s/);
  });
});

/** A -> B -> C straight (1 km), or round by B -> D -> E -> C (1.6 km); link 1 (B -> C) may close. */
function detour(extra: object = {}) {
  return validateScenario({
    name: 'detour', seed: 1, durationS: 900, stopWhenEmpty: true, geometry: ROOM,
    traffic: {
      roads: {
        nodes: [[0, 0], [500, 0], [1000, 0], [500, 300], [1000, 300]],
        links: [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 4, to: 2 }],
      },
      demand: [{ id: 'cars', from: 0, to: 2, vehiclesPerHour: 900, fromS: 0, toS: 500 }],
      // Never active by its time window: only raised by hand.
      closures: [{ id: 'bollards', kind: 'bollard', links: [1], fromS: 0, toS: 0 }],
      detectors: [{ id: 'through', link: 1, positionM: 0.5 }, { id: 'round', link: 3, positionM: 10 }],
      ...extra,
    },
  }, 'detour.json');
}

describe('bollards raised by hand at 100 s and lowered at 300 s', () => {
  const world = createWorld(detour(), 'detour.json');
  const traffic = world.traffic!;
  const ticks = (s: number) => Math.round(s / world.clock.stepS);
  const onClosedLinkAtRaise: number[] = [];
  const at = new Map([
    [ticks(100), () => {
      setClosure(traffic, nowS(world), 'bollards', true);
      for (let i = 0; i < traffic.vehicles.count; i++) if (traffic.vehicles.link[i] === 1) onClosedLinkAtRaise.push(traffic.vehicles.id[i]);
    }],
    [ticks(300), () => setClosure(traffic, nowS(world), 'bollards', false)],
  ]);
  const stillThereAt140 = new Set<number>();
  while (!isRunOver(world)) {
    at.get(world.clock.tick)?.();
    stepWorld(world);
    if (world.clock.tick === ticks(140)) for (let i = 0; i < traffic.vehicles.count; i++) if (onClosedLinkAtRaise.includes(traffic.vehicles.id[i]) && traffic.vehicles.link[i] === 1) stillThereAt140.add(traffic.vehicles.id[i]);
  }
  const summary = summarizeWorld(world, 0).traffic!;
  const through = seriesToArray(traffic.detectors[0].timesS);
  const round = seriesToArray(traffic.detectors[1].timesS);

  it('lets no vehicle in once raised (but one within braking distance at 100 s)', () => {
    expect(through.filter((t) => t > 102 && t < 300)).toEqual([]);
    expect(through.filter((t) => t < 100).length).toBeGreaterThan(10);
  });

  it('does not trap the vehicles already past the bollards', () => {
    expect(onClosedLinkAtRaise.length).toBeGreaterThan(0);
    // 500 m at 50 km/h take 36 s: all of them have left the closed link by 140 s.
    expect([...stillThereAt140]).toEqual([]);
  });

  it('re-routes the traffic round, then takes the direct road again once lowered', () => {
    expect(summary.rerouted).toBeGreaterThan(0);
    expect(round.filter((t) => t > 100 && t < 340).length).toBeGreaterThan(30);
    expect(round.filter((t) => t < 100)).toEqual([]);
    expect(through.filter((t) => t > 300).length).toBeGreaterThan(30);
    expect(summary.arrived).toBe(summary.inserted);
    expect(summary.actions!.map((a) => [a.timeS, a.kind, a.target, a.ok])).toEqual([[100, 'setClosure', 'closure bollards', true], [300, 'setClosure', 'closure bollards', true]]);
    expect(summary.actions![0].result).toMatch(/^raised now; \d+ vehicles re-routed$/);
  });
});

describe('dispatching vehicles', () => {
  it('sends an ambulance now: it arrives and its trip is in the summary', () => {
    const world = createWorld(detour({ demand: [{ id: 'cars', from: 0, to: 2, vehiclesPerHour: 600, fromS: 0, toS: 300 }] }), 'detour.json');
    for (let k = 0; k < 1200; k++) stepWorld(world);
    const id = dispatchVehicle(world.traffic!, nowS(world), { vehicleClass: 'emergency', from: 0, to: 2, id: 'amb-1' });
    expect(id).toBe('amb-1');
    const summary = runWorld(world).traffic!;
    const trip = summary.dispatched![0];
    expect(trip).toMatchObject({ id: 'amb-1', vehicleClass: 'emergency', from: 0, to: 2, dispatchS: 60 });
    expect(trip.departS).toBeGreaterThanOrEqual(60);
    // 1,000 m at up to 65 km/h behind cars at 50 km/h: at least 55 s, at most the cars' 72 s and some.
    expect(trip.travelTimeS!).toBeGreaterThan(55);
    expect(trip.travelTimeS!).toBeLessThan(90);
    expect(trip.arriveS).toBeCloseTo(trip.departS! + trip.travelTimeS!, 6);
    expect(trip.responseTimeS!).toBeGreaterThanOrEqual(trip.travelTimeS!);
    // Not a demand entry, but counted with the vehicles inserted and arrived.
    expect(Object.keys(summary.demand)).toEqual(['cars']);
    expect(summary.arrived).toBe(summary.demand.cars.arrived + 1);
  });

  it('sends a van from the schedule, naming it dispatch-1, round raised bollards', () => {
    const world = createWorld(detour({
      demand: [],
      actions: [{ atS: 5, action: { kind: 'setClosure', closure: 'bollards', active: true } }, { atS: 10, action: { kind: 'dispatchVehicle', vehicleClass: 'van', from: 0, to: 2 } }],
    }), 'detour.json');
    const summary = runWorld(world).traffic!;
    expect(summary.dispatched!.map((t) => [t.id, t.vehicleClass, t.departS])).toEqual([['dispatch-1', 'van', 10]]);
    // Round by D and E: 1.6 km.
    expect(summary.dispatched![0].travelTimeS!).toBeGreaterThan(1600 / 13.9);
    expect(world.traffic!.detectors[1].count).toBe(1);
    expect(summary.actions!.map((a) => a.kind)).toEqual(['setClosure', 'dispatchVehicle']);
  });
});

describe('bad actuation input', () => {
  const world = createWorld(junction({ closures: [{ id: 'works', links: [1], fromS: 0, toS: 0 }] }), 'junction.json');
  const traffic = world.traffic!;
  const refused = (act: () => unknown): ActuationError => {
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(ActuationError);
      return error as ActuationError;
    }
    throw new Error('expected an ActuationError');
  };

  it('names the action, the field and the bad value', () => {
    expect(refused(() => forceAllRed(traffic, 0, 3)).message).toBe('forceAllRed.signal: unknown signal 3 (known: the indices of traffic.signals, 0 to 0)');
    expect(refused(() => forcePhase(traffic, 0, 0, 2)).message).toBe('forcePhase.phase: expected a phase of signal 0 (0 to 1), found 2');
    expect(refused(() => setClosure(traffic, 0, 'gate', true)).message).toBe('setClosure.closure: unknown closure "gate" (known: "works")');
    expect(refused(() => dispatchVehicle(traffic, 0, { vehicleClass: 'tank' as 'car', from: 1, to: 2 })).path).toBe('dispatchVehicle.vehicleClass');
    expect(refused(() => dispatchVehicle(traffic, 0, { vehicleClass: 'car', from: 1, to: 99 })).message).toBe('dispatchVehicle.to: expected the index of a road node (0 to 4), found 99');
    expect(refused(() => dispatchVehicle(traffic, 0, { vehicleClass: 'car', from: 2, to: 1 })).message).toMatch(/^dispatchVehicle.to: no road route from node 2 to node 1/);
    expect(refused(() => dispatchVehicle(traffic, 0, { vehicleClass: 'car', from: 1, to: 2, id: 'east' })).message).toMatch(/"east" is already the id of a demand entry/);
    expect(refused(() => setGreenWave(traffic, 0, [0], 50)).path).toBe('setGreenWave.signals');
    expect(refused(() => applyTrafficAction(traffic, 0, { kind: 'explode' } as never)).message).toMatch(/^action.kind: unknown action "explode" \(known: forceAllRed, forcePhase/);
  });

  it('logs refused commands sent through applyTrafficAction, and changes nothing', () => {
    const before = traffic.actuation.log.length;
    refused(() => applyTrafficAction(traffic, 12, { kind: 'forcePhase', signal: 7, phase: 0 }));
    const entry = traffic.actuation.log[before];
    expect(entry).toMatchObject({ timeS: 12, source: 'runtime', ok: false, target: 'forcePhase.signal' });
    expect(traffic.signals[0].forcedPhase).toBe(-1);
  });

  it('rejects a scenario whose actions name unknown signals, closures or nodes, or miss fields', () => {
    let caught: unknown;
    try {
      junction({
        actions: [
          { atS: 1, action: { kind: 'forceAllRed', signal: 4 } },
          { atS: 2, action: { kind: 'setClosure', closure: 'nowhere', active: true } },
          { atS: 3, action: { kind: 'dispatchVehicle', vehicleClass: 'emergency', from: 1, to: 12 } },
          { atS: 4, action: { kind: 'forcePhase', signal: 0 } },
          { atS: 5, action: { kind: 'resumePlan', signal: 0, phase: 1 } },
        ],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const problems = (caught as ScenarioError).problems;
    expect(problems).toEqual(expect.arrayContaining([
      { path: 'traffic.actions[0].action.signal', message: 'expected the index of a signal in traffic.signals (0 to 0), found 4' },
      { path: 'traffic.actions[1].action.closure', message: 'unknown closure "nowhere" (traffic.closures is empty)' },
      { path: 'traffic.actions[2].action.to', message: 'expected the index of a node (0 to 4), found 12' },
      { path: 'traffic.actions[3].action.phase', message: 'a forcePhase action needs "phase" (it takes: signal, phase)' },
      { path: 'traffic.actions[4].action.phase', message: 'a resumePlan action takes no "phase" (it takes: signal)' },
    ]));
    expect((caught as ScenarioError).message).toMatch(/junction\.json/);
  });
});
