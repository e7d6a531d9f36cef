/**
 * The world: everything one simulation owns (clock, random streams, agents, geometry, navigation,
 * model state, measurements, scheduled events), compiled from a validated scenario by
 * `createWorld`. Two worlds in one process share nothing: ids, random streams and scratch
 * buffers that outlive a step are per world.
 */
import { createAgentStore, createPermuteScratch, type AgentStore, type PermuteScratch } from '../agents/AgentStore.ts';
import { createEventQueue, scheduleEvent, type EventQueue } from '../events/EventQueue.ts';
import { buildWalkableSpace, buildWallIndex, type WalkableSpace, type WallIndex } from '../geometry/WalkableSpace.ts';
import { computeDoorWidthsM } from '../geometry/doorWidth.ts';
import { areaM2, polygonBounds } from '../geometry/polygon.ts';
import { createExitChoiceState, type ExitChoiceState } from '../navigation/ExitChoice.ts';
import { createMeasurementArea, type MeasurementArea } from '../measurement/MeasurementArea.ts';
import { createMeasurementLine, type MeasurementLine } from '../measurement/MeasurementLine.ts';
import { computeFloorField, computeFloorFieldToPoint, type FloorField } from '../navigation/FloorField.ts';
import { buildNavGrid, MAX_NAV_CELLS, navCellAt, type NavGrid } from '../navigation/NavGrid.ts';
import { maxDesiredSpeedMps } from '../pedestrians/desiredSpeed.ts';
import { CSM_DEFAULTS, REPULSION_CUTOFF, type CsmContext, type CsmParams } from '../pedestrians/CollisionFreeSpeedModel.ts';
import { forkStream, type Rng } from '../random/Rng.ts';
import { buildPedestrianNetwork, createNetworkWalkers, type NetworkRoute, type NetworkWalkers, type PedestrianNetwork } from '../network/PedestrianNetwork.ts';
import { networkEntries, planNetworkRoute, type NetworkEntries } from './networkRoutes.ts';
import { buildTraffic, type Traffic } from '../vehicles/Traffic.ts';
import { withTramDoors } from '../transit/tramDoors.ts';
import { buildReplay, type ReplayState } from '../replay/Replay.ts';
import { buildDevices, type Devices } from '../devices/Devices.ts';
import { ALIGHTING_SPEED, buildTransit, type Transit } from '../transit/Transit.ts';
import type { Behaviour, GatheringSpec, IncidentSpec, GoalSpec, PedestrianGroupSpec, PolygonM, Scenario, SpeedSpec } from '../scenario/Scenario.ts';
import { POSTURE_LYING, POSTURE_SITTING, POSTURE_STANDING } from '../scenario/Scenario.ts';
import { ScenarioError } from '../scenario/ScenarioError.ts';
import { createUniformGrid, type UniformGrid } from '../spatial/UniformGrid.ts';
import { drawIncidents } from './drawIncidents.ts';
import { buildSensors, type Sensors } from '../sensors/Sensors.ts';
import type { VigieEvent } from '../events/VigieEvent.ts';
import type { ControlLoop } from '../responses/ControlLoop.ts';
import { isFreeOfWalls, placeOnLattice } from './placement.ts';
import { createClock, DEFAULT_STEP_S, tickAtOrAfter, type Clock } from '../time/Clock.ts';
import { createAgentRecords, type AgentRecords } from './AgentRecords.ts';
import { arrivalCurveOf, expectedArrivals, type ArrivalCurve } from './arrivals.ts';
import { createCompanions } from '../pedestrians/companions.ts';

/** Default body radius in metres (body length l = 0.36 m; calibrated with the CSM defaults). */
export const DEFAULT_RADIUS_M = 0.18;
/** Agents are re-sorted in memory by grid cell every this many steps. */
export const RESORT_EVERY_TICKS = 20;

/** A population that spawns agents: a group placed at once, or a source with a rate. */
export interface Population {
  id: string;
  /** A group placed at once, a source with a rate, the people alighting from trams at one stop, or a replayed recording. */
  kind: 'group' | 'source' | 'alighting' | 'replay';
  /** Floor field (goal set) its people follow. */
  fieldIndex: number;
  radiusM: number;
  speed: SpeedSpec;
  /** Group: people to place; source: rate and window. */
  count: number;
  spawnPolygon: PolygonM | null;
  spawnPoints: [number, number][] | null;
  /** Group that starts on the pedestrian network at this point (and its route into the walkable space). */
  networkStart: [number, number] | null;
  networkRoute: NetworkRoute | null;
  /** Network start: the earliest time, s, at which the next person may set off from the first node. */
  nextDepartureS: number;
  startTick: number;
  preMovement: PedestrianGroupSpec['preMovementS'];
  /** Behaviour group (ground truth for audits) and the posture of its people before they walk (POSTURE_*). */
  behaviour: Behaviour;
  posture: number;
  /**
   * A gathering first (engine/step/phases/gather.ts): the field to the first meeting point (the
   * others follow, one field each), the points, how close counts as there, and how long each
   * stays (`stayTicks`) or until which tick (`untilTick`, -1 without; then the pre-movement).
   */
  gathering: { field: number; points: [number, number][]; radiusM: number; reachM: number; stayTicks: number; untilTick: number; standAtPerM2: number } | null;
  /** Share of its people with reduced mobility (their speed from RiMEA's impaired range). */
  reducedMobilityShare: number;
  /**
   * Share of its people by the size of the group they walk with (index 0: alone), or null; the
   * group being formed (engine/pedestrians/companions.ts), members still to come, and where the
   * last member appeared (the next appear beside them).
   */
  socialGroups: number[] | null;
  openGroup: number;
  openGroupLeft: number;
  lastSpawnXM: number;
  lastSpawnYM: number;
  /** A source with a profile or a curve: arrivals due by time t (engine/world/arrivals.ts); null for a steady rate. */
  arrivals: ArrivalCurve | null;
  ratePerS: number;
  fromTick: number;
  toTick: number;
  /** Source: people spawned so far, and people due but not yet placed (area full). */
  spawned: number;
  backlog: number;
}

