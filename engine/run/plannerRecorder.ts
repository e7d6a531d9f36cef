/**
 * What a rehearsal records for the planner (issue 7), sampled every `planner.sampleS` (1 s) of
 * a run: density maps on a 1 m lattice (area method, 2 m x 2 m squares), per zone (the
 * scenario's measurement areas) the Voronoi density (Steffen and Seyfried 2010), the most people
 * and the time above 2, 4 and 5 P/m², Fruin's levels of service, the people waiting at tram
 * stops, the people inside (the egress curve); then, from the run's records, flows through the
 * measurement lines, waits, the egress percentiles, travel times per origin and exit, and a
 * ranking of bottlenecks. Plain data out (engine/measurement/PlannerSummary.ts); the same run
 * gives the same figures in any thread.
 */
import { quantileSorted } from 'simple-statistics';
import { AgentKind } from '../agents/AgentStore.ts';
import { pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
import {
  countPeople, createDensityLattice, createVoronoiScratch, forEachOccupiedSquare, voronoiDensity, type DensityLattice, type VoronoiScratch,
} from '../measurement/densityMethods.ts';
import { SERVICE_LEVELS, serviceLevelIndex } from '../measurement/levelOfService.ts';
import type {
  Bottleneck, FlowStats, PlannerMaps, PlannerSummary, QueueStats, ServiceLevel, TravelTimeStats, ZoneStats,
} from '../measurement/PlannerSummary.ts';
import { seriesToArray } from '../measurement/GrowableSeries.ts';
import type { PolygonM } from '../scenario/Scenario.ts';
import { GATHER_WAITING, GATHER_WALKING } from '../step/phases/gather.ts';
import { waitsAtDoors } from '../step/phases/stepTrams.ts';
import type { World } from '../world/World.ts';
import type { RunSummary } from './summary.ts';

/** Densities timed per zone and drawn on the maps, P/m². */
export const PLANNER_DENSITIES = [2, 4, 5];
/** A moving crowd becomes critical around 4 P/m², a standing one around 5 (Still; REFERENCES.md). */
export const MOVING_CRITICAL_PER_M2 = 4;
export const STANDING_CRITICAL_PER_M2 = 5;
/** Peak specific flow of Weidmann's fundamental diagram, P/(m s): a line at it is at capacity. */
export const CAPACITY_SPECIFIC_FLOW = 1.22;
/** Voronoi cells are clipped to a disc of this radius, m (JPSreport's usual cut-off). */
export const VORONOI_CUTOFF_M = 1;
/** Lattice spacing of the density maps, m. */
const MAP_CELL_M = 1;

interface ZoneState {
  id: string;
  kind: 'walkway' | 'queue';
  polygon: PolygonM;
  areaM2: number;
  box: [number, number, number, number];
  stats: ZoneStats;
  /** Set during a sample when a square of the zone is above each threshold. */
  above: boolean[];
}

interface StopState {
  id: string;
  doorExits: Int32Array;
  capacity: number;
  /** When each waiting person was first seen on the platform, s (by id). */
  firstSeenS: Map<number, number>;
  series: number[];
  maxQueue: number;
  maxQueueAtS: number;
}

interface GateState {
  id: string;
  /** The gate line, its length, and which side of it is inside (+1 or -1 for the sign of the cross product). */
  ax: number; ay: number; bx: number; by: number;
  lengthM: number;
  insideSign: number;
  /** People near the gate outside it: when first seen there (by id). */
  firstSeenS: Map<number, number>;
  waits: number[];
  /** People who went through (outside to inside) per minute. */
  perMinute: number[];
  series: number[];
  maxQueue: number;
  maxQueueAtS: number;
}

/** Someone outside a gate and within this distance of its middle queues for it, m. */
export const GATE_QUEUE_RADIUS_M = 15;

export interface PlannerRecorder {
  sampleS: number;
  snapshotEveryS: number;
  lattice: DensityLattice;
  maps: PlannerMaps;
  /** Zones of each lattice node (zones may overlap): nodeZones[zoneStart[node] .. zoneStart[node + 1]). */
  zoneStart: Int32Array;
  nodeZones: Int16Array;
  /** Whether a node lies in a queuing zone (Fruin's queuing table applies). */
  queueNode: Uint8Array;
  zones: ZoneState[];
  stops: StopState[];
  gates: GateState[];
  voronoi: VoronoiScratch;
  inside: number[];
  peak: { densityPerM2: number; atS: number; at: [number, number] };
  secondsAbove4: number;
  secondsAbove5: number;
  maxInside: number;
  maxInsideAtS: number;
  nextSnapshotS: number;
}

/** A recorder for `world` (call before its first step). */
export function createPlannerRecorder(world: World): PlannerRecorder {
  const spec = world.scenario.planner ?? {};
  const [minX, minY, maxX, maxY] = world.space.bounds;
  const lattice = createDensityLattice(minX, minY, maxX, maxY, MAP_CELL_M);
  const nodes = lattice.columns * lattice.rows;
  const maps: PlannerMaps = {
    originXM: lattice.originXM, originYM: lattice.originYM, cellM: lattice.cellM, columns: lattice.columns, rows: lattice.rows,
    maxDensityPerM2: new Float32Array(nodes), secondsAbove4: new Float32Array(nodes), secondsAbove5: new Float32Array(nodes),
    worstLevel: new Int8Array(nodes).fill(-1), walkable: new Uint8Array(nodes), snapshots: [],
  };
  const nav = world.nav;
  for (let row = 0; row < lattice.rows; row++) {
    for (let col = 0; col < lattice.columns; col++) {
      const x = lattice.originXM + col * lattice.cellM, y = lattice.originYM + row * lattice.cellM;
      const c = Math.floor((x - nav.originXM) / nav.cellM), r = Math.floor((y - nav.originYM) / nav.cellM);
      if (c >= 0 && c < nav.columns && r >= 0 && r < nav.rows && nav.walkable[r * nav.columns + c] === 1) maps.walkable[row * lattice.columns + col] = 1;
    }
  }
  const zones: ZoneState[] = (world.scenario.measurementAreas ?? []).map((area) => {
    const box = polygonBounds(area.polygon);
    const levels = Object.fromEntries(SERVICE_LEVELS.map((level) => [level, 0])) as Record<ServiceLevel, number>;
    return {
      id: area.id, kind: area.kind ?? 'walkway', polygon: area.polygon, areaM2: world.areas.find((a) => a.id === area.id)!.areaM2, box, above: PLANNER_DENSITIES.map(() => false),
      stats: {
        kind: area.kind ?? 'walkway', areaM2: 0, maxDensityPerM2: 0, maxAtS: 0, maxAt: [0, 0], maxVoronoiDensityPerM2: 0, maxVoronoiAtS: 0, maxPeople: 0, maxPeopleAtS: 0,
        secondsAbove: Object.fromEntries(PLANNER_DENSITIES.map((d) => [String(d), 0])), worstLevel: 'A', secondsAtLevel: levels, series: { voronoiPerM2: [], people: [] },
      },
    };
  });
  // The zones of each node, as compressed rows (a node may lie in a zone and in one inside it).
  const pairs: [number, number][] = [];
  zones.forEach((zone, z) => {
    zone.stats.areaM2 = zone.areaM2;
    const [x0, y0, x1, y1] = zone.box;
    const c0 = Math.max(0, Math.ceil((x0 - lattice.originXM) / lattice.cellM)), c1 = Math.min(lattice.columns - 1, Math.floor((x1 - lattice.originXM) / lattice.cellM));
    const r0 = Math.max(0, Math.ceil((y0 - lattice.originYM) / lattice.cellM)), r1 = Math.min(lattice.rows - 1, Math.floor((y1 - lattice.originYM) / lattice.cellM));
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        if (pointInPolygon(lattice.originXM + col * lattice.cellM, lattice.originYM + row * lattice.cellM, zone.polygon)) pairs.push([row * lattice.columns + col, z]);
      }
    }
  });
  const zoneStart = new Int32Array(nodes + 1);
  for (const [node] of pairs) zoneStart[node + 1]++;
  for (let node = 0; node < nodes; node++) zoneStart[node + 1] += zoneStart[node];
  const nodeZones = new Int16Array(pairs.length);
  const fill = zoneStart.slice(0, nodes);
  const queueNode = new Uint8Array(nodes);
  for (const [node, z] of pairs) {
    nodeZones[fill[node]++] = z;
    if (zones[z].kind === 'queue') queueNode[node] = 1;
  }
  const stops: StopState[] = [];
  for (const line of world.transit?.lines ?? []) {
    for (const stop of line.stops) {
      if (stop.doorExits.length === 0) continue;
      stops.push({ id: `${line.id}:${stop.id}`, doorExits: stop.doorExits, capacity: line.capacity, firstSeenS: new Map(), series: [], maxQueue: 0, maxQueueAtS: 0 });
    }
  }
  const gates: GateState[] = (world.scenario.geometry.gates ?? []).map((gate) => {
    const [ax, ay] = gate.from, [bx, by] = gate.to;
    const cross = (bx - ax) * (gate.inside[1] - ay) - (by - ay) * (gate.inside[0] - ax);
    return {
      id: gate.id, ax, ay, bx, by, lengthM: Math.hypot(bx - ax, by - ay), insideSign: cross >= 0 ? 1 : -1,
      firstSeenS: new Map(), waits: [], perMinute: [], series: [], maxQueue: 0, maxQueueAtS: 0,
    };
  });
  return {
    sampleS: spec.sampleS ?? 1, snapshotEveryS: spec.snapshotEveryS ?? 600, lattice, maps, zoneStart, nodeZones, queueNode, zones, stops, gates, voronoi: createVoronoiScratch(), inside: [],
    peak: { densityPerM2: 0, atS: 0, at: [0, 0] }, secondsAbove4: 0, secondsAbove5: 0, maxInside: 0, maxInsideAtS: 0, nextSnapshotS: spec.snapshotEveryS ?? 600,
  };
}

