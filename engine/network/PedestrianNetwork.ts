/**
 * Walking across the city on the pedestrian network, before the walkable space of the scenario:
 * a mesoscopic queue model. Each edge has
 *  - a speed: people walk at their desired speed times Weidmann's share at the density of the
 *    people moving on the edge (Weidmann 1993, "Transporttechnik der Fussgänger", as used in
 *    RiMEA and by Seyfried et al. 2005):
 *      v(rho) = v0 [1 - exp(-gamma (1/rho - 1/rhoMax))],  gamma = 1.913 P/m², rhoMax = 5.4 P/m²,
 *    rho = people moving on the edge / (edge length, at least 10 m, x walkable width);
 *  - a flow capacity: at most CAPACITY_PER_M_S x width people enter it per second, the peak of
 *    Weidmann's specific flow (about 1.2 P/(m s) near 1.8 P/m²);
 *  - a storage capacity: at most rhoMax x length x width people on it (moving or queued).
 * Someone who reaches the end of an edge and may not enter the next one waits at the node, in a
 * queue that discharges at the next edge's capacity: the queue model of Gawron (1998) and
 * MATSim's QSim, with Weidmann's speeds. Without it a crowd bunched on one edge counts as packed,
 * crawls, and never drains at the rate a real bottleneck does.
 * People on the network do not interact otherwise; the network carries them from far away to
 * where the microscopic model (the Collision-Free Speed Model in the walkable space) takes over.
 * Their positions are kept for display and counting.
 *
 * Who owns what: the network is built once per world; walkers live in their own struct of
 * arrays, sized for the groups and sources at build time (it doubles if a source outruns it).
 */
import { RouteGraph } from '../navigation/RouteGraph.ts';
import type { NetworkSpec } from '../scenario/Scenario.ts';
import { grownCopy, type GrowableArray } from '../memory/grownCopy.ts';

/** Weidmann's gamma, P/m², and jam density, P/m². */
const WEIDMANN_GAMMA = 1.913;
const WEIDMANN_RHO_MAX = 5.4;
/**
 * NOTE: at or past the jam density Weidmann's speed is zero and a packed edge would never
 * drain; people keep this share of their desired speed (a queue creeping forward).
 */
const MIN_SPEED_SHARE = 0.05;
/**
 * NOTE: density is taken over at least this length of street, m: the pieces of a city graph
 * between two junctions can be a metre long, and a platoon that set off together would
 * otherwise count as packed onto it.
 */
const MIN_DENSITY_LENGTH_M = 10;
/** Flow capacity of an edge per metre of width, P/(m s): the peak of Weidmann's specific flow. */
export const CAPACITY_PER_M_S = 1.2;
/** Walkable width of an edge without one, m. */
export const DEFAULT_NETWORK_WIDTH_M = 2;

/** The network: a router plus, per edge, its length, width and current occupancy. */
export interface PedestrianNetwork {
  graph: RouteGraph;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthM: Float64Array;
  edgeWidthM: Float64Array;
  /** People moving on each edge, counted at the start of every network step. */
  edgeOccupancy: Int32Array;
  /** People on each edge, moving or queued at its end (storage). */
  edgeStored: Int32Array;
  /** People who may still enter each edge (flow capacity accumulated, at most one step's worth or one person). */
  edgeBudget: Float64Array;
  /** Storage capacity of each edge, people. */
  edgeStorage: Float64Array;
}

/** A route through the network: nodes from the start to the entry, and the edge of each leg. */
export interface NetworkRoute {
  nodes: Int32Array;
  /** edges[k] joins nodes[k] and nodes[k + 1]. */
  edges: Int32Array;
  /** Where the route enters the walkable space (a point of it), metres. */
  entryXM: number;
  entryYM: number;
  lengthM: number;
}

/** People walking on the network (struct of arrays). */
export interface NetworkWalkers {
  count: number;
  capacity: number;
  population: Int32Array;
  /** Index in the route of the node walked towards; route.nodes.length once at the entry. */
  cursor: Int32Array;
  posXM: Float64Array;
  posYM: Float64Array;
  desiredSpeedMps: Float32Array;
  /** Tick at which the walker sets off (after its pre-movement time). */
  startTick: Int32Array;
  /** 1 while the walker is queued at the end of its edge, waiting to enter the next one. */
  waiting: Uint8Array;
}

