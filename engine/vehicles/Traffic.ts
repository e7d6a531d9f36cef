/**
 * Road traffic of a world: the network, the signals, the vehicles and their demand, the
 * detectors and the trip statistics. Built once per world from `scenario.traffic`; stepped by
 * `stepVehicles` (stepVehicles.ts). Plain data and typed arrays only.
 */
import type { TrafficSpec } from '../scenario/Scenario.ts';
import { buildRoadNetwork, type RoadNetwork } from './RoadNetwork.ts';
import { buildSignalPlans, type SignalPlan } from './SignalPlans.ts';
import { createVehicleStore, type VehicleStore } from './VehicleStore.ts';
import { buildJunctions, type Junctions } from './junctions.ts';
import { EMERGENCY_CLASS, VEHICLE_CLASS_NAMES } from './vehicleClasses.ts';
import { createActuationState, type ActuationState } from './ActuationState.ts';
import { createSeries, type GrowableSeries } from '../measurement/GrowableSeries.ts';
import { createDemandQueue, profileCumulative, type DemandQueue, type QueuedEntry } from './DemandQueue.ts';

/**
 * One demand entry as the simulation runs it: what the insertion queue reads (QueuedEntry:
 * route index, rate and window, inserted and backlog, next due time, time profile) and the rest.
 */
export interface DemandState extends QueuedEntry {
  id: string;
  classIndex: number;
  /** Destination node. */
  toNode: number;
  /** Links of the route, first to last; null when the destination cannot be reached. */
  route: Int32Array | null;
  /** Vehicles arrived, and the sum of their trip times, s. */
  arrived: number;
  travelTimeSumS: number;
}

/** A closure (road closed, bollards raised) as the run goes. */
export interface ClosureState {
  id: string;
  kind: 'bollard' | 'closure';
  /** Bollards: the rating (test vehicle mass and speed) and whether a vehicle broke through. */
  ratingMassKg: number;
  ratingSpeedKph: number;
  broken: boolean;
  links: Int32Array;
  fromS: number;
  toS: number;
  emergencyPass: boolean;
  active: boolean;
}

/** A counting detector. */
export interface DetectorState {
  id: string;
  link: number;
  positionM: number;
  count: number;
  firstS: number;
  lastS: number;
  /** Passage times, s (for flows and headways). */
  timesS: GrowableSeries;
}

/**
 * An incident on the road: a vehicle entering links closed to it (a pedestrian zone), or meeting
 * raised bollards (stopped or through, from the cannon-es impact model).
 */
export interface TrafficIncident {
  kind: 'enteredClosedZone' | 'bollardImpact';
  atS: number;
  vehicleId: number;
  vehicleClass: string;
  closure: string;
  link: number;
  x: number;
  y: number;
  /** Bollard impacts: speed at contact, stopped or not, speed after, how far past the line, peak deceleration (g). */
  impact?: { speedMps: number; stopped: boolean; residualSpeedMps: number; penetrationM: number; peakDecelerationG: number };
}

/** Bollards rated as IWA 14-1 V/7200[N2A]/48 when a closure gives no rating: a 7,200 kg truck at 48 km/h. */
export const DEFAULT_BOLLARD_RATING = { massKg: 7200, speedKph: 48 } as const;

