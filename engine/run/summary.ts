/**
 * The run summary (`summary.json`): plain data, rounded so that the same scenario and seed
 * give byte-identical output. Only `wallS` depends on the machine.
 */
import { seriesToArray } from '../measurement/GrowableSeries.ts';
import { isWorldDone } from '../step/stepWorld.ts';
import type { World } from '../world/World.ts';
import { dispatchedTrips, type DispatchedTrip } from '../vehicles/actuation.ts';
import type { TrafficIncident } from '../vehicles/Traffic.ts';
import { desiredSpeedMps } from '../vehicles/followingAcceleration.ts';
import { quantileSorted } from 'simple-statistics';
import { TramState } from '../transit/Transit.ts';
import { summarizeSensors, type SensorsSummary } from '../sensors/sensorSummary.ts';
import type { ResponseRecord } from '../responses/ControlLoop.ts';

export interface AgentSummary {
  id: number;
  group: string;
  spawnS: number;
  exitS: number | null;
  exit: string | null;
}

export interface RunSummary {
  scenario: string;
  seed: number;
  model: string;
  stepS: number;
  steps: number;
  simulatedS: number;
  /** Wall-clock seconds; filled by the adapter (the engine reads no clock). */
  wallS: number;
  pedestrians: {
    spawned: number;
    exited: number;
    remaining: number;
    /** Time when the last person left, or null when someone is still inside at the end. */
    evacuationTimeS: number | null;
    meanTravelTimeS: number | null;
    agents: AgentSummary[];
  };
  exits: Record<string, { count: number; firstS: number | null; lastS: number | null }>;
  sources: Record<string, { spawned: number; backlog: number }>;
  lines: Record<string, { crossings: number; forward: number; backward: number; timesS: number[] }>;
  areas: Record<string, { meanDensityPerM2: number; maxDensityPerM2: number; maxDensityAtS: number; meanSpeedMps: number | null; samples: number }>;
  /**
   * Only with a pedestrian network: people still walking on it at the end, and the route of
   * each group that started on it (network length to its entry into the walkable space).
   */
  network?: { onNetwork: number; routes: Record<string, { lengthM: number; entry: [number, number] }> };
  /**
   * Only with road traffic: vehicles inserted, arrived, still on the road and still waiting to
   * enter; mean trip time and mean speed; per demand entry its counts; per detector its count,
   * first and last passage and flow (vehicles per hour between the first and last passage).
   */
  traffic?: {
    inserted: number;
    arrived: number;
    onRoad: number;
    waiting: number;
    meanTravelTimeS: number | null;
    meanSpeedMps: number | null;
    /**
     * Per demand entry: counts, mean trip and its 50th, 85th and 95th percentiles, the free-flow
     * time of its route without closures (every link at its desired speed) and the mean delay
     * over it (congestion, signals, yielding, detours around closures).
     */
    demand: Record<string, {
      inserted: number; waiting: number; arrived: number; meanTravelTimeS: number | null; routeLinks: number;
      travelTimeP50S: number | null; travelTimeP85S: number | null; travelTimeP95S: number | null; freeFlowTimeS: number | null; meanDelayS: number | null;
    }>;
    /**
     * Per link that carried traffic (by index, with its id): its length, the vehicles that left it
     * for their next link and that outflow per hour of run, the mean speed (vehicle-metres over
     * vehicle-seconds), the mean density (vehicles per km), and the mean speed per lane.
     */
    links: Record<string, { linkId: string | null; lengthM: number; outflow: number; outflowPerHour: number; meanSpeedMps: number; meanDensityPerKm: number; laneMeanSpeedMps: (number | null)[] }>;
    detectors: Record<string, { count: number; firstS: number | null; lastS: number | null; flowPerHour: number | null }>;
    /** Vehicles given a new route around a closure. */
    rerouted: number;
    /** Longest queue (vehicles slower than 2 m/s) on each link that had one, and when, by link index (with the link's id). */
    queues: Record<string, { linkId: string | null; maxVehicles: number; atS: number }>;
    /** Per zebra crossing: the least vehicle time-to-collision with people on it, s, and the vehicle-seconds below 1.5 s. */
    zebras: Record<string, { minTimeToCollisionS: number | null; conflictS: number }>;
    /** Only once an actuation was applied or refused: the actuation log (engine/vehicles/actuation.ts), in order. */
    actions?: { timeS: number; source: string; kind: string; target: string; result: string; ok: boolean }[];
    /**
     * Only when some happened: vehicles entering links closed to them (a pedestrian zone) and
     * meeting raised bollards (impact speed, stopped or not, from the cannon-es model).
     */
    incidents?: TrafficIncident[];
    /** Only with dispatched vehicles: their trips (arriveS and times null while on their way). */
    dispatched?: DispatchedTrip[];
  };
  /**
   * Only with trams: per line its trams (departure, most people on board) and per stop the
   * visits, people who got on and off (and who meant to get off but could not), the most left on
   * the platform when a tram left, and dwell times; then every visit in order.
   */
  transit?: {
    lines: Record<string, {
      trams: { tram: number; departS: number; maxLoad: number; finished: boolean }[];
      stops: Record<string, { visits: number; boarded: number; alighted: number; stayedOn: number; maxLeftBehind: number; meanDwellS: number | null; maxDwellS: number | null }>;
    }>;
    visits: { tram: number; line: string; stop: string; arriveS: number; departS: number; dwellS: number; alighted: number; stayedOn: number; boarded: number; loadAfter: number; leftBehind: number }[];
  };
  /**
   * Only with sensors: per camera its frames, detections (real and false), tracks, identity
   * switches and mean detection rate of the people in view (engine/sensors/sensorSummary.ts).
   */
  sensors?: SensorsSummary;
  /**
   * Only with live rules (`vigie run --rules`): events the rules read, alerts per rule, and the
   * events they set aside (engine/rules/RuleEngine.ts).
   */
  rules?: { events: number; alerts: number; alertsByRule: Record<string, number>; suppressed: number; belowConfidence: number; outOfOrder: number };
  /**
   * Only with live rules: one row per action of each response an alert started (in order): the
   * alert, the action and its target, the command's time and delay after the alert, the
   * operator's decision (null without one), whether it was carried out and what the actuator
   * said; for a dispatch its trip, arrival and response time (arrival minus alert), null while
   * the team is on its way (engine/responses/ControlLoop.ts).
   */
  responses?: ResponseRecord[];
  warnings: string[];
}

