/**
 * Trams and the crowd: people wait at the doors' places on the platform, board only while a
 * tram stands there with its doors open, up to its capacity (the rest stay on the platform for
 * the next tram); those who alight step out first and walk away; the dwell time grows with the
 * passengers per door group at the issue's 0.25-0.5 s per person (TCQSM dwell model,
 * TCRP Report 165, 2013, chapter 6), and a busy stop's dwell falls within the 16-37 s that
 * French light-rail lines average.
 */
import { describe, expect, it } from 'vitest';
import { linearRegression } from 'simple-statistics';
import fc from 'fast-check';
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import type { PedestrianGroupSpec, TramLineSpec } from '../../../engine/index.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';

/** The doors of a 32 m tram with 4 doors halting with its front at 100 m: centres at x 96, 88, 80, 72. */
const DOOR_X = [96, 88, 80, 72];

function tramScenario(options: { groups: PedestrianGroupSpec[]; line?: Partial<TramLineSpec>; durationS?: number }) {
  return validateScenario({
    name: 'tram stop', seed: 3, durationS: options.durationS ?? 200,
    geometry: {
      // The platform, north of the track (y = 0), its edge 1.3 m from the track's axis.
      walkable: [[[60, 1.3], [110, 1.3], [110, 6.3], [60, 6.3]]],
      exits: [{ id: 'street', polygon: [[110, 1.3], [111, 1.3], [111, 6.3], [110, 6.3]] }],
    },
    pedestrians: options.groups,
    transit: {
      lines: [{
        id: 'T1', track: [[0, 0], [200, 0]], timetable: { departuresS: [5] },
        stops: [{ id: 'stop-a', atM: 100, side: 'left', alightGoal: 'street' }],
        ...options.line,
      }],
    },
  }, 'tram.json');
}

/** Passengers waiting behind each door (perDoor each). */
function atTheDoors(perDoor: number): PedestrianGroupSpec[] {
  return DOOR_X.map((x, k) => ({ id: `door${k + 1}`, count: perDoor, spawn: { polygon: [[x - 2.5, 2.6], [x + 2.5, 2.6], [x + 2.5, 5.5], [x - 2.5, 5.5]] }, desiredSpeedMps: 1.34, goal: 'stop-a' }));
}

function run(scenario: ReturnType<typeof tramScenario>, onStep?: (world: ReturnType<typeof createWorld>) => void) {
  const world = createWorld(scenario, 'tram.json');
  while (!isRunOver(world)) {
    stepWorld(world);
    onStep?.(world);
  }
  return { world, summary: summarizeWorld(world, 0) };
}

