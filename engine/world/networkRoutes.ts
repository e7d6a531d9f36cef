/**
 * Routes of the groups that start on the pedestrian network (`spawn.network`): from the network
 * node nearest to their start point to the nearest node (by network distance) from which the
 * walkable space can be entered towards their exits: a node with a walkable, reachable floor-field
 * cell, clear of walls, within ENTRY_RADIUS_M (a street's nodes lie on its centre line, people
 * enter on the sidewalk beside it). Computed once per world, at build time.
 */
import type { NetworkRoute, PedestrianNetwork } from '../network/PedestrianNetwork.ts';
import type { NavGrid } from '../navigation/NavGrid.ts';
import type { FloorField } from '../navigation/FloorField.ts';

/** How far from a network node its entry into the walkable space may be, m. */
export const ENTRY_RADIUS_M = 6;
/** Network nodes tried as the start, nearest first, within START_REACH_M (or twice the nearest's distance). */
const START_CANDIDATES = 16;
const START_REACH_M = 50;
/** Wall clearance an entry cell needs, m (a body and a little more). */
const ENTRY_CLEARANCE_M = 0.3;

/** Entry points per node for one floor field: NaN where a node has none. */
export interface NetworkEntries {
  isEntry: Uint8Array;
  entryXM: Float64Array;
  entryYM: Float64Array;
}

/** The entries of every network node towards `field`'s exits. */
export function networkEntries(network: PedestrianNetwork, nav: NavGrid, field: FloorField): NetworkEntries {
  const xy = network.graph.nodeXY;
  const nodeCount = network.graph.nodeCount;
  const isEntry = new Uint8Array(nodeCount);
  const entryXM = new Float64Array(nodeCount).fill(Number.NaN);
  const entryYM = new Float64Array(nodeCount).fill(Number.NaN);
  const reach = Math.ceil(ENTRY_RADIUS_M / nav.cellM);
  for (let node = 0; node < nodeCount; node++) {
    const x = xy[2 * node];
    const y = xy[2 * node + 1];
    const column = Math.floor((x - nav.originXM) / nav.cellM);
    const row = Math.floor((y - nav.originYM) / nav.cellM);
    if (column < -reach || row < -reach || column >= nav.columns + reach || row >= nav.rows + reach) continue;
    let bestD2 = ENTRY_RADIUS_M * ENTRY_RADIUS_M;
    let best = -1;
    for (let r = Math.max(0, row - reach); r <= Math.min(nav.rows - 1, row + reach); r++) {
      for (let c = Math.max(0, column - reach); c <= Math.min(nav.columns - 1, column + reach); c++) {
        const cell = r * nav.columns + c;
        if (!nav.walkable[cell] || nav.clearanceM[cell] < ENTRY_CLEARANCE_M || !Number.isFinite(field.distanceM[cell]) || nav.exitAt[cell] >= 0) continue;
        const cx = nav.originXM + (c + 0.5) * nav.cellM;
        const cy = nav.originYM + (r + 0.5) * nav.cellM;
        const d2 = (cx - x) * (cx - x) + (cy - y) * (cy - y);
        if (d2 < bestD2) {
          bestD2 = d2;
          best = cell;
        }
      }
    }
    if (best < 0) continue;
    isEntry[node] = 1;
    entryXM[node] = nav.originXM + ((best % nav.columns) + 0.5) * nav.cellM;
    entryYM[node] = nav.originYM + (Math.floor(best / nav.columns) + 0.5) * nav.cellM;
  }
  return { isEntry, entryXM, entryYM };
}

/** The route from the node nearest to (x, y) into the walkable space, or null when there is none. */
export function planNetworkRoute(network: PedestrianNetwork, entries: NetworkEntries, xM: number, yM: number): NetworkRoute | null {
  const graph = network.graph;
  // NOTE: the nearest node may sit on a path cut off from the rest (a platform, a courtyard):
  // the first of the nearest few that has a route is taken.
  let start = -1;
  let lengthM = Infinity;
  const xy = graph.nodeXY;
  const distanceTo = (node: number): number => Math.hypot(xy[2 * node] - xM, xy[2 * node + 1] - yM);
  const candidates = graph.nearestNodes(xM, yM, START_CANDIDATES);
  const reachM = candidates.length > 0 ? Math.max(START_REACH_M, 2 * distanceTo(candidates[0])) : 0;
  for (const candidate of candidates) {
    if (distanceTo(candidate) > reachM) break;
    lengthM = graph.routeToAny(candidate, entries.isEntry);
    if (Number.isFinite(lengthM)) {
      start = candidate;
      break;
    }
  }
  if (start < 0) return null;
  const nodes = new Int32Array(graph.lastPathCount);
  graph.routeToAny(start, entries.isEntry, nodes);
  const edges = new Int32Array(Math.max(0, nodes.length - 1));
  for (let k = 0; k + 1 < nodes.length; k++) edges[k] = graph.edgeBetween(nodes[k], nodes[k + 1]);
  const last = nodes[nodes.length - 1];
  return { nodes, edges, entryXM: entries.entryXM[last], entryYM: entries.entryYM[last], lengthM };
}