/** Builds the network of a scenario. */
export function buildPedestrianNetwork(spec: NetworkSpec): PedestrianNetwork {
  const nodeXY = spec.nodes.flat();
  const edgeCount = spec.edges.length;
  const edgeFrom = new Int32Array(edgeCount);
  const edgeTo = new Int32Array(edgeCount);
  const edgeLengthM = new Float64Array(edgeCount);
  const edgeWidthM = new Float64Array(edgeCount);
  const edges = spec.edges.map((edge, k) => {
    const [from, to] = edge;
    edgeFrom[k] = from;
    edgeTo[k] = to;
    edgeLengthM[k] = Math.hypot(nodeXY[2 * to] - nodeXY[2 * from], nodeXY[2 * to + 1] - nodeXY[2 * from + 1]);
    edgeWidthM[k] = edge.length === 3 ? edge[2] : DEFAULT_NETWORK_WIDTH_M;
    return { from, to, lengthM: edgeLengthM[k] };
  });
  const edgeStorage = new Float64Array(edgeCount);
  for (let k = 0; k < edgeCount; k++) edgeStorage[k] = Math.max(1, WEIDMANN_RHO_MAX * edgeLengthM[k] * edgeWidthM[k]);
  return {
    graph: new RouteGraph({ nodeXY, edges }, false), edgeFrom, edgeTo, edgeLengthM, edgeWidthM,
    edgeOccupancy: new Int32Array(edgeCount), edgeStored: new Int32Array(edgeCount), edgeBudget: new Float64Array(edgeCount), edgeStorage,
  };
}

/** Seconds between two departures from the first node of `route`: the first edge's capacity. */
export function departureHeadwayS(network: PedestrianNetwork, route: NetworkRoute): number {
  const widthM = route.edges.length > 0 ? network.edgeWidthM[route.edges[0]] : DEFAULT_NETWORK_WIDTH_M;
  return 1 / (CAPACITY_PER_M_S * widthM);
}

/** An empty walker store. */
export function createNetworkWalkers(capacity: number): NetworkWalkers {
  const c = Math.max(1, capacity);
  return {
    count: 0,
    capacity: c,
    population: new Int32Array(c),
    cursor: new Int32Array(c),
    posXM: new Float64Array(c),
    posYM: new Float64Array(c),
    desiredSpeedMps: new Float32Array(c),
    startTick: new Int32Array(c),
    waiting: new Uint8Array(c),
  };
}

/** Adds a walker at (x, y), heading for node 1 of its route; grows the store if needed. Returns its slot. */
export function addWalker(walkers: NetworkWalkers, population: number, xM: number, yM: number, desiredSpeedMps: number, startTick: number): number {
  if (walkers.count === walkers.capacity) growWalkers(walkers, walkers.capacity * 2);
  const slot = walkers.count++;
  walkers.population[slot] = population;
  walkers.cursor[slot] = 1;
  walkers.posXM[slot] = xM;
  walkers.posYM[slot] = yM;
  walkers.desiredSpeedMps[slot] = desiredSpeedMps;
  walkers.startTick[slot] = startTick;
  walkers.waiting[slot] = 0;
  return slot;
}

/** Removes the walker in `slot` (the last one takes its place). */
export function removeWalkerAt(walkers: NetworkWalkers, slot: number): void {
  const last = --walkers.count;
  if (slot === last) return;
  walkers.population[slot] = walkers.population[last];
  walkers.cursor[slot] = walkers.cursor[last];
  walkers.posXM[slot] = walkers.posXM[last];
  walkers.posYM[slot] = walkers.posYM[last];
  walkers.desiredSpeedMps[slot] = walkers.desiredSpeedMps[last];
  walkers.startTick[slot] = walkers.startTick[last];
  walkers.waiting[slot] = walkers.waiting[last];
}

function growWalkers(walkers: NetworkWalkers, capacity: number): void {
  const grow = <T extends GrowableArray>(old: T): T => grownCopy(old, capacity);
  walkers.population = grow(walkers.population);
  walkers.cursor = grow(walkers.cursor);
  walkers.posXM = grow(walkers.posXM);
  walkers.posYM = grow(walkers.posYM);
  walkers.desiredSpeedMps = grow(walkers.desiredSpeedMps);
  walkers.startTick = grow(walkers.startTick);
  walkers.waiting = grow(walkers.waiting);
  walkers.capacity = capacity;
}