describe('a tram stop', () => {
  it('lets people on up to the capacity and leaves the rest on the platform for the next tram', () => {
    const crowd: PedestrianGroupSpec = { id: 'crowd', count: 250, spawn: { polygon: [[62, 2.6], [108, 2.6], [108, 6.1], [62, 6.1]] }, desiredSpeedMps: 1.34, goal: 'stop-a' };
    let boardedBeforeFirstTram = 0;
    const { summary } = run(tramScenario({ groups: [crowd], line: { timetable: { departuresS: [5, 200] } }, durationS: 400 }), (world) => {
      if (world.transit!.state[0] !== 2 && world.transit!.visits.length === 0) boardedBeforeFirstTram = world.records.count - (world.agents.count - world.departingCount);
    });
    const [first, second] = summary.transit!.visits;
    expect(boardedBeforeFirstTram).toBe(0);
    expect(first.boarded).toBe(180);
    expect(first.loadAfter).toBe(180);
    expect(first.leftBehind).toBe(70);
    expect(second.boarded).toBe(70);
    expect(summary.pedestrians.remaining).toBe(0);
    expect(summary.transit!.lines.T1.trams.map((t) => t.maxLoad)).toEqual([180, 70]);
  });

  it('holds its doors open longer for more passengers: 0.25-0.5 s per person per door group', () => {
    const points: [number, number][] = [];
    for (const perDoor of [10, 15, 20, 30]) {
      const visit = run(tramScenario({ groups: atTheDoors(perDoor) })).summary.transit!.visits[0];
      expect(visit.boarded).toBe(4 * perDoor);
      points.push([perDoor, visit.dwellS]);
    }
    const { m: secondsPerPersonPerDoor } = linearRegression(points);
    expect(secondsPerPersonPerDoor).toBeGreaterThanOrEqual(0.25);
    expect(secondsPerPersonPerDoor).toBeLessThanOrEqual(0.5);
  });

  it('at a busy stop (50 off, 70 on) dwells within the 16-37 s that French light-rail lines average', () => {
    const { summary } = run(tramScenario({
      groups: [...atTheDoors(17), { id: 'more', count: 2, spawn: { polygon: [[84, 3], [86, 3], [86, 5], [84, 5]] }, desiredSpeedMps: 1.34, goal: 'stop-a' }],
      line: { initialLoad: 150, stops: [{ id: 'stop-a', atM: 100, side: 'left', alightShare: 1 / 3, alightGoal: 'street' }] },
    }));
    const visit = summary.transit!.visits[0];
    expect(visit.alighted).toBe(50);
    expect(visit.boarded).toBe(70);
    expect(visit.dwellS).toBeGreaterThanOrEqual(16);
    expect(visit.dwellS).toBeLessThanOrEqual(37);
    // Those who got off walked off the platform.
    expect(summary.exits.street.count).toBe(50);
  });

  it('leaves at its maximum dwell even when people are still boarding', () => {
    const { summary } = run(tramScenario({
      groups: atTheDoors(30),
      line: { stops: [{ id: 'stop-a', atM: 100, side: 'left', maxDwellS: 12 }], timetable: { departuresS: [5, 100] } },
    }));
    const [first, second] = summary.transit!.visits;
    expect(first.dwellS).toBeCloseTo(12, 1);
    expect(first.boarded).toBeLessThan(120);
    expect(first.leftBehind).toBe(120 - first.boarded);
    expect(first.boarded + second.boarded).toBe(120);
  });

  it('halts trams at the stop one behind the other, never closer than the standstill gap', () => {
    let minGapM = Infinity;
    run(tramScenario({ groups: atTheDoors(25), line: { timetable: { departuresS: [5, 12] } } }), (world) => {
      const transit = world.transit!;
      const running = (t: number) => transit.state[t] === 1 || transit.state[t] === 2;
      if (running(0) && running(1)) minGapM = Math.min(minGapM, transit.posM[0] - 32 - transit.posM[1]);
      for (let t = 0; t < transit.count; t++) if (transit.state[t] === 2) expect(transit.posM[t]).toBe(100);
    });
    expect(minGapM).toBeGreaterThan(5);
  });

  it('rejects stops and platforms that do not fit, naming the file and the path', () => {
    const bad = (line: Partial<TramLineSpec>, goal = 'stop-a') => {
      try {
        validateScenario({
          name: 'bad', seed: 1, durationS: 60,
          geometry: { walkable: [[[60, 1.3], [110, 1.3], [110, 6.3], [60, 6.3]]], exits: [{ id: 'street', polygon: [[110, 1.3], [111, 1.3], [111, 6.3], [110, 6.3]] }] },
          pedestrians: [{ id: 'p', count: 1, spawn: { points: [[90, 4]] }, desiredSpeedMps: 1.34, goal }],
          transit: { lines: [{ id: 'T1', track: [[0, 0], [200, 0]], timetable: { departuresS: [5] }, stops: [{ id: 'stop-a', atM: 100, side: 'left' }], ...line }] },
        }, 'bad.json');
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        return (error as ScenarioError).problems.map((p) => `${p.path}: ${p.message}`).join('\n');
      }
      return '';
    };
    expect(bad({ stops: [{ id: 'stop-a', atM: 250, side: 'left' }] })).toMatch(/transit\.lines\[0\]\.stops\[0\]\.atM: the stop \(250 m\) is beyond the end of the track/);
    expect(bad({ stops: [{ id: 'stop-a', atM: 100, side: 'right' }] })).toMatch(/transit\.lines\[0\]\.stops\[0\]: the waiting strip of door 1 .* is not inside walkable space/);
    expect(bad({ stops: [{ id: 'stop-a', atM: 100, side: 'left', alightShare: 0.5 }] })).toMatch(/stops\[0\]\.alightGoal: alightShare is 0\.5: the people who get off need an alightGoal/);
    expect(bad({}, 'stop-b')).toMatch(/pedestrians\[0\]\.goal: unknown exit "stop-b" \(known: street, stop-a\)/);
    expect(bad({ roadCrossings: [{ trackM: 50, link: 0, positionM: 10 }] })).toMatch(/roadCrossings\[0\]: a road crossing needs traffic\.roads/);
  });
});

