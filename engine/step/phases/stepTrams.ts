/**
 * Phase 4b: the trams. Each scheduled tram enters its track at its departure time (once the
 * tram ahead has left room), drives with the IDM behind the tram ahead and towards its next
 * stop, and halts there with its front at the stop. A dwell then runs through four phases:
 *   opening    doors open (DOOR_OPEN_S);
 *   alighting  the stop's share of those on board step out onto the platform, one person per
 *              door every `secondsPerPassenger` (people who cannot step out, the platform
 *              being packed, before a grace time stay on board);
 *   boarding   each door's waiting strip (an exit of the people heading for the stop) lets one
 *              person on every `secondsPerPassenger` (commitKinematics calls admitBoarding),
 *              up to the tram's capacity; the driver closes once nobody has passed for
 *              DOOR_CLEAR_S and the minimum dwell is over, when the tram is full, or at the
 *              maximum dwell;
 *   closing    doors close (DOOR_CLOSE_S), the visit is logged with the people left on the
 *              platform, and the tram leaves.
 * So the dwell time grows with the passengers at the busiest door, as the TCQSM's dwell model
 * (TCRP Report 165, 2013, eq. 6-2: t_d = P_a t_a + P_b t_b + t_oc, per door channel).
 *
 * `markTramCrossings` (called by the zebra phase) holds the road crossings of the track while a
 * tram approaches or crosses, so road vehicles stop for it.
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import { navCellOf } from '../../navigation/NavGrid.ts';
import { idmAccelerationMps2 } from '../../vehicles/IntelligentDriverModel.ts';
import {
  closeDoors, DOOR_CLEAR_S, DOOR_CLOSE_S, DOOR_OPEN_S, DwellPhase, PLATFORM_RADIUS_M, STOP_CAPTURE_M, STOP_CAPTURE_SPEED_MPS, TRAM_CROSSING_MIN_M,
  TRAM_CROSSING_WARNING_S, TRAM_IDM, TramState, type Transit,
} from '../../transit/Transit.ts';
import { crowdAroundPerM2, isFarFromEveryone, isHeldUp, NEVER_TICK } from '../../world/occupancy.ts';
import { isFreeOfWalls } from '../../world/placement.ts';
import { spawnPedestrian } from '../../world/spawnPedestrian.ts';
import type { World } from '../../world/World.ts';

/** Advances every tram by one step; returns how many people stepped out (new agents). */
export function stepTrams(world: World): number {
  const transit = world.transit;
  if (!transit) return 0;
  const tick = world.clock.tick;
  const stepS = world.clock.stepS;
  let added = 0;
  for (let t = 0; t < transit.count; t++) {
    const state = transit.state[t];
    if (state === TramState.done) continue;
    if (state === TramState.scheduled) {
      if (tick >= transit.departTick[t]) enterTrack(transit, t);
      continue;
    }
    if (state === TramState.running) driveTram(transit, t, tick, stepS);
    else added += dwell(world, transit, t, tick, stepS);
  }
  return added;
}

/** The nearest tram ahead on the same line (running or dwelling), or -1. */
function leaderOf(transit: Transit, t: number): number {
  let leader = -1;
  for (let u = 0; u < transit.count; u++) {
    if (u === t || transit.line[u] !== transit.line[t]) continue;
    const s = transit.state[u];
    if (s !== TramState.running && s !== TramState.dwelling) continue;
    if (transit.posM[u] <= transit.posM[t]) continue;
    if (leader < 0 || transit.posM[u] < transit.posM[leader]) leader = u;
  }
  return leader;
}

/** A tram due to leave enters at the start of its track at line speed, once there is room behind the tram ahead. */
function enterTrack(transit: Transit, t: number): void {
  const line = transit.lines[transit.line[t]];
  transit.posM[t] = 0;
  const leader = leaderOf(transit, t);
  const speed = line.speedMps;
  if (leader >= 0 && transit.posM[leader] - line.tramLengthM < TRAM_IDM.minGapM + speed * TRAM_IDM.timeGapS) return;
  transit.state[t] = TramState.running;
  transit.speedMps[t] = speed;
  transit.load[t] = line.initialLoad;
  transit.maxLoad[t] = line.initialLoad;
  transit.nextStop[t] = 0;
  // The first stop may lie before the track's start point: skip stops already behind.
  while (transit.nextStop[t] < line.stops.length && line.stops[transit.nextStop[t]].atM < 0) transit.nextStop[t]++;
}

