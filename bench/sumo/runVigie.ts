/**
 * One Vigie run of a traffic-only scenario made from a SUMO network and demand, stepped here so
 * that the vehicle-steps can be counted: after each step, the vehicles on the road (each was
 * updated once in it). The scenario has a token walkable square with its exit far from the roads
 * (as in tests/validation/trafficCapacity.test.ts), nobody in it; the run stops at `horizonS` or
 * once every vehicle has arrived and none is still to come (stopWhenEmpty), as SUMO does.
 * Times: `buildS` = validating and compiling the scenario (routing every demand entry),
 * `wallS` = the steps only (the stop sampling every 5 simulated seconds, sampleStops.ts, is not
 * counted).
 */
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../engine/index.ts';
import type { RoadNetworkSpec, SignalSpec, TrafficDemandSpec } from '../../engine/scenario/Scenario.ts';
import { countOverlaps } from './countOverlaps.ts';
import { createStopSamples, sampleStops, type StopSamples } from './sampleStops.ts';

/** What to run. */
export interface VigieRunOptions {
  name: string;
  roads: RoadNetworkSpec;
  signals: SignalSpec[];
  demand: TrafficDemandSpec[];
  horizonS: number;
  stepS: number;
}

/** The figures of one Vigie run. */
export interface VigieRun {
  label: string;
  stepS: number;
  buildS: number;
  wallS: number;
  simulatedS: number;
  demandEntries: number;
  /** Demand entries (and their vehicles) with no route between their nodes. */
  unroutedEntries: number;
  unroutedTrips: number;
  inserted: number;
  arrived: number;
  /** Still on the road, and still waiting to enter, at the end. */
  onRoad: number;
  waiting: number;
  meanTravelTimeS: number | null;
  /** Mean length of the routes driven by the vehicles inserted, m. */
  meanRouteLengthM: number | null;
  vehicleSteps: number;
  stops: StopSamples;
  /** Pairs of vehicles overlapping in a lane at the end (countOverlaps.ts). */
  overlapsAtEnd: number;
  /**
   * Heap allocated per step, bytes: the growth of V8's used heap over windows of
   * ALLOCATION_WINDOW steps, windows in which a garbage collection ran (the heap shrank) left out,
   * less the cost of reading it (null when no window qualified).
   */
  bytesPerStep: number | null;
}

/** Steps per window of the allocation measurement. */
const ALLOCATION_WINDOW = 20;

/** Builds and runs the scenario. */
export function runVigie(options: VigieRunOptions): VigieRun {
  const buildStartMs = performance.now();
  let minX = Infinity;
  let minY = Infinity;
  for (const [x, y] of options.roads.nodes) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
  }
  // The token walkable square and its exit, 500 m below the south-west corner of the roads.
  const x0 = minX;
  const y0 = minY - 500;
  const scenario = validateScenario({
    name: options.name, seed: 1, durationS: options.horizonS, stepS: options.stepS, stopWhenEmpty: true,
    // NOTE: the loader asks for a step shorter than the pedestrian model's time gap (0.6 s by
    // default); nobody walks here, so a longer step gets a pedestrian time gap above it.
    ...(options.stepS >= 0.6 ? { model: { timeGapS: 2 * options.stepS } } : {}),
    geometry: {
      walkable: [[[x0, y0], [x0 + 10, y0], [x0 + 10, y0 + 10], [x0, y0 + 10]]],
      exits: [{ id: 'e', polygon: [[x0 + 10, y0 + 4], [x0 + 11, y0 + 4], [x0 + 11, y0 + 6], [x0 + 10, y0 + 6]] }],
    },
    traffic: { roads: options.roads, demand: options.demand, signals: options.signals },
  }, `${options.name}.json`);
  const world = createWorld(scenario, `${options.name}.json`);
  const traffic = world.traffic!;
  const buildS = (performance.now() - buildStartMs) / 1000;

  let vehicleSteps = 0;
  const stops = createStopSamples();
  const sampleEvery = Math.max(1, Math.round(5 / options.stepS));
  let samplingMs = 0;
  // What reading the heap itself allocates, bytes (two reads in a row).
  const probeBytes = Math.max(0, -process.memoryUsage().heapUsed + process.memoryUsage().heapUsed);
  let heapAtWindow = process.memoryUsage().heapUsed;
  let allocatedBytes = 0;
  let allocationSteps = 0;
  const startMs = performance.now();
  while (!isRunOver(world)) {
    stepWorld(world);
    vehicleSteps += traffic.vehicles.count;
    if (world.clock.tick % ALLOCATION_WINDOW === 0) {
      const probeStartMs = performance.now();
      const heapNow = process.memoryUsage().heapUsed;
      if (heapNow >= heapAtWindow) {
        allocatedBytes += heapNow - heapAtWindow - probeBytes;
        allocationSteps += ALLOCATION_WINDOW;
      }
      heapAtWindow = heapNow;
      samplingMs += performance.now() - probeStartMs;
    }
    if (world.clock.tick % sampleEvery === 0) {
      const sampleStartMs = performance.now();
      sampleStops(traffic, world.clock.tick * world.clock.stepS, stops);
      samplingMs += performance.now() - sampleStartMs;
    }
  }
  const wallS = (performance.now() - startMs - samplingMs) / 1000;

  const summary = summarizeWorld(world, wallS).traffic!;
  let unroutedEntries = 0;
  let unroutedTrips = 0;
  let routeSumM = 0;
  for (let d = 0; d < traffic.demand.length; d++) {
    const entry = traffic.demand[d];
    if (entry.route === null) {
      unroutedEntries++;
      unroutedTrips += Math.ceil((entry.vehiclesPerHour * (entry.toS - entry.fromS)) / 3600 - 1e-9);
      continue;
    }
    let lengthM = 0;
    for (const link of entry.route) lengthM += traffic.network.linkLengthM[link];
    routeSumM += entry.inserted * lengthM;
  }
  return {
    label: `Vigie (IDM) dt=${options.stepS}`,
    stepS: options.stepS,
    buildS,
    wallS,
    simulatedS: world.clock.tick * world.clock.stepS,
    demandEntries: traffic.demand.length,
    unroutedEntries,
    unroutedTrips,
    inserted: summary.inserted,
    arrived: summary.arrived,
    onRoad: summary.onRoad,
    waiting: summary.waiting,
    meanTravelTimeS: traffic.arrived > 0 ? traffic.travelTimeSumS / traffic.arrived : null,
    meanRouteLengthM: summary.inserted > 0 ? routeSumM / summary.inserted : null,
    vehicleSteps,
    stops,
    overlapsAtEnd: countOverlaps(traffic),
    bytesPerStep: allocationSteps > 0 ? Math.max(0, allocatedBytes / allocationSteps) : null,
  };
}