/** One sample at `timeS` (every `recorder.sampleS`). */
export function recordPlannerSample(recorder: PlannerRecorder, world: World, timeS: number): void {
  const { agents } = world;
  const { lattice, maps, zones, zoneStart, nodeZones, queueNode, sampleS } = recorder;
  const isPedestrian = (i: number): boolean => agents.kind[i] === AgentKind.pedestrian;
  let inside = 0;
  for (let i = 0; i < agents.count; i++) if (agents.kind[i] === AgentKind.pedestrian) inside++;
  recorder.inside.push(inside);
  if (inside > recorder.maxInside) {
    recorder.maxInside = inside;
    recorder.maxInsideAtS = timeS;
  }

  // Area method on the lattice: every square that holds someone.
  countPeople(lattice, agents.posXM, agents.posYM, agents.count, isPedestrian);
  for (const zone of zones) zone.above.fill(false);
  let sampleMax = 0;
  const snapshot = timeS >= recorder.nextSnapshotS ? new Float32Array(maps.columns * maps.rows) : null;
  forEachOccupiedSquare(lattice, (col, row, density) => {
    const node = row * lattice.columns + col;
    if (snapshot !== null) snapshot[node] = density;
    if (density > maps.maxDensityPerM2[node]) maps.maxDensityPerM2[node] = density;
    if (density > 4) maps.secondsAbove4[node] += sampleS;
    if (density > 5) maps.secondsAbove5[node] += sampleS;
    const level = serviceLevelIndex(density, queueNode[node] === 1 ? 'queue' : 'walkway');
    if (level > maps.worstLevel[node]) maps.worstLevel[node] = level;
    const x = lattice.originXM + col * lattice.cellM, y = lattice.originYM + row * lattice.cellM;
    if (density > sampleMax) sampleMax = density;
    if (density > recorder.peak.densityPerM2) recorder.peak = { densityPerM2: density, atS: timeS, at: [x, y] };
    for (let k = zoneStart[node]; k < zoneStart[node + 1]; k++) {
      const zone = zones[nodeZones[k]];
      if (density > zone.stats.maxDensityPerM2) {
        zone.stats.maxDensityPerM2 = density;
        zone.stats.maxAtS = timeS;
        zone.stats.maxAt = [x, y];
      }
      for (let k = 0; k < PLANNER_DENSITIES.length; k++) if (density > PLANNER_DENSITIES[k]) zone.above[k] = true;
    }
  });
  if (sampleMax > 4) recorder.secondsAbove4 += sampleS;
  if (sampleMax > 5) recorder.secondsAbove5 += sampleS;
  if (snapshot !== null) {
    maps.snapshots.push({ timeS, densityPerM2: snapshot });
    recorder.nextSnapshotS += recorder.snapshotEveryS;
  }

  // Zones: Voronoi density over the whole zone, people inside, levels of service.
  for (const zone of zones) {
    const stats = zone.stats;
    for (let k = 0; k < PLANNER_DENSITIES.length; k++) if (zone.above[k]) stats.secondsAbove[String(PLANNER_DENSITIES[k])] += sampleS;
    const density = voronoiDensity(agents.posXM, agents.posYM, agents.count, zone.polygon, VORONOI_CUTOFF_M, recorder.voronoi, isPedestrian);
    const [x0, y0, x1, y1] = zone.box;
    let people = 0;
    for (let i = 0; i < agents.count; i++) {
      if (agents.kind[i] !== AgentKind.pedestrian) continue;
      const x = agents.posXM[i], y = agents.posYM[i];
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && pointInPolygon(x, y, zone.polygon)) people++;
    }
    stats.series.voronoiPerM2.push(round(density, 3));
    stats.series.people.push(people);
    if (density > stats.maxVoronoiDensityPerM2) {
      stats.maxVoronoiDensityPerM2 = density;
      stats.maxVoronoiAtS = timeS;
    }
    if (people > stats.maxPeople) {
      stats.maxPeople = people;
      stats.maxPeopleAtS = timeS;
    }
    const level = SERVICE_LEVELS[serviceLevelIndex(density, zone.kind)];
    stats.secondsAtLevel[level] += sampleS;
    if (level > stats.worstLevel) stats.worstLevel = level;
  }

  // Gates: who queues outside each (near its middle), since when; who went through.
  for (const gate of recorder.gates) {
    const mx = (gate.ax + gate.bx) / 2, my = (gate.ay + gate.by) / 2;
    const reach = GATE_QUEUE_RADIUS_M + gate.lengthM / 2;
    let queue = 0;
    for (let i = 0; i < agents.count; i++) {
      if (agents.kind[i] !== AgentKind.pedestrian) continue;
      const x = agents.posXM[i], y = agents.posYM[i];
      const id = agents.id[i];
      const seenS = gate.firstSeenS.get(id);
      const near = (x - mx) * (x - mx) + (y - my) * (y - my) <= reach * reach;
      const side = Math.sign((gate.bx - gate.ax) * (y - gate.ay) - (gate.by - gate.ay) * (x - gate.ax));
      if (side === gate.insideSign) {
        // Through: the wait ends (only for those seen queueing outside).
        if (seenS !== undefined) {
          gate.waits.push(timeS - seenS);
          const minute = Math.floor(timeS / 60);
          while (gate.perMinute.length <= minute) gate.perMinute.push(0);
          gate.perMinute[minute]++;
          gate.firstSeenS.delete(id);
        }
        continue;
      }
      if (!near) continue;
      queue++;
      if (seenS === undefined) gate.firstSeenS.set(id, timeS);
    }
    gate.series.push(queue);
    if (queue > gate.maxQueue) {
      gate.maxQueue = queue;
      gate.maxQueueAtS = timeS;
    }
  }

  // Tram stops: who waits on each platform, and since when.
  for (const stop of recorder.stops) {
    let waiting = 0;
    for (let i = 0; i < agents.count; i++) {
      if (!waitsAtDoors(world, i, stop.doorExits)) continue;
      waiting++;
      if (!stop.firstSeenS.has(agents.id[i])) stop.firstSeenS.set(agents.id[i], timeS);
    }
    stop.series.push(waiting);
    if (waiting > stop.maxQueue) {
      stop.maxQueue = waiting;
      stop.maxQueueAtS = timeS;
    }
  }
}