/** IDM towards the next stop (a standing obstacle s0 beyond it, so the tram halts at it) and behind the tram ahead. */
function driveTram(transit: Transit, t: number, tick: number, stepS: number): void {
  const line = transit.lines[transit.line[t]];
  const pos = transit.posM[t];
  const speed = transit.speedMps[t];
  let gapM = Infinity;
  let leaderSpeed = 0;
  const stopIndex = transit.nextStop[t];
  if (stopIndex < line.stops.length) gapM = line.stops[stopIndex].atM + TRAM_IDM.minGapM - pos;
  const leader = leaderOf(transit, t);
  if (leader >= 0) {
    const leaderGapM = transit.posM[leader] - line.tramLengthM - pos;
    if (leaderGapM < gapM) {
      gapM = leaderGapM;
      leaderSpeed = transit.speedMps[leader];
    }
  }
  const accel = idmAccelerationMps2(speed, line.speedMps, gapM, speed - leaderSpeed, TRAM_IDM.timeGapS, TRAM_IDM.minGapM, TRAM_IDM.accelMps2, TRAM_IDM.decelMps2);
  // Ballistic update (Treiber and Kanagaraj 2015), stopping where v reaches 0.
  let nextSpeed = speed + accel * stepS;
  let advanceM: number;
  if (nextSpeed < 0) {
    advanceM = accel < 0 ? (-speed * speed) / (2 * accel) : 0;
    nextSpeed = 0;
  } else {
    advanceM = speed * stepS + 0.5 * accel * stepS * stepS;
  }
  transit.posM[t] = pos + advanceM;
  transit.speedMps[t] = nextSpeed;
  if (stopIndex < line.stops.length) {
    const stop = line.stops[stopIndex];
    const toStopM = stop.atM - transit.posM[t];
    if (toStopM <= 0 || (toStopM < STOP_CAPTURE_M && nextSpeed < STOP_CAPTURE_SPEED_MPS)) {
      transit.posM[t] = stop.atM;
      transit.speedMps[t] = 0;
      transit.state[t] = TramState.dwelling;
      transit.dwellPhase[t] = DwellPhase.opening;
      transit.arriveTick[t] = tick + 1;
      transit.phaseTick[t] = tick + 1;
    }
  } else if (transit.posM[t] - line.tramLengthM >= line.lengthM) {
    // Off the end of the modelled track, with whoever is still on board.
    transit.state[t] = TramState.done;
  }
}

/** One step of a tram standing at a stop; returns the people who stepped out. */
function dwell(world: World, transit: Transit, t: number, tick: number, stepS: number): number {
  const line = transit.lines[transit.line[t]];
  const stop = line.stops[transit.nextStop[t]];
  const sinceArrivalS = (tick - transit.arriveTick[t]) * stepS;
  const inPhaseS = (tick - transit.phaseTick[t]) * stepS;
  let added = 0;
  switch (transit.dwellPhase[t]) {
    case DwellPhase.opening: {
      if (inPhaseS < DOOR_OPEN_S) break;
      transit.alightLeft[t] = stop.alightPopulation >= 0 ? Math.round(transit.load[t] * stop.alightShare) : 0;
      transit.alighted[t] = 0;
      transit.stayedOn[t] = 0;
      transit.boarded[t] = 0;
      transit.lastPassTick[t] = tick;
      for (let k = 0; k < stop.doorExits.length; k++) transit.doorNextTick[stop.doorExits[k]] = tick;
      setPhase(transit, t, DwellPhase.service, tick);
      added += serveDoors(world, transit, t, tick, stepS);
      break;
    }
    case DwellPhase.service: {
      added += serveDoors(world, transit, t, tick, stepS);
      const full = transit.load[t] >= line.capacity;
      const clear = (tick - transit.lastPassTick[t]) * stepS >= DOOR_CLEAR_S && sinceArrivalS + DOOR_CLOSE_S >= stop.minDwellS;
      const tooLong = sinceArrivalS + DOOR_CLOSE_S >= stop.maxDwellS;
      if ((transit.alightLeft[t] === 0 && (full || clear)) || tooLong) {
        transit.stayedOn[t] = transit.alightLeft[t];
        transit.alightLeft[t] = 0;
        closeDoors(transit, t, world.exitOpen);
        setPhase(transit, t, DwellPhase.closing, tick);
        transit.visits.push({
          tram: t, line: line.id, stop: stop.id, arriveS: transit.arriveTick[t] * stepS, departS: (tick + Math.round(DOOR_CLOSE_S / stepS)) * stepS,
          alighted: transit.alighted[t], stayedOn: transit.stayedOn[t], boarded: transit.boarded[t], loadAfter: transit.load[t], leftBehind: peopleWaitingFor(world, stop.doorExits),
        });
      }
      break;
    }
    case DwellPhase.closing: {
      if (inPhaseS < DOOR_CLOSE_S) break;
      transit.state[t] = TramState.running;
      transit.nextStop[t]++;
      break;
    }
  }
  return added;
}