/** Rounds to `digits` decimals (and turns -0 into 0) for stable output. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}

/** Builds the summary of a world at its current tick. */
export function summarizeWorld(world: World, wallS: number): RunSummary {
  const { records, clock } = world;
  const stepS = clock.stepS;
  const agents: AgentSummary[] = [];
  const exits: RunSummary['exits'] = {};
  for (const id of world.exitIds) exits[id] = { count: 0, firstS: null, lastS: null };
  let exited = 0;
  let lastExitTick = -1;
  let travelSum = 0;
  for (let id = 0; id < records.count; id++) {
    const exitTick = records.exitTick[id];
    const exitIndex = records.exitIndex[id];
    const spawnS = round(records.spawnTick[id] * stepS);
    const exitS = exitTick >= 0 ? round(exitTick * stepS) : null;
    const exitId = exitIndex >= 0 ? world.exitIds[exitIndex] : null;
    agents.push({ id, group: world.populations[records.group[id]].id, spawnS, exitS, exit: exitId });
    if (exitTick >= 0 && exitId !== null) {
      exited++;
      travelSum += (exitTick - records.spawnTick[id]) * stepS;
      if (exitTick > lastExitTick) lastExitTick = exitTick;
      const e = exits[exitId];
      e.count++;
      if (e.firstS === null || exitS! < e.firstS) e.firstS = exitS;
      if (e.lastS === null || exitS! > e.lastS) e.lastS = exitS;
    }
  }
  const remaining = world.agents.count - world.departingCount;
  // Nobody inside and nobody still to come (no group pending, no source still releasing).
  const everybodyOut = isWorldDone(world);
  const sources: RunSummary['sources'] = {};
  for (const p of world.populations) if (p.kind === 'source') sources[p.id] = { spawned: p.spawned, backlog: p.backlog };
  const lines: RunSummary['lines'] = {};
  for (const line of world.lines) {
    lines[line.id] = { crossings: line.crossings, forward: line.forward, backward: line.crossings - line.forward, timesS: seriesToArray(line.timesS).map((t) => round(t)) };
  }
  const areas: RunSummary['areas'] = {};
  for (const area of world.areas) {
    areas[area.id] = {
      meanDensityPerM2: round(area.samples > 0 ? area.densitySum / area.samples : 0),
      maxDensityPerM2: round(area.maxDensityPerM2),
      maxDensityAtS: round(area.maxDensityAtS),
      meanSpeedMps: area.speedSamples > 0 ? round(area.speedSum / area.speedSamples) : null,
      samples: area.samples,
    };
  }
  return {
    scenario: world.scenario.name,
    seed: world.seed,
    model: 'collisionFreeSpeed (Tordeux, Chraibi, Seyfried 2016)',
    stepS,
    steps: clock.tick,
    simulatedS: round(clock.tick * stepS),
    wallS: round(wallS, 3),
    pedestrians: {
      spawned: records.count,
      exited,
      remaining,
      evacuationTimeS: everybodyOut && exited > 0 ? round(lastExitTick * stepS) : null,
      meanTravelTimeS: exited > 0 ? round(travelSum / exited) : null,
      agents,
    },
    exits,
    sources,
    lines,
    areas,
    ...(world.network ? { network: networkSummary(world) } : {}),
    ...(world.traffic ? { traffic: trafficSummary(world) } : {}),
    ...(world.transit ? { transit: transitSummary(world) } : {}),
    ...(world.sensors ? { sensors: summarizeSensors(world.sensors) } : {}),
    ...(world.control ? controlSummary(world) : {}),
    warnings: [...world.warnings],
  };
}