export interface World {
  scenario: Scenario;
  fileName: string;
  seed: number;
  clock: Clock;
  /** Independent random streams, one per subsystem. */
  random: { placement: Rng; speeds: Rng; preMovement: Rng; sources: Rng; network: Rng };
  agents: AgentStore;
  records: AgentRecords;
  permuteScratch: PermuteScratch;
  grid: UniformGrid;
  space: WalkableSpace;
  wallIndex: WallIndex;
  nav: NavGrid;
  exitIds: string[];
  /** 1 while exit e takes people. */
  exitOpen: Uint8Array;
  /** 1 while gate g (geometry.gates) lets people in. */
  gateOpen: Uint8Array;
  /** Per gate: the zebra crossings (indices in traffic.zebras) whose approaching vehicles close it. */
  gateZebras: Int32Array[];
  /** Per gate: the time its moment (`opensAt`) comes, s; 0 without one. */
  gateOpensAtS: Float64Array;
  /** Per zebra crossing: 1 while a vehicle approaches it that could not stop comfortably (updateGates). */
  zebraUnstoppable: Uint8Array;
  fields: FloorField[];
  /** fieldExit[f * exitCount + e] = 1 when field f leads to exit e. */
  fieldExit: Uint8Array;
  populations: Population[];
  pedestrianModel: CsmContext;
  /** The pedestrian network around the walkable space (geometry.network), or null. */
  network: PedestrianNetwork | null;
  /** People walking on the network towards the walkable space. */
  walkers: NetworkWalkers;
  /** The network route of each population by index (null for the others), for the network phase. */
  networkRouteList: (NetworkRoute | null)[];
  /** Road traffic (scenario.traffic), or null. */
  traffic: Traffic | null;
  /** Trams (scenario.transit), or null. */
  transit: Transit | null;
  /** Replayed recordings (scenario.replays), or null. */
  replay: ReplayState | null;
  /** Gathering people by id: on their way (0), waiting for their moment (-1), or the tick they leave + 1 (engine/step/phases/gather.ts). */
  gatherState: Int32Array;
  /** Whether any population gathers first (the gather phase has work). */
  hasGatherings: boolean;
  /** The run's ground-truth incidents: the scenario's scripted ones and those drawn from its randomIncidents, in start order. */
  incidents: IncidentSpec[];
  /** Sensors other than cameras (scenario.devices), or null (engine/devices/). */
  devices: Devices | null;
  /** Cameras and lighting (scenario.sensors), or null (engine/sensors/). */
  sensors: Sensors | null;
  /**
   * The run's event log: what sensors observed, alerts, commands and acknowledgements, in
   * emission order. An adapter that streams it to a file takes the events out as they are read
   * (engine/run/runWorld.ts `takeEvents`); `eventsTaken` counts them.
   */
  eventLog: VigieEvent[];
  /** Events taken out of the front of `eventLog` so far (the log's first event is the run's event number eventsTaken). */
  eventsTaken: number;
  /**
   * Live detection rules and responses (engine/responses/ControlLoop.ts), attached by the adapter
   * (`vigie run --rules`), or null: the phases evaluateRules and respond run them.
   */
  control: ControlLoop | null;
  /** Congestion-aware exit choice, or null for the nearest exit by travel time. */
  exitChoice: ExitChoiceState | null;
  lines: MeasurementLine[];
  areas: MeasurementArea[];
  events: EventQueue;
  /** Agents that have left through an exit and walk on for one headway before removal. */
  departingCount: number;
  durationTicks: number;
  /** Agents expected to appear later (groups not yet placed, sources not yet over). */
  warnings: string[];
  /** Optional wall-clock source injected by an adapter to time the phases (the engine never reads a clock). */
  nowMs: (() => number) | null;
  /** Accumulated milliseconds per step phase, when `nowMs` is set. */
  phaseMs: Record<string, number>;
}

function goalKey(goal: GoalSpec): string[] {
  return [...new Set(typeof goal === 'string' ? [goal] : goal)].sort();
}

/**
 * Compiles a validated scenario into a world at tick 0, with nobody placed yet: every group is
 * a scheduled `groupAppears` event (`createWorld` places those due at tick 0). Throws
 * ScenarioError for problems that only show at this stage (an area too small for its group, an
 * exit unreachable from a spawn area).
 */