function setPhase(transit: Transit, t: number, phase: number, tick: number): void {
  transit.dwellPhase[t] = phase;
  transit.phaseTick[t] = tick;
}

/**
 * The doors at work: at each door whose last passage is one passage time ago, someone still to
 * alight steps out first when there is room on the platform beside the door; the doors' waiting
 * strips let people on (admitBoarding, in commitKinematics) while there is room on board, and
 * share the same passage time. Returns the people who stepped out.
 */
function serveDoors(world: World, transit: Transit, t: number, tick: number, stepS: number): number {
  const line = transit.lines[transit.line[t]];
  const stop = line.stops[transit.nextStop[t]];
  const passTicks = Math.max(1, Math.round(line.secondsPerPassenger / stepS));
  let added = 0;
  for (let k = 0; k < stop.doorExits.length && transit.alightLeft[t] > 0; k++) {
    const e = stop.doorExits[k];
    if (tick < transit.doorNextTick[e]) continue;
    if (!stepOut(world, stop.alightPopulation, stop.doorXY[2 * k], stop.doorXY[2 * k + 1], stop.doorXY[2 * k + 2 * stop.doorExits.length], stop.doorXY[2 * k + 1 + 2 * stop.doorExits.length])) continue;
    transit.alightLeft[t]--;
    transit.alighted[t]++;
    transit.load[t]--;
    transit.doorNextTick[e] = tick + passTicks;
    transit.lastPassTick[t] = tick;
    added++;
  }
  // Open to boarding while there is room (people alighting make room).
  const open = transit.load[t] < line.capacity;
  for (let k = 0; k < stop.doorExits.length; k++) {
    const e = stop.doorExits[k];
    transit.exitTram[e] = open ? t : -1;
    world.exitOpen[e] = open ? 1 : 0;
  }
  return added;
}

/**
 * Someone alighting steps onto the platform beside the door, at (x, y) or else along the edge
 * (dx, dy) to either side, when there is room for a body there.
 */
function stepOut(world: World, population: number, xM: number, yM: number, dxM: number, dyM: number): boolean {
  const radiusM = world.populations[population].radiusM;
  for (let k = 0; k < STEP_OUT_SPOTS.length; k++) {
    const x = xM + STEP_OUT_SPOTS[k] * dxM, y = yM + STEP_OUT_SPOTS[k] * dyM;
    if (!isFreeOfWalls(world.nav, x, y, radiusM) || !isFarFromEveryone(world.grid, world.agents, x, y, radiusM)) continue;
    spawnPedestrian(world, population, x, y);
    return true;
  }
  return false;
}

/** Where alighting people may step out: beside the door's centre, then to either side along the edge (multiples of the edge step). */
const STEP_OUT_SPOTS = [0, 1, -1, 2, -2];

/** Waiting people check the crowd around them every this many steps. */
const QUEUE_CHECK_EVERY_TICKS = 5;

