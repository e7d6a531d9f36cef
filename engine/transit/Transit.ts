/**
 * The trams of a world: each line's track and stops (with the exits of their doors and the
 * population of the people who alight there), every scheduled tram as a struct of arrays, and
 * the log of stop visits. Built once per world from `scenario.transit` (after `withTramDoors`
 * added the doors as exits); stepped by `stepTrams` (engine/step/phases/stepTrams.ts).
 *
 * Trams run on their own track with the Intelligent Driver Model (Treiber, Hennecke, Helbing
 * 2000; see engine/vehicles/IntelligentDriverModel.ts) behind the tram ahead and towards the
 * next stop, where they halt with their front at the stop's `atM`. Parameters (TRAM_IDM): a
 * maximum acceleration of 1.0 m/s² and a comfortable deceleration of 1.2 m/s² (light-rail
 * service values: Citadis-class trams are rated about 1.1-1.3 m/s² in acceleration and 1.2-1.5
 * m/s² in service braking), a 2 s time gap and a 10 m standstill gap between trams (line-of-sight
 * driving, "marche a vue"). Those are Vigie's documented choices, not fitted figures.
 */
import type { Scenario, SpeedSpec } from '../scenario/Scenario.ts';
import { cumulativeLengthsM, DEFAULT_TRAM_SPEED_KPH, doorCentreM, doorExitId, crossingZebraId, pointOnTrack, sideSign, tramVehicleOf, DOOR_STRIP_DEPTH_M, DOOR_STRIP_INSET_M } from './tramDoors.ts';

/** IDM parameters of trams. */
export const TRAM_IDM = { accelMps2: 1.0, decelMps2: 1.2, timeGapS: 2, minGapM: 10 } as const;

/**
 * Door timing (Transit Capacity and Quality of Service Manual, 3rd ed., TCRP Report 165, 2013,
 * chapter 6: dwell = door opening and closing time + passenger service time + clearance; door
 * opening plus closing about 2-5 s): doors open 2 s after the tram halts, the driver closes them
 * once nobody has passed for DOOR_CLEAR_S, and closing takes 3 s before the tram moves.
 */
export const DOOR_OPEN_S = 2;
export const DOOR_CLEAR_S = 2.5;
export const DOOR_CLOSE_S = 3;
/** Dwell bounds when a stop gives none, s. */
export const DEFAULT_MIN_DWELL_S = 10;
export const DEFAULT_MAX_DWELL_S = 90;
/** Spots where people may step out, along the platform edge beside a door, this far apart, m. */
const STEP_OUT_SPACING_M = 0.5;
/** A tram is at its stop once its front is this close to the stop and it is nearly still. */
export const STOP_CAPTURE_M = 1;
const STOP_CAPTURE_SPEED_MPS = 0.5;
export { STOP_CAPTURE_SPEED_MPS };
/**
 * A road crossing is held for road vehicles while a tram's front is within this time (at its
 * speed) or TRAM_CROSSING_MIN_M of it, until its rear is past: French tram crossings turn the
 * road's signal red before the tram arrives (tram priority).
 */
export const TRAM_CROSSING_WARNING_S = 12;
export const TRAM_CROSSING_MIN_M = 30;

/** Default speed of people alighting (Weidmann 1993: 1.34 m/s, sd 0.26). */
export const ALIGHTING_SPEED: SpeedSpec = { distribution: 'normal', mean: 1.34, sd: 0.26 };

export const TramState = { scheduled: 0, running: 1, dwelling: 2, done: 3 } as const;
/** Phases of a dwell. */
export const DwellPhase = { opening: 0, service: 1, closing: 2 } as const;

/** One stop of a line, compiled. */
export interface TramStop {
  id: string;
  atM: number;
  /** Exit index of each door's waiting strip. */
  doorExits: Int32Array;
  /** Where alighting people step out at each door: x, y per door (on the platform), then per door the step along the edge to the next spot. */
  doorXY: Float64Array;
  alightShare: number;
  /** Population of those who alight here, or -1 (nobody alights). */
  alightPopulation: number;
  minDwellS: number;
  maxDwellS: number;
  /** Waiting people stand where the crowd reaches this density while the doors are shut (0: they press on). */
  queueAtPerM2: number;
}

/** One line, compiled. */
export interface TramLine {
  id: string;
  trackXY: Float64Array;
  trackCumM: Float64Array;
  lengthM: number;
  speedMps: number;
  tramLengthM: number;
  capacity: number;
  doors: number;
  secondsPerPassenger: number;
  initialLoad: number;
  stops: TramStop[];
  /** Road crossings: position along the track and the traffic zebra they hold. */
  crossingTrackM: Float64Array;
  crossingZebra: Int32Array;
}