describe('trams over random timetables, stops and crowds', () => {
  it('never overlap, never reverse, never carry more than their capacity, and log every visit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 5, max: 40 }),
        (gapsS, perDoor, capacity, initialLoad, maxDwellS) => {
          const departuresS: number[] = [];
          let t = 0;
          for (const gap of gapsS) departuresS.push((t += gap));
          const scenario = tramScenario({
            groups: atTheDoors(perDoor),
            durationS: 500,
            line: {
              timetable: { departuresS }, initialLoad: Math.min(initialLoad, capacity), vehicle: { capacity },
              stops: [{ id: 'stop-a', atM: 100, side: 'left', alightShare: 0.5, alightGoal: 'street', maxDwellS: Math.max(10, maxDwellS) }],
            },
          });
          const world = createWorld(scenario, 'tram.json');
          const transit = world.transit!;
          const previous = new Float64Array(transit.count);
          while (!isRunOver(world)) {
            stepWorld(world);
            for (let a = 0; a < transit.count; a++) {
              const active = transit.state[a] === 1 || transit.state[a] === 2;
              if (!active) continue;
              if (transit.posM[a] < previous[a] - 1e-9) throw new Error(`tram ${a} moved back`);
              previous[a] = transit.posM[a];
              if (transit.load[a] > capacity || transit.load[a] < 0) throw new Error(`tram ${a} carries ${transit.load[a]}`);
              for (let b = a + 1; b < transit.count; b++) {
                if ((transit.state[b] === 1 || transit.state[b] === 2) && transit.posM[a] - 32 - transit.posM[b] < 0) throw new Error(`trams ${a} and ${b} overlap`);
              }
            }
          }
          const visits = transit.visits.length;
          const entered = Array.from(transit.state).filter((s) => s !== 0).length;
          // Every tram that set off (before the run ended) called at the stop, unless still on its way.
          if (visits > entered) throw new Error(`${visits} visits for ${entered} trams`);
          const boarded = transit.visits.reduce((sum, v) => sum + v.boarded, 0);
          if (boarded > 4 * perDoor) throw new Error(`${boarded} boarded of ${4 * perDoor}`);
        },
      ),
      { seed: 7, numRuns: 12 },
    );
  });
});

