/**
 * A city's road graph as a scenario's road network (`traffic.roads`): one node per road-graph
 * node, one directed link per road-graph edge with its lanes, speed limit and shape, and a
 * fixed-time signal at every junction mapped with traffic signals. Optionally limited to the
 * edges that meet a box (plus a margin), for a scenario on part of a city.
 * Each link's `priority` is the rank of its road's OSM class (HIGHWAY_PRIORITY): at a junction
 * without signals, a road of a higher class has right of way, as French priority roads mostly are
 * the main roads; between equal classes, drivers yield to the right (Code de la route R415-5).
 * NOTE: OSM's explicit `priority_road=designated` is not read by the road layer yet.
 * Pedestrian streets are links too (`restrictedLinks`), with the rising bollards that close
 * them (`bollards`): the scenario placement closes them to all but emergency vehicles.
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
  /** Links on pedestrian streets (vehicles only when let in). */
  restrictedLinks: number[];
  /** Rising bollards on the network: per bollard, the links into the pedestrian zone it closes. */
  bollards: { id: string; links: number[] }[];
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
  const restrictedLinks: number[] = [];
  const reached = reachedFromOpenRoads(graph);
  for (const edge of graph.edges) {
    if (!inside(edge.from) || !inside(edge.to)) continue;
    if (edge.restricted && !reached.has(edge.from)) continue;
    const link: TrafficRoads['links'][number] = { id: edge.featureId, from: nodeOf(edge.from), to: nodeOf(edge.to), lanes: Math.max(1, Math.min(8, edge.lanes ?? 1)), speedKph: edge.maxSpeedKph ?? 50 };
    if (edge.via && edge.via.length > 0) link.via = edge.via;
    const priority = HIGHWAY_PRIORITY[(classOf.get(edge.featureId) ?? '').replace(/_link$/, '')];
    if (priority !== undefined) link.priority = priority;
    if (edge.restricted) restrictedLinks.push(links.length);
    links.push(link);
  }
  const signalNodes = graph.junctions.filter((junction) => junction.signals && index.has(junction.node)).map((junction) => index.get(junction.node)!);
  return { nodes, links, signalNodes, restrictedLinks, bollards: bollardsOf(city, nodes, links, new Set(restrictedLinks)) };
}

/**
 * Pedestrian streets that no open road reaches (a lane joined only by footways) carry no
 * vehicle: their edges are left out of the road network.
 */
function reachedFromOpenRoads(graph: CityModel['roadGraph']): Set<number> {
  const adjacency = new Map<number, number[]>();
  const frontier: number[] = [];
  const seen = new Set<number>();
  graph.edges.forEach((edge) => {
    if (!edge.restricted) {
      for (const node of [edge.from, edge.to]) if (!seen.has(node)) { seen.add(node); frontier.push(node); }
      return;
    }
    for (const [a, b] of [[edge.from, edge.to], [edge.to, edge.from]]) adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  });
  while (frontier.length > 0) {
    const node = frontier.pop()!;
    for (const next of adjacency.get(node) ?? []) if (!seen.has(next)) { seen.add(next); frontier.push(next); }
  }
  return seen;
}

/**
 * The rising bollards standing on road nodes, each with the links it closes when raised: those
 * leaving its node into the pedestrian zone (restricted links whose far end touches no open
 * road), so that a vehicle inside the zone can always drive out (exit detectors lower the
 * bollards, as installations do).
 */
function bollardsOf(city: CityModel, nodes: XY[], links: TrafficRoads['links'], restricted: Set<number>): TrafficRoads['bollards'] {
  const touchesOpenRoad = new Set<number>();
  links.forEach((link, k) => {
    if (restricted.has(k)) return;
    touchesOpenRoad.add(link.from);
    touchesOpenRoad.add(link.to);
  });
  const bollards: TrafficRoads['bollards'] = [];
  for (const poi of city.pois) {
    if (poi.kind !== 'bollard' || poi.subtype !== 'rising') continue;
    const node = nodes.findIndex(([x, y]) => Math.abs(x - poi.at[0]) < 0.05 && Math.abs(y - poi.at[1]) < 0.05);
    if (node < 0) continue;
    const closes = links.flatMap((link, k) => (link.from === node && restricted.has(k) && !touchesOpenRoad.has(link.to) ? [k] : []));
    if (closes.length > 0) bollards.push({ id: poi.id, links: closes });
  }
  return bollards;
}

/**
 * The node of `roads` nearest to a point on an open road (not only on pedestrian streets) unless
 * `anyNode`, else any; -1 when there is none.
 */
export function nearestRoadNode(roads: TrafficRoads, [x, y]: XY, anyNode = false): number {
  const restricted = new Set(roads.restrictedLinks);
  const open = new Set<number>();
  roads.links.forEach((link, k) => {
    if (restricted.has(k) && !anyNode) return;
    open.add(link.from);
    open.add(link.to);
  });
  let best = -1;
  let bestD2 = Infinity;
  roads.nodes.forEach(([nx, ny], k) => {
    if (open.size > 0 && !open.has(k)) return;
    const d2 = (nx - x) * (nx - x) + (ny - y) * (ny - y);
    if (d2 < bestD2) {
      bestD2 = d2;
      best = k;
    }
  });
  return best;
}