function controlSummary(world: World): Pick<RunSummary, 'rules' | 'responses'> {
  const { ruleEngine, records } = world.control!;
  const { stats } = ruleEngine;
  const roundOrKeep = (value: number | null | undefined) => (value === null || value === undefined ? value : round(value));
  return {
    rules: { events: stats.events, alerts: stats.alerts, alertsByRule: { ...stats.alertsByRule }, suppressed: stats.suppressed, belowConfidence: stats.belowConfidence, outOfOrder: stats.outOfOrder },
    responses: records.map((record) => ({
      ...record, alertS: round(record.alertS), commandS: roundOrKeep(record.commandS) ?? null, delayS: roundOrKeep(record.delayS) ?? null,
      ...('arriveS' in record ? { arriveS: roundOrKeep(record.arriveS) ?? null, responseTimeS: roundOrKeep(record.responseTimeS) ?? null } : {}),
    })),
  };
}

function transitSummary(world: World): NonNullable<RunSummary['transit']> {
  const transit = world.transit!;
  const stepS = world.clock.stepS;
  const lines: NonNullable<RunSummary['transit']>['lines'] = {};
  for (const line of transit.lines) {
    const stops: NonNullable<RunSummary['transit']>['lines'][string]['stops'] = {};
    for (const stop of line.stops) stops[stop.id] = { visits: 0, boarded: 0, alighted: 0, stayedOn: 0, maxLeftBehind: 0, meanDwellS: null, maxDwellS: null };
    lines[line.id] = { trams: [], stops };
  }
  for (let t = 0; t < transit.count; t++) {
    if (transit.state[t] === TramState.scheduled) continue;
    lines[transit.lines[transit.line[t]].id].trams.push({ tram: t, departS: round(transit.departTick[t] * stepS), maxLoad: transit.maxLoad[t], finished: transit.state[t] === TramState.done });
  }
  const visits = transit.visits.map((v) => ({ ...v, arriveS: round(v.arriveS), departS: round(v.departS), dwellS: round(v.departS - v.arriveS) }));
  const dwellSumS = new Map<object, number>();
  for (const visit of visits) {
    const stop = lines[visit.line].stops[visit.stop];
    dwellSumS.set(stop, (dwellSumS.get(stop) ?? 0) + visit.dwellS);
    stop.visits++;
    stop.meanDwellS = round(dwellSumS.get(stop)! / stop.visits);
    stop.boarded += visit.boarded;
    stop.alighted += visit.alighted;
    stop.stayedOn += visit.stayedOn;
    stop.maxLeftBehind = Math.max(stop.maxLeftBehind, visit.leftBehind);
    stop.maxDwellS = Math.max(stop.maxDwellS ?? 0, visit.dwellS);
  }
  return { lines, visits };
}