/** Weidmann's speed share at density rho (P/m²), at least MIN_SPEED_SHARE. */
export function weidmannSpeedShare(densityPerM2: number): number {
  if (densityPerM2 <= 0) return 1;
  if (densityPerM2 >= WEIDMANN_RHO_MAX) return MIN_SPEED_SHARE;
  return Math.max(MIN_SPEED_SHARE, 1 - Math.exp(-WEIDMANN_GAMMA * (1 / densityPerM2 - 1 / WEIDMANN_RHO_MAX)));
}

/**
 * Moves every walker that has set off along its route for one step. A walker on leg k - 1 (from
 * nodes[k - 1] to nodes[k], `cursor` = k) walks at its edge's Weidmann speed; at nodes[k] it
 * enters the next edge if that edge has flow budget and storage left, else it waits there
 * (`waiting` = 1) and tries again next step. A walker that reaches the route's entry point stops
 * there with cursor = route length: the caller releases it into the walkable space.
 * `routes[p]` is the route of population p. Walkers are served in slot order (deterministic).
 */
export function advanceWalkers(walkers: NetworkWalkers, network: PedestrianNetwork, routes: readonly (NetworkRoute | null)[], tick: number, stepS: number): void {
  const moving = network.edgeOccupancy;
  const stored = network.edgeStored;
  const budget = network.edgeBudget;
  const width = network.edgeWidthM;
  moving.fill(0);
  stored.fill(0);
  for (let e = 0; e < budget.length; e++) budget[e] = Math.min(budget[e] + CAPACITY_PER_M_S * width[e] * stepS, Math.max(1, CAPACITY_PER_M_S * width[e] * stepS));
  const n = walkers.count;
  for (let i = 0; i < n; i++) {
    const route = routes[walkers.population[i]]!;
    const k = walkers.cursor[i];
    if (tick < walkers.startTick[i] || k >= route.nodes.length) continue;
    const edge = route.edges[k - 1];
    stored[edge]++;
    if (walkers.waiting[i] === 0) moving[edge]++;
  }
  const xy = network.graph.nodeXY;
  for (let i = 0; i < n; i++) {
    if (tick < walkers.startTick[i]) continue;
    const route = routes[walkers.population[i]]!;
    const nodes = route.nodes;
    let k = walkers.cursor[i];
    if (k >= nodes.length) continue;
    let edge = route.edges[k - 1];
    let x = walkers.posXM[i];
    let y = walkers.posYM[i];
    let stepM = walkers.desiredSpeedMps[i] * stepS;
    let share = weidmannSpeedShare(moving[edge] / (Math.max(MIN_DENSITY_LENGTH_M, network.edgeLengthM[edge]) * width[edge]));
    while (stepM > 0 && k < nodes.length) {
      if (walkers.waiting[i] === 1) {
        // At the end of `edge` (node k): enter the next edge if it lets people in.
        const next = route.edges[k];
        if (budget[next] < 1 || stored[next] + 1 > network.edgeStorage[next]) break;
        budget[next] -= 1;
        stored[next]++;
        stored[edge]--;
        walkers.waiting[i] = 0;
        k++;
        edge = next;
        share = weidmannSpeedShare(moving[edge] / (Math.max(MIN_DENSITY_LENGTH_M, network.edgeLengthM[edge]) * width[edge]));
      }
      const isLast = k === nodes.length - 1;
      const tx = isLast ? route.entryXM : xy[2 * nodes[k]];
      const ty = isLast ? route.entryYM : xy[2 * nodes[k] + 1];
      const remaining = Math.hypot(tx - x, ty - y);
      const reachM = stepM * share;
      if (remaining > reachM) {
        x += ((tx - x) / remaining) * reachM;
        y += ((ty - y) / remaining) * reachM;
        stepM = 0;
      } else {
        x = tx;
        y = ty;
        stepM -= share > 0 ? remaining / share : stepM;
        if (isLast) k++;
        else walkers.waiting[i] = 1;
      }
    }
    walkers.posXM[i] = x;
    walkers.posYM[i] = y;
    walkers.cursor[i] = k;
  }
}
