/**
 * Road traffic of a world: the network, the signals, the vehicles and their demand, the
 * detectors and the trip statistics. Built once per world from `scenario.traffic`; stepped by
 * `stepVehicles` (stepVehicles.ts). Plain data and typed arrays only.
 */
import type { TrafficSpec } from '../scenario/Scenario.ts';
import { buildRoadNetwork, type RoadNetwork } from './RoadNetwork.ts';
import { buildSignalPlans, type SignalPlan } from './SignalPlans.ts';
import { createVehicleStore, type VehicleStore } from './VehicleStore.ts';
import { VEHICLE_CLASS_NAMES } from './vehicleClasses.ts';
import { createSeries, type GrowableSeries } from '../measurement/GrowableSeries.ts';

/** One demand entry as the simulation runs it. */
export interface DemandState {
  id: string;
  classIndex: number;
  /** Links of the route, first to last; null when the destination cannot be reached. */
  route: Int32Array | null;
  vehiclesPerHour: number;
  fromS: number;
  toS: number;
  /** Vehicles inserted so far, and vehicles due but not yet inserted (no room at the start). */
  inserted: number;
  backlog: number;
  /** Vehicles arrived, and the sum of their trip times, s. */
  arrived: number;
  travelTimeSumS: number;
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

/** The traffic state of a world. */
export interface Traffic {
  network: RoadNetwork;
  signals: SignalPlan[];
  /** Phase of each link at its signal, or -1. */
  linkPhase: Int32Array;
  vehicles: VehicleStore;
  demand: DemandState[];
  detectors: DetectorState[];
  /** Sorting scratch: vehicles per lane (counting sort), by position, front first. */
  laneStart: Int32Array;
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
  nextId: number;
  arrived: number;
  travelTimeSumS: number;
  /** Vehicle-metres and vehicle-seconds driven (mean speed = metres / seconds). */
  distanceM: number;
  timeS: number;
}

/** Builds the traffic of a validated spec; `durationS` sizes the store for the demand. */
export function buildTraffic(spec: TrafficSpec, durationS: number): Traffic {
  const network = buildRoadNetwork(spec.roads);
  const { plans, linkPhase } = buildSignalPlans(network, spec.signals ?? []);
  const demand: DemandState[] = (spec.demand ?? []).map((entry) => {
    const nodes = network.router.routeNodes(entry.from, entry.to);
    let route: Int32Array | null = null;
    if (nodes && nodes.length >= 2) route = Int32Array.from(nodes.slice(1), (node, k) => network.router.edgeBetween(nodes[k], node));
    return {
      id: entry.id, classIndex: VEHICLE_CLASS_NAMES.indexOf(entry.vehicleClass ?? 'car'), route,
      vehiclesPerHour: entry.vehiclesPerHour, fromS: entry.fromS, toS: Math.min(entry.toS, durationS), inserted: 0, backlog: 0, arrived: 0, travelTimeSumS: 0,
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
    detectors: (spec.detectors ?? []).map((d) => ({ id: d.id, link: d.link, positionM: d.positionM, count: 0, firstS: -1, lastS: -1, timesS: createSeries() })),
    laneStart: new Int32Array(network.laneCount + 1),
    order: new Int32Array(capacity),
    laneRear: new Int32Array(network.laneCount).fill(-1),
    rank: new Int32Array(capacity),
    laneTouched: new Uint8Array(network.laneCount),
    mergeFirst: new Int32Array(network.laneCount).fill(-1),
    mergeDistanceM: new Float64Array(network.laneCount),
    nextId: 0,
    arrived: 0,
    travelTimeSumS: 0,
    distanceM: 0,
    timeS: 0,
  };
}