/**
 * The walkable space, navigation grid and floor fields of the last geometry built in this thread.
 * They depend on the geometry and the navigation cell only (not on the seed), are never written
 * once built (a closed exit gets new field arrays, not changed ones), and take most of a world's
 * construction (the fields: a fast-marching pass each over the whole grid): an audit that builds
 * the same scenario for seed after seed, in one worker, builds them once.
 */
interface Navigation {
  key: string;
  space: WalkableSpace;
  nav: NavGrid;
  /** Fields by goal set (exit indices joined), all exits open, and toward meeting points (`point:x,y,r`). */
  fields: Map<string, FloorField>;
}

let lastNavigation: Navigation | null = null;

/**
 * Desired speeds of people with reduced mobility: U(0.46, 0.76) m/s, the range for impaired
 * walkers of RiMEA 3.0 test 7 (after Weidmann 1993).
 */
export const REDUCED_MOBILITY_SPEED: SpeedSpec = { distribution: 'uniform', min: 0.46, max: 0.76 };

/** How close to a meeting point counts as there, m (default of `gathering.radiusM`). */
export const DEFAULT_GATHERING_RADIUS_M = 3;

/**
 * How far from its meeting point a gathering person counts as arrived: the radius, plus the
 * radius of the crowd the group forms around it at 0.6 m² a person (about 1.7 per m², a crowd
 * standing close), plus 1.5 m: the last to come stop at the crowd's edge.
 */
export function gatheringReachM(radiusM: number, people: number): number {
  return radiusM + Math.sqrt((people * 0.6) / Math.PI) + 1.5;
}

function navigationOf(geometry: Scenario['geometry'], cellM: number, fileName: string): Navigation {
  const key = JSON.stringify([geometry, cellM]);
  if (lastNavigation !== null && lastNavigation.key === key) return lastNavigation;
  const space = buildWalkableSpace(geometry);
  // Before the grid is allocated: an area too large for it is the user's error, said as such.
  checkExtent(space, fileName);
  lastNavigation = { key, space, nav: buildNavGrid(space, geometry.exits, cellM), fields: new Map() };
  return lastNavigation;
}

/** The field toward a goal set: a copy of the cached one when every exit is open (fields are
 * replaced, not written, when exits close, so each world gets its own field objects). */
function fieldToward(navigation: Navigation, goals: number[], exitOpen: Uint8Array): FloorField {
  if (!exitOpen.every((open) => open === 1)) return computeFloorField(navigation.nav, goals, exitOpen);
  const key = goals.join(',');
  let field = navigation.fields.get(key);
  if (field === undefined) {
    field = computeFloorField(navigation.nav, goals, exitOpen);
    navigation.fields.set(key, field);
  }
  return { ...field, exitIndices: [...field.exitIndices] };
}

/** The field toward a meeting point: cached with the navigation grid as the goal fields are (a copy of the cached one). */
function fieldToPoint(navigation: Navigation, xM: number, yM: number, radiusM: number): FloorField {
  const key = `point:${xM},${yM},${radiusM}`;
  let field = navigation.fields.get(key);
  if (field === undefined) {
    field = computeFloorFieldToPoint(navigation.nav, xM, yM, radiusM);
    navigation.fields.set(key, field);
  }
  return { ...field, exitIndices: [...field.exitIndices] };
}