/** The planner's figures and maps at the end of the run, from the recorder and the run's summary. */
export function finishPlanner(recorder: PlannerRecorder, world: World, run: RunSummary): { summary: PlannerSummary; maps: PlannerMaps } {
  const stepS = world.clock.stepS;
  const { records } = world;
  const endS = run.simulatedS;

  // Flows through the measurement lines, minute by minute.
  const flows: Record<string, FlowStats> = {};
  for (const line of world.lines) {
    const spec = (world.scenario.measurementLines ?? []).find((l) => l.id === line.id)!;
    const widthM = Math.hypot(spec.to[0] - spec.from[0], spec.to[1] - spec.from[1]);
    const perMinute = new Array<number>(Math.max(1, Math.ceil(endS / 60))).fill(0);
    for (const t of seriesToArray(line.timesS)) perMinute[Math.min(perMinute.length - 1, Math.floor(t / 60))]++;
    const summary = run.lines[line.id];
    flows[line.id] = flowStatsOf(perMinute, widthM, summary.crossings, summary.forward, summary.backward);
  }

  // Waits at tram stops: from first seen on the platform to boarding (leaving by its doors).
  const queues: Record<string, QueueStats> = {};
  for (const stop of recorder.stops) {
    const waits: number[] = [];
    for (const [id, seenS] of stop.firstSeenS) {
      const exit = records.exitIndex[id];
      if (exit < 0 || records.exitTick[id] < 0) continue;
      let boarded = false;
      for (let k = 0; k < stop.doorExits.length && !boarded; k++) boarded = stop.doorExits[k] === exit;
      if (boarded) waits.push(Math.max(0, records.exitTick[id] * stepS - seenS));
    }
    queues[stop.id] = queueStatsOf('stop', waits, stop);
  }

  // Gates: the waits of those who went through, and the flow through each.
  for (const gate of recorder.gates) {
    queues[gate.id] = queueStatsOf('gate', gate.waits, gate);
    if (flows[gate.id] !== undefined) continue;
    const perMinute = new Array<number>(Math.max(1, Math.ceil(endS / 60))).fill(0);
    gate.perMinute.forEach((count, m) => (perMinute[Math.min(perMinute.length - 1, m)] += count));
    flows[gate.id] = flowStatsOf(perMinute, gate.lengthM, gate.waits.length, gate.waits.length, 0);
  }

  // Egress, timed from the planner's moment: everyone inside then or arriving later.
  const momentId = world.scenario.planner?.egressFrom ?? null;
  const fromS = momentId === null ? 0 : world.scenario.schedule!.find((moment) => moment.id === momentId)!.atS;
  const egressTimes: number[] = [];
  let remaining = 0;
  for (let id = 0; id < records.count; id++) {
    const exitS = records.exitTick[id] >= 0 ? records.exitTick[id] * stepS : null;
    if (exitS !== null && exitS <= fromS) continue;
    if (exitS === null) remaining++;
    egressTimes.push(exitS === null ? Infinity : exitS - fromS);
  }
  egressTimes.sort((a, b) => a - b);
  const egressQuantile = (q: number): number | null => {
    if (egressTimes.length === 0) return null;
    const value = egressTimes[Math.max(0, Math.ceil(q * egressTimes.length) - 1)];
    return Number.isFinite(value) ? round(value, 1) : null;
  };

  // Travel times per origin group and exit: from setting off (after a gathering: from leaving it) to the exit
  // (a tram's doors count as their stop: LINE:STOP).
  const exitLabel = [...world.exitIds];
  for (const line of world.transit?.lines ?? []) for (const stop of line.stops) for (const e of stop.doorExits) exitLabel[e] = `${line.id}:${stop.id}`;
  const times = new Map<string, number[]>();
  for (let id = 0; id < records.count; id++) {
    if (records.exitTick[id] < 0 || records.exitIndex[id] < 0) continue;
    const population = world.populations[records.group[id]];
    const state = population.gathering !== null && id < world.gatherState.length ? world.gatherState[id] : GATHER_WALKING;
    const startS = state !== GATHER_WALKING && state !== GATHER_WAITING ? (state - 1) * stepS : records.spawnTick[id] * stepS;
    const key = `${population.id} -> ${exitLabel[records.exitIndex[id]]}`;
    let list = times.get(key);
    if (list === undefined) times.set(key, (list = []));
    list.push(records.exitTick[id] * stepS - startS);
  }
  const travelTimes: Record<string, TravelTimeStats> = {};
  for (const key of [...times.keys()].sort()) {
    const list = times.get(key)!.sort((a, b) => a - b);
    travelTimes[key] = {
      count: list.length, meanS: round(list.reduce((s, t) => s + t, 0) / list.length, 1),
      p50S: round(quantileSorted(list, 0.5), 1), p85S: round(quantileSorted(list, 0.85), 1), p95S: round(quantileSorted(list, 0.95), 1),
    };
  }

  // Zones, rounded.
  const zones: Record<string, ZoneStats> = {};
  for (const zone of recorder.zones) {
    const stats = zone.stats;
    zones[zone.id] = {
      ...stats, areaM2: round(stats.areaM2, 1), maxDensityPerM2: round(stats.maxDensityPerM2, 2), maxAtS: round(stats.maxAtS, 2),
      maxVoronoiDensityPerM2: round(stats.maxVoronoiDensityPerM2, 2), maxVoronoiAtS: round(stats.maxVoronoiAtS, 2), maxPeopleAtS: round(stats.maxPeopleAtS, 2),
      secondsAbove: Object.fromEntries(Object.entries(stats.secondsAbove).map(([k, v]) => [k, round(v, 2)])),
      secondsAtLevel: Object.fromEntries(Object.entries(stats.secondsAtLevel).map(([k, v]) => [k, round(v, 2)])) as Record<ServiceLevel, number>,
    };
  }

  // Bottlenecks: each place's saturation against its danger threshold or capacity.
  const bottlenecks: Bottleneck[] = [];
  for (const [id, zone] of Object.entries(zones)) {
    const critical = zone.kind === 'queue' ? STANDING_CRITICAL_PER_M2 : MOVING_CRITICAL_PER_M2;
    bottlenecks.push({
      id, kind: 'zone', saturation: round(zone.maxDensityPerM2 / critical, 3),
      why: `up to ${zone.maxDensityPerM2.toFixed(2)} P/m² (2 m x 2 m) at ${clockOf(zone.maxAtS)}, ${zone.secondsAbove['4'].toFixed(0)} s above 4 P/m²; critical for a ${zone.kind === 'queue' ? 'standing' : 'moving'} crowd: ${critical} P/m²`,
    });
  }
  for (const [id, flow] of Object.entries(flows)) {
    bottlenecks.push({
      id, kind: 'line', saturation: round(flow.peakSpecificFlowPerMS / CAPACITY_SPECIFIC_FLOW, 3),
      why: `busiest minute ${flow.peakPerMin} people at ${clockOf(flow.peakAtS)} over ${flow.widthM} m: ${flow.peakSpecificFlowPerMS.toFixed(2)} P/(m s), capacity about ${CAPACITY_SPECIFIC_FLOW} P/(m s) (Weidmann)`,
    });
  }
  for (const stop of recorder.stops) {
    const queue = queues[stop.id];
    bottlenecks.push({
      id: stop.id, kind: 'stop', saturation: round(queue.maxQueue / Math.max(stop.capacity, 1), 3),
      why: `up to ${queue.maxQueue} waiting at ${clockOf(queue.maxQueueAtS)} for trams of ${stop.capacity} places${queue.p95WaitS === null ? '' : `; 95 % boarded within ${queue.p95WaitS.toFixed(0)} s`}`,
    });
  }
  for (const gate of recorder.gates) {
    const queue = queues[gate.id];
    const flow = flows[gate.id];
    bottlenecks.push({
      id: gate.id, kind: 'gate', saturation: round(flow.peakSpecificFlowPerMS / CAPACITY_SPECIFIC_FLOW, 3),
      why: `up to ${queue.maxQueue} queueing at ${clockOf(queue.maxQueueAtS)}${queue.p95WaitS === null ? '' : `, 95 % through within ${queue.p95WaitS.toFixed(0)} s`}; busiest minute ${flow.peakPerMin} people over ${flow.widthM} m`,
    });
  }
  bottlenecks.sort((a, b) => b.saturation - a.saturation || (a.id < b.id ? -1 : 1));

  let worstLevel = -1;
  let areaAbove4 = 0;
  const { maps } = recorder;
  for (let node = 0; node < maps.worstLevel.length; node++) {
    if (maps.worstLevel[node] > worstLevel) worstLevel = maps.worstLevel[node];
    if (maps.secondsAbove4[node] > 0) areaAbove4 += maps.cellM * maps.cellM;
  }
  const peakZone = recorder.zones.find((zone) => pointInPolygon(recorder.peak.at[0], recorder.peak.at[1], zone.polygon))?.id ?? null;
  const egressP95S = egressQuantile(0.95);
  const summary: PlannerSummary = {
    sampleS: recorder.sampleS,
    thresholds: { densitiesPerM2: PLANNER_DENSITIES, movingCriticalPerM2: MOVING_CRITICAL_PER_M2, standingCriticalPerM2: STANDING_CRITICAL_PER_M2 },
    headline: {
      peakDensityPerM2: round(recorder.peak.densityPerM2, 2), peakAtS: round(recorder.peak.atS, 2), peakAt: recorder.peak.at, peakZone,
      secondsAbove4: round(recorder.secondsAbove4, 2), secondsAbove5: round(recorder.secondsAbove5, 2), areaAbove4M2: areaAbove4,
      maxPeopleInside: recorder.maxInside, maxPeopleAtS: round(recorder.maxInsideAtS, 2), egressP95S,
      worstLevel: SERVICE_LEVELS[Math.max(0, worstLevel)], bottleneck: bottlenecks.length > 0 ? bottlenecks[0].id : null,
    },
    zones, flows, queues,
    egress: {
      fromS, moment: momentId, people: egressTimes.length, p50S: egressQuantile(0.5), p95S: egressP95S, allOutS: remaining === 0 ? egressQuantile(1) : null,
      remaining, inside: recorder.inside,
    },
    travelTimes,
    bottlenecks,
  };
  return { summary, maps };
}