/**
 * Queues on platforms (stops with `queueAtPerM2`): while no tram takes people at a stop, those
 * waiting on its platform stop and stand where the crowd within 1 m of them reaches that density
 * or where the people in front hold them up,
 * as people waiting for a tram do, rather than pressing on to doors that are shut; when a tram
 * opens its doors there, they move up. Returns nothing; run after the trams' step.
 */
export function queueOnPlatforms(world: World): void {
  if (world.transit === null) return;
  const { agents } = world;
  const tick = world.clock.tick;
  for (const line of world.transit.lines) {
    for (const stop of line.stops) {
      if (stop.queueAtPerM2 <= 0) continue;
      let doorsOpen = false;
      for (let k = 0; k < stop.doorExits.length && !doorsOpen; k++) doorsOpen = world.exitOpen[stop.doorExits[k]] === 1;
      // People look around them every half second or so; the doors opening they see at once.
      if (!doorsOpen && tick % QUEUE_CHECK_EVERY_TICKS !== 0) continue;
      for (let i = 0; i < agents.count; i++) {
        if (!waitsAtDoors(world, i, stop.doorExits)) continue;
        if (doorsOpen) {
          if (agents.walkFromTick[i] === NEVER_TICK) agents.walkFromTick[i] = tick;
        } else if (agents.walkFromTick[i] <= tick && (isHeldUp(agents, i, tick) || crowdAroundPerM2(world.grid, agents, i) >= stop.queueAtPerM2)) {
          agents.walkFromTick[i] = NEVER_TICK;
        }
      }
    }
  }
}

/** People (not yet gone) heading for one of `doorExits` and within PLATFORM_RADIUS_M of them by the floor field. */
function peopleWaitingFor(world: World, doorExits: Int32Array): number {
  let waiting = 0;
  for (let i = 0; i < world.agents.count; i++) if (waitsAtDoors(world, i, doorExits)) waiting++;
  return waiting;
}

/** Whether the person in slot `i` is heading for one of `doorExits` and within PLATFORM_RADIUS_M of them by the floor field (on the platform). */
export function waitsAtDoors(world: World, i: number, doorExits: Int32Array): boolean {
  const { agents, fields, fieldExit, nav } = world;
  if (agents.kind[i] !== AgentKind.pedestrian) return false;
  const exitCount = world.exitIds.length;
  const f = agents.field[i];
  let heading = false;
  for (let k = 0; k < doorExits.length && !heading; k++) heading = fieldExit[f * exitCount + doorExits[k]] === 1;
  if (!heading) return false;
  const cell = navCellOf(nav, agents.posXM, agents.posYM, i);
  return cell >= 0 && fields[f].distanceM[cell] <= PLATFORM_RADIUS_M;
}

/**
 * Holds each road crossing of a track (its traffic zebra) while a tram's front is within
 * TRAM_CROSSING_WARNING_S at its speed (at least TRAM_CROSSING_MIN_M) before it, until the
 * tram's rear is past it.
 */
export function markTramCrossings(world: World): void {
  const transit = world.transit;
  const traffic = world.traffic;
  if (!transit || !traffic) return;
  for (let l = 0; l < transit.lines.length; l++) {
    const line = transit.lines[l];
    for (let k = 0; k < line.crossingZebra.length; k++) {
      const z = line.crossingZebra[k];
      if (z < 0) continue;
      const atM = line.crossingTrackM[k];
      let held = 0;
      for (let t = 0; t < transit.count && held === 0; t++) {
        if (transit.line[t] !== l) continue;
        const s = transit.state[t];
        if (s !== TramState.running && s !== TramState.dwelling) continue;
        const front = transit.posM[t];
        const rear = front - line.tramLengthM;
        // Standing at a stop before the crossing, a tram holds it only once its doors close.
        const warnM = s === TramState.dwelling && transit.dwellPhase[t] !== DwellPhase.closing ? 0 : Math.max(TRAM_CROSSING_MIN_M, transit.speedMps[t] * TRAM_CROSSING_WARNING_S);
        if (front >= atM - warnM && rear <= atM + 1) held = 1;
      }
      traffic.zebraOccupied[z] = held;
    }
  }
}