describe('a road crossing of the track', () => {
  it('stops road vehicles while a tram crosses: never a vehicle on the crossing with the tram on it', () => {
    // The track runs north along x = 0; a road runs east along y = 50, crossing it at x = 0.
    const scenario = validateScenario({
      name: 'tram crossing', seed: 2, durationS: 240,
      // The platform east of the track, south of the road.
      geometry: { walkable: [[[1.3, -35], [6.3, -35], [6.3, 0], [1.3, 0]]], exits: [{ id: 'out', polygon: [[1.3, 0], [6.3, 0], [6.3, 1], [1.3, 1]] }] },
      transit: { lines: [{ id: 'T1', track: [[0, -100], [0, 200]], speedKph: 40, timetable: { headwayS: 40, fromS: 0, toS: 200 }, stops: [{ id: 'stop-a', atM: 100, side: 'right' }], roadCrossings: [{ trackM: 150, link: 0, positionM: 100 }] }] },
      traffic: { roads: { nodes: [[-100, 50], [150, 50]], links: [{ from: 0, to: 1 }] }, demand: [{ id: 'cars', from: 0, to: 1, vehiclesPerHour: 900, fromS: 0, toS: 200 }] },
    }, 'crossing.json');
    let together = 0;
    let stoppedForTram = 0;
    const { summary } = run(scenario as never, (world) => {
      const transit = world.transit!, vehicles = world.traffic!.vehicles;
      let tramOnCrossing = false;
      for (let t = 0; t < transit.count; t++) if ((transit.state[t] === 1 || transit.state[t] === 2) && transit.posM[t] >= 148.8 && transit.posM[t] - 32 <= 151.2) tramOnCrossing = true;
      for (let v = 0; v < vehicles.count; v++) {
        // The road is 1 lane about 3 m wide; the tram 2.4 m: the car's body within 1.2 m of x = 0.
        const front = vehicles.posM[v], rear = front - 4.5;
        if (tramOnCrossing && front >= 98.8 && rear <= 101.2) together++;
        if (front > 80 && front < 99 && vehicles.speedMps[v] < 0.5 && world.traffic!.zebraOccupied[0] === 1) stoppedForTram++;
      }
    });
    expect(together).toBe(0);
    expect(stoppedForTram).toBeGreaterThan(0);
    expect(summary.traffic!.arrived).toBeGreaterThan(30);
  });
});

describe('a queue on the platform (queueAtPerM2)', () => {
  // 200 people spread over the platform wait for a tram due at 60 s.
  const crowd: PedestrianGroupSpec = { id: 'crowd', count: 200, spawn: { polygon: [[62, 2.6], [108, 2.6], [108, 6.1], [62, 6.1]] }, desiredSpeedMps: 1.34, goal: 'stop-a' };
  const waiting = (queueAtPerM2: number | undefined) => {
    const scenario = tramScenario({
      groups: [crowd], durationS: 200,
      line: { timetable: { departuresS: [60] }, stops: [{ id: 'stop-a', atM: 100, side: 'left', alightGoal: 'street', ...(queueAtPerM2 === undefined ? {} : { queueAtPerM2 }) }] },
    });
    // At 45 s, before the tram: each person's crowd (the others within 1 m, over pi m²), and who stands.
    let densities: number[] = [];
    let standing = 0;
    const { summary } = run(scenario, (world) => {
      if (world.clock.tick !== Math.round(45 / world.clock.stepS)) return;
      const { agents } = world;
      for (let i = 0; i < agents.count; i++) {
        let around = 0;
        for (let j = 0; j < agents.count; j++) if (j !== i && Math.hypot(agents.posXM[j] - agents.posXM[i], agents.posYM[j] - agents.posYM[i]) <= 1) around++;
        densities.push(around / Math.PI);
        if (agents.velXMps[i] === 0 && agents.velYMps[i] === 0) standing++;
      }
      densities = densities.sort((a, b) => a - b);
    });
    const p90 = densities[Math.floor(0.9 * densities.length)];
    return { p90, standing, boarded: summary.transit!.visits.reduce((sum, visit) => sum + visit.boarded, 0) };
  };

  it('keeps the people waiting at a calm density until the doors open, then lets them board', () => {
    const pressing = waiting(undefined);
    const queueing = waiting(2);
    console.log(`at 45 s, before the tram: 90 % of people have at most ${pressing.p90.toFixed(2)} P/m² around them pressing to the doors, ${queueing.p90.toFixed(2)} in a queue of 2 P/m² (${queueing.standing} of 200 standing, ${pressing.standing} pressing); boarded ${pressing.boarded} and ${queueing.boarded}`);
    expect(queueing.p90).toBeLessThan(pressing.p90 - 0.5);
    expect(queueing.p90).toBeLessThan(3);
    expect(queueing.standing).toBeGreaterThan(Math.max(100, 3 * pressing.standing));
    // The doors open at the same time for both; the queue moves up and boards as many.
    expect(queueing.boarded).toBeGreaterThan(0.9 * pressing.boarded);
  });
});