/** One visit of a tram to a stop, logged when it leaves. */
export interface StopVisit {
  tram: number;
  line: string;
  stop: string;
  arriveS: number;
  departS: number;
  alighted: number;
  /** Meant to alight but could not step out before the doors closed (a packed platform). */
  stayedOn: number;
  boarded: number;
  loadAfter: number;
  /** People heading for this stop, still on the platform (within PLATFORM_RADIUS_M of a door) when the doors closed. */
  leftBehind: number;
}

/** Someone this close to a stop's doors by the floor field waits on its platform, m. */
export const PLATFORM_RADIUS_M = 25;

/** The trams of a world. */
export interface Transit {
  lines: TramLine[];
  count: number;
  line: Int32Array;
  departTick: Int32Array;
  state: Uint8Array;
  /** Front position along the track, m, and speed, m/s. */
  posM: Float64Array;
  speedMps: Float64Array;
  load: Int32Array;
  maxLoad: Int32Array;
  /** Index in its line's stops of the next stop (or of the stop it stands at). */
  nextStop: Int32Array;
  dwellPhase: Uint8Array;
  /** Ticks: arrival at the stop, start of the current dwell phase, last passage through a door. */
  arriveTick: Int32Array;
  phaseTick: Int32Array;
  lastPassTick: Int32Array;
  /** At the current stop: people still to alight, alighted, stayed on, boarded. */
  alightLeft: Int32Array;
  alighted: Int32Array;
  stayedOn: Int32Array;
  boarded: Int32Array;
  /** Per exit: the tram whose open door it is (-1: not a door, or closed), and the next tick it lets someone through. */
  exitTram: Int32Array;
  doorNextTick: Int32Array;
  /** Per traffic zebra: 1 when it is a tram crossing (held by trams, not people). */
  zebraIsTram: Uint8Array;
  visits: StopVisit[];
}

/**
 * Compiles `scenario.transit` of a scenario that already went through `withTramDoors`.
 * `alightPopulation(stopLine, stopIndex)` gives the population index the world made for the
 * people alighting there (or -1); `zebraCount` is the traffic's zebra count.
 */
export function buildTransit(scenario: Scenario, exitIds: string[], stepS: number, durationS: number, alightPopulation: (line: number, stop: number) => number): Transit | null {
  const specs = scenario.transit?.lines ?? [];
  if (specs.length === 0) return null;
  const zebras = scenario.traffic?.zebras ?? [];
  const lines: TramLine[] = specs.map((spec, l) => {
    const vehicle = tramVehicleOf(spec);
    const cumulative = cumulativeLengthsM(spec.track);
    return {
      id: spec.id,
      trackXY: new Float64Array(spec.track.flat()),
      trackCumM: cumulative,
      lengthM: cumulative[cumulative.length - 1],
      speedMps: (spec.speedKph ?? DEFAULT_TRAM_SPEED_KPH) / 3.6,
      tramLengthM: vehicle.lengthM,
      capacity: vehicle.capacity,
      doors: vehicle.doors,
      secondsPerPassenger: vehicle.secondsPerPassenger,
      initialLoad: spec.initialLoad ?? 0,
      stops: spec.stops.map((stop, s) => {
        // x, y beside each door, then per door the step along the platform edge to the next spot.
        const doorXY = new Float64Array(4 * vehicle.doors);
        const gapM = stop.platformGapM ?? vehicle.widthM / 2 + 0.1;
        for (let door = 0; door < vehicle.doors; door++) {
          const [x, y, tx, ty] = pointOnTrack(spec.track, cumulative, doorCentreM(stop.atM, vehicle.lengthM, vehicle.doors, door));
          const sign = sideSign(stop.side);
          // Just beyond the waiting strip, so that people stepping out do not stand in it.
          const offsetM = gapM + DOOR_STRIP_INSET_M + DOOR_STRIP_DEPTH_M + 0.35;
          doorXY[2 * door] = x - ty * sign * offsetM;
          doorXY[2 * door + 1] = y + tx * sign * offsetM;
          doorXY[2 * vehicle.doors + 2 * door] = tx * STEP_OUT_SPACING_M;
          doorXY[2 * vehicle.doors + 2 * door + 1] = ty * STEP_OUT_SPACING_M;
        }
        return {
          id: stop.id,
          atM: stop.atM,
          doorExits: Int32Array.from({ length: vehicle.doors }, (_v, door) => exitIds.indexOf(doorExitId(stop.id, door))),
          doorXY,
          alightShare: stop.alightShare ?? 0,
          alightPopulation: alightPopulation(l, s),
          minDwellS: stop.minDwellS ?? DEFAULT_MIN_DWELL_S,
          queueAtPerM2: stop.queueAtPerM2 ?? 0,
          maxDwellS: stop.maxDwellS ?? DEFAULT_MAX_DWELL_S,
        };
      }),
      crossingTrackM: Float64Array.from(spec.roadCrossings ?? [], (c) => c.trackM),
      crossingZebra: Int32Array.from(spec.roadCrossings ?? [], (_c, k) => zebras.findIndex((z) => z.id === crossingZebraId(spec.id, k))),
    };
  });
  // Every departure of every line, in time order (ties by line), is one tram.
  const departures: { line: number; tick: number }[] = [];
  specs.forEach((spec, l) => {
    const table = spec.timetable;
    const times = 'departuresS' in table ? table.departuresS : headwayDepartures(table.headwayS, table.fromS ?? 0, Math.min(table.toS ?? durationS, durationS));
    for (const t of times) if (t < durationS) departures.push({ line: l, tick: Math.round(t / stepS) });
  });
  departures.sort((a, b) => a.tick - b.tick || a.line - b.line);
  const n = departures.length;
  const exitTram = new Int32Array(exitIds.length).fill(-1);
  const zebraIsTram = new Uint8Array(zebras.length);
  for (const line of lines) for (const z of line.crossingZebra) if (z >= 0) zebraIsTram[z] = 1;
  return {
    lines,
    count: n,
    line: Int32Array.from(departures, (d) => d.line),
    departTick: Int32Array.from(departures, (d) => d.tick),
    state: new Uint8Array(n),
    posM: new Float64Array(n),
    speedMps: new Float64Array(n),
    load: new Int32Array(n),
    maxLoad: new Int32Array(n),
    nextStop: new Int32Array(n),
    dwellPhase: new Uint8Array(n),
    arriveTick: new Int32Array(n),
    phaseTick: new Int32Array(n),
    lastPassTick: new Int32Array(n),
    alightLeft: new Int32Array(n),
    alighted: new Int32Array(n),
    stayedOn: new Int32Array(n),
    boarded: new Int32Array(n),
    exitTram,
    doorNextTick: new Int32Array(exitIds.length),
    zebraIsTram,
    visits: [],
  };
}