function networkSummary(world: World): NonNullable<RunSummary['network']> {
  const routes: NonNullable<RunSummary['network']>['routes'] = {};
  for (const population of world.populations) {
    const route = population.networkRoute;
    if (route) routes[population.id] = { lengthM: round(route.lengthM, 2), entry: [round(route.entryXM, 2), round(route.entryYM, 2)] };
  }
  return { onNetwork: world.walkers.count, routes };
}

function trafficSummary(world: World): NonNullable<RunSummary['traffic']> {
  const traffic = world.traffic!;
  const demand: NonNullable<RunSummary['traffic']>['demand'] = {};
  let inserted = 0;
  let waiting = 0;
  const dispatchedDemand = new Set(traffic.actuation.dispatches.map((record) => record.demand));
  for (const [index, entry] of traffic.demand.entries()) {
    if (!dispatchedDemand.has(index)) {
      const meanTravelTimeS = entry.arrived > 0 ? entry.travelTimeSumS / entry.arrived : null;
      const trips = traffic.tripTimesS[index];
      const sorted = trips ? Float64Array.from(trips.values.subarray(0, trips.length)).sort() : null;
      const quantile = (p: number): number | null => (sorted && sorted.length > 0 ? round(quantileSorted(Array.from(sorted), p)) : null);
      const freeFlowTimeS = entry.route ? routeFreeFlowTimeS(traffic, entry.route, entry.classIndex) : null;
      demand[entry.id] = {
        inserted: entry.inserted, waiting: entry.backlog, arrived: entry.arrived, meanTravelTimeS: meanTravelTimeS === null ? null : round(meanTravelTimeS), routeLinks: entry.route?.length ?? 0,
        travelTimeP50S: quantile(0.5), travelTimeP85S: quantile(0.85), travelTimeP95S: quantile(0.95),
        freeFlowTimeS: freeFlowTimeS === null ? null : round(freeFlowTimeS), meanDelayS: meanTravelTimeS === null || freeFlowTimeS === null ? null : round(meanTravelTimeS - freeFlowTimeS),
      };
    }
    inserted += entry.inserted;
    waiting += entry.backlog;
  }
  const detectors: NonNullable<RunSummary['traffic']>['detectors'] = {};
  for (const detector of traffic.detectors) {
    const spanS = detector.lastS - detector.firstS;
    detectors[detector.id] = {
      count: detector.count,
      firstS: detector.firstS < 0 ? null : round(detector.firstS),
      lastS: detector.lastS < 0 ? null : round(detector.lastS),
      flowPerHour: detector.count > 1 && spanS > 0 ? round(((detector.count - 1) / spanS) * 3600, 1) : null,
    };
  }
  return {
    inserted,
    arrived: traffic.arrived,
    onRoad: traffic.vehicles.count,
    waiting,
    meanTravelTimeS: traffic.arrived > 0 ? round(traffic.travelTimeSumS / traffic.arrived) : null,
    meanSpeedMps: traffic.timeS > 0 ? round(traffic.distanceM / traffic.timeS) : null,
    demand,
    detectors,
    rerouted: traffic.rerouted,
    queues: queueSummary(world),
    links: linkSummary(world),
    zebras: Object.fromEntries((world.scenario.traffic!.zebras ?? []).map((zebra, z) => [zebra.id, {
      minTimeToCollisionS: Number.isFinite(traffic.zebraMinTtcS[z]) ? round(traffic.zebraMinTtcS[z], 2) : null,
      conflictS: round(traffic.zebraConflictSteps[z] * world.clock.stepS, 2),
    }])),
    ...(traffic.incidents.length > 0 ? { incidents: traffic.incidents.map((incident) => ({ ...incident })) } : {}),
    ...(traffic.actuation.log.length > 0 ? { actions: traffic.actuation.log.map((e) => ({ timeS: round(e.timeS), source: e.source, kind: e.action.kind, target: e.target, result: e.result, ok: e.ok })) } : {}),
    ...(traffic.actuation.dispatches.length > 0 ? { dispatched: dispatchedTrips(traffic, world.clock.stepS, world.clock.tick * world.clock.stepS).map((trip) => ({
      ...trip, dispatchS: round(trip.dispatchS), departS: roundOrNull(trip.departS), arriveS: roundOrNull(trip.arriveS), travelTimeS: roundOrNull(trip.travelTimeS), responseTimeS: roundOrNull(trip.responseTimeS),
    })) } : {}),
  };
}