export function buildWorld(scenarioAsGiven: Scenario, fileName = 'scenario'): World {
  // Trams' doors become exits (and stop ids in goals, their doors) before anything is built.
  const scenario = withTramDoors(scenarioAsGiven);
  const stepS = scenario.stepS ?? DEFAULT_STEP_S;
  const clock = createClock(stepS);
  const geometry = scenario.geometry;
  const navigation = navigationOf(geometry, scenario.navigation?.cellM ?? 0.1, fileName);
  const { space, nav } = navigation;
  const exitIds = geometry.exits.map((e) => e.id);
  const exitOpen = new Uint8Array(exitIds.length).fill(1);
  const gateOpen = new Uint8Array(space.gateCount).fill(1);

  // One floor field per distinct goal set.
  const fieldKeys: string[] = [];
  const fieldGoals: number[][] = [];
  const fieldOf = (goal: GoalSpec): number => {
    const ids = goalKey(goal);
    const key = ids.join('\u0000');
    let f = fieldKeys.indexOf(key);
    if (f < 0) {
      f = fieldKeys.length;
      fieldKeys.push(key);
      fieldGoals.push(ids.map((id) => exitIds.indexOf(id)));
    }
    return f;
  };

  const populations: Population[] = [];
  let maxSpeedMps = 1.34;
  let maxRadiusM = DEFAULT_RADIUS_M;
  const socialGroupsOf = (spec: { shareBySize: number[] } | undefined) => ({
    socialGroups: spec === undefined ? null : spec.shareBySize, openGroup: -1, openGroupLeft: 0, lastSpawnXM: 0, lastSpawnYM: 0,
  });
  const momentTick = (id: string): number => tickAtOrAfter(clock, (scenario.schedule ?? []).find((moment) => moment.id === id)!.atS);
  const gatheringOf = (spec: GatheringSpec | undefined, people: number): Population['gathering'] => {
    if (spec === undefined) return null;
    const points = (typeof spec.at[0] === 'number' ? [spec.at] : spec.at) as [number, number][];
    const radiusM = spec.radiusM ?? DEFAULT_GATHERING_RADIUS_M;
    return {
      field: -1, points, radiusM, reachM: gatheringReachM(radiusM, people / points.length),
      stayTicks: spec.stayS === undefined ? 0 : tickAtOrAfter(clock, spec.stayS), untilTick: spec.until === undefined ? -1 : momentTick(spec.until),
      standAtPerM2: spec.standAtPerM2 ?? 0,
    };
  };
  const noteSpeed = (spec: SpeedSpec) => {
    maxSpeedMps = Math.max(maxSpeedMps, maxDesiredSpeedMps(spec));
  };
  for (const group of scenario.pedestrians ?? []) {
    noteSpeed(group.desiredSpeedMps);
    if ((group.reducedMobilityShare ?? 0) > 0) noteSpeed(REDUCED_MOBILITY_SPEED);
    maxRadiusM = Math.max(maxRadiusM, group.radiusM ?? DEFAULT_RADIUS_M);
    populations.push({
      id: group.id, kind: 'group', fieldIndex: fieldOf(group.goal), radiusM: group.radiusM ?? DEFAULT_RADIUS_M,
      speed: group.desiredSpeedMps, count: group.count,
      spawnPolygon: 'polygon' in group.spawn ? group.spawn.polygon : null,
      spawnPoints: 'points' in group.spawn ? group.spawn.points : null,
      networkStart: 'network' in group.spawn ? group.spawn.network : null,
      networkRoute: null,
      nextDepartureS: 0,
      startTick: tickAtOrAfter(clock, group.startS ?? 0), preMovement: group.preMovementS,
      behaviour: group.behaviour ?? 'ordinary', posture: group.behaviour === 'sitting' ? POSTURE_SITTING : group.behaviour === 'lying' ? POSTURE_LYING : POSTURE_STANDING,
      // The meeting field is made once the goal fields are (below).
      gathering: gatheringOf(group.gathering, group.count),
      reducedMobilityShare: group.reducedMobilityShare ?? 0, arrivals: null, ...socialGroupsOf(group.socialGroups),
      ratePerS: 0, fromTick: 0, toTick: 0, spawned: 0, backlog: 0,
    });
  }
  for (const source of scenario.sources ?? []) {
    noteSpeed(source.desiredSpeedMps);
    if ((source.reducedMobilityShare ?? 0) > 0) noteSpeed(REDUCED_MOBILITY_SPEED);
    maxRadiusM = Math.max(maxRadiusM, source.radiusM ?? DEFAULT_RADIUS_M);
    // One population per origin (SOURCE/ORIGIN), with its share of the arrivals.
    const origins = source.origins ?? [{ id: '', polygon: source.polygon, network: source.network, share: 1 }];
    for (const origin of origins) {
      const arrivals = arrivalCurveOf(source, origin.share);
      const fromS = arrivals === null ? source.fromS! : arrivals.timesS[0];
      const toS = arrivals === null ? source.toS! : arrivals.timesS[arrivals.timesS.length - 1];
      const ratePerS = arrivals === null ? source.ratePerS! * origin.share : expectedArrivals(arrivals, toS) / Math.max(toS - fromS, 1e-9);
      populations.push({
        id: origin.id === '' ? source.id : `${source.id}/${origin.id}`, kind: 'source', fieldIndex: fieldOf(source.goal), radiusM: source.radiusM ?? DEFAULT_RADIUS_M,
        speed: source.desiredSpeedMps, count: 0, spawnPolygon: origin.polygon ?? null, spawnPoints: null, networkStart: origin.network ?? null, networkRoute: null, nextDepartureS: 0,
        startTick: tickAtOrAfter(clock, fromS), preMovement: source.preMovementS, behaviour: 'ordinary', posture: POSTURE_STANDING,
        gathering: gatheringOf(source.gathering, ratePerS * (toS - fromS)),
        reducedMobilityShare: source.reducedMobilityShare ?? 0, arrivals, ...socialGroupsOf(source.socialGroups),
        ratePerS, fromTick: tickAtOrAfter(clock, fromS), toTick: tickAtOrAfter(clock, toS),
        spawned: 0, backlog: 0,
      });
    }
  }

  // People alighting from trams: one population per stop where some get off.
  const alightingPopulation = new Map<string, number>();
  (scenario.transit?.lines ?? []).forEach((line, l) => {
    line.stops.forEach((stop, s) => {
      if (!(stop.alightShare && stop.alightShare > 0 && stop.alightGoal !== undefined)) return;
      const speed = stop.alightSpeedMps ?? ALIGHTING_SPEED;
      noteSpeed(speed);
      alightingPopulation.set(`${l}/${s}`, populations.length);
      populations.push({
        id: `${line.id}:${stop.id}:alighting`, kind: 'alighting', fieldIndex: fieldOf(stop.alightGoal), radiusM: DEFAULT_RADIUS_M, speed, count: 0,
        spawnPolygon: null, spawnPoints: null, networkStart: null, networkRoute: null, nextDepartureS: 0, startTick: 0, preMovement: undefined,
        behaviour: 'ordinary', posture: POSTURE_STANDING, gathering: null, reducedMobilityShare: 0, arrivals: null, ...socialGroupsOf(undefined), ratePerS: 0, fromTick: 0, toTick: 0, spawned: 0, backlog: 0,
      });
    });
  });

  // Replayed recordings: one population each (their people follow no field).
  const replay = buildReplay(scenario.replays ?? []);
  const incidents = drawIncidents(scenario);
  (scenario.replays ?? []).forEach((spec, r) => {
    if (replay) replay.population[r] = populations.length;
    populations.push({
      id: spec.id, kind: 'replay', fieldIndex: 0, radiusM: DEFAULT_RADIUS_M, speed: 1.34, count: 0,
      spawnPolygon: null, spawnPoints: null, networkStart: null, networkRoute: null, nextDepartureS: 0, startTick: 0, preMovement: undefined,
      behaviour: 'ordinary', posture: POSTURE_STANDING, gathering: null, reducedMobilityShare: 0, arrivals: null, ...socialGroupsOf(undefined), ratePerS: 0, fromTick: 0, toTick: 0, spawned: 0, backlog: 0,
    });
  });

  // Congestion-aware choice needs one field per exit of every multi-exit goal set.
  const congestionAware = scenario.navigation?.exitChoice === 'congestion';
  if (congestionAware) {
    for (const goals of [...fieldGoals]) if (goals.length > 1) for (const e of goals) fieldOf(exitIds[e]);
  }
  const fields = fieldGoals.map((goals) => fieldToward(navigation, goals, exitOpen));
  // Gatherings: a field toward each meeting point, after the goal fields (it leads to no exit).
  for (const population of populations) {
    if (population.gathering === null) continue;
    population.gathering.field = fields.length;
    for (const [x, y] of population.gathering.points) fields.push(fieldToPoint(navigation, x, y, population.gathering.radiusM));
  }
  const fieldExit = new Uint8Array(Math.max(1, fields.length * exitIds.length));
  fieldGoals.forEach((goals, f) => goals.forEach((e) => (fieldExit[f * exitIds.length + e] = 1)));

  const model = scenario.model ?? {};
  const params: CsmParams = {
    timeGapS: model.timeGapS ?? CSM_DEFAULTS.timeGapS,
    neighbourRepulsion: model.neighbourRepulsion ?? CSM_DEFAULTS.neighbourRepulsion,
    neighbourRangeM: model.neighbourRangeM ?? CSM_DEFAULTS.neighbourRangeM,
    wallRepulsion: model.wallRepulsion ?? CSM_DEFAULTS.wallRepulsion,
    wallRangeM: model.wallRangeM ?? CSM_DEFAULTS.wallRangeM,
    anisotropy: model.anisotropy ?? CSM_DEFAULTS.anisotropy,
    headingRelaxationS: model.headingRelaxationS ?? CSM_DEFAULTS.headingRelaxationS,
    yieldWeight: model.yieldWeight ?? CSM_DEFAULTS.yieldWeight,
    searchRadiusM: 0,
  };
  // Beyond l + v0 T the speed of eq. 2 is no longer limited; beyond l + D ln(a / cutoff) the
  // repulsion is below REPULSION_CUTOFF. The neighbour search covers both.
  const speedReachM = 2 * maxRadiusM + maxSpeedMps * params.timeGapS;
  const repulsionReachM = 2 * maxRadiusM + params.neighbourRangeM * Math.log(Math.max(params.neighbourRepulsion, 1e-9) / REPULSION_CUTOFF);
  params.searchRadiusM = Math.min(8, Math.max(speedReachM, repulsionReachM, 0.5));

  const initialCapacity = populations.reduce((sum, p) => sum + (p.kind === 'group' ? p.count : Math.min(1e6, p.ratePerS * ((p.toTick - p.fromTick) * stepS))), 0);
  const agents = createAgentStore(Math.ceil(initialCapacity) + 16);
  const periodic = geometry.periodicX;
  const [minX, minY, maxX, maxY] = space.bounds;
  const companions = populations.some((population) => population.socialGroups !== null) ? createCompanions() : null;
  // Cells at least the search radius (the 3 x 3 block then covers it), larger on big areas so
  // that the dense grid stays under MAX_NEIGHBOUR_GRID_CELLS.
  const gridCellM = Math.max(params.searchRadiusM, Math.sqrt(((maxX - minX + 1) * (maxY - minY + 1)) / MAX_NEIGHBOUR_GRID_CELLS));
  const grid = periodic
    ? createUniformGrid(periodic.minXM, minY, periodic.maxXM, maxY, gridCellM, true, agents.capacity)
    : createUniformGrid(minX, minY, maxX, maxY, gridCellM, false, agents.capacity);
  // Walls within reach of a step: a body radius, the longest step, and the repulsion range.
  const [bx0, by0, bx1, by1] = space.bounds;
  const wallCellM = Math.max(1, Math.sqrt(((bx1 - bx0) * (by1 - by0)) / MAX_WALL_INDEX_CELLS));
  const wallIndex = buildWallIndex(space, wallCellM, maxRadiusM + maxSpeedMps * stepS + 0.3);

  let exitChoice: ExitChoiceState | null = null;
  if (congestionAware) {
    const singleFieldOfExit = exitIds.map((id) => fieldKeys.indexOf(id));
    const optionsByField = fieldGoals.map((goals) => (goals.length > 1 ? Int32Array.from(goals, (e) => singleFieldOfExit[e]) : null));
    const exitOfField = Int32Array.from(fieldGoals, (goals) => (goals.length === 1 ? goals[0] : -1));
    const doorWidthsM = computeDoorWidthsM(geometry);
    const doorWidthM = geometry.exits.map((exit, e) => {
      if (doorWidthsM[e] > 0) return doorWidthsM[e];
      const [x0, y0, x1, y1] = polygonBounds(exit.polygon);
      return Math.max(x1 - x0, y1 - y0);
    });
    exitChoice = createExitChoiceState(optionsByField, exitOfField, Int32Array.from(populations, (p) => p.fieldIndex), doorWidthM, Math.ceil(initialCapacity) + 16, stepS);
  }

  const world: World = {
    scenario,
    fileName,
    seed: scenario.seed,
    clock,
    random: {
      placement: forkStream(scenario.seed, 'placement'),
      speeds: forkStream(scenario.seed, 'speeds'),
      preMovement: forkStream(scenario.seed, 'preMovement'),
      sources: forkStream(scenario.seed, 'sources'),
      network: forkStream(scenario.seed, 'network'),
    },
    agents,
    records: createAgentRecords(agents.capacity),
    permuteScratch: createPermuteScratch(agents.capacity),
    grid,
    space,
    wallIndex,
    nav,
    exitIds,
    exitOpen,
    gateOpen,
    gateOpensAtS: Float64Array.from(geometry.gates ?? [], (gate) => (gate.opensAt === undefined ? 0 : (scenario.schedule ?? []).find((moment) => moment.id === gate.opensAt)?.atS ?? 0)),
    gateZebras: (geometry.gates ?? []).map((gate) => Int32Array.from(gate.zebras ?? [], (id) => (scenario.traffic?.zebras ?? []).findIndex((zebra) => zebra.id === id))),
    zebraUnstoppable: new Uint8Array(scenario.traffic?.zebras?.length ?? 0),
    fields,
    fieldExit,
    populations,
    pedestrianModel: {
      params, agents, grid, space, wallIndex, nav, fields, exitOpen, fieldExit, exitCount: exitIds.length, gateOpen,
      periodicMinXM: periodic ? periodic.minXM : 0,
      periodicLengthM: periodic ? periodic.maxXM - periodic.minXM : 0,
      companions,
    },
    network: geometry.network ? buildPedestrianNetwork(geometry.network) : null,
    walkers: createNetworkWalkers(populations.reduce((sum, p) => sum + (p.networkStart ? (p.kind === 'group' ? p.count : Math.min(1e6, Math.ceil(p.ratePerS * (p.toTick - p.fromTick) * stepS) + 1)) : 0), 0)),
    networkRouteList: [],
    traffic: scenario.traffic ? buildTraffic(scenario.traffic, scenario.durationS) : null,
    replay,
    incidents,
    gatherState: new Int32Array(0),
    hasGatherings: populations.some((population) => population.gathering !== null),
    devices: buildDevices(scenario.devices, incidents, scenario.river, scenario.seed, space.bounds, scenario.durationS),
    transit: buildTransit(scenario, exitIds, stepS, scenario.durationS, (l, s) => alightingPopulation.get(`${l}/${s}`) ?? -1),
    sensors: buildSensors(scenario.sensors, geometry, scenario.seed, stepS, incidents, (x, y) => {
      const cell = navCellAt(nav, x, y);
      return cell >= 0 && nav.walkable[cell] === 1;
    }),
    eventLog: [],
    eventsTaken: 0,
    control: null,
    exitChoice,
    lines: (scenario.measurementLines ?? []).map(createMeasurementLine),
    areas: (scenario.measurementAreas ?? []).map((a) => createMeasurementArea(a, stepS)),
    events: createEventQueue(),
    departingCount: 0,
    durationTicks: Math.round(scenario.durationS / stepS),
    warnings: [],
    nowMs: null,
    phaseMs: {},
  };

  if (nav.cellM > (scenario.navigation?.cellM ?? 0.1) * 1.0001) {
    world.warnings.push(`the floor-field grid was coarsened from ${scenario.navigation?.cellM ?? 0.1} m to ${nav.cellM.toFixed(3)} m cells to stay under ${MAX_NAV_CELLS} cells; narrow passages may be blocked (set navigation.cellM)`);
  }
  checkReachability(world, fileName);
  planNetworkRoutes(world, fileName);
  checkTrafficRoutes(world, fileName);
  checkTramPlatforms(world, fileName);
  // Doors are shut until a tram stands at their stop (the floor fields still lead to them).
  for (const line of world.transit?.lines ?? []) for (const stop of line.stops) for (const e of stop.doorExits) exitOpen[e] = 0;
  world.networkRouteList = populations.map((population) => population.networkRoute);
  for (const population of populations) {
    const startsS = population.startTick * stepS;
    if (startsS >= scenario.durationS) {
      world.warnings.push(`${population.kind} "${population.id}" starts at ${startsS} s, at or after the end of the run (durationS ${scenario.durationS} s): its people never appear`);
    } else if (population.kind === 'source' && population.toTick * stepS > scenario.durationS) {
      world.warnings.push(`source "${population.id}" runs until ${population.toTick * stepS} s, after the end of the run (durationS ${scenario.durationS} s)`);
    }
  }
  populations.forEach((population, index) => {
    if (population.kind === 'group' && population.count > 0) {
      scheduleEvent(world.events, { tick: population.startTick, kind: 'groupAppears', target: index });
      checkGroupFits(world, index, fileName);
      checkSpawnPoints(world, index, `pedestrians[${index}]`, fileName);
    }
  });
  geometry.exits.forEach((exit, e) => {
    if (exit.closeS !== undefined) scheduleEvent(world.events, { tick: tickAtOrAfter(clock, exit.closeS), kind: 'exitCloses', target: e });
  });
  return world;
}

