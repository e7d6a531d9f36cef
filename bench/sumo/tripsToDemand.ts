/**
 * Turning SUMO trips into Vigie demand. Vigie's demand is a rate between two nodes over a time
 * window (vehicles evenly spread, routed on the shortest free-flow-time path), so the trips are
 * aggregated by origin-destination pair: origin = the from-junction of the trip's first edge,
 * destination = the to-junction of its last edge (SUMO departs at the start of the first edge and
 * arrives at the end of the last one by default); a junction-to-junction trip (SUMO's
 * `--junction-taz`) keeps its junctions, which is exactly Vigie's notion of a trip.
 * Each pair's k trips, departing from t1 to tk, become one entry of k vehicles at an even headway
 * h = (tk - t1) / (k - 1) over [t1, t1 + k h]: the first leaves at t1, the last at tk, exactly
 * k in all (a single trip leaves exactly at its departure time).
 * With `followRoutes`, a vehicle with an explicit SUMO route whose every edge is a Vigie link
 * keeps it: trips are then grouped by route (origin, destination and links), each group one
 * entry with its `route` (TrafficDemandSpec.route); the others are grouped by pair as above.
 * NOTE: within a group, departures in between are evenly spread rather than SUMO's; without a
 * route, all vehicles of a pair take the one shortest route from origin to destination, which
 * need not begin with the trip's first edge, so that edge-to-edge trips come out shorter in Vigie
 * (SUMO drives the whole first and last edge).
 */
import type { TrafficDemandSpec } from '../../engine/scenario/Scenario.ts';
import type { SumoNet } from './readSumoNet.ts';
import type { SumoTrip } from './readSumoTrips.ts';

/** Shortest headway within one pair, s (keeps the rate within the scenario schema's bound). */
const MIN_HEADWAY_S = 0.1;

/** The demand, and the trips that could not be carried over. */
export interface DemandFromTrips {
  demand: TrafficDemandSpec[];
  /** Trips carried over (the sum of the entries' vehicles). */
  trips: number;
  /** Trips whose first or last edge is not a Vigie link (no lane for cars, internal, unknown), or whose junction is unknown. */
  unknownEdge: number;
  /** Trips that end at the junction they start from (a Vigie trip needs two nodes). */
  sameNode: number;
  /** Trips carried with their own SUMO route. */
  routed: number;
}

/** Aggregates `trips` on the network `net` into Vigie demand entries, one per origin-destination pair. */
export function tripsToDemand(trips: SumoTrip[], net: SumoNet, followRoutes = false): DemandFromTrips {
  const pairs = new Map<string, { from: number; to: number; route: number[] | null; departS: number[] }>();
  let unknownEdge = 0;
  let sameNode = 0;
  let routed = 0;
  for (const trip of trips) {
    const from = trip.fromJunction !== null ? net.nodeOfJunction.get(trip.fromJunction) : net.edges.get(trip.firstEdge ?? '')?.from;
    const to = trip.toJunction !== null ? net.nodeOfJunction.get(trip.toJunction) : net.edges.get(trip.lastEdge ?? '')?.to;
    if (from === undefined || to === undefined) {
      unknownEdge++;
      continue;
    }
    if (from === to) {
      sameNode++;
      continue;
    }
    const route = followRoutes ? vigieRoute(trip.edges, net) : null;
    if (route) routed++;
    const key = route ? `${from}>${to}:${route.join(',')}` : `${from}>${to}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { from, to, route, departS: [] }));
    pair.departS.push(Math.max(0, trip.departS));
  }
  const demand: TrafficDemandSpec[] = [];
  let carried = 0;
  for (const pair of pairs.values()) {
    const times = pair.departS.sort((a, b) => a - b);
    const k = times.length;
    const headwayS = Math.max(MIN_HEADWAY_S, k > 1 ? (times[k - 1] - times[0]) / (k - 1) : 1);
    const id = pair.route ? `route-${demand.length}` : `od-${pair.from}-${pair.to}`;
    demand.push({ id, from: pair.from, to: pair.to, vehiclesPerHour: 3600 / headwayS, fromS: times[0], toS: times[0] + k * headwayS, vehicleClass: 'car', ...(pair.route ? { route: pair.route } : {}) });
    carried += k;
  }
  // In order of first departure (the insertion loop visits entries in this order).
  demand.sort((a, b) => a.fromS - b.fromS);
  return { demand, trips: carried, unknownEdge, sameNode, routed };
}

/** The Vigie links of a SUMO route, or null when an edge is not a link or two do not join. */
function vigieRoute(edges: string[], net: SumoNet): number[] | null {
  if (edges.length === 0) return null;
  const route: number[] = [];
  for (const edge of edges) {
    const link = net.edges.get(edge);
    if (!link || (route.length > 0 && net.edges.get(edges[route.length - 1])!.to !== link.from)) return null;
    route.push(link.link);
  }
  return route;
}