/** The traffic state of a world. */
export interface Traffic {
  network: RoadNetwork;
  signals: SignalPlan[];
  /** Phase of each link at its signal, or -1. */
  linkPhase: Int32Array;
  vehicles: VehicleStore;
  demand: DemandState[];
  /** The demand entries due or waiting for room, for the insertion step (DemandQueue.ts). */
  demandQueue: DemandQueue;
  /**
   * Routes as link lists; a vehicle's `route` indexes this list. Demand routes come first;
   * a re-routed vehicle gets a new entry (appended when a closure changes, never per step).
   */
  routes: Int32Array[];
  closures: ClosureState[];
  /** Per link: closed to every vehicle (2), closed except to emergency vehicles (1), open (0). */
  linkClosed: Uint8Array;
  /** Per link: 1 when closed to every vehicle (what emergency vehicles route around). */
  linkClosedToAll: Uint8Array;
  /** Per link: raised, unbroken bollards standing at its start (closure index + 1), or 0. */
  linkBarrier: Int32Array;
  /** Incidents: vehicles forcing closures and bollards (hostileVehicles.ts), in time order. */
  incidents: TrafficIncident[];
  /** Vehicles re-routed around closures. */
  rerouted: number;
  /** Zebra crossings: link, position and, set each step by the world, whether someone is on them. */
  zebraLink: Int32Array;
  zebraPositionM: Float64Array;
  zebraOccupied: Uint8Array;
  /** Per zebra: the least time-to-collision seen (s) and the vehicle-steps below CONFLICT_TTC_S. */
  zebraMinTtcS: Float64Array;
  zebraConflictSteps: Int32Array;
  /** Per link: its zebras, zebraStart[l] .. zebraStart[l + 1] - 1 in zebraOrder, by position. */
  zebraStart: Int32Array;
  zebraOrder: Int32Array;
  /** Per link: vehicles queued now (slower than QUEUE_SPEED_MPS), the most seen, and when. */
  queueNow: Int32Array;
  queueMax: Int32Array;
  queueMaxAtS: Float64Array;
  detectors: DetectorState[];
  /** Sorting scratch: vehicles per lane (counting sort), by position, front first. */
  laneStart: Int32Array;
  /**
   * Per lane: one past its last vehicle in `order` (laneStart[l] .. laneEnd[l] - 1; both 0 for an
   * empty lane). The occupied lanes, ascending, are occupiedLanes[0 .. occupiedCount - 1]
   * (laneListed[l] = 1): the per-lane passes visit only those.
   */
  laneEnd: Int32Array;
  occupiedLanes: Int32Array;
  occupiedCount: number;
  laneListed: Uint8Array;
  order: Int32Array;
  /** Per lane: the rearmost vehicle's slot, or -1 (for followers on the link upstream). */
  laneRear: Int32Array;
  /** Per vehicle slot: its index in `order` (to find its leader). */
  rank: Int32Array;
  /** Per lane: 1 once a vehicle changed into or out of it this step. */
  laneTouched: Uint8Array;
  /** Per lane: the vehicle nearest to entering it from any upstream lane (-1), and its distance, m. */
  mergeFirst: Int32Array;
  mergeDistanceM: Float64Array;
  /** The lanes whose mergeFirst was set, mergeSet[0 .. mergeSetCount - 1] (reset at the next scan). */
  mergeSet: Int32Array;
  mergeSetCount: number;
  /** Movements through the nodes, their conflicts and turning speeds, and the right-of-way scratch. */
  junctions: Junctions;
  nextId: number;
  arrived: number;
  travelTimeSumS: number;
  /** Vehicle-metres and vehicle-seconds driven (mean speed = metres / seconds). */
  distanceM: number;
  timeS: number;
  /**
   * Per link and per lane: vehicle-seconds and vehicle-metres driven on it (mean speed = metres /
   * seconds, density = seconds / (run time x length)); per link, vehicles that left it for the
   * next link of their route (its outflow). Per demand entry: the trip times of its arrivals.
   */
  linkVehicleS: Float64Array;
  linkVehicleM: Float64Array;
  linkOutflow: Int32Array;
  laneVehicleS: Float64Array;
  laneVehicleM: Float64Array;
  tripTimesS: (GrowableSeries | undefined)[];
  /** Actuators: scheduled actions, the actuation log, dispatched vehicles, signal modes, pre-emption (actuation.ts). */
  actuation: ActuationState;
}