/**
 * Explicit spawn points must each leave room for a body: at least r from every wall and 2 r
 * from each other (points are taken as given, not moved).
 */
function checkSpawnPoints(world: World, index: number, groupPath: string, fileName: string): void {
  const population = world.populations[index];
  const points = population.spawnPoints;
  if (!points) return;
  const used = points.slice(0, population.count);
  const r = population.radiusM;
  const problems: { path: string; message: string }[] = [];
  used.forEach(([x, y], i) => {
    if (!isFreeOfWalls(world.nav, x, y, r)) problems.push({ path: `${groupPath}.spawn.points[${i}]`, message: `[${x}, ${y}] is less than a body radius (${r} m) from a wall, or outside the walkable space` });
  });
  // Pairs closer than 2 r: sweep the points sorted by x.
  const order = used.map((_p, i) => i).sort((a, b) => used[a][0] - used[b][0] || a - b);
  for (let a = 0; a < order.length && problems.length < 20; a++) {
    for (let b = a + 1; b < order.length && used[order[b]][0] - used[order[a]][0] < 2 * r; b++) {
      const [xa, ya] = used[order[a]], [xb, yb] = used[order[b]];
      if (Math.hypot(xb - xa, yb - ya) < 2 * r) {
        const [i, j] = order[a] < order[b] ? [order[a], order[b]] : [order[b], order[a]];
        problems.push({ path: `${groupPath}.spawn.points[${j}]`, message: `[${used[j][0]}, ${used[j][1]}] is less than two body radii (${2 * r} m) from points[${i}]` });
      }
    }
  }
  if (problems.length > 0) throw new ScenarioError(fileName, problems);
}