/** Departure times every `headwayS` from `fromS` up to (and including) `toS`. */
function headwayDepartures(headwayS: number, fromS: number, toS: number): number[] {
  const times: number[] = [];
  for (let k = 0; fromS + k * headwayS <= toS + 1e-9; k++) times.push(fromS + k * headwayS);
  return times;
}

/**
 * Boarding through door exit `exit` at tick `tick`: true when the tram there has room and the
 * door has served its last passenger at least `secondsPerPassenger` ago (then the person is on
 * board); false when the person must wait. Called by the exit check of commitKinematics.
 */
export function admitBoarding(transit: Transit, exit: number, tick: number, stepS: number, exitOpen: Uint8Array): boolean {
  const tram = transit.exitTram[exit];
  if (tram < 0) return true;
  const line = transit.lines[transit.line[tram]];
  if (transit.load[tram] >= line.capacity || tick < transit.doorNextTick[exit]) return false;
  transit.load[tram]++;
  if (transit.load[tram] > transit.maxLoad[tram]) transit.maxLoad[tram] = transit.load[tram];
  transit.boarded[tram]++;
  transit.lastPassTick[tram] = tick;
  transit.doorNextTick[exit] = tick + Math.max(1, Math.round(line.secondsPerPassenger / stepS));
  if (transit.load[tram] >= line.capacity) closeDoors(transit, tram, exitOpen);
  return true;
}

/** Closes every door of a tram to boarding (its waiting strips become ordinary closed exits). */
export function closeDoors(transit: Transit, tram: number, exitOpen: Uint8Array): void {
  const stop = transit.lines[transit.line[tram]].stops[transit.nextStop[tram]];
  for (let k = 0; k < stop.doorExits.length; k++) {
    const e = stop.doorExits[k];
    if (transit.exitTram[e] === tram) {
      transit.exitTram[e] = -1;
      exitOpen[e] = 0;
    }
  }
}

/** Position (x, y) of a tram's front, into `out`. */
export function tramFrontXY(transit: Transit, tram: number, out: Float64Array): void {
  pointAlongTrack(transit.lines[transit.line[tram]], transit.posM[tram], out);
}

/** The point (x, y) at `atM` along a line's track (clamped to its ends), into `out`. */
export function pointAlongTrack(line: TramLine, atM: number, out: Float64Array): void {
  const along = Math.min(Math.max(atM, 0), line.lengthM);
  const cumulative = line.trackCumM;
  let k = 1;
  while (k < cumulative.length - 1 && cumulative[k] < along) k++;
  const span = cumulative[k] - cumulative[k - 1];
  const t = span > 0 ? (along - cumulative[k - 1]) / span : 0;
  const xy = line.trackXY;
  out[0] = xy[2 * (k - 1)] + t * (xy[2 * k] - xy[2 * (k - 1)]);
  out[1] = xy[2 * (k - 1) + 1] + t * (xy[2 * k + 1] - xy[2 * (k - 1) + 1]);
}