/** Builds the traffic of a validated spec; `durationS` sizes the store for the demand. */
export function buildTraffic(spec: TrafficSpec, durationS: number): Traffic {
  const network = buildRoadNetwork(spec.roads);
  const { plans, linkPhase } = buildSignalPlans(network, spec.signals ?? []);
  const routes: Int32Array[] = [];
  const demand: DemandState[] = (spec.demand ?? []).map((entry) => {
    // A route given by the scenario (checked at load), else the quickest.
    const route = entry.route ? Int32Array.from(entry.route) : routeLinks(network, entry.from, entry.to);
    if (route) routes.push(route);
    return {
      id: entry.id, classIndex: VEHICLE_CLASS_NAMES.indexOf(entry.vehicleClass ?? 'car'), toNode: entry.to, route, routeIndex: route ? routes.length - 1 : -1,
      vehiclesPerHour: entry.vehiclesPerHour, fromS: entry.fromS, toS: Math.min(entry.toS, durationS), inserted: 0, backlog: 0, arrived: 0, travelTimeSumS: 0, nextDueS: entry.fromS,
      ...(entry.profile ? { profileCum: profileCumulative(entry.vehiclesPerHour, entry.fromS, entry.toS, entry.profile), profilePeriodS: (entry.toS - entry.fromS) / entry.profile.length } : {}),
    };
  });
  // Vehicles on the road at once: at most everybody due, bounded by what the lanes can hold.
  const expected = demand.reduce((sum, d) => sum + (d.vehiclesPerHour * Math.max(0, d.toS - d.fromS)) / 3600, 0);
  const capacity = Math.ceil(Math.min(expected, 1e6)) + 16;
  return {
    network,
    signals: plans,
    linkPhase,
    vehicles: createVehicleStore(capacity),
    demand,
    demandQueue: createDemandQueue(),
    routes,
    closures: (spec.closures ?? []).map((closure) => ({
      id: closure.id, kind: closure.kind ?? 'closure', links: Int32Array.from(closure.links), fromS: closure.fromS ?? 0, toS: closure.toS ?? Infinity, emergencyPass: closure.emergencyPass ?? false, active: false,
      ratingMassKg: closure.rating?.massKg ?? DEFAULT_BOLLARD_RATING.massKg, ratingSpeedKph: closure.rating?.speedKph ?? DEFAULT_BOLLARD_RATING.speedKph, broken: false,
    })),
    linkBarrier: new Int32Array(network.linkCount),
    incidents: [],
    linkClosed: new Uint8Array(network.linkCount),
    linkClosedToAll: new Uint8Array(network.linkCount),
    rerouted: 0,
    ...zebraIndex(spec, network.linkCount),
    queueNow: new Int32Array(network.linkCount),
    queueMax: new Int32Array(network.linkCount),
    queueMaxAtS: new Float64Array(network.linkCount),
    detectors: (spec.detectors ?? []).map((d) => ({ id: d.id, link: d.link, positionM: d.positionM, count: 0, firstS: -1, lastS: -1, timesS: createSeries() })),
    laneStart: new Int32Array(network.laneCount + 1),
    laneEnd: new Int32Array(network.laneCount),
    occupiedLanes: new Int32Array(network.laneCount),
    occupiedCount: 0,
    laneListed: new Uint8Array(network.laneCount),
    order: new Int32Array(capacity),
    laneRear: new Int32Array(network.laneCount).fill(-1),
    rank: new Int32Array(capacity),
    laneTouched: new Uint8Array(network.laneCount),
    mergeFirst: new Int32Array(network.laneCount).fill(-1),
    mergeDistanceM: new Float64Array(network.laneCount),
    mergeSet: new Int32Array(network.laneCount),
    mergeSetCount: 0,
    junctions: buildJunctions(network, linkPhase, Float64Array.from(spec.roads.links, (link) => Number(link.priority ?? 0)), plans, spec.roads.connections, spec.roads.rightOfWay),
    nextId: 0,
    arrived: 0,
    travelTimeSumS: 0,
    distanceM: 0,
    timeS: 0,
    linkVehicleS: new Float64Array(network.linkCount),
    linkVehicleM: new Float64Array(network.linkCount),
    linkOutflow: new Int32Array(network.linkCount),
    laneVehicleS: new Float64Array(network.laneCount),
    laneVehicleM: new Float64Array(network.laneCount),
    tripTimesS: [],
    actuation: createActuationState(spec, plans.length, demand.some((d) => d.classIndex === EMERGENCY_CLASS)),
  };
}

/** The links of the quickest route from node `from` to node `to` (avoiding blocked links), or null. */
export function routeLinks(network: RoadNetwork, from: number, to: number): Int32Array | null {
  const nodes = network.router.routeNodes(from, to);
  if (!nodes || nodes.length < 2) return null;
  return Int32Array.from(nodes.slice(1), (node, k) => network.router.edgeBetween(nodes[k], node));
}

/** Zebra arrays, grouped by link (CSR) and ordered by position along each link. */
function zebraIndex(spec: TrafficSpec, linkCount: number): Pick<Traffic, 'zebraLink' | 'zebraPositionM' | 'zebraOccupied' | 'zebraStart' | 'zebraOrder' | 'zebraMinTtcS' | 'zebraConflictSteps'> {
  const zebras = spec.zebras ?? [];
  const zebraLink = Int32Array.from(zebras, (z) => z.link);
  const zebraPositionM = Float64Array.from(zebras, (z) => z.positionM);
  const zebraStart = new Int32Array(linkCount + 1);
  for (const z of zebras) zebraStart[z.link + 1]++;
  for (let l = 0; l < linkCount; l++) zebraStart[l + 1] += zebraStart[l];
  const order = zebras.map((_z, k) => k).sort((a, b) => zebraLink[a] - zebraLink[b] || zebraPositionM[a] - zebraPositionM[b] || a - b);
  return {
    zebraLink, zebraPositionM, zebraOccupied: new Uint8Array(zebras.length), zebraStart, zebraOrder: Int32Array.from(order),
    zebraMinTtcS: new Float64Array(zebras.length).fill(Infinity), zebraConflictSteps: new Int32Array(zebras.length),
  };
}