/** True when a point's floor-field cell reaches one of the field's exits (finite distance). */
export function isReachable(world: World, fieldIndex: number, xM: number, yM: number): boolean {
  const cell = navCellAt(world.nav, xM, yM);
  return cell >= 0 && Number.isFinite(world.fields[fieldIndex].distanceM[cell]);
}

/** The dense neighbour grid (cells of about 1 m) may have at most this many cells. */
export const MAX_NEIGHBOUR_GRID_CELLS = 25_000_000;
/** The wall index coarsens its 1 m cells beyond this many cells. */
const MAX_WALL_INDEX_CELLS = 4_000_000;

/**
 * The neighbour grid is dense over the bounding box of the walkable space, so a scenario may
 * span at most about 25 km² of it (a district, not a region): beyond that, a ScenarioError
 * rather than gigabytes of empty cells.
 */
function checkExtent(space: WalkableSpace, fileName: string): void {
  const [x0, y0, x1, y1] = space.bounds;
  const cellM = 1;
  const cells = ((x1 - x0) / cellM + 1) * ((y1 - y0) / cellM + 1);
  if (!(cells <= MAX_NEIGHBOUR_GRID_CELLS)) {
    throw new ScenarioError(fileName, [{
      path: 'geometry.walkable',
      message: `the walkable space spans ${((x1 - x0) / 1000).toPrecision(3)} km x ${((y1 - y0) / 1000).toPrecision(3)} km; a scenario may cover at most about ${MAX_NEIGHBOUR_GRID_CELLS / 1e6} km² (bounding box)`,
    }]);
  }
}

