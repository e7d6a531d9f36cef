/**
 * A city's road graph as a scenario's road network (`traffic.roads`): one node per road-graph
 * node, one directed link per road-graph edge with its lanes, speed limit and shape, and a
 * fixed-time signal at every junction mapped with traffic signals. Optionally limited to the
 * edges that meet a box (plus a margin), for a scenario on part of a city.
 * Each link's `priority` is the rank of its road's OSM class (HIGHWAY_PRIORITY): at a junction
 * without signals, a road of a higher class has right of way, as French priority roads mostly are
 * the main roads; between equal classes, drivers yield to the right (Code de la route R415-5).
 * NOTE: OSM's explicit `priority_road=designated` is not read by the road layer yet.
 */
import type { CityModel, XY } from '../CityModel.ts';
import type { BoxXY } from '../walkable/walkableSpaceOf.ts';
import { subgraphNodes } from '../graphs/subgraphNodes.ts';

/** The plain road network of a scenario (mirrors the engine's RoadNetworkSpec). */
export interface TrafficRoads {
  nodes: XY[];
  links: { id: string; from: number; to: number; lanes: number; speedKph: number; via?: XY[]; priority?: number }[];
  /** Nodes (indices in `nodes`) with traffic signals. */
  signalNodes: number[];
}

/** Right-of-way rank by OSM `highway` class (a `*_link` ramp takes its road's), higher first. */
export const HIGHWAY_PRIORITY: Record<string, number> = {
  motorway: 7, trunk: 6, primary: 5, secondary: 4, tertiary: 3, unclassified: 2, residential: 2, living_street: 1, service: 1,
};

/** The road network of the city (or of the part meeting `box`, widened by `marginM`). */
export function trafficRoadsOf(city: CityModel, box?: BoxXY, marginM = 200): TrafficRoads {
  const graph = city.roadGraph;
  const inside = (node: number): boolean => {
    if (!box) return true;
    const x = graph.nodeXY[2 * node];
    const y = graph.nodeXY[2 * node + 1];
    return x >= box.minX - marginM && x <= box.maxX + marginM && y >= box.minY - marginM && y <= box.maxY + marginM;
  };
  const { nodes, indexOf: index, nodeOf } = subgraphNodes(graph);
  const classOf = new Map(city.roads.map((road) => [road.id, road.highway]));
  const links: TrafficRoads['links'] = [];
  for (const edge of graph.edges) {
    if (!inside(edge.from) || !inside(edge.to)) continue;
    const link: TrafficRoads['links'][number] = { id: edge.featureId, from: nodeOf(edge.from), to: nodeOf(edge.to), lanes: Math.max(1, Math.min(8, edge.lanes ?? 1)), speedKph: edge.maxSpeedKph ?? 50 };
    if (edge.via && edge.via.length > 0) link.via = edge.via;
    const priority = HIGHWAY_PRIORITY[(classOf.get(edge.featureId) ?? '').replace(/_link$/, '')];
    if (priority !== undefined) link.priority = priority;
    links.push(link);
  }
  const signalNodes = graph.junctions.filter((junction) => junction.signals && index.has(junction.node)).map((junction) => index.get(junction.node)!);
  return { nodes, links, signalNodes };
}

/** The node of `roads` nearest to a point (-1 when there is none). */
export function nearestRoadNode(roads: TrafficRoads, [x, y]: XY): number {
  let best = -1;
  let bestD2 = Infinity;
  roads.nodes.forEach(([nx, ny], k) => {
    const d2 = (nx - x) * (nx - x) + (ny - y) * (ny - y);
    if (d2 < bestD2) {
      bestD2 = d2;
      best = k;
    }
  });
  return best;
}