/** A flow's figures from its people per minute: the busiest minute and its specific flow over `widthM`. */
function flowStatsOf(perMinute: number[], widthM: number, crossings: number, forward: number, backward: number): FlowStats {
  let peak = 0;
  for (let m = 1; m < perMinute.length; m++) if (perMinute[m] > perMinute[peak]) peak = m;
  return {
    widthM: round(widthM, 2), crossings, forward, backward, perMinute,
    peakPerMin: perMinute[peak], peakAtS: peak * 60, peakSpecificFlowPerMS: round(perMinute[peak] / 60 / Math.max(widthM, 1e-9), 3),
  };
}

/** A queue's figures from the waits of those served and its sampled lengths. */
function queueStatsOf(kind: 'stop' | 'gate', waits: number[], queue: { maxQueue: number; maxQueueAtS: number; series: number[] }): QueueStats {
  const sorted = [...waits].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    kind, maxQueue: queue.maxQueue, maxQueueAtS: round(queue.maxQueueAtS, 2), served: n,
    meanWaitS: n > 0 ? round(sorted.reduce((sum, w) => sum + w, 0) / n, 1) : null,
    p95WaitS: n > 0 ? round(quantileSorted(sorted, 0.95), 1) : null,
    maxWaitS: n > 0 ? round(sorted[n - 1], 1) : null,
    series: queue.series,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Seconds as h:mm:ss (or m:ss under an hour), for the bottlenecks' explanations. */
function clockOf(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