/**
 * Routes the groups that start on the network into the walkable space (one route per group,
 * entries computed once per floor field); a group with no route is a ScenarioError.
 */
function planNetworkRoutes(world: World, fileName: string): void {
  const entriesByField = new Map<number, NetworkEntries>();
  world.populations.forEach((population, index) => {
    if (!population.networkStart || !world.network) return;
    let entries = entriesByField.get(population.fieldIndex);
    if (!entries) {
      entries = networkEntries(world.network, world.nav, world.fields[population.fieldIndex]);
      entriesByField.set(population.fieldIndex, entries);
    }
    const [x, y] = population.networkStart;
    population.networkRoute = planNetworkRoute(world.network, entries, x, y);
    if (!population.networkRoute) {
      const path = population.kind === 'group' ? `pedestrians[${index}].spawn.network` : `${sourcePathOf(world, population.id)}.network`;
      throw new ScenarioError(fileName, [{ path, message: `no path on geometry.network from [${x}, ${y}] into the walkable space towards the exit(s) of "${population.id}"` }]);
    }
  });
}

/** The scenario path of a source population: `sources[i]`, or `sources[i].origins[k]` for an origin's (id SOURCE/ORIGIN). */
function sourcePathOf(world: World, populationId: string): string {
  const sources = world.scenario.sources ?? [];
  for (let i = 0; i < sources.length; i++) {
    if (sources[i].id === populationId) return `sources[${i}]`;
    const k = (sources[i].origins ?? []).findIndex((origin) => `${sources[i].id}/${origin.id}` === populationId);
    if (k >= 0) return `sources[${i}].origins[${k}]`;
  }
  return 'sources';
}