/** Free-flow time along a route: each link's length at the class's desired speed there, s. */
function routeFreeFlowTimeS(traffic: NonNullable<World['traffic']>, route: Int32Array, classIndex: number): number {
  let timeS = 0;
  for (const link of route) timeS += traffic.network.linkLengthM[link] / desiredSpeedMps(traffic, classIndex, link);
  return timeS;
}

function linkSummary(world: World): NonNullable<RunSummary['traffic']>['links'] {
  const traffic = world.traffic!;
  const { network } = traffic;
  const specLinks = world.scenario.traffic!.roads.links;
  const runS = Math.max(world.clock.tick * world.clock.stepS, 1e-9);
  const links: NonNullable<RunSummary['traffic']>['links'] = {};
  for (let link = 0; link < network.linkCount; link++) {
    const vehicleS = traffic.linkVehicleS[link];
    if (vehicleS === 0) continue;
    const laneMeanSpeedMps: (number | null)[] = [];
    for (let lane = network.laneBase[link]; lane < network.laneBase[link + 1]; lane++) {
      laneMeanSpeedMps.push(traffic.laneVehicleS[lane] > 0 ? round(traffic.laneVehicleM[lane] / traffic.laneVehicleS[lane], 3) : null);
    }
    links[String(link)] = {
      linkId: specLinks[link].id ?? null,
      lengthM: round(network.linkLengthM[link], 2),
      outflow: traffic.linkOutflow[link],
      outflowPerHour: round((traffic.linkOutflow[link] / runS) * 3600, 1),
      meanSpeedMps: round(traffic.linkVehicleM[link] / vehicleS, 3),
      meanDensityPerKm: round(vehicleS / runS / (network.linkLengthM[link] / 1000), 2),
      laneMeanSpeedMps,
    };
  }
  return links;
}

function queueSummary(world: World): NonNullable<RunSummary['traffic']>['queues'] {
  const traffic = world.traffic!;
  const links = world.scenario.traffic!.roads.links;
  const queues: NonNullable<RunSummary['traffic']>['queues'] = {};
  for (let link = 0; link < traffic.network.linkCount; link++) {
    if (traffic.queueMax[link] === 0) continue;
    queues[String(link)] = { linkId: links[link].id ?? null, maxVehicles: traffic.queueMax[link], atS: round(traffic.queueMaxAtS[link]) };
  }
  return queues;
}
