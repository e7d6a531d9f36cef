/**
 * The road network vehicles drive on: directed links between nodes, each with its lanes, speed
 * limit, length and shape; a router over it (A* by free-flow travel time); and per link, whether
 * a signal controls its downstream end. Built once per world from `traffic.roads`.
 */
import { RouteGraph } from '../navigation/RouteGraph.ts';
import type { RoadNetworkSpec } from '../scenario/Scenario.ts';

/** Default speed limit, km/h, and lanes of a link that gives none. */
export const DEFAULT_SPEED_KPH = 50;

/** The network (plain typed arrays, owned by the world). */
export interface RoadNetwork {
  linkCount: number;
  linkFrom: Int32Array;
  linkTo: Int32Array;
  linkLengthM: Float64Array;
  linkSpeedMps: Float64Array;
  linkLanes: Int32Array;
  /**
   * Global index of lane 0 of each link (lanes of link l are laneBase[l] .. laneBase[l + 1] - 1);
   * lane 0 is the rightmost, as in SUMO (the lane connections, laneConnections.ts, rely on it).
   */
  laneBase: Int32Array;
  laneCount: number;
  /** Shape of each link: x0, y0, x1, y1, ... from its from-node to its to-node. */
  linkShape: Float64Array[];
  /** Cumulative length at each shape point. */
  linkShapeM: Float64Array[];
  /**
   * Position of each link among its to-node's incoming links and among its from-node's outgoing
   * links (both in link order), and the count of each per node: a turning movement through a node
   * is (in position, out position), as signal programs index them (SignalPlans.ts).
   */
  linkInIndex: Int32Array;
  linkOutIndex: Int32Array;
  nodeInCount: Int32Array;
  nodeOutCount: Int32Array;
  /** Signal index controlling the link's downstream end, or -1. */
  linkSignal: Int32Array;
  /** Router by free-flow travel time (edge k = link k). */
  router: RouteGraph;
  nodeXY: Float64Array;
}

/** Builds the network of a validated spec. */
export function buildRoadNetwork(spec: RoadNetworkSpec): RoadNetwork {
  const linkCount = spec.links.length;
  const linkFrom = new Int32Array(linkCount);
  const linkTo = new Int32Array(linkCount);
  const linkLengthM = new Float64Array(linkCount);
  const linkSpeedMps = new Float64Array(linkCount);
  const linkLanes = new Int32Array(linkCount);
  const laneBase = new Int32Array(linkCount + 1);
  const linkShape: Float64Array[] = [];
  const linkShapeM: Float64Array[] = [];
  spec.links.forEach((link, l) => {
    linkFrom[l] = link.from;
    linkTo[l] = link.to;
    linkLanes[l] = Math.max(1, Math.round(link.lanes ?? 1));
    linkSpeedMps[l] = (link.speedKph ?? DEFAULT_SPEED_KPH) / 3.6;
    const points = [spec.nodes[link.from], ...(link.via ?? []), spec.nodes[link.to]];
    const shape = new Float64Array(points.flat());
    const cumulative = new Float64Array(points.length);
    for (let k = 1; k < points.length; k++) cumulative[k] = cumulative[k - 1] + Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]);
    linkShape.push(shape);
    linkShapeM.push(cumulative);
    linkLengthM[l] = Math.max(0.1, cumulative[points.length - 1]);
    laneBase[l + 1] = laneBase[l] + linkLanes[l];
  });
  const nodeXY = new Float64Array(spec.nodes.flat());
  const nodeInCount = new Int32Array(spec.nodes.length);
  const nodeOutCount = new Int32Array(spec.nodes.length);
  const linkInIndex = new Int32Array(linkCount);
  const linkOutIndex = new Int32Array(linkCount);
  for (let l = 0; l < linkCount; l++) {
    linkInIndex[l] = nodeInCount[linkTo[l]]++;
    linkOutIndex[l] = nodeOutCount[linkFrom[l]]++;
  }
  const router = new RouteGraph({ nodeXY, edges: spec.links.map((link, l) => ({ from: link.from, to: link.to, lengthM: linkLengthM[l], maxSpeedKph: link.speedKph ?? DEFAULT_SPEED_KPH })) }, true, 'time');
  return { linkCount, linkFrom, linkTo, linkLengthM, linkSpeedMps, linkLanes, laneBase, laneCount: laneBase[linkCount], linkShape, linkShapeM, linkInIndex, linkOutIndex, nodeInCount, nodeOutCount, linkSignal: new Int32Array(linkCount).fill(-1), router, nodeXY };
}

/** The point at distance `positionM` along link `link` (clamped to its ends), into `out`. */
export function pointOnLink(network: RoadNetwork, link: number, positionM: number, out: Float64Array): void {
  const shape = network.linkShape[link];
  const cumulative = network.linkShapeM[link];
  const along = Math.min(Math.max(positionM, 0), cumulative[cumulative.length - 1]);
  let k = 1;
  while (k < cumulative.length - 1 && cumulative[k] < along) k++;
  const span = cumulative[k] - cumulative[k - 1];
  const t = span > 0 ? (along - cumulative[k - 1]) / span : 0;
  out[0] = shape[2 * (k - 1)] + t * (shape[2 * k] - shape[2 * (k - 1)]);
  out[1] = shape[2 * (k - 1) + 1] + t * (shape[2 * k + 1] - shape[2 * (k - 1) + 1]);
}