/** Every demand entry needs a route on the road network. */
function checkTrafficRoutes(world: World, fileName: string): void {
  const demand = world.traffic?.demand ?? [];
  const spec = world.scenario.traffic?.demand ?? [];
  const problems = demand.flatMap((entry, index) => (entry.route === null ? [{ path: `traffic.demand[${index}]`, message: `no road route from node ${spec[index].from} to node ${spec[index].to} (links are one-way as given)` }] : []));
  if (problems.length > 0) throw new ScenarioError(fileName, problems);
}

/**
 * Each door of a stop where people alight needs room on the platform beside it (for a body,
 * clear of walls) and a walkable path from there to the stop's alightGoal.
 */
function checkTramPlatforms(world: World, fileName: string): void {
  const transit = world.transit;
  if (!transit) return;
  const problems: { path: string; message: string }[] = [];
  transit.lines.forEach((line, l) => {
    line.stops.forEach((stop, s) => {
      if (stop.alightPopulation < 0) return;
      const population = world.populations[stop.alightPopulation];
      for (let k = 0; k < stop.doorExits.length; k++) {
        const x = stop.doorXY[2 * k], y = stop.doorXY[2 * k + 1];
        const at = `transit.lines[${l}].stops[${s}]`;
        const point = `[${x.toFixed(2)}, ${y.toFixed(2)}]`;
        if (!isFreeOfWalls(world.nav, x, y, population.radiusM)) {
          problems.push({ path: at, message: `door ${k + 1} lets people out at ${point}, which is not on the walkable platform (check side, platformGapM and the track)` });
          break;
        }
        if (!isReachable(world, population.fieldIndex, x, y)) {
          problems.push({ path: `${at}.alightGoal`, message: `no walkable path from door ${k + 1} of stop "${stop.id}" (${point}) to its alightGoal` });
          break;
        }
      }
    });
  });
  if (problems.length > 0) throw new ScenarioError(fileName, problems);
}

/** Every population must be able to reach one of its exits from where it appears. */
function checkReachability(world: World, fileName: string): void {
  const { nav } = world;
  world.populations.forEach((population, index) => {
    const field = world.fields[population.fieldIndex];
    const samplePoints: [number, number][] = population.spawnPoints ?? (population.spawnPolygon ? population.spawnPolygon : []);
    // The goal belongs to the source, not to its origin.
    const kindPath = population.kind === 'group' ? `pedestrians[${index}]` : sourcePathOf(world, population.id).replace(/\.origins\[\d+\]$/, '');
    let reachable = false;
    let anyInside = false;
    for (const [x, y] of samplePoints) {
      const c = Math.floor((x - nav.originXM) / nav.cellM);
      const r = Math.floor((y - nav.originYM) / nav.cellM);
      for (let dr = -3; dr <= 3 && !reachable; dr++) {
        for (let dc = -3; dc <= 3 && !reachable; dc++) {
          const cell = (r + dr) * nav.columns + (c + dc);
          if (cell < 0 || cell >= nav.walkable.length || !nav.walkable[cell]) continue;
          anyInside = true;
          if (Number.isFinite(field.distanceM[cell])) reachable = true;
        }
      }
      if (reachable) break;
    }
    if (anyInside && !reachable) {
      throw new ScenarioError(fileName, [{ path: `${kindPath}.goal`, message: `no walkable path from the spawn area of "${population.id}" to its exit(s)` }]);
    }
  });
}

/**
 * A group's polygon must hold its count without overlap: first the hexagonal packing bound,
 * then, for a group that appears later in the run, a dry run of the real placement in the
 * empty area (with its own random stream, so the run's draws are unchanged). Groups placed at
 * tick 0 get the real placement at once (createWorld).
 */
function checkGroupFits(world: World, index: number, fileName: string): void {
  const population = world.populations[index];
  if (!population.spawnPolygon) return;
  const area = areaM2(population.spawnPolygon);
  const maxPacking = area / (Math.PI * population.radiusM * population.radiusM) * 0.9069;
  const path = `pedestrians[${index}].count`;
  if (population.count > maxPacking) {
    throw new ScenarioError(fileName, [{
      path,
      message: `${population.count} people of radius ${population.radiusM} m cannot fit in a spawn area of ${area.toFixed(1)} m² (at most about ${Math.floor(maxPacking)})`,
    }]);
  }
  const reachable = (x: number, y: number) => isReachable(world, population.fieldIndex, x, y);
  if (population.startTick > 0 && !placeOnLattice(world.nav, population.spawnPolygon, population.count, population.radiusM, forkStream(world.seed, 'placementCheck'), reachable)) {
    throw new ScenarioError(fileName, [{
      path,
      message: `${population.count} people of radius ${population.radiusM} m cannot be placed without overlap in the part of their spawn area that reaches an exit (clear of walls), even empty`,
    }]);
  }
}
